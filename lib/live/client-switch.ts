// One code for the whole lesson, in the live client (the rule: lib/session/exercise-switch.ts): the
// teacher switches the session's exercise; everyone stays.
import type { SwitchExerciseAck, SwitchExerciseRequest } from "../session/exercise-switch";
import type { ClientCore } from "./client-core";

export class LiveExerciseSwitch {
  constructor(private readonly core: ClientCore) {}

  /** Refused at once for a student, or while a round is on screen; else asked of the server. */
  switchTo(request: SwitchExerciseRequest): Promise<SwitchExerciseAck> {
    if (this.core.actor()?.role !== "teacher") {
      return Promise.resolve({ ok: false, error: { code: "not_allowed", message: "only the teacher switches" } });
    }
    if (this.core.confirmed()?.rounds?.current) {
      return Promise.resolve({
        ok: false,
        error: { code: "round_on_screen", message: "a round is on screen: clear it before switching the exercise" },
      });
    }
    return this.core.ask("switchExercise", request);
  }
}
