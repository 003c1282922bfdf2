// The live activities beside edits and rounds (the activation race, "Be the network", switching
// the exercise): one table from a
// request's event to the Room's method, so that a SessionPort — the Room in this process, or the
// session's owner process over the bus — carries every activity through one `activity` call and a
// new activity needs no new port method, wire op or owner handler.
import type { ClientAcks, ClientRequests } from "../../lib/session/protocol";
import type { Actor } from "../../lib/session/rules";
import type { Room } from "./room";

export const ACTIVITY_EVENTS = [
  "race",
  "raceEntry",
  "raceStatus",
  "netActivity",
  "neuronAnswer",
  "netActivityStatus",
  "switchExercise",
  "plan",
  "planStatus",
] as const;
export type ActivityEvent = (typeof ACTIVITY_EVENTS)[number];

type Handler<E extends ActivityEvent> = (
  room: Room,
  actor: Actor,
  request: ClientRequests[E],
) => Promise<ClientAcks[E]> | ClientAcks[E];

// who may ask is checked by the socket layer before (sockets.ts); the rules check it again
const HANDLERS: { [E in ActivityEvent]: Handler<E> } = {
  race: (room, _actor, request) => room.race(request),
  raceEntry: (room, actor, request) => room.raceEntry(actor, request),
  raceStatus: (room, actor) => room.raceStatus(actor),
  netActivity: (room, _actor, request) => room.netActivity(request),
  neuronAnswer: (room, actor, request) => room.neuronAnswer(actor, request),
  netActivityStatus: (room, actor) => room.netActivityStatus(actor),
  switchExercise: (room, _actor, request) => room.switchExerciseTo(request),
  plan: (room, actor, request) => room.plan(actor, request),
  planStatus: (room, actor) => room.planStatus(actor),
};

/** Runs one activity request on the session's Room (in the owner process). */
export async function runActivity<E extends ActivityEvent>(
  room: Room,
  event: E,
  actor: Actor,
  request: ClientRequests[E],
): Promise<ClientAcks[E]> {
  const handler = HANDLERS[event] as Handler<E>;
  return handler(room, actor, request);
}
