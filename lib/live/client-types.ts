// The live client's types (session-client.ts): what it is given — its options, the socket as a
// LiveTransport, the timers — and the view it hands to React.
import type { LeaderboardEntry } from "../rounds/model";
import type { ClientAcks, ClientEvent, ClientRequests, You } from "../session/protocol";
import type { Actor, SessionState } from "../session/rules";
import type { Refusal } from "../validation";
import type { Attribution, Overtaken } from "./attribution";
import type { RaceLocal } from "./race-follower";
import type { RoundLocal } from "./round-follower";

export type LiveRole = "teacher" | "student";

/** What brings a student back as the same participant (kept per session code by the page). */
export interface StudentPlace {
  participantId: string;
  resumeToken: string;
  name: string;
}

/** The socket, as the client needs it: every event of the protocol's one contract, typed. */
export interface LiveTransport {
  /** Sends `event` with `payload`; `done` gets the ack, or an Error when none came in time. */
  request<E extends ClientEvent>(
    event: E,
    payload: ClientRequests[E],
    done: (error: Error | null, answer?: ClientAcks[E]) => void,
  ): void;
}

export interface LiveTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: LiveTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type LivePhase =
  /** a student with no place in this session yet: ask for a nickname */
  | "need-name"
  /** a teacher without the session's key in this browser (or with a wrong one) */
  | "need-key"
  | "joining"
  | "live"
  | "removed"
  | "ended"
  /** the join was refused for good (no such session, …): `joinError` says why */
  | "failed";

export interface LiveView {
  phase: LivePhase;
  connected: boolean;
  /** was live, lost the connection (or is joining again): say "reconnecting" */
  reconnecting: boolean;
  you: You | null;
  actor: Actor | null;
  /** the state as shown: the server's state with this client's pending actions applied */
  state: SessionState | null;
  /** the server's state as last heard */
  confirmed: SessionState | null;
  online: readonly string[];
  teacherOnline: boolean;
  /** why this client's last action was refused, until the next accepted one (or dismissRefusal) */
  refusal: Refusal | null;
  /** why the last join was refused */
  joinError: Refusal | null;
  /** the server's words with `removed` or `ended` */
  message: string | null;
  /** own actions not confirmed yet */
  pending: number;
  /** the round on screen beyond the state: progress, own answer and result, deadline (null: not known yet) */
  round: RoundLocal | null;
  /** the teacher's whole leaderboard, with names */
  board: readonly LeaderboardEntry[];
  /** who changed what in "everyone edits": the last changes and this client's own recent edits */
  attribution: Attribution;
  /** someone else's edit replaced ours moments after it landed, until dismissOvertaken */
  overtaken: Overtaken | null;
  /** the race on screen's curves (teacher) or own entry (student); null: none or not known yet */
  race: RaceLocal | null;
}

export interface LiveClientOptions {
  code: string;
  role: LiveRole;
  /** teacher: the key from POST /api/sessions */
  teacherKey?: string | null;
  /** student: the place of an earlier join (resume) */
  place?: StudentPlace | null;
  transport: LiveTransport;
  timers?: LiveTimers;
  /** a resync now and then guarantees nobody drifts (default 30 s) */
  resyncEveryMs?: number;
  /** a join succeeded: keep the student's place / the teacher key */
  onJoined?(you: You, teacherKey: string | null): void;
  /** removed, ended, or a stored place/key that no longer works: forget it */
  onForget?(reason: "removed" | "ended" | "invalid"): void;
}
