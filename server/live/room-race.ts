// The activation race on a Room (the rules: lib/session/race.ts): the teacher's requests, a
// student's entry (a submission's loss is the server's own), the entries as a member may see them.
import type { RaceAck, RaceEntryAck, RaceEntryRequest, RaceRequest, RaceStatusAck } from "../../lib/race/model";
import type { RaceEvaluator } from "../../lib/race/run";
import type { Actor } from "../../lib/session/rules";
import { applyRaceEntry, applyRaceRequest, raceBook, raceStatus as raceStatusOf } from "../../lib/session/race";
import { ENDED, type RoomCore } from "./room-core";
import { newParticipantId } from "./secrets";

/** Only a submission is evaluated. */
const refuseToEvaluate: RaceEvaluator = () => {
  throw new Error("only a submission is evaluated");
};

/** The teacher's start / stop / spotlight / clear. Resolves once written and sent. */
export async function race(room: RoomCore, request: RaceRequest): Promise<RaceAck> {
  if (room.ended) return { ok: false, error: ENDED };
  const context = { now: room.settings.now(), newId: newParticipantId };
  return room.ledger.commit(
    room.ledger.guard(() => applyRaceRequest(room.ledger.value, request, { role: "teacher" }, context)),
  );
}

/** A student's enter / progress / submit; a submission's loss is the server's own. */
export async function raceEntry(room: RoomCore, actor: Actor, request: RaceEntryRequest): Promise<RaceEntryAck> {
  if (room.ended) return { ok: false, error: ENDED };
  const evaluate = request.op === "submit" ? await room.settings.loadRaceEvaluator() : refuseToEvaluate;
  if (room.ended) return { ok: false, error: ENDED };
  const context = { now: room.settings.now(), newId: newParticipantId, evaluate };
  return room.ledger.commit(room.ledger.guard(() => applyRaceEntry(room.ledger.value, request, actor, context)));
}

/** The race's entries as `actor` may see them (as written). */
export function raceStatus(room: RoomCore, actor: Actor): RaceStatusAck {
  const written = room.ledger.written;
  return raceStatusOf(written.state, raceBook(written), actor);
}
