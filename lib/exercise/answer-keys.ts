// The answer keys of choice rounds are the one part of an exercise that is secret: a student who
// could read one would know the right option before the reveal. The rules (docs/api.md, "Answer
// keys"), all here and pure:
//
// - A key is served only to whoever holds the edit key of the exercise where it was written (the
//   exercise's readable keys, `Round.answer`). Built-in lessons' keys are served to nobody.
// - Copies do not launder keys: a fork or a saved session made without the source's edit key keeps
//   each key *sealed* — beside the rounds, never served, with its origin (the lesson or the
//   exercise where it was written).
// - A session may use a key (score and reveal with it) only when it was started with the edit key
//   of the key's origin, or when the origin is a built-in lesson; otherwise its round is withheld.
//
// Everyone else (the library, the lesson pages, a student who finds the exercise) gets the copy
// `withoutAnswerKeys` makes, and a page that saves a copy it read that way keeps the stored keys
// (`keepAnswerKeys`, `keepSealedKeys`). Numeric rounds hide nothing here: their truth follows from
// the network, and working it out is the exercise.
import { z } from "zod";
import { roundSchema, type Exercise, type Round } from "./schema";

/** Where an answer key was written: a built-in lesson, or a saved exercise (by id). */
export const keyOriginSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lesson"), slug: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal("exercise"), id: z.string().min(1).max(64) }),
]);
export type KeyOrigin = z.infer<typeof keyOriginSchema>;

/** A key a copy holds but may not serve. */
export const sealedKeySchema = z.strictObject({ answer: z.number().int().min(0).max(5), origin: keyOriginSchema });
export type SealedKey = z.infer<typeof sealedKeySchema>;

/** The sealed keys of an exercise: one entry per round (null: none). */
export const sealedKeysSchema = z.array(sealedKeySchema.nullable()).max(50);
export type SealedKeys = z.infer<typeof sealedKeysSchema>;

/** A round's key and where it was written, readable or sealed; null: the round has none. */
export function keyOf(
  exercise: Exercise,
  sealed: SealedKeys,
  index: number,
  self: KeyOrigin,
): { answer: number; origin: KeyOrigin } | null {
  const round = exercise.rounds[index];
  if (!round || round.kind !== "choice") return null;
  if (round.answer !== undefined) return { answer: round.answer, origin: self };
  return sealed[index] ?? null;
}

/**
 * A copy of `exercise` (whose own keys were written in `self`) for someone without its edit key:
 * no readable key, every key sealed with its origin.
 */
export function sealedCopy(
  exercise: Exercise,
  sealed: SealedKeys,
  self: KeyOrigin,
): { exercise: Exercise; sealed: SealedKeys } {
  return {
    exercise: withoutAnswerKeys(exercise),
    sealed: exercise.rounds.map((_, i) => keyOf(exercise, sealed, i, self)),
  };
}

/**
 * The sealed keys of `stored` that `incoming` (a changed copy about to be saved) keeps: a round's
 * sealed key stays (moved along with its question) when the question is the same and the owner
 * wrote no key of their own for it.
 */
export function keepSealedKeys(incoming: Exercise, stored: Exercise, sealed: SealedKeys): SealedKeys {
  const from = sameQuestions(incoming, stored);
  return incoming.rounds.map((round, i) => {
    const at = from[i];
    const key = at === null || at === undefined ? null : (sealed[at] ?? null);
    if (!key || round.answer !== undefined) return null;
    return key;
  });
}

/**
 * For each round of `incoming`, the index of the round of `stored` that asks the same question
 * (the same place first, else the first one not matched yet), or null: a question the editor
 * moved keeps its key, a changed one does not.
 */
function sameQuestions(incoming: Exercise, stored: Exercise): (number | null)[] {
  const used = new Set<number>();
  const at = incoming.rounds.map((round, i) => {
    const before = stored.rounds[i];
    if (!before || !sameQuestion(round, before)) return null;
    used.add(i);
    return i;
  });
  return at.map((found, i) => {
    if (found !== null) return found;
    const round = incoming.rounds[i]!;
    const other = stored.rounds.findIndex((before, j) => !used.has(j) && sameQuestion(round, before));
    if (other === -1) return null;
    used.add(other);
    return other;
  });
}

/** A round prepared for a live session: with its key when the session may use it. */
export const scriptRoundSchema = z.strictObject({
  round: roundSchema,
  /** where the round's key was written (null: none, or not usable here) */
  keyFrom: keyOriginSchema.nullable(),
  /** the round has a key this session may not use: it cannot be run */
  withheld: z.boolean(),
  /** written by the teacher during the session (lib/session/plan.ts): its key is the session's own */
  live: z.literal(true).optional(),
});
export type ScriptRound = z.infer<typeof scriptRoundSchema>;

/**
 * The rounds of `exercise` as a session started from it may run them: each key the session may use
 * (`mayUse(origin)`) goes into its round; a round whose key it may not use is withheld (its key is
 * left out). `self` is where the exercise's own keys were written.
 */
export function sessionScript(
  exercise: Exercise,
  sealed: SealedKeys,
  self: KeyOrigin,
  mayUse: (origin: KeyOrigin) => boolean,
): ScriptRound[] {
  return exercise.rounds.map((round, i) => {
    const { answer: _answer, ...question } = round;
    const key = keyOf(exercise, sealed, i, self);
    if (!key) return { round: question, keyFrom: null, withheld: false };
    if (!mayUse(key.origin)) return { round: question, keyFrom: null, withheld: true };
    return { round: { ...question, answer: key.answer }, keyFrom: key.origin, withheld: false };
  });
}

/** A copy of `exercise` with no choice round's answer. */
export function withoutAnswerKeys(exercise: Exercise): Exercise {
  if (!exercise.rounds.some((round) => round.answer !== undefined)) return exercise;
  return { ...exercise, rounds: exercise.rounds.map(withoutAnswerKey) };
}

/**
 * A copy of `exercise` keeping the answer key of round `i` only where `own[i]`: the keys its new
 * owner wrote themselves (questions written for a live session), readable with the new edit key.
 */
export function withOwnAnswerKeys(exercise: Exercise, own: readonly boolean[]): Exercise {
  return { ...exercise, rounds: exercise.rounds.map((round, i) => (own[i] ? round : withoutAnswerKey(round))) };
}

function withoutAnswerKey(round: Round): Round {
  if (round.answer === undefined) return round;
  const { answer: _answer, ...rest } = round;
  return rest;
}

/**
 * `incoming` (a changed copy about to be saved) with the answer key of every choice round that
 * came without one taken from `stored`, when `stored` has the same question (same neuron, inputs
 * and choices) at the same place or, moved, elsewhere: a page that never saw the key must not
 * erase it, nor lose it by reordering. A round that was changed keeps no old key: its old answer
 * may not fit it.
 */
export function keepAnswerKeys(incoming: Exercise, stored: Exercise): Exercise {
  let kept = false;
  const from = sameQuestions(incoming, stored);
  const rounds = incoming.rounds.map((round, i) => {
    const at = from[i];
    const before = at === null || at === undefined ? undefined : stored.rounds[at];
    if (round.kind !== "choice" || round.answer !== undefined || before?.answer === undefined) return round;
    kept = true;
    return { ...round, answer: before.answer };
  });
  return kept ? { ...incoming, rounds } : incoming;
}

/** The same question (neuron, inputs, choices): a key written for one fits the other. */
export function sameQuestion(a: Round, b: Round): boolean {
  const question = (round: Round) => JSON.stringify([round.kind, round.neuron, round.inputs, round.choices ?? null]);
  return question(a) === question(b);
}

/** Choice rounds that cannot be run because their answer key is missing (indices). */
export function roundsWithoutAnswerKey(exercise: Exercise): number[] {
  return exercise.rounds.flatMap((round, i) => (round.kind === "choice" && round.answer === undefined ? [i] : []));
}
