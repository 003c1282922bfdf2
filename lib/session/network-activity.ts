// "Be the network" as session rules, beside lib/session/rounds.ts: pure functions of (the public
// session state, the server's activity book, a request, a context with the clock, the forward pass
// and an id maker) that answer the next state, the next book, the `activityState` change every
// member folds and the rows to write — or a named refusal. The server's Room runs them through its
// one commit path (written before anyone hears of it); the browser asks `activityRefusal` which
// controls to offer. No I/O, no clock, no state.
import { addRound } from "../rounds/scoring";
import { refuse, type Refusal } from "../validation";
import {
  allFinite,
  assignLate,
  idealValues,
  layerComplete,
  reassign,
  roundRobin,
  type ForwardPass,
} from "../network-activity/flow";
import {
  DEFAULT_ACTIVITY_TOLERANCE,
  VALUE_LIMIT,
  type ActivityBook,
  type ActivityRecord,
  type ActivityView,
  type LayerRecord,
  type OwnSubmission,
  type Submission,
} from "../network-activity/model";
import type { ActivityRequest, NeuronAnswerRequest } from "../network-activity/requests";
import { advance, reveal } from "../network-activity/steps";
import { activityScores, activityView } from "../network-activity/view";
import type { Effect, Outcome, SessionValue, Transition } from "./authority";
import type { RoundsView } from "../rounds/model";
import { roundsView } from "./rounds";
import type { Actor, SessionState } from "./rules";

/**
 * The server's word on the activity, sent in `applied` events like an action (never sent by a
 * client). `rounds`: the leaderboard with the activity's scores in it, when the teacher adds them.
 */
export interface ActivityStateChange {
  type: "activityState";
  activity: ActivityView | null;
  rounds?: RoundsView;
}

/** The activity change as every member folds it: the next version. */
export function applyActivityState(state: SessionState, change: ActivityStateChange): SessionState {
  const { activity: _previous, ...rest } = state;
  const next: SessionState = { ...rest, version: state.version + 1 };
  if (change.activity) next.activity = change.activity;
  if (change.rounds) next.rounds = change.rounds;
  return next;
}

/** Is the activity computing (started, not finished)? Edits are refused meanwhile. */
export function activityRunning(state: SessionState): boolean {
  return state.activity !== undefined && state.activity.debrief === null;
}

/** What an activity change needs besides the state: the server's clock, kernel and ids. */
export interface ActivityContext {
  now: number;
  forward: ForwardPass;
  newId(): string;
}

/** The rows an activity change writes: whole records, and new submissions. */
export interface ActivityWrites {
  activities: ActivityRecord[];
  submissions: { activityId: string; submission: Submission }[];
}

export type ActivityReply = { version: number; activityId: string | null };
export type NeuronAnswerReply = { activityId: string; submission: OwnSubmission };

/** May `actor` make this request now, as far as the public state tells? */
export function activityRefusal(state: SessionState, request: ActivityRequest, actor: Actor): Refusal | null {
  if (actor.role !== "teacher") return { code: "not_allowed", message: "only the teacher runs the activity" };
  if (request.op === "start") {
    if (state.rounds?.current?.phase === "open")
      return { code: "round_open", message: "a round is open: close it first" };
    if (activityRunning(state)) return { code: "activity_running", message: "the activity is running: stop it first" };
    return null;
  }
  if (state.activity?.id !== request.activityId) return { code: "no_such_activity", message: "not on screen" };
  return null;
}

/** The teacher's start / advance / reveal / mode / calculator / assign / roundRobin / finish / stop. */
export function applyActivityRequest(
  value: SessionValue,
  request: ActivityRequest,
  actor: Actor,
  context: ActivityContext,
): Outcome<ActivityReply> {
  const denied = activityRefusal(value.state, request, actor);
  if (denied) return { ok: false, error: denied };
  if (request.op === "start") return start(value, request, context);
  const book = value.activity;
  if (!book || book.record.id !== request.activityId) return refuse("no_such_activity", "not on screen");
  const { record } = book;
  const now = context.now;
  const finished = record.finishedAt !== null;
  switch (request.op) {
    case "advance": {
      if (finished || record.current >= record.layers.length) return refuse("all_passed", "the output is in");
      return changed(value, { ...book, record: advance(book, context.forward, now) });
    }
    case "reveal": {
      const layer = record.layers[request.layer];
      if (!layer?.received) return refuse("layer_waiting", "this layer has not received its values yet");
      if (layer.revealedAt !== null) return refuse("already_revealed", "this layer is revealed already");
      return changed(value, { ...book, record: reveal(book, request.layer, now) });
    }
    case "mode":
    case "calculator": {
      if (finished) return refuse("activity_finished", "the activity is finished");
      const next = request.op === "mode" ? { mode: request.mode } : { calculator: request.on };
      return changed(value, { ...book, record: { ...record, ...next } });
    }
    case "assign": {
      if (!value.state.participants.some((p) => p.id === request.participantId)) {
        return refuse("no_such_participant", "no such student in this session");
      }
      const misfit = request.neurons.find((n) => record.members[n.layer]?.[n.index] === undefined);
      if (misfit) return refuse("no_such_neuron", `no neuron ${misfit.layer}:${misfit.index}`);
      const members = reassign(record.members, request.participantId, request.neurons);
      return changed(value, { ...book, record: { ...record, members } });
    }
    case "roundRobin": {
      const members = roundRobin(
        record.network,
        value.state.participants.map((p) => p.id),
      );
      return changed(value, { ...book, record: { ...record, members } });
    }
    case "finish":
      return finish(value, book, request.scores, now);
    case "stop":
      return changed(value, { ...book, record: { ...record, stoppedAt: now } }, null);
  }
}

function start(
  value: SessionValue,
  request: Extract<ActivityRequest, { op: "start" }>,
  context: ActivityContext,
): Outcome<ActivityReply> {
  const { state } = value;
  const net = state.shared.network;
  const inputs = request.inputs ?? state.shared.inputValues;
  if (inputs.length !== net.inputs.length) {
    return refuse("invalid_activity", `the network has ${net.inputs.length} inputs`, "inputs");
  }
  const ideal = idealValues(net, inputs, context.forward);
  if (!ideal.every(allFinite)) return refuse("invalid_activity", "a neuron's value is not a finite number");
  const now = context.now;
  const layers: LayerRecord[] = net.layers.map((_, l) => ({
    received: l === 0 ? [...inputs] : null,
    truth: l === 0 ? (ideal[0] ?? null) : null,
    values: null,
    closedAt: null,
    revealedAt: null,
    passedAt: null,
  }));
  const previous = value.activity?.record ?? null;
  const record: ActivityRecord = {
    id: context.newId(),
    number: (value.server.activities ?? 0) + 1,
    network: structuredClone(net),
    inputs: [...inputs],
    mode: request.mode ?? "computed",
    calculator: request.calculator ?? false,
    tolerance: request.tolerance ?? DEFAULT_ACTIVITY_TOLERANCE,
    members: roundRobin(
      net,
      state.participants.map((p) => p.id),
    ),
    current: 0,
    layers,
    ideal,
    startedAt: now,
    finishedAt: null,
    scored: false,
    stoppedAt: null,
  };
  const extra = previous && previous.stoppedAt === null ? [{ ...previous, stoppedAt: now }] : [];
  const server = { ...value.server, activities: record.number };
  return changed({ ...value, server }, { record, submissions: [] }, undefined, extra);
}

function finish(value: SessionValue, book: ActivityBook, scores: boolean, now: number): Outcome<ActivityReply> {
  let { record } = book;
  if (record.finishedAt !== null) return refuse("activity_finished", "the debrief is shown already");
  if (record.current < record.layers.length) return refuse("not_done", "pass every layer on first");
  for (let l = 0; l < record.layers.length; l++) record = reveal({ ...book, record }, l, now);
  record = { ...record, finishedAt: now, scored: scores };
  const next: ActivityBook = { ...book, record };
  if (!scores) return changed(value, next);
  const { state, rounds } = value;
  const standings = addRound(
    rounds.standings,
    activityScores(next),
    state.participants.map((p) => p.id),
  );
  const scored = { ...rounds, standings };
  const view = roundsView(state.rounds, scored, state.participants);
  return changed({ ...value, rounds: scored }, next, undefined, [], view);
}

/**
 * An activity change everyone folds as the next version. `shown` null: the activity leaves the
 * screens (its record is written, the book forgets it).
 */
function changed(
  value: SessionValue,
  book: ActivityBook,
  shown?: null,
  extra: ActivityRecord[] = [],
  rounds?: RoundsView,
): Outcome<ActivityReply> {
  const change: ActivityStateChange = { type: "activityState", activity: shown === null ? null : activityView(book) };
  if (rounds) change.rounds = rounds;
  return transition(value, shown === null ? null : book, change, { role: "teacher" }, [...extra, book.record], [], {
    activityId: book.record.id,
  });
}

function transition<R>(
  value: SessionValue,
  book: ActivityBook | null,
  change: ActivityStateChange,
  by: Actor,
  activities: ActivityRecord[],
  submissions: ActivityWrites["submissions"],
  reply: R,
): Outcome<R & { version: number }> {
  const state = applyActivityState(value.state, change);
  const effects: Effect[] = [{ type: "applied", event: { version: state.version, action: change, by } }];
  return {
    ok: true,
    transition: {
      value: { ...value, state, activity: book },
      writes: { records: [], answers: [], activities, submissions },
      effects,
      reply: { ...reply, version: state.version },
    },
  };
}

/**
 * A student's z and f(z) for one of their neurons in the layer being computed (again: a new
 * answer, every one kept). As computed, the layer's values flow on by themselves once every
 * student of every neuron in it has answered.
 */
export function applyNeuronAnswer(
  value: SessionValue,
  request: NeuronAnswerRequest,
  actor: Actor,
  context: ActivityContext,
): Outcome<NeuronAnswerReply & { version: number }> {
  if (actor.role !== "student") return refuse("not_allowed", "only students answer");
  const participant = value.state.participants.find((p) => p.id === actor.id);
  if (!participant) return refuse("not_joined", "join the session first");
  const book = value.activity;
  if (!book || book.record.id !== request.activityId) return refuse("no_such_activity", "not on screen");
  const { record } = book;
  const layer = record.layers[request.layer];
  if (!record.members[request.layer]?.[request.index]?.includes(actor.id)) {
    return refuse("not_your_neuron", "this is not your neuron");
  }
  if (!layer?.received) return refuse("layer_waiting", "your inputs have not arrived yet");
  if (layer.closedAt !== null) return refuse("layer_closed", "this layer has passed its values on");
  for (const [key, number] of [
    ["z", request.z],
    ["a", request.a],
  ] as const) {
    if (!Number.isFinite(number) || Math.abs(number) > VALUE_LIMIT) {
      return refuse("invalid_answer", `${key} must be a number within ±${VALUE_LIMIT}`, key);
    }
  }
  const clean = (x: number) => (x === 0 ? 0 : x); // no -0
  const submission: Submission = {
    seq: book.submissions.length + 1,
    participantId: actor.id,
    name: participant.name,
    layer: request.layer,
    index: request.index,
    z: clean(request.z),
    a: clean(request.a),
    at: context.now,
  };
  const submissions = [...book.submissions, submission];
  let next: ActivityBook = { record, submissions };
  const present = new Set(value.state.participants.map((p) => p.id));
  if (record.mode === "computed" && layerComplete(record, submissions, request.layer, present)) {
    next = { ...next, record: advance(next, context.forward, context.now) };
  }
  const change: ActivityStateChange = { type: "activityState", activity: activityView(next) };
  const { seq: _seq, participantId: _id, name: _name, ...own } = submission;
  return transition(
    value,
    next,
    change,
    actor,
    next.record === record ? [] : [next.record],
    [{ activityId: record.id, submission }],
    { activityId: record.id, submission: own },
  );
}

/**
 * A student who joined while the activity runs gets a neuron (lib/network-activity/flow.ts
 * `assignLate`): the join's transition plus the `activityState` change everyone folds.
 */
export function withLateJoiner<R>(joined: Transition<R>, participantId: string): Transition<R> {
  const value = joined.value;
  const book = value.activity;
  if (!book || book.record.finishedAt !== null || !value.state.activity) return joined;
  const members = assignLate(book.record, participantId);
  if (!members) return joined;
  const next: ActivityBook = { ...book, record: { ...book.record, members } };
  const outcome = transition(
    value,
    next,
    { type: "activityState", activity: activityView(next) },
    { role: "teacher" },
    [next.record],
    [],
    {},
  );
  if (!outcome.ok) return joined;
  const { value: after, writes, effects } = outcome.transition;
  return { ...joined, value: after, writes, effects: [...joined.effects, ...effects] };
}
