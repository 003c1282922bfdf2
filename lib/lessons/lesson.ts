// What a built-in lesson is: an exercise (the `activation-lab/exercise@1` format, so it can be
// exported, edited and saved like any other) with a stable slug, plus hints for the UI that are
// not part of the exercise format.
import type { Exercise, Tolerance } from "../exercise/schema";

export interface Lesson {
  /** stable, kebab-case English: URLs, saved progress and tests refer to lessons by it */
  slug: string;
  exercise: Exercise;
  /** the neuron to select first when the lesson opens */
  focus?: { layer: number; neuron: number };
}

/** The usual grading of a numeric round: within 0.01 full points, 0.5 or further away none. */
export const STANDARD_TOLERANCE: Tolerance = { full: 0.01, zero: 0.5 };

/** Freezes a lesson all the way down: built-in lessons are shared, so nobody may change them in place. */
export function defineLesson(lesson: Lesson): Lesson {
  return deepFreeze(lesson);
}

/** Freezes `value` and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
