// The live-session protocol over Socket.IO (docs/protocol.md): every event's payload and ack as
// zod schemas (what a client sends is untrusted: the server parses it with these) and types (what
// the server sends). Plus the small pure reducers a client uses to follow the server's events, so
// browser and tests fold events the same way. No I/O here.
import { z } from "zod";
import type { LabState } from "../network/ops";
import {
  raceEntryRequestSchema,
  raceRequestSchema,
  raceStatusRequestSchema,
  type RaceAck,
  type RaceCurveEvent,
  type RaceEntryAck,
  type RaceEntryRequest,
  type RaceRequest,
  type RaceStatusAck,
  type RaceStatusRequest,
} from "../race/model";
import { openRoundSchema, type LeaderboardEntry, type OwnAnswer, type RoundResult } from "../rounds/model";
import { without } from "../own";
import {
  activityRequestSchema,
  activityStatusRequestSchema,
  neuronAnswerRequestSchema,
  type ActivityAck,
  type ActivityRequest,
  type ActivityStatusAck,
  type ActivityStatusRequest,
  type NeuronAnswerAck,
  type NeuronAnswerRequest,
} from "../network-activity/requests";
import { applyActivityState } from "./network-activity";
import { answerListRequestSchema } from "./answer-list";
import { parseWith, type Parsed, type Refusal } from "../validation";
import {
  applyExerciseChange,
  switchExerciseRequestSchema,
  type SwitchExerciseAck,
  type SwitchExerciseRequest,
} from "./exercise-switch";
import {
  actionSchema,
  applyAction,
  applyRoundState,
  type Action,
  type Actor,
  type AppliedChange,
  type Participant,
  type SessionState,
} from "./rules";
import { applyRaceState } from "./race";
import {
  planRequestSchema,
  planStatusRequestSchema,
  type PlanAck,
  type PlanRequest,
  type PlanStatusAck,
  type PlanStatusRequest,
} from "./plan";

/** Bumped on any incompatible change; a client that sends another one is refused. */
export const PROTOCOL_VERSION = 1;

/** The HTTP header that carries a session's teacher key (reports, saving the class's network). */
export const TEACHER_KEY_HEADER = "x-teacher-key";

/** Session codes: 6 characters, no look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), "must be a 6-character session code");

const secret = z.string().min(1).max(200);
const participantId = z.string().min(1).max(64);

// ---- client → server ----------------------------------------------------------------------

export const joinRequestSchema = z.discriminatedUnion("role", [
  z.strictObject({
    protocol: z.number(),
    code: codeSchema,
    role: z.literal("student"),
    /** cleaned by cleanNickname on the server; ignored when the resume succeeds */
    name: z.string().max(200),
    /** both from an earlier join's ack: come back as the same participant */
    participantId: participantId.optional(),
    resumeToken: secret.optional(),
  }),
  z.strictObject({
    protocol: z.number(),
    code: codeSchema,
    role: z.literal("teacher"),
    teacherKey: secret,
  }),
]);
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/**
 * An operation id: whoever sends an edit or an answer may name it, and the session applies each
 * id once (a retry — the same request sent again after its server process died — gets the reply
 * the first one had; docs/protocol.md "Operation ids").
 */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** `action` is checked separately (actionSchema), so its refusal says `invalid_action`. */
export const actionRequestSchema = z.strictObject({
  action: z.unknown(),
  /** the last version this client received from the server when it sent the action */
  baseVersion: z.number().int().min(0).optional(),
  opId: opIdSchema.optional(),
});
export interface ActionRequest {
  action: Action;
  baseVersion?: number;
  opId?: string;
}

export const resyncRequestSchema = z.strictObject({
  /** the version the client holds (informational: the answer is always a full snapshot) */
  version: z.number().int().min(0).optional(),
});
export type ResyncRequest = z.infer<typeof resyncRequestSchema>;

export const endRequestSchema = z.strictObject({});
export type EndRequest = z.infer<typeof endRequestSchema>;

/**
 * `round` (teacher only): open a round (ad hoc, or the exercise's round `script`), close it (no
 * more answers), reveal it (truth, spread, scores), clear it from the screens, the leaderboard,
 * and whether the projector lists the students' answers (lib/session/answer-list.ts).
 */
export const roundRequestSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("open"), open: openRoundSchema }),
  z.strictObject({ op: z.literal("close"), roundId: z.string().min(1).max(64) }),
  z.strictObject({ op: z.literal("reveal"), roundId: z.string().min(1).max(64) }),
  z.strictObject({ op: z.literal("clear"), roundId: z.string().min(1).max(64) }),
  z.strictObject({ op: z.literal("leaderboard"), shown: z.boolean().optional(), anonymous: z.boolean().optional() }),
  answerListRequestSchema,
]);
export type RoundRequest = z.infer<typeof roundRequestSchema>;

/**
 * `answer` (students only): a prediction for the open round; again to change it until the round
 * closes. `value` is the number (output, z), 0/1 (fires) or the index of a choice. There is no
 * participant field: an answer is always the sender's own.
 */
export const answerRequestSchema = z.strictObject({
  roundId: z.string().min(1).max(64),
  value: z.number(),
  opId: opIdSchema.optional(),
});
export type AnswerRequest = z.infer<typeof answerRequestSchema>;

/** `roundStatus`: the current round's progress and this member's own answer and result. */
export const roundStatusRequestSchema = z.strictObject({});
export type RoundStatusRequest = z.infer<typeof roundStatusRequestSchema>;

/** Parses a client payload; a failure is the refusal `invalid_payload` naming the path. */
export function parsePayload<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  return parseWith(schema, "invalid_payload", input);
}

// ---- server → client ----------------------------------------------------------------------

export interface RosterEntry extends Participant {
  /** has at least one connected socket */
  online: boolean;
}

/** Everything a member needs to draw the session: sent on join, on resync, and pushed in `snapshot`. */
export interface Snapshot {
  protocol: typeof PROTOCOL_VERSION;
  /**
   * The session state as this member may see it. For a student, `sandboxes` holds only their own
   * sandbox and the spotlighted one; the teacher gets every sandbox.
   */
  state: SessionState;
  /** ids of the participants with at least one connected socket */
  online: string[];
  teacherOnline: boolean;
}

export type You =
  | { role: "teacher" }
  | {
      role: "student";
      participantId: string;
      name: string;
      /** keep it (e.g. sessionStorage) to come back as the same participant; never shown to others */
      resumeToken: string;
      /** true when participantId + resumeToken brought back an existing participant */
      resumed: boolean;
    };

export type Refused = { ok: false; error: Refusal };

export type JoinAck = { ok: true; you: You; snapshot: Snapshot } | Refused;

/** What an action targeted, as the server holds it: roll back to this. */
export interface CurrentValue {
  version: number;
  /** the shared lab, or the student's own sandbox for a sandbox edit */
  lab: LabState;
}

export type ActionAck =
  | {
      ok: true;
      /** the session version after the action (unchanged by a private sandbox edit) */
      version: number;
    }
  | { ok: false; error: Refusal; current?: CurrentValue };

export type ResyncAck = { ok: true; snapshot: Snapshot } | Refused;
export type EndAck = { ok: true } | Refused;

/** An accepted change that everyone sees (scope shared or session, or a round), in version order. */
export interface AppliedEvent {
  version: number;
  /** a member's action, or the server's `roundState` change */
  action: AppliedChange;
  by: Actor;
  /**
   * Sandboxes the action needs that a student may not hold: the spotlighted sandbox for
   * `spotlight`, the adopted one for `adoptSandbox`.
   */
  sandboxes?: Record<string, LabState>;
}

/** Several consecutive `applied` in one message (one write carried several ops): fold each in order. */
export interface AppliedBatchEvent {
  events: AppliedEvent[];
}

/** A student's sandbox changed (null: reset, they see the shared lab again). Not versioned: the whole lab. */
export interface SandboxEvent {
  participantId: string;
  lab: LabState | null;
}

/** Participants whose entry changed (joined, online, offline); removals come as `applied`. */
export interface RosterEvent {
  changed: RosterEntry[];
  teacherOnline: boolean;
}

export interface RemovedEvent {
  message: string;
}

export interface EndedEvent {
  message: string;
}

export interface SnapshotEvent {
  reason: string;
  snapshot: Snapshot;
}

/** `round` ack: the session version after the change (its `applied` came first). */
export type RoundAck = { ok: true; version: number; roundId: string | null } | Refused;

/** `answer` ack: the answer as the server keeps it (written before this ack). */
export type AnswerAck = { ok: true; roundId: string; answer: OwnAnswer } | Refused;

export interface RoundStatus {
  roundId: string;
  /** how many students have answered (never what) */
  answered: number;
  /** ms until the time limit, by the server's clock when it answered (null: no limit) */
  remainingMs: number | null;
  /** a student's own answer (null: none yet; absent for the teacher) */
  mine?: OwnAnswer | null;
  /** a student's result once revealed */
  result?: RoundResult;
  /** the teacher's only: each student's answer to this round so far (never sent to a student) */
  answers?: { participantId: string; value: number }[];
  /** the teacher's only: the right answer, to preview before the reveal (never sent to a student) */
  preview?: number;
}

/** `roundStatus` ack. `board`: the whole leaderboard with names, for the teacher only. */
export type RoundStatusAck =
  { ok: true; serverNow: number; round: RoundStatus | null; board?: LeaderboardEntry[] } | Refused;

/** How many have answered the open round (gathered: at most a few per second). */
export interface RoundProgressEvent {
  roundId: string;
  answered: number;
}

/** Typed events for `io()` on the client: `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export interface ServerToClientEvents {
  applied: (event: AppliedEvent) => void;
  appliedBatch: (event: AppliedBatchEvent) => void;
  sandbox: (event: SandboxEvent) => void;
  roster: (event: RosterEvent) => void;
  removed: (event: RemovedEvent) => void;
  ended: (event: EndedEvent) => void;
  snapshot: (event: SnapshotEvent) => void;
  /** everyone, while a round is open */
  roundProgress: (event: RoundProgressEvent) => void;
  /** one student, at a reveal: their own result */
  roundResult: (event: RoundResult) => void;
  /** the teachers' screens, during a race: an entrant's curve grew (or started over) */
  raceCurve: (event: RaceCurveEvent) => void;
}

// ---- the contract: every client event, its payload and its ack ------------------------------

/** What a client sends with each event (docs/protocol.md). */
export interface ClientRequests {
  join: JoinRequest;
  action: ActionRequest;
  resync: ResyncRequest;
  end: EndRequest;
  round: RoundRequest;
  answer: AnswerRequest;
  roundStatus: RoundStatusRequest;
  race: RaceRequest;
  raceEntry: RaceEntryRequest;
  raceStatus: RaceStatusRequest;
  /** "Be the network" (lib/network-activity/requests.ts) */
  netActivity: ActivityRequest;
  neuronAnswer: NeuronAnswerRequest;
  netActivityStatus: ActivityStatusRequest;
  switchExercise: SwitchExerciseRequest;
  /** the lesson's plan: write a question, reorder what has not run (lib/session/plan.ts) */
  plan: PlanRequest;
  planStatus: PlanStatusRequest;
}

/** What the server acknowledges each event with. */
export interface ClientAcks {
  join: JoinAck;
  action: ActionAck;
  resync: ResyncAck;
  end: EndAck;
  round: RoundAck;
  answer: AnswerAck;
  roundStatus: RoundStatusAck;
  race: RaceAck;
  raceEntry: RaceEntryAck;
  raceStatus: RaceStatusAck;
  netActivity: ActivityAck;
  neuronAnswer: NeuronAnswerAck;
  netActivityStatus: ActivityStatusAck;
  switchExercise: SwitchExerciseAck;
  plan: PlanAck;
  planStatus: PlanStatusAck;
}

export type ClientEvent = keyof ClientRequests;

/** Typed events for `io()` on the client: `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ClientToServerEvents = {
  [E in ClientEvent]: (request: ClientRequests[E], ack: (answer: ClientAcks[E]) => void) => void;
};

/**
 * How the server reads each event's payload: the one checked side of the contract. A payload
 * that does not parse is `invalid_payload` (an action that does not parse: `invalid_action`); the
 * events without fields also take no payload at all.
 */
export const CLIENT_REQUESTS: { readonly [E in ClientEvent]: (input: unknown) => Parsed<ClientRequests[E]> } = {
  join: (input) => parsePayload(joinRequestSchema, input),
  action: (input) => {
    const envelope = parsePayload(actionRequestSchema, input);
    if (!envelope.ok) return envelope;
    const action = parseWith(actionSchema, "invalid_action", envelope.value.action);
    if (!action.ok) return action;
    const { baseVersion, opId } = envelope.value;
    return {
      ok: true,
      value: {
        action: action.value,
        ...(baseVersion === undefined ? {} : { baseVersion }),
        ...(opId === undefined ? {} : { opId }),
      },
    };
  },
  resync: (input) => parsePayload(resyncRequestSchema, input ?? {}),
  end: (input) => parsePayload(endRequestSchema, input ?? {}),
  round: (input) => parsePayload(roundRequestSchema, input),
  answer: (input) => parsePayload(answerRequestSchema, input),
  roundStatus: (input) => parsePayload(roundStatusRequestSchema, input ?? {}),
  race: (input) => parsePayload(raceRequestSchema, input),
  raceEntry: (input) => parsePayload(raceEntryRequestSchema, input),
  raceStatus: (input) => parsePayload(raceStatusRequestSchema, input ?? {}),
  netActivity: (input) => parsePayload(activityRequestSchema, input),
  neuronAnswer: (input) => parsePayload(neuronAnswerRequestSchema, input),
  netActivityStatus: (input) => parsePayload(activityStatusRequestSchema, input ?? {}),
  switchExercise: (input) => parsePayload(switchExerciseRequestSchema, input),
  plan: (input) => parsePayload(planRequestSchema, input),
  planStatus: (input) => parsePayload(planStatusRequestSchema, input ?? {}),
};

// ---- client-side reducers -----------------------------------------------------------------

export type Folded = { ok: true; state: SessionState } | { ok: false; reason: "gap" | "diverged"; error?: Refusal };

/**
 * Folds an `applied` event into a client's copy of the state. The server has authorised the
 * action already, so it is replayed as the teacher would (same result for every broadcast action).
 * A version other than the next one means events were missed: resync.
 */
export function foldApplied(state: SessionState, event: AppliedEvent): Folded {
  if (event.version <= state.version) return { ok: true, state }; // already have it (replayed)
  if (event.version !== state.version + 1) return { ok: false, reason: "gap" };
  const change = event.action;
  if (change.type === "roundState") return { ok: true, state: applyRoundState(state, change) };
  if (change.type === "raceState") return { ok: true, state: applyRaceState(state, change) };
  if (change.type === "activityState") return { ok: true, state: applyActivityState(state, change) };
  if (change.type === "exercise") return { ok: true, state: applyExerciseChange(state, change) };
  const withSandboxes = event.sandboxes ? { ...state, sandboxes: { ...state.sandboxes, ...event.sandboxes } } : state;
  const result = applyAction(withSandboxes, change, { role: "teacher" });
  if (!result.ok) return { ok: false, reason: "diverged", error: result.error };
  return { ok: true, state: result.state };
}

export function foldSandbox(state: SessionState, event: SandboxEvent): SessionState {
  const sandboxes = event.lab
    ? { ...state.sandboxes, [event.participantId]: event.lab }
    : without(state.sandboxes, event.participantId);
  return { ...state, sandboxes };
}

/** Merges roster changes into `participants`; returns the new state and the online ids. */
export function foldRoster(
  state: SessionState,
  online: readonly string[],
  event: RosterEvent,
): { state: SessionState; online: string[] } {
  const participants = [...state.participants];
  const onlineSet = new Set(online);
  for (const entry of event.changed) {
    const { online: isOnline, ...participant } = entry;
    const at = participants.findIndex((p) => p.id === entry.id);
    if (at === -1) participants.push(participant);
    else participants[at] = participant;
    if (isOnline) onlineSet.add(entry.id);
    else onlineSet.delete(entry.id);
  }
  return { state: { ...state, participants }, online: [...onlineSet] };
}
