// The activation race as session rules, beside rounds.ts and following its pattern: pure
// functions of (the public session state, the server's race book, a request, a context with the
// clock, an id maker and the server's evaluator) that answer the next state and book, the effects
// (who is told what), the rows to write and the ack — or a named refusal. The Room runs them
// through its one commit path.
//
// The rule the race rests on: **a reported loss is never believed.** Students train on their own
// devices and report curves (shown as reported) and finally their network; the ranking uses only
// the test loss the server recomputes from that network on the race's seeded test set.
import { z } from "zod";
import {
  RACE_LIMITS,
  raceEntrySchema,
  type CurvePoint,
  type RaceEntry,
  type RaceEntryAck,
  type RaceEntryRequest,
  type RaceEntryView,
  type RaceRank,
  type RaceRequest,
  type RaceStatusAck,
  type RaceView,
} from "../race/model";
import { raceNetworkMisfit, raceTrainingInput, type RaceEvaluator } from "../race/run";
import { own } from "../own";
import type { LabState } from "../network/ops";
import type { Network } from "../network/schema";
import { refuse, refuseField } from "../validation";
import type { Audience, Effect, Outcome, SessionValue } from "./authority";
import type { Actor, SessionState } from "./rules";
import { keyedRecord } from "./state";

/** What only the server keeps of the race on screen: every entry (curves, networks, submissions). */
export const serverRaceSchema = z.strictObject({ entries: keyedRecord(raceEntrySchema) });
export type ServerRace = Readonly<z.infer<typeof serverRaceSchema>>;

const EMPTY_RACE: ServerRace = Object.freeze({ entries: Object.freeze({}) }) as ServerRace;

export function emptyServerRace(): ServerRace {
  return EMPTY_RACE;
}

/** The race book of a value (absent in values made before races: empty). */
export function raceBook(value: Pick<SessionValue, "race">): ServerRace {
  return value.race ?? EMPTY_RACE;
}

/** An entry row to write beside the session. */
export interface RaceEntryWrite {
  raceId: string;
  participantId: string;
  entry: RaceEntry;
}

/** The server's word on the race, in an `applied` event like an action (no client can send it). */
export interface RaceStateChange {
  type: "raceState";
  /** null: the race left the screens */
  race: RaceView | null;
}

export interface RaceContext {
  now: number;
  newId(): string;
  /** the server's own computation of a network's losses (its wasm kernel) */
  evaluate: RaceEvaluator;
}

type Reply<A> = Omit<Extract<A, { ok: true }>, "ok">;
export type RaceReply = Reply<import("../race/model").RaceAck>;
export type RaceEntryReply = Reply<RaceEntryAck>;

/** The race change every member folds: the next version with the race as given. */
export function applyRaceState(state: SessionState, change: RaceStateChange): SessionState {
  const { race: _race, ...rest } = state;
  return { ...rest, version: state.version + 1, ...(change.race ? { race: change.race } : {}) };
}

/** May `actor` make this race request now, as far as the public state tells? (The page asks it too.) */
export function raceRefusal(state: SessionState, request: RaceRequest, actor: Actor) {
  if (actor.role !== "teacher") return { code: "not_allowed", message: "only the teacher runs races" };
  const race = state.race;
  if (request.op === "start") {
    return race?.phase === "running" ? { code: "race_running", message: "a race is running: stop it first" } : null;
  }
  if (!race || race.id !== request.raceId) return { code: "no_such_race", message: "this race is not on screen" };
  if (request.op === "stop" && race.phase === "stopped") return { code: "race_stopped", message: "stopped already" };
  return null;
}

/** The teacher's start / stop / spotlight / clear. */
export function applyRaceRequest(
  value: SessionValue,
  request: RaceRequest,
  actor: Actor,
  context: Pick<RaceContext, "now" | "newId">,
): Outcome<RaceReply> {
  const { state } = value;
  const denied = raceRefusal(state, request, actor);
  if (denied) return { ok: false, error: denied };
  const race = state.race;
  switch (request.op) {
    case "start": {
      const layers = raceLayers(state.shared.network);
      if (typeof layers === "string") return refuse("invalid_race", layers);
      const start = request.start;
      const next: RaceView = {
        id: context.newId(),
        number: (race?.number ?? 0) + 1,
        phase: "running",
        data: { points: 200, noise: 0, trainFraction: 0.5, seed: 1, ...start.data },
        epochs: start.epochs,
        layers,
        startedAt: context.now,
        stoppedAt: null,
        ranking: [],
        spotlight: null,
      };
      return changed({ ...value, race: EMPTY_RACE }, next);
    }
    case "stop":
      return changed(value, { ...race!, phase: "stopped", stoppedAt: context.now });
    case "spotlight": {
      const who = request.participantId;
      if (who !== null && !state.participants.some((p) => p.id === who)) {
        return refuse("no_such_participant", "no such student in this session");
      }
      return changed(value, { ...race!, spotlight: who });
    }
    case "clear":
      return changed({ ...value, race: EMPTY_RACE }, null);
  }
}

/**
 * The neurons per layer of the race's networks, from the shared network when the race starts: two
 * inputs (the plane), one output (the class score), at most RACE_LIMITS.neurons neurons. Or why not.
 */
function raceLayers(network: Network): number[] | string {
  if (network.inputs.length !== 2) return "a race needs a network with two inputs (x1, x2)";
  const layers = network.layers.map((layer) => layer.neurons.length);
  if (layers[layers.length - 1] !== 1) return "a race needs a network with one output neuron";
  if (layers.reduce((a, b) => a + b, 0) > RACE_LIMITS.neurons) {
    return `a race's network has at most ${RACE_LIMITS.neurons} neurons`;
  }
  return layers;
}

function changed(value: SessionValue, race: RaceView | null, extra: Effect[] = []): Outcome<RaceReply> {
  const change: RaceStateChange = { type: "raceState", race };
  const state = applyRaceState(value.state, change);
  return {
    ok: true,
    transition: {
      value: { ...value, state },
      writes: null,
      effects: [
        { type: "applied", event: { version: state.version, action: change, by: { role: "teacher" } } },
        ...extra,
      ],
      reply: { version: state.version, raceId: race?.id ?? null },
    },
  };
}

/** A student's enter / progress / submit, always for their own entry. */
export function applyRaceEntry(
  value: SessionValue,
  request: RaceEntryRequest,
  actor: Actor,
  context: RaceContext,
): Outcome<RaceEntryReply> {
  const { state } = value;
  if (actor.role !== "student") return refuse("not_allowed", "only students race");
  const participant = state.participants.find((p) => p.id === actor.id);
  if (!participant) return refuse("not_joined", "join the session first");
  const race = state.race;
  if (!race || race.id !== request.raceId) return refuse("no_such_race", "this race is not on screen");
  if (race.phase !== "running") return refuse("race_stopped", "the teacher stopped this race");
  const book = raceBook(value);
  const entry = own(book.entries, actor.id);
  if (request.op === "enter") {
    // entering writes a row and reaches the teachers: paced like a report
    if (entry && context.now - entry.reportedAt < RACE_LIMITS.reportIntervalMs) {
      return refuse("too_fast", `enter again at most every ${RACE_LIMITS.reportIntervalMs} ms`);
    }
    if (request.choices.activations.length !== race.layers.length) {
      return refuseField(
        "invalid_entry",
        "choices.activations",
        `choose one activation per layer (${race.layers.length})`,
      );
    }
    const next: RaceEntry = {
      raceId: race.id,
      name: participant.name,
      choices: request.choices,
      curve: [],
      network: null,
      reportedAt: context.now,
      submitted: entry?.submitted ?? null,
    };
    return entryChanged(value, actor.id, next, { reset: true, points: [] });
  }
  if (!entry) return refuse("not_entered", "choose your activations and enter the race first");
  if (request.op === "progress") {
    if (context.now - entry.reportedAt < RACE_LIMITS.reportIntervalMs) {
      return refuse("too_fast", `report progress at most every ${RACE_LIMITS.reportIntervalMs} ms`);
    }
    const bad = pointsProblem(entry.curve, request.points, race.epochs);
    if (bad) return refuseField("invalid_entry", "points", bad);
    const misfit = request.network ? raceNetworkMisfit(race, entry.choices, request.network) : null;
    if (misfit) return refuseField("invalid_entry", "network", misfit);
    const next: RaceEntry = {
      ...entry,
      curve: appendCurve(entry.curve, request.points),
      network: request.network ?? entry.network,
      reportedAt: context.now,
    };
    return entryChanged(value, actor.id, next, { reset: false, points: request.points });
  }
  return submit(value, actor.id, entry, request, context);
}

function submit(
  value: SessionValue,
  id: string,
  entry: RaceEntry,
  request: Extract<RaceEntryRequest, { op: "submit" }>,
  context: RaceContext,
): Outcome<RaceEntryReply> {
  const { state } = value;
  const race = state.race!;
  // a submission costs the server a computation: at most one a second
  if (entry.submitted && context.now - entry.submitted.at < RACE_LIMITS.submitIntervalMs) {
    return refuse("too_fast", `submit at most every ${RACE_LIMITS.submitIntervalMs} ms`);
  }
  if (request.epochs > race.epochs) {
    return refuseField("invalid_entry", "epochs", `this race stops at ${race.epochs} epochs`);
  }
  const misfit = raceNetworkMisfit(race, entry.choices, request.network);
  if (misfit) return refuseField("invalid_entry", "network", misfit);
  // the only loss that counts: the server's own, on the seeded test set
  const verified = context.evaluate(raceTrainingInput(race, request.network, entry.choices));
  const testLoss = verified.testLoss;
  if (testLoss === null || !Number.isFinite(testLoss) || verified.testAccuracy === null) {
    return refuse("invalid_entry", "this network's test loss is not a finite number");
  }
  const submitted = {
    network: request.network,
    epochs: request.epochs,
    reportedLoss: request.reportedLoss,
    testLoss,
    testAccuracy: verified.testAccuracy,
    at: context.now,
  };
  const next: RaceEntry = { ...entry, network: request.network, submitted };
  const row: RaceRank = {
    participantId: id,
    name: entry.name,
    activations: entry.choices.activations,
    learningRate: entry.choices.learningRate,
    epochs: request.epochs,
    testLoss,
    testAccuracy: verified.testAccuracy,
    reportedLoss: request.reportedLoss,
    submittedAt: context.now,
  };
  const ranking = rankRows([...race.ranking.filter((r) => r.participantId !== id), row]);
  const change: RaceStateChange = { type: "raceState", race: { ...race, ranking } };
  // the network goes into the student's sandbox too: the teacher adopts it like any sandbox
  const lab: LabState = {
    network: request.network,
    inputValues: state.shared.inputValues.length === 2 ? [...state.shared.inputValues] : [0, 0],
  };
  const after = { ...applyRaceState(state, change), sandboxes: { ...state.sandboxes, [id]: lab } };
  const audience: Audience = after.spotlight === id ? { to: "everyone" } : { to: "teachersAndParticipant", id };
  const rank = ranking.findIndex((r) => r.participantId === id) + 1;
  return {
    ok: true,
    transition: {
      value: { ...value, state: after, race: { entries: { ...raceBook(value).entries, [id]: next } } },
      writes: { records: [], answers: [], race: [{ raceId: race.id, participantId: id, entry: next }] },
      effects: [
        { type: "applied", event: { version: after.version, action: change, by: { role: "student", id } } },
        { type: "sandbox", audience, event: { participantId: id, lab } },
      ],
      reply: { raceId: race.id, entry: entryView(id, next, true), rank, testLoss, testAccuracy: verified.testAccuracy },
    },
  };
}

/** Best first: the lowest recomputed test loss; ties by who submitted first. */
export function rankRows(rows: readonly RaceRank[]): RaceRank[] {
  return [...rows].sort((a, b) => a.testLoss - b.testLoss || a.submittedAt - b.submittedAt);
}

function entryChanged(
  value: SessionValue,
  id: string,
  entry: RaceEntry,
  curve: { reset: boolean; points: CurvePoint[] },
): Outcome<RaceEntryReply> {
  return {
    ok: true,
    transition: {
      value: { ...value, race: { entries: { ...raceBook(value).entries, [id]: entry } } },
      writes: { records: [], answers: [], race: [{ raceId: entry.raceId, participantId: id, entry }] },
      effects: [
        {
          type: "raceCurve",
          event: { raceId: entry.raceId, participantId: id, name: entry.name, choices: entry.choices, ...curve },
        },
      ],
      reply: { raceId: entry.raceId, entry: entryView(id, entry, false) },
    },
  };
}

/** Why these reported points cannot follow `curve` (a message), or null. */
function pointsProblem(curve: readonly CurvePoint[], points: readonly CurvePoint[], limit: number): string | null {
  let last = curve.length > 0 ? curve[curve.length - 1]!.epoch : -1;
  for (const point of points) {
    if (point.epoch <= last) return "epochs must go up";
    if (point.epoch > limit) return `this race stops at ${limit} epochs`;
    last = point.epoch;
  }
  return null;
}

/** `curve` with `points` after it, thinned to at most RACE_LIMITS.curvePoints (the newest kept). */
export function appendCurve(curve: readonly CurvePoint[], points: readonly CurvePoint[]): CurvePoint[] {
  let all = [...curve, ...points];
  while (all.length > RACE_LIMITS.curvePoints) {
    const newest = all[all.length - 1]!;
    all = all.filter((_, i) => i % 2 === 0);
    if (all[all.length - 1] !== newest) all.push(newest);
  }
  return all;
}

function entryView(id: string, entry: RaceEntry, withNetwork: boolean): RaceEntryView {
  const { submitted } = entry;
  return {
    participantId: id,
    name: entry.name,
    choices: entry.choices,
    curve: entry.curve,
    ...(withNetwork ? { network: entry.network } : {}),
    submitted: submitted
      ? {
          testLoss: submitted.testLoss,
          testAccuracy: submitted.testAccuracy,
          epochs: submitted.epochs,
          reportedLoss: submitted.reportedLoss,
        }
      : null,
  };
}

/**
 * The race's entries for `actor`: the teacher's screens get every curve (no networks: adopting goes
 * through the sandbox); a student their own entry with their newest network, to resume after a reload.
 */
export function raceStatus(state: SessionState, book: ServerRace, actor: Actor): Extract<RaceStatusAck, { ok: true }> {
  const race = state.race;
  if (!race) return { ok: true, raceId: null, entries: [] };
  if (actor.role === "student") {
    const entry = own(book.entries, actor.id);
    return { ok: true, raceId: race.id, entries: entry ? [entryView(actor.id, entry, true)] : [] };
  }
  const present = new Set(state.participants.map((p) => p.id)); // a removed student's curve leaves too
  return {
    ok: true,
    raceId: race.id,
    entries: Object.entries(book.entries).flatMap(([id, entry]) =>
      present.has(id) ? [entryView(id, entry, false)] : [],
    ),
  };
}

/** Rebuilds the book from the stored entries of the race on screen. */
export function loadServerRace(state: SessionState, stored: readonly RaceEntryWrite[] | undefined): ServerRace {
  const race = state.race;
  if (!race || !stored) return EMPTY_RACE;
  const entries: Record<string, RaceEntry> = {};
  for (const row of stored) if (row.raceId === race.id) entries[row.participantId] = row.entry;
  return { entries };
}
