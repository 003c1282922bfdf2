// "Be the network" on a Room (the rules: lib/session/network-activity.ts): the teacher's requests,
// a student's answer for one of their neurons, the answers a member may hold.
import { activityStatus } from "../../lib/network-activity/book";
import type {
  ActivityAck,
  ActivityRequest,
  ActivityStatusAck,
  NeuronAnswerAck,
  NeuronAnswerRequest,
} from "../../lib/network-activity/requests";
import type { Actor } from "../../lib/session/rules";
import { applyActivityRequest, applyNeuronAnswer } from "../../lib/session/network-activity";
import { ANSWER_UNAVAILABLE, ENDED, type RoomCore } from "./room-core";
import { newParticipantId } from "./secrets";

/** A teacher's start / advance / reveal / mode / calculator / assign / finish / stop. */
export async function netActivity(room: RoomCore, request: ActivityRequest): Promise<ActivityAck> {
  const context = await activityContext(room);
  if (!context) return { ok: false, error: ENDED };
  return room.ledger.commit(
    room.ledger.guard(() => applyActivityRequest(room.ledger.value, request, { role: "teacher" }, context)),
  );
}

/** A student's z and f(z) for one of their neurons: written before it is acknowledged. */
export async function neuronAnswer(
  room: RoomCore,
  actor: Actor,
  request: NeuronAnswerRequest,
): Promise<NeuronAnswerAck> {
  const context = await activityContext(room);
  if (!context) return { ok: false, error: ENDED };
  const outcome = room.ledger.guard(() => applyNeuronAnswer(room.ledger.value, request, actor, context));
  return room.ledger.commit(outcome, { unavailable: ANSWER_UNAVAILABLE });
}

/** The activity's answers this member may hold, as written. */
export function netActivityStatus(room: RoomCore, actor: Actor): ActivityStatusAck {
  return activityStatus(room.ledger.written.activity, actor);
}

/** The kernel (a value flows on: the next layer's truth) and the clock; null once ended. */
async function activityContext(room: RoomCore) {
  if (room.ended) return null;
  const forward = await room.settings.loadForward();
  if (room.ended) return null;
  return { now: room.settings.now(), forward, newId: newParticipantId };
}
