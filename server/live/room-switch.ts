// One code for the whole lesson (the rule: lib/session/exercise-switch.ts): the teacher switches the
// session's exercise on a Room; everyone stays.
import {
  exerciseTransition,
  type SwitchExerciseAck,
  type SwitchExerciseRequest,
  type SwitchSource,
} from "../../lib/session/exercise-switch";
import { ENDED, type RoomCore } from "./room-core";

/** An exercise to switch to, and the title of the one the session started with (the report's first part). */
export interface LoadedSwitch {
  ok: true;
  source: SwitchSource;
  firstTitle: string;
}

/**
 * The teacher switches the exercise; everyone stays. `firstTitle`: the title of the exercise the
 * session started with, for the report's first part. Resolves once written and sent.
 */
export async function switchExerciseTo(room: RoomCore, request: SwitchExerciseRequest): Promise<SwitchExerciseAck> {
  if (room.ended) return { ok: false, error: ENDED };
  // the slug of the exercise the session runs now (the teacher's, not the students' view of it)
  const loaded = await room.settings.loadSwitch(request, room.ledger.value.state.exerciseSlug);
  if (!loaded.ok) return loaded;
  return switchExercise(room, loaded.source, loaded.firstTitle);
}

export async function switchExercise(
  room: RoomCore,
  source: SwitchSource,
  firstTitle: string,
): Promise<SwitchExerciseAck> {
  if (room.ended) return { ok: false, error: ENDED };
  const context = { now: room.settings.now(), firstTitle };
  return room.ledger.commit(
    room.ledger.guard(() => exerciseTransition(room.ledger.value, source, context)),
    // a new network: an edit sent before it is stale, whoever sent it
    { accepted: ({ version }) => room.shapes.record(version, undefined) },
  );
}
