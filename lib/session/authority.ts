// What the server's authority over a live session adds to the session rules: the data only the
// server may know (ServerData), the one value a Room commits or rolls back as a whole
// (SessionValue), and an accepted change as data — the next value plus the effects to run once it
// is written (who is told what). Pure: the Room (server/live/room.ts) interprets the effects.
import { z } from "zod";
import { scriptRoundSchema } from "../exercise/answer-keys";
import { lessonBySlug } from "../lessons";
import type { LabState } from "../network/ops";
import type { Network } from "../network/schema";
import type { ActivityBook } from "../network-activity/model";
import type { RoundResult } from "../rounds/model";
import { own, without } from "../own";
import type { AppliedEvent, CurrentValue, SandboxEvent } from "./protocol";
import type { RaceCurveEvent } from "../race/model";
import type { ServerRace } from "./race";
import type { RoundWrites, ServerRounds } from "./rounds";
import { applyAction, type Action, type Actor, type SessionState } from "./rules";
import { keyedRecord } from "./state";
import { lessonPartSchema, MAX_PARTS } from "./exercise-switch";
import { parseWith, type Parsed, type Refusal } from "../validation";

/** The sha256 of a resume token (server/live/secrets.ts). */
export const tokenHashSchema = z.string().min(1).max(200);

/** What only the server may know about a session: never sent to a client. */
export const serverDataSchema = z.strictObject({
  /** participant id → sha256 of their resume token */
  resumeTokens: keyedRecord(tokenHashSchema),
  /** participants the teacher removed: they cannot resume */
  removed: z.array(z.string().min(1).max(64)),
  /** the last version at which the shared network's shape (inputs, layer sizes) changed */
  shapeVersion: z.number().int().min(0),
  /**
   * The rounds prepared for this session (`{"script": i}` opens one), copied from its exercise when
   * it started with the answer keys it may use (lib/exercise/answer-keys.ts `sessionScript`), so a
   * round never looks the exercise up again. Absent in sessions kept before.
   */
  script: z.array(scriptRoundSchema).max(50).optional(),
  /** how many "Be the network" activities the session has started (absent: none) */
  activities: z.number().int().min(0).optional(),
  /**
   * The exercises this session ran, in order, once the teacher switched (lib/session/
   * exercise-switch.ts): the report groups the rounds by them. Absent: one exercise all along.
   */
  parts: z.array(lessonPartSchema).max(MAX_PARTS).optional(),
});
export type ServerData = z.infer<typeof serverDataSchema>;

export function emptyServerData(): ServerData {
  return { resumeTokens: {}, removed: [], shapeVersion: 0 };
}

/** Server data as stored (JSON): fields an older row lacks take their empty value. */
export function parseServerData(input: unknown): Parsed<ServerData> {
  const stored = typeof input === "object" && input !== null ? input : {};
  return parseWith(serverDataSchema, "invalid_server_data", { ...emptyServerData(), ...stored });
}

/** A session as its authority holds it: what members may see, and what only the server knows. */
export interface SessionValue {
  state: SessionState;
  server: ServerData;
  rounds: ServerRounds;
  /** the race on screen's entries (lib/session/race.ts); absent: none */
  race?: ServerRace;
  /** "Be the network" on screen (lib/session/network-activity.ts); absent or null: none */
  activity?: ActivityBook | null;
}

export type Audience =
  | { to: "everyone" }
  | { to: "teachers" }
  /** every socket of one participant */
  | { to: "participant"; id: string }
  | { to: "teachersAndParticipant"; id: string };

/** What happens once a change is written, in order. */
export type Effect =
  /** to everyone, after the gathered roster changes (so every participant it names is known) */
  | { type: "applied"; event: AppliedEvent }
  | { type: "sandbox"; audience: Audience; event: SandboxEvent }
  | { type: "roundResult"; participantId: string; result: RoundResult }
  /** the teacher removed this student: tell their sockets and detach them */
  | { type: "evict"; participantId: string }
  /** a participant joined: due in the next roster */
  | { type: "roster"; participantId: string }
  /** answers came in: due in the next `roundProgress` */
  | { type: "progress" }
  /** a race entry changed: its curve to the teachers' screens */
  | { type: "raceCurve"; event: RaceCurveEvent };

/** An accepted change: the next value, the rows it writes beside the session, its effects, its ack. */
export interface Transition<R> {
  value: SessionValue;
  writes: RoundWrites | null;
  effects: Effect[];
  reply: R;
}

export type Outcome<R> = { ok: true; transition: Transition<R> } | { ok: false; error: Refusal };

/**
 * An action as the authority applies it: the session rules' result, plus what the server keeps
 * (the version of the last shape change, a removed student's token revoked) and who is told.
 */
export function actionTransition(
  value: SessionValue,
  action: Action,
  actor: Actor,
): Outcome<{ version: number; shapeChanged: boolean }> {
  const before = value.state;
  const result = applyAction(before, action, actor);
  if (!result.ok) return result;
  const after = result.state;
  let server = value.server;
  const effects: Effect[] = [];
  let shapeChanged = false;
  if (result.scope === "sandbox") {
    if (actor.role === "student") {
      const event = { participantId: actor.id, lab: own(after.sandboxes, actor.id) ?? null };
      const audience: Audience =
        after.spotlight === actor.id ? { to: "everyone" } : { to: "teachersAndParticipant", id: actor.id };
      effects.push({ type: "sandbox", audience, event });
    }
  } else {
    if (shapeKey(before.shared.network) !== shapeKey(after.shared.network)) {
      server = { ...server, shapeVersion: after.version };
      shapeChanged = true;
    }
    const event: AppliedEvent = { version: after.version, action, by: actor };
    const shown = action.type === "adoptSandbox" || action.type === "spotlight" ? action.participantId : null;
    const sandbox = shown === null ? undefined : own(before.sandboxes, shown);
    if (shown !== null && sandbox) event.sandboxes = { [shown]: sandbox };
    effects.push({ type: "applied", event });
    if (action.type === "removeParticipant") {
      const removed = action.participantId;
      server = {
        ...server,
        resumeTokens: without(server.resumeTokens, removed),
        removed: [...server.removed, removed],
      };
      effects.push({ type: "evict", participantId: removed });
    }
  }
  return {
    ok: true,
    transition: {
      value: { ...value, state: after, server },
      writes: null,
      effects,
      reply: { version: after.version, shapeChanged },
    },
  };
}

/** Inputs and layer sizes: what index-based edits depend on. */
export function shapeKey(network: Network): string {
  return `${network.inputs.length}:${network.layers.map((l) => l.neurons.length).join(",")}`;
}

/**
 * What `actor` may see of `state`. The teacher sees everything. A student's `sandboxes` holds only
 * their own sandbox and the spotlighted one, and `exerciseSlug` only a built-in lesson's: the slug
 * of a saved exercise (perhaps unlisted) is none of a student's business.
 */
export function visibleState(state: SessionState, actor: Actor): SessionState {
  if (actor.role !== "student") return state;
  let sandboxes: Record<string, LabState> = {};
  for (const id of [actor.id, state.spotlight]) {
    const sandbox = id === null ? undefined : own(state.sandboxes, id);
    if (id !== null && sandbox) sandboxes = { ...sandboxes, [id]: sandbox };
  }
  const slug = state.exerciseSlug !== null && lessonBySlug(state.exerciseSlug) ? state.exerciseSlug : null;
  return { ...state, sandboxes, exerciseSlug: slug };
}

/** What an action targeted, as `state` has it: the shared lab, or a student's own sandbox. */
export function currentValue(state: SessionState, actor: Actor): CurrentValue {
  const own = actor.role === "student" && state.mode === "sandbox" ? ownSandbox(state, actor.id) : undefined;
  return { version: state.version, lab: own ?? state.shared };
}

function ownSandbox(state: SessionState, id: string): LabState | undefined {
  return own(state.sandboxes, id);
}
