// The live activities beside edits and rounds (the activation race, "Be the network", switching
// the exercise, the lesson's plan): one table from a request's event to who may ask it
// (TEACHER_ONLY, checked by sockets.ts) and to its unit's function on the session's Room
// (room-race.ts, room-network-activity.ts, room-switch.ts, room-plan.ts; what a unit sees of the
// Room: room-core.ts), so that a SessionPort — the Room in this process, or the session's owner
// process over the bus — carries every activity through one `activity` call. A new activity is its
// requests in the protocol's contract, one unit and its rows here: no new socket handler, Room
// method, port method, wire op or owner handler.
import type { ClientAcks, ClientRequests } from "../../lib/session/protocol";
import type { Actor } from "../../lib/session/rules";
import type { Room } from "./room";
import type { RoomCore } from "./room-core";
import { netActivity, netActivityStatus, neuronAnswer } from "./room-network-activity";
import { plan, planStatus } from "./room-plan";
import { race, raceEntry, raceStatus } from "./room-race";
import { switchExerciseTo } from "./room-switch";

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

/**
 * Who may ask, checked by the socket layer (sockets.ts) before a request goes to the session (the
 * rules check it again): a teacher's event names the refusal a student gets; null: any member.
 */
export const TEACHER_ONLY: { [E in ActivityEvent]: string | null } = {
  race: "only the teacher runs races",
  raceEntry: null,
  raceStatus: null,
  netActivity: "only the teacher runs the activity",
  neuronAnswer: null,
  netActivityStatus: null,
  switchExercise: "only the teacher switches the exercise",
  plan: "only the teacher plans the lesson",
  planStatus: "only the teacher sees the plan",
};

type Handler<E extends ActivityEvent> = (
  room: RoomCore,
  actor: Actor,
  request: ClientRequests[E],
) => Promise<ClientAcks[E]> | ClientAcks[E];

const HANDLERS: { [E in ActivityEvent]: Handler<E> } = {
  race: (room, _actor, request) => race(room, request),
  raceEntry: (room, actor, request) => raceEntry(room, actor, request),
  raceStatus: (room, actor) => raceStatus(room, actor),
  netActivity: (room, _actor, request) => netActivity(room, request),
  neuronAnswer: (room, actor, request) => neuronAnswer(room, actor, request),
  netActivityStatus: (room, actor) => netActivityStatus(room, actor),
  switchExercise: (room, _actor, request) => switchExerciseTo(room, request),
  plan: (room, actor, request) => plan(room, actor, request),
  planStatus: (room, actor) => planStatus(room, actor),
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
