// Who changed what in "everyone edits": from the `applied` events a live client folds, keep the
// last few parameter changes (who, which parameter, old → new value, when), which parameter was
// changed recently by whom (a name tag on the graph for a few seconds), and whether someone else's
// edit replaced one of ours moments after it landed ("overtaken"). Pure: the caller passes the
// clock, the state before the event and its own actor; no I/O.
import type { Edit, LabState } from "../network/ops";
import type { AppliedEvent } from "../session/protocol";
import { STRUCTURAL, type Actor, type Participant, type SessionState } from "../session/rules";

/** One parameter of the shared network, by its indices at the time of the change. */
export type Param =
  | { kind: "weight"; layer: number; neuron: number; from: number }
  | { kind: "bias"; layer: number; neuron: number }
  | { kind: "activation"; layer: number; neuron: number }
  | { kind: "input"; input: number };

export type ParamValue = number | string | null;

export interface Change {
  version: number;
  by: Actor;
  param: Param;
  from: ParamValue;
  to: ParamValue;
  /** the client's clock when the event arrived, ms */
  at: number;
}

/** Our own confirmed edit of a parameter: overtaken if someone else's lands soon after it. */
interface MineEntry {
  version: number;
  at: number;
  value: ParamValue;
}

export interface Attribution {
  /** newest first, at most CHANGES_KEPT */
  changes: readonly Change[];
  mine: ReadonlyMap<string, MineEntry>;
  /** the version of the last shape change: tags from before it point at other indices now */
  shapeVersion: number;
}

/** Our value was replaced by someone else's soon after it was applied. */
export interface Overtaken {
  param: Param;
  by: Actor;
  yours: ParamValue;
  theirs: ParamValue;
  version: number;
}

export const CHANGES_KEPT = 8;
/** how long the graph shows who changed a value */
export const TAG_MS = 4000;
/** someone else's edit of the same parameter this soon after ours counts as a conflict */
export const OVERTAKE_MS = 10_000;

export const EMPTY_ATTRIBUTION: Attribution = { changes: [], mine: new Map(), shapeVersion: 0 };

/** The parameter an edit sets, or null for shape changes and whole-layer edits. */
export function paramOf(edit: Edit): Param | null {
  switch (edit.type) {
    case "setWeight":
      return { kind: "weight", layer: edit.layer, neuron: edit.neuron, from: edit.from };
    case "setBias":
      return { kind: "bias", layer: edit.layer, neuron: edit.neuron };
    case "setActivation":
      return { kind: "activation", layer: edit.layer, neuron: edit.neuron };
    case "setInputValue":
      return { kind: "input", input: edit.input };
    default:
      return null;
  }
}

export function paramKey(param: Param): string {
  switch (param.kind) {
    case "weight":
      return `weight:${param.layer}:${param.neuron}:${param.from}`;
    case "bias":
    case "activation":
      return `${param.kind}:${param.layer}:${param.neuron}`;
    case "input":
      return `input:${param.input}`;
  }
}

/** The parameter's value in `lab` (null: absent, or an activation that follows its layer). */
export function paramValue(lab: LabState, param: Param): ParamValue {
  if (param.kind === "input") return lab.inputValues[param.input] ?? null;
  const neuron = lab.network.layers[param.layer]?.neurons[param.neuron];
  if (!neuron) return null;
  if (param.kind === "weight") return neuron.weights[param.from] ?? null;
  if (param.kind === "bias") return neuron.bias;
  return neuron.activation ?? null;
}

export function sameActor(a: Actor, b: Actor | null): boolean {
  if (!b || a.role !== b.role) return false;
  return a.role === "teacher" || (b.role === "student" && a.id === b.id);
}

/**
 * Records one `applied` event. `before` is the confirmed state the event was folded into; only
 * shared edits in "everyone edits" count. Returns the new record and, when the event replaced our
 * own recent value of the same parameter, the notice to show us.
 */
export function observe(
  attribution: Attribution,
  before: SessionState,
  event: AppliedEvent,
  me: Actor | null,
  now: number,
): { attribution: Attribution; overtaken: Overtaken | null } {
  const unchanged = { attribution, overtaken: null };
  if (event.action.type !== "edit" || event.version <= before.version) return unchanged;
  const edit = event.action.edit;
  // a shape change: indices point elsewhere now, older tags and our own recent edits are forgotten
  if (STRUCTURAL.has(edit.type)) {
    return { attribution: { ...attribution, mine: new Map(), shapeVersion: event.version }, overtaken: null };
  }
  const param = paramOf(edit);
  if (!param || before.mode !== "everyone") return unchanged;
  const to = "activation" in edit ? edit.activation : "value" in edit ? edit.value : null;
  const change: Change = {
    version: event.version,
    by: event.by,
    param,
    from: paramValue(before.shared, param),
    to,
    at: now,
  };
  const changes = [change, ...attribution.changes].slice(0, CHANGES_KEPT);
  const key = paramKey(param);
  const mine = new Map(attribution.mine);
  let overtaken: Overtaken | null = null;
  if (sameActor(event.by, me)) {
    mine.set(key, { version: event.version, at: now, value: to });
  } else {
    const ours = mine.get(key);
    if (ours && now - ours.at <= OVERTAKE_MS && event.version > ours.version) {
      overtaken = { param, by: event.by, yours: ours.value, theirs: to, version: event.version };
    }
    mine.delete(key);
  }
  return { attribution: { ...attribution, changes, mine }, overtaken };
}

/** The latest change of each parameter changed in the last TAG_MS (since the last shape change). */
export function recentTags(attribution: Attribution, now: number): Map<string, Change> {
  const tags = new Map<string, Change>();
  for (const change of attribution.changes) {
    if (now - change.at > TAG_MS || change.version <= attribution.shapeVersion) continue;
    const key = paramKey(change.param);
    if (!tags.has(key)) tags.set(key, change); // newest first: the first one wins
  }
  return tags;
}

/**
 * The graph's name tags (what `recentTags` found, without our own changes and the inputs): a
 * neuron's bias or activation under "layer:index", a connection's weight under
 * "layer:index:from" (the neuron it feeds and its source), each with its author's name as `word`
 * writes it. Null when there is none.
 */
export function graphTags(
  attribution: Attribution,
  now: number,
  participants: readonly Participant[],
  me: Actor | null,
  word: (author: Exclude<Author, { kind: "you" }>) => string,
): Map<string, string> | null {
  const tags = new Map<string, string>();
  for (const change of recentTags(attribution, now).values()) {
    const { param } = change;
    if (param.kind === "input") continue;
    const author = authorOf(change.by, participants, me);
    if (author.kind === "you") continue; // we know what we changed
    const key =
      param.kind === "weight" ? `${param.layer}:${param.neuron}:${param.from}` : `${param.layer}:${param.neuron}`;
    if (!tags.has(key)) tags.set(key, word(author));
  }
  return tags.size > 0 ? tags : null;
}

/** Who an actor is, for the UI: the teacher, us, a student by name, or someone who has left. */
export type Author = { kind: "teacher" } | { kind: "you" } | { kind: "student"; name: string } | { kind: "gone" };

export function authorOf(by: Actor, participants: readonly Participant[], me: Actor | null): Author {
  if (sameActor(by, me)) return { kind: "you" };
  if (by.role === "teacher") return { kind: "teacher" };
  const participant = participants.find((p) => p.id === by.id);
  return participant ? { kind: "student", name: participant.name } : { kind: "gone" };
}
