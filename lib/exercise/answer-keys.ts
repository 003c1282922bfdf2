// The answer keys of choice rounds are the one part of an exercise that is secret: a student who
// could read one would know the right option before the reveal. So they stay on the server and
// with the exercise's owner. Everyone else (the library, the lesson pages, a student who finds
// the session's exercise) gets the copy `withoutAnswerKeys` makes, and a page that saves a copy
// it read that way keeps the stored keys (`keepAnswerKeys`). Numeric rounds hide nothing here:
// their truth follows from the network, and working it out is the exercise. Pure.
import type { Exercise, Round } from "./schema";

/** A copy of `exercise` with no choice round's answer. */
export function withoutAnswerKeys(exercise: Exercise): Exercise {
  if (!exercise.rounds.some((round) => round.answer !== undefined)) return exercise;
  return { ...exercise, rounds: exercise.rounds.map(withoutAnswerKey) };
}

function withoutAnswerKey(round: Round): Round {
  if (round.answer === undefined) return round;
  const { answer: _answer, ...rest } = round;
  return rest;
}

/**
 * `incoming` (a changed copy about to be saved) with the answer key of every choice round that
 * came without one taken from `stored`, when `stored` has the same question at the same place
 * (same neuron, inputs and choices): a page that never saw the key must not erase it. A round
 * that was changed keeps no old key: its old answer may not fit it.
 */
export function keepAnswerKeys(incoming: Exercise, stored: Exercise): Exercise {
  let kept = false;
  const rounds = incoming.rounds.map((round, i) => {
    const before = stored.rounds[i];
    if (round.kind !== "choice" || round.answer !== undefined || before?.answer === undefined) return round;
    if (!sameQuestion(round, before)) return round;
    kept = true;
    return { ...round, answer: before.answer };
  });
  return kept ? { ...incoming, rounds } : incoming;
}

function sameQuestion(a: Round, b: Round): boolean {
  const question = (round: Round) => JSON.stringify([round.kind, round.neuron, round.inputs, round.choices ?? null]);
  return question(a) === question(b);
}

/** Choice rounds that cannot be run because their answer key is missing (indices). */
export function roundsWithoutAnswerKey(exercise: Exercise): number[] {
  return exercise.rounds.flatMap((round, i) => (round.kind === "choice" && round.answer === undefined ? [i] : []));
}
