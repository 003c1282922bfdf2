// What a built-in lesson is: an exercise (the `activation-lab/exercise@1` format, so it can be
// exported, edited and saved like any other) with a stable slug, plus hints for the UI that are
// not part of the exercise format.
import type { Exercise, Tolerance } from "../exercise/schema";
import type { Locale } from "../exercise/schema";
import type { ActivationId } from "../network/activations";
import type { SpeedId, TrainingSettingsInput } from "../training/settings";

/** A lesson's text in both of its languages. */
export type LessonText = Record<Locale, string>;

/** One of the choices a training lesson compares: the activation of each layer, a learning rate. */
export interface TrainingVariant {
  /** stable: tests and the page's buttons refer to it */
  id: string;
  label: LessonText;
  /** one per layer, hidden layers then the output */
  activations?: readonly ActivationId[];
  learningRate?: number;
}

/** How a training lesson opens: ready to press play. */
export interface LessonTraining {
  settings: TrainingSettingsInput;
  speed: SpeedId;
  /** what the lesson claims; tests/unit/training-lessons.test.ts checks it with the seeded reference */
  claim: LessonText;
  /** the choices to compare (the first is the network the lesson opens with) */
  variants: readonly TrainingVariant[];
  /** a loss the chart marks, e.g. the best any straight line can do */
  mark?: { loss: number; label: LessonText };
}

export interface Lesson {
  /** stable, kebab-case English: URLs, saved progress and tests refer to lessons by it */
  slug: string;
  exercise: Exercise;
  /** the neuron to select first when the lesson opens */
  focus?: { layer: number; neuron: number };
  /** a lesson that trains: its data set, settings and claim (not part of the exercise format) */
  training?: LessonTraining;
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
