// The lesson's plan in the live client (the rules: lib/session/plan.ts): the teacher writes a
// question into it or reorders what has not run, and reads its questions (the teacher's only).
import type { PlanAck, PlanRequest, PlanStatusAck } from "../session/plan";
import type { ClientCore } from "./client-core";

export class LivePlan {
  constructor(private readonly core: ClientCore) {}

  /** The teacher writes a question into the lesson's plan or reorders it. */
  change(request: PlanRequest): Promise<PlanAck> {
    return this.core.ask("plan", request);
  }

  /** The plan's questions (the teacher's only). */
  status(): Promise<PlanStatusAck> {
    return this.core.ask("planStatus", {});
  }
}
