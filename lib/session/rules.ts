// The session rules: who may do what to a live session, as one pure function. The server's Room
// runs it as the authority; a browser runs the same function to apply its own edits at once
// (optimistically) and to know which controls to disable.
import { z } from "zod";
import { applyEdit, editSchema, type Edit, type LabState } from "../network/ops";
import type { RoundsView } from "../rounds/model";
import type { ExerciseChange } from "./exercise-switch";
import { own, without } from "../own";
import { parseWith, refuse, type Refusal } from "../validation";
import type { RaceView } from "../race/model";
import type { RaceStateChange } from "./race";
import type { ActivityStateChange } from "./network-activity";
import { EDIT_MODES, lockSchema, type Lock, type SessionState } from "./state";

export { EDIT_MODES, lockSchema, sessionStateSchema } from "./state";
export type { EditMode, Lock, Participant, SessionState } from "./state";

export type Actor = { role: "teacher" } | { role: "student"; id: string };

export const actionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("edit"), edit: editSchema }),
  z.strictObject({ type: z.literal("setMode"), mode: z.enum(EDIT_MODES) }),
  z.strictObject({ type: z.literal("setJoining"), open: z.boolean() }),
  z.strictObject({ type: z.literal("lock"), lock: lockSchema }),
  z.strictObject({ type: z.literal("unlock"), lock: lockSchema }),
  z.strictObject({ type: z.literal("removeParticipant"), participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal("spotlight"), participantId: z.string().min(1).max(64).nullable() }),
  z.strictObject({ type: z.literal("adoptSandbox"), participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal("resetSandbox") }),
]);
/** What a member may ask for (rounds have their own requests: lib/session/rounds.ts). */
export type Action = z.infer<typeof actionSchema>;

/**
 * The server's word on the rounds (opened, closed, revealed, cleared, leaderboard), made by the
 * round rules of lib/session/rounds.ts and sent in `applied` events like an action. It is not an
 * Action: no client can send it.
 */
export interface RoundStateChange {
  type: "roundState";
  rounds: RoundsView;
  /** set with a round's opening: the shared input values become the round's inputs */
  inputValues?: number[];
}

/** What an `applied` event carries: a member's action, or the server's round, race, activity or exercise change. */
export type AppliedChange = Action | RoundStateChange | RaceStateChange | ActivityStateChange | ExerciseChange;

/** Which part of the state an accepted action changed: who needs to hear about it. */
export type Scope = "shared" | "session" | "sandbox";

export type ActionResult = { ok: true; state: SessionState; scope: Scope } | { ok: false; error: Refusal };

const TEACHER_ONLY: ReadonlySet<Action["type"]> = new Set([
  "setMode",
  "setJoining",
  "lock",
  "unlock",
  "removeParticipant",
  "spotlight",
  "adoptSandbox",
]);

/** Edits that change a network's shape or replace it: the teacher's, or a student's own sandbox. */
export const STRUCTURAL: ReadonlySet<Edit["type"]> = new Set([
  "addNeuron",
  "removeNeuron",
  "addLayer",
  "removeLayer",
  "addInput",
  "removeInput",
  "renameInput",
  "replaceNetwork",
]);

/** Does `edit` change the network's shape (or replace it)? Pages use it to explain a refusal. */
export function isStructuralEdit(edit: Edit): boolean {
  return STRUCTURAL.has(edit.type);
}

function assertNever(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}

/** Does `lock` forbid `edit`? */
export function lockCovers(lock: Lock, edit: Edit): boolean {
  switch (edit.type) {
    case "setWeight":
      if (lock.kind === "weight") {
        return lock.layer === edit.layer && lock.neuron === edit.neuron && lock.from === edit.from;
      }
      return lockCoversNeuron(lock, edit.layer, edit.neuron);
    case "setBias":
    case "setActivation":
    case "setNeuronLabel":
      return lockCoversNeuron(lock, edit.layer, edit.neuron);
    case "setLayerActivation":
      return (lock.kind === "layer" || lock.kind === "neuron" || lock.kind === "weight") && lock.layer === edit.layer;
    case "setInputValue":
      return lock.kind === "inputs";
    default:
      return false; // structural edits are governed by role, not locks
  }
}

function lockCoversNeuron(lock: Lock, layer: number, neuron: number): boolean {
  return (
    (lock.kind === "layer" && lock.layer === layer) ||
    (lock.kind === "neuron" && lock.layer === layer && lock.neuron === neuron)
  );
}

const sameLock = (a: Lock, b: Lock) => JSON.stringify(a) === JSON.stringify(b);

/** May `actor` run `action` now? A refusal says why; null means yes. */
export function permission(state: SessionState, action: Action, actor: Actor): Refusal | null {
  if (action.type === "edit" && roundIsOpen(state)) {
    return { code: "round_open", message: "a prediction round is open: the network is frozen until it closes" };
  }
  if (action.type === "edit" && state.activity && state.activity.debrief === null) {
    return { code: "activity_running", message: "the class is being the network: it is frozen until the debrief" };
  }
  if (actor.role === "teacher")
    return action.type === "resetSandbox" ? notAllowed("only students have sandboxes") : null;
  if (!state.participants.some((p) => p.id === actor.id))
    return { code: "not_joined", message: "join the session first" };
  if (TEACHER_ONLY.has(action.type)) return notAllowed("only the teacher can do that");
  if (action.type !== "edit") return null;
  if (state.mode === "teacher") return { code: "read_only", message: "the teacher is driving: watch and inspect" };
  const edit = action.edit;
  if (STRUCTURAL.has(edit.type) && state.mode !== "sandbox") {
    return notAllowed("only the teacher changes the network's shape (try sandbox mode)");
  }
  if (edit.type === "replaceNetwork") return notAllowed("only the teacher can replace the network");
  const lock = state.locks.find((l) => lockCovers(l, edit));
  if (lock) return { code: "locked", message: "the teacher has locked this" };
  return null;
}

function notAllowed(message: string): Refusal {
  return { code: "not_allowed", message };
}

/** Applies an already validated action by `actor`; never mutates `state`. */
export function applyAction(state: SessionState, action: Action, actor: Actor): ActionResult {
  const denied = permission(state, action, actor);
  if (denied) return { ok: false, error: denied };
  const bumped = (next: Omit<SessionState, "version">, scope: Scope): ActionResult => ({
    ok: true,
    state: { ...next, version: state.version + 1 },
    scope,
  });

  switch (action.type) {
    case "edit": {
      if (actor.role === "student" && state.mode === "sandbox") {
        const result = applyEdit(own(state.sandboxes, actor.id) ?? state.shared, action.edit);
        if (!result.ok) return result;
        // a private change: no version bump, nobody else is told (the teacher sees thumbnails)
        return {
          ok: true,
          state: { ...state, sandboxes: { ...state.sandboxes, [actor.id]: result.state } },
          scope: "sandbox",
        };
      }
      const result = applyEdit(state.shared, action.edit);
      if (!result.ok) return result;
      return bumped({ ...state, shared: result.state, locks: prunedLocks(state.locks, result.state) }, "shared");
    }
    case "setMode":
      return bumped(
        { ...state, mode: action.mode, spotlight: action.mode === "sandbox" ? state.spotlight : null },
        "session",
      );
    case "setJoining": {
      if (!state.joiningClosed === action.open) {
        return refuse("unchanged", action.open ? "joining is open already" : "joining is closed already");
      }
      const { joiningClosed: _closed, ...rest } = state;
      return bumped(action.open ? rest : { ...rest, joiningClosed: true }, "session");
    }
    case "lock":
      if (state.locks.some((l) => sameLock(l, action.lock))) return refuse("already_locked", "this is locked already");
      return bumped({ ...state, locks: [...state.locks, action.lock] }, "session");
    case "unlock":
      if (!state.locks.some((l) => sameLock(l, action.lock))) return refuse("not_locked", "this is not locked");
      return bumped({ ...state, locks: state.locks.filter((l) => !sameLock(l, action.lock)) }, "session");
    case "removeParticipant": {
      if (!state.participants.some((p) => p.id === action.participantId)) {
        return refuse("no_such_participant", "no such student in this session");
      }
      return bumped(
        {
          ...state,
          participants: state.participants.filter((p) => p.id !== action.participantId),
          sandboxes: without(state.sandboxes, action.participantId),
          spotlight: state.spotlight === action.participantId ? null : state.spotlight,
          ...(state.race ? { race: withoutRacer(state.race, action.participantId) } : {}),
        },
        "session",
      );
    }
    case "spotlight":
      if (action.participantId !== null && !state.participants.some((p) => p.id === action.participantId)) {
        return refuse("no_such_participant", "no such student in this session");
      }
      return bumped({ ...state, spotlight: action.participantId }, "session");
    case "adoptSandbox": {
      const sandbox = own(state.sandboxes, action.participantId);
      if (!sandbox) return refuse("no_sandbox", "this student has not changed their sandbox");
      return bumped({ ...state, shared: structuredClone(sandbox), locks: prunedLocks(state.locks, sandbox) }, "shared");
    }
    case "resetSandbox": {
      if (actor.role !== "student") return refuse("not_allowed", "only students have sandboxes");
      return { ok: true, state: { ...state, sandboxes: without(state.sandboxes, actor.id) }, scope: "sandbox" };
    }
    default:
      return assertNever(action);
  }
}

/** A removed student leaves the race's ranking and spotlight (their network left with their sandbox). */
function withoutRacer(race: RaceView, id: string): RaceView {
  return {
    ...race,
    ranking: race.ranking.filter((row) => row.participantId !== id),
    spotlight: race.spotlight === id ? null : race.spotlight,
  };
}

/** Drops locks that point at neurons, layers or weights that no longer exist. */
function prunedLocks(locks: readonly Lock[], lab: LabState): Lock[] {
  return locks.filter((lock) => {
    if (lock.kind === "inputs") return true;
    const layer = lab.network.layers[lock.layer];
    if (!layer) return false;
    if (lock.kind === "layer") return true;
    const neuron = layer.neurons[lock.neuron];
    if (!neuron) return false;
    return lock.kind === "neuron" || lock.from < neuron.weights.length;
  });
}

/** Parses an untrusted action, then applies it: a bad action is refused and changes nothing. */
export function parseAndApplyAction(state: SessionState, input: unknown, actor: Actor): ActionResult {
  const parsed = parseWith(actionSchema, "invalid_action", input);
  return parsed.ok ? applyAction(state, parsed.value, actor) : parsed;
}

/** Is a prediction round taking answers? (Edits are refused meanwhile: the question stays put.) */
export function roundIsOpen(state: SessionState): boolean {
  return state.rounds?.current?.phase === "open";
}

/**
 * The server's round change, as the Room makes it and every client folds it: the next version,
 * the new rounds, and at a round's opening the round's inputs as the shared input values.
 */
export function applyRoundState(state: SessionState, change: RoundStateChange): SessionState {
  const shared =
    change.inputValues && change.inputValues.length === state.shared.inputValues.length
      ? { ...state.shared, inputValues: [...change.inputValues] }
      : state.shared;
  return { ...state, version: state.version + 1, shared, rounds: change.rounds };
}

/**
 * The lab a participant sees: the spotlighted sandbox, their own sandbox, or the shared one. While
 * a round is on screen everyone sees the shared lab: the round asks about it.
 */
export function visibleLab(state: SessionState, actor: Actor): LabState {
  if (state.rounds?.current || state.activity) return state.shared;
  if (state.spotlight) return own(state.sandboxes, state.spotlight) ?? state.shared;
  if (actor.role === "student" && state.mode === "sandbox") return own(state.sandboxes, actor.id) ?? state.shared;
  return state.shared;
}

/** A new session on `lab`. */
export function newSession(code: string, lab: LabState, exerciseSlug: string | null = null): SessionState {
  return {
    code,
    version: 0,
    mode: "teacher",
    shared: structuredClone(lab),
    locks: [],
    participants: [],
    sandboxes: {},
    spotlight: null,
    exerciseSlug,
  };
}
