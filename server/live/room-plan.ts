// The lesson's plan on a Room (the rules: lib/session/plan.ts): the teacher writes a question into
// the plan or reorders what has not run; the plan as the teacher sees it.
import type { Actor } from "../../lib/session/rules";
import {
  applyPlanRequest,
  planStatus as planStatusOf,
  type PlanAck,
  type PlanRequest,
  type PlanStatusAck,
} from "../../lib/session/plan";
import { ENDED, type RoomCore } from "./room-core";

/** The teacher writes a question into the plan or reorders it. Resolves once written and sent. */
export async function plan(room: RoomCore, actor: Actor, request: PlanRequest): Promise<PlanAck> {
  if (room.ended) return { ok: false, error: ENDED };
  return room.ledger.commit(room.ledger.guard(() => applyPlanRequest(room.ledger.value, request, actor)));
}

/** The plan's questions as the teacher sees them (as written). */
export function planStatus(room: RoomCore, actor: Actor): PlanStatusAck {
  return planStatusOf(room.ledger.written, actor);
}
