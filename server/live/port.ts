// What a socket asks of its live session, wherever the session's authority runs: in this process (a
// Room, LocalPort below) or, with several processes, in the session's owner process
// (server/cluster/session-ref.ts forwards over Redis). sockets.ts speaks only to this.
//
// The calls that answer with a snapshot take a `send` callback instead of returning it: a Room
// calls it in the same turn as it takes the snapshot, so no broadcast can slip in between.
import type {
  ActionAck,
  ClientAcks,
  ClientRequests,
  AnswerAck,
  AnswerRequest,
  JoinRequest,
  Refused,
  RoundAck,
  RoundRequest,
  RoundStatusAck,
  Snapshot,
  You,
} from "../../lib/session/protocol";
import type { Action, Actor } from "../../lib/session/rules";
import { refuse } from "../../lib/validation";
import type { Connection } from "./presence";
import type { Room } from "./room";
import { runActivity, type ActivityEvent } from "./activities";

export interface Joined {
  you: You;
  actor: Actor;
}

export interface SessionPort {
  readonly code: string;
  /** changes when the session is loaded anew (a restart, a takeover): replayed broadcasts may not line up */
  readonly epoch: string;
  /**
   * A teacher (by key) or a student (new, or back with a resume token) joins. Once they are in,
   * `attach` makes the socket's Connection (the socket joins its rooms), the session counts it as
   * connected, and `send` gets the snapshot; a refusal is answered instead.
   */
  join(
    request: JoinRequest,
    connectionId: string,
    attach: (joined: Joined) => Connection,
    send: (joined: Joined, snapshot: Snapshot) => void,
  ): Promise<Refused | null>;
  /** A recovered socket of `actor`: still a member? (then it counts as connected again) */
  recover(connection: Connection): Promise<"ok" | "ended" | "removed">;
  disconnect(connectionId: string): void;
  snapshot(actor: Actor, send: (snapshot: Snapshot) => void): Promise<void>;
  apply(
    action: Action,
    actor: Actor,
    options: { baseVersion?: number; connectionId?: string; opId?: string },
  ): Promise<ActionAck>;
  round(request: RoundRequest): Promise<RoundAck>;
  answer(actor: Actor, request: AnswerRequest): Promise<AnswerAck>;
  roundStatus(actor: Actor): Promise<RoundStatusAck>;
  /** An activity's request (the race …: activities.ts). */
  activity<E extends ActivityEvent>(event: E, actor: Actor, request: ClientRequests[E]): Promise<ClientAcks[E]>;
  /** Ends the session for everyone (the teacher's `end`). */
  end(): Promise<void>;
}

export const NO_SUCH_SESSION = refuse("no_such_session", "no session has this code");
export const SESSION_ENDED = refuse("session_ended", "this session has ended");

/**
 * The part of a join that a Room answers, wherever it runs: checks, the student's join written,
 * then `attach` and `send` in one turn. Used by LocalPort and by an owner answering another process.
 */
export async function joinRoom(
  room: Room,
  request: JoinRequest,
  attach: (joined: Joined) => Connection,
  send: (joined: Joined, snapshot: Snapshot) => void,
): Promise<Refused | null> {
  if (room.ended) return SESSION_ENDED;
  let joined: Joined;
  if (request.role === "teacher") {
    if (!room.verifyTeacher(request.teacherKey)) return refuse("wrong_teacher_key", "this is not the teacher key");
    joined = { you: { role: "teacher" }, actor: { role: "teacher" } };
  } else {
    const student = await room.joinStudent(request);
    if (!student.ok) return student;
    const { ok: _ok, ...place } = student;
    joined = { you: { role: "student", ...place }, actor: { role: "student", id: student.participantId } };
  }
  room.connect(attach(joined));
  send(joined, room.snapshot(joined.actor));
  return null;
}

/** Whether a recovered socket of `actor` still belongs to the room. */
export function recoverIn(room: Room, actor: Actor): "ok" | "ended" | "removed" {
  if (room.ended) return "ended";
  if (actor.role === "student" && !room.hasParticipant(actor.id)) return "removed";
  return "ok";
}

/** A session whose Room is in this process (one process; or this process owns it). */
export class LocalPort implements SessionPort {
  readonly code: string;
  readonly epoch: string;

  constructor(
    private readonly room: Room,
    /** forgets the room once it ended */
    private readonly drop: () => void,
  ) {
    this.code = room.code;
    this.epoch = String(room.epoch);
  }

  join(
    request: JoinRequest,
    _connectionId: string,
    attach: (joined: Joined) => Connection,
    send: (joined: Joined, snapshot: Snapshot) => void,
  ) {
    return joinRoom(this.room, request, attach, send);
  }

  async recover(connection: Connection) {
    const status = recoverIn(this.room, connection.actor);
    if (status === "ok") this.room.connect(connection);
    return status;
  }

  disconnect(connectionId: string): void {
    this.room.disconnect(connectionId);
  }

  async snapshot(actor: Actor, send: (snapshot: Snapshot) => void) {
    send(this.room.snapshot(actor));
  }

  apply(action: Action, actor: Actor, options: { baseVersion?: number; connectionId?: string; opId?: string }) {
    return this.room.apply(action, actor, options);
  }

  round(request: RoundRequest) {
    return this.room.round(request);
  }

  answer(actor: Actor, request: AnswerRequest) {
    return this.room.answer(actor, request);
  }

  async roundStatus(actor: Actor) {
    return this.room.roundStatus(actor);
  }

  activity<E extends ActivityEvent>(event: E, actor: Actor, request: ClientRequests[E]) {
    return runActivity(this.room, event, actor, request);
  }

  async end() {
    await this.room.end();
    this.drop();
  }
}
