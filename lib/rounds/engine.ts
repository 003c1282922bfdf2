// A prediction round from opening to reveal, as pure functions over the server's RoundRecord.
// The server's Room keeps the record (with the truth) and the answers, and sends members only what
// `roundView` builds: the redaction lives here, in one place, and the unit tests pin it down for
// every kind of question.
import { z } from "zod";
import type { RowResult } from "../network/reference";
import { networkSchema, type Network } from "../network/schema";
import { neuronActivation } from "../network/model";
import { own } from "../own";
import type { Refusal } from "../validation";
import {
  isNumericKind,
  neuronWorkingSchema,
  roundQuestionSchema,
  LEADERBOARD_TOP,
  SPEED_WINDOW_MS,
  type LeaderboardView,
  type NeuronWorking,
  type OwnAnswer,
  type RevealView,
  type RoundPhase,
  type RoundQuestion,
  type RoundResult,
  type RoundView,
} from "./model";
import {
  addRound,
  isRight,
  leaderboard,
  median,
  roundHistogram,
  scoreRound,
  type ScoredAnswer,
  type Standing,
} from "./scoring";

const time = z.number().min(0);

/** A round as only the server holds it: the question with its answer, and the truth. */
export const roundRecordSchema = z.strictObject({
  id: z.string().min(1).max(64),
  number: z.number().int().min(1),
  question: roundQuestionSchema,
  scriptIndex: z.number().int().min(0).nullable(),
  /** the shared network when the round opened (edits are refused while it is open) */
  network: networkSchema,
  /** the asked neuron's computation at the round's inputs, by the server's wasm kernel */
  working: neuronWorkingSchema,
  /** the right answer (see RevealView.truth) */
  truth: z.number(),
  openedAt: time,
  closesAt: time.nullable(),
  closedAt: time.nullable(),
  revealedAt: time.nullable(),
  /** the teacher moved on: the round is no longer on screen (cancelled if never revealed) */
  clearedAt: time.nullable(),
});
export type RoundRecord = z.infer<typeof roundRecordSchema>;

/** A student's answer as the server keeps it (the name as it was, for the report). */
export const storedAnswerSchema = z.strictObject({ value: z.number(), at: time, name: z.string() });
export type StoredAnswer = z.infer<typeof storedAnswerSchema> & OwnAnswer;

export type Answers = ReadonlyMap<string, StoredAnswer>;

/** The asked neuron's computation, from one forward pass (RowResult) at the round's inputs. */
export function neuronWorking(
  net: Network,
  inputs: readonly number[],
  row: RowResult,
  neuron: { layer: number; index: number },
): NeuronWorking {
  const layer = net.layers[neuron.layer];
  const spec = layer?.neurons[neuron.index];
  const values = row.layers[neuron.layer];
  if (!layer || !spec || !values) throw new RangeError(`no neuron ${neuron.layer}:${neuron.index}`);
  const feeding = neuron.layer === 0 ? inputs : (row.layers[neuron.layer - 1]?.a ?? []);
  return {
    activation: neuronActivation(layer, spec),
    weights: [...spec.weights],
    inputs: [...feeding],
    bias: spec.bias,
    z: values.z[neuron.index] ?? Number.NaN,
    a: values.a[neuron.index] ?? Number.NaN,
  };
}

/** The right answer of a question, given the neuron's computation. */
export function truthOf(question: RoundQuestion, working: NeuronWorking): number {
  switch (question.kind) {
    case "z":
      return working.z;
    case "choice":
      return question.answer ?? 0;
    default:
      return working.a; // output, and fires (a step neuron's a is 0 or 1)
  }
}

export function phaseOf(record: RoundRecord): RoundPhase {
  if (record.revealedAt !== null) return "revealed";
  if (record.closedAt !== null) return "closed";
  return "open";
}

/** The end of the speed-bonus window: the time limit's end, or a minute after the opening. */
export function windowEndsAt(record: RoundRecord): number {
  return record.closesAt ?? record.openedAt + SPEED_WINDOW_MS;
}

/** May an answer be taken at `now`? A round past its time limit is closed even before the timer fires. */
export function answerRefusal(record: RoundRecord | null, roundId: string, now: number): Refusal | null {
  if (!record || record.id !== roundId || record.clearedAt !== null) {
    return { code: "no_such_round", message: "this round is not running" };
  }
  if (phaseOf(record) !== "open" || (record.closesAt !== null && now > record.closesAt)) {
    return { code: "round_closed", message: "this round is closed: answers are no longer taken" };
  }
  return null;
}

export function scoreRecord(record: RoundRecord, answers: Answers): ScoredAnswer[] {
  const plain = Object.fromEntries([...answers].map(([id, answer]) => [id, { value: answer.value, at: answer.at }]));
  return scoreRound(plain, {
    kind: record.question.kind,
    truth: record.truth,
    tolerance: record.question.tolerance,
    speedBonus: record.question.speedBonus,
    openedAt: record.openedAt,
    windowEndsAt: windowEndsAt(record),
  });
}

/** What everyone sees at the reveal: the truth, its arithmetic, and the spread of the answers. */
export function revealOf(record: RoundRecord, answers: Answers): RevealView {
  const { kind, tolerance } = record.question;
  const values = [...answers.values()].map((a) => a.value);
  let counts: number[] | null = null;
  if (!isNumericKind(kind)) {
    counts = new Array<number>(kind === "fires" ? 2 : (record.question.choices?.length ?? 0)).fill(0);
    for (const v of values) if (counts[v] !== undefined) counts[v] += 1;
  }
  return {
    truth: record.truth,
    working: record.working,
    answered: values.length,
    histogram: isNumericKind(kind) ? roundHistogram(values, record.truth, tolerance) : null,
    counts,
    right: values.filter((v) => isRight(kind, v, record.truth, tolerance)).length,
    median: isNumericKind(kind) ? median(values) : null,
  };
}

/**
 * The round as members see it. Before the reveal: the question without `answer`, never the
 * truth or the neuron's values. After: the same plus `reveal` (built from the answers).
 */
export function roundView(record: RoundRecord, answers: Answers): RoundView {
  const q = record.question;
  const view: RoundView = {
    id: record.id,
    number: record.number,
    kind: q.kind,
    neuron: { layer: q.neuron.layer, index: q.neuron.index },
    inputs: [...q.inputs],
    tolerance: { ...q.tolerance },
    speedBonus: q.speedBonus,
    timeLimitSeconds: q.timeLimitSeconds ?? null,
    openedAt: record.openedAt,
    closesAt: record.closesAt,
    phase: phaseOf(record),
    scriptIndex: record.scriptIndex,
  };
  if (q.prompt) view.prompt = structuredClone(q.prompt);
  if (q.choices) view.choices = structuredClone(q.choices); // the options, never q.answer
  if (record.revealedAt !== null) view.reveal = revealOf(record, answers);
  return view;
}

/** The leaderboard as the shared screens get it: the top rows only while shown, no names when anonymous. */
export function leaderboardView(
  standings: Readonly<Record<string, Standing>>,
  names: ReadonlyMap<string, string>,
  settings: { shown: boolean; anonymous: boolean },
): LeaderboardView {
  const rows = leaderboard(standings);
  const top = settings.shown
    ? rows
        .filter((row) => row.rank <= LEADERBOARD_TOP)
        .slice(0, LEADERBOARD_TOP * 2) // ties at the edge stay in, within reason
        .map((row) => ({
          rank: row.rank,
          participantId: settings.anonymous ? null : row.participantId,
          name: settings.anonymous ? null : (names.get(row.participantId) ?? "?"),
          total: row.total,
          streak: row.streak,
        }))
    : [];
  return { shown: settings.shown, anonymous: settings.anonymous, top, players: rows.length };
}

/** Standings after a reveal; who did not answer loses their streak. */
export function standingsAfterReveal(
  standings: Readonly<Record<string, Standing>>,
  scored: readonly ScoredAnswer[],
  participants: readonly string[],
): Record<string, Standing> {
  return addRound(standings, scored, participants);
}

/** One student's result in a revealed round (what `roundResult` sends that student). */
export function resultFor(
  participantId: string,
  roundId: string,
  scored: readonly ScoredAnswer[],
  standings: Readonly<Record<string, Standing>>,
  rankOf: ReadonlyMap<string, number>,
): RoundResult {
  const score = scored.find((s) => s.participantId === participantId);
  const standing = own(standings, participantId);
  return {
    roundId,
    answer: score?.value ?? null,
    error: score?.error ?? null,
    points: score?.points ?? 0,
    bonus: score?.bonus ?? 0,
    total: standing?.total ?? 0,
    rank: rankOf.get(participantId) ?? null,
    of: rankOf.size,
    streak: standing?.streak ?? 0,
  };
}
