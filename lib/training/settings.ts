// A training panel's settings — the data set, the run's options, when to stop — and the one rule
// about changing them: what a change costs the run in progress. The learning rate, the batch
// size and L2 change from the next epoch on (adjust); when to stop changes nothing now; anything
// else (data, loss, optimizer, seed, features) is a different run, which starts again from the
// same initial weights so that the two curves compare fairly.
import { z } from "zod";
import { DATA_LIMITS, dataSpecSchema, GENERATED_KINDS, sampleSchema, type DataSpec, type Sample } from "./datasets";
import { NO_GOAL, runGoalSchema } from "./driver";
import type { Adjustable } from "./options";
import { runOptionsSchema, type RunOptions } from "./protocol";

export const DATA_KINDS = [...GENERATED_KINDS, "custom"] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** The data set as a panel shows it: a generated kind's settings, and the user's own points. */
export const dataChoiceSchema = z.strictObject({
  kind: z.enum(DATA_KINDS),
  points: z.number().int().min(DATA_LIMITS.points.min).max(DATA_LIMITS.points.max).default(500),
  noise: z.number().min(DATA_LIMITS.noise.min).max(DATA_LIMITS.noise.max).default(0),
  trainFraction: z.number().min(DATA_LIMITS.trainFraction.min).max(DATA_LIMITS.trainFraction.max).default(0.5),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** "use my points": kept when another kind is chosen, so switching back finds them */
  custom: z.array(sampleSchema).max(DATA_LIMITS.customPoints.max).default([]),
});
export type DataChoice = z.output<typeof dataChoiceSchema>;

export const trainingSettingsSchema = z.strictObject({
  data: dataChoiceSchema,
  options: runOptionsSchema.default(() => runOptionsSchema.parse({})),
  goal: runGoalSchema.default(NO_GOAL),
});
export type TrainingSettings = z.output<typeof trainingSettingsSchema>;
export type TrainingSettingsInput = z.input<typeof trainingSettingsSchema>;

/** The data spec the worker builds its points from; null for "my points" without any point yet. */
export function dataSpecOf(choice: DataChoice): DataSpec | null {
  if (choice.kind === "custom") {
    if (choice.custom.length === 0) return null;
    return dataSpecSchema.parse({
      kind: "custom",
      points: choice.custom,
      trainFraction: choice.trainFraction,
      seed: choice.seed,
    });
  }
  const { kind, points, noise, trainFraction, seed } = choice;
  return dataSpecSchema.parse({ kind, points, noise, trainFraction, seed });
}

/** How a change of settings reaches the run in progress. */
export type SettingsChange =
  | { kind: "none" }
  /** only when to stop: sent with the next play */
  | { kind: "goal" }
  | { kind: "adjust"; changes: Adjustable }
  /** a different run: from the same initial weights */
  | { kind: "restart"; data: DataSpec | null; options: RunOptions };

const ADJUSTABLE = ["learningRate", "batchSize", "l2"] as const;

export function settingsChange(before: TrainingSettings, after: TrainingSettings): SettingsChange {
  const dataChanged = JSON.stringify(dataSpecOf(before.data)) !== JSON.stringify(dataSpecOf(after.data));
  const otherOptions = (options: RunOptions) => JSON.stringify({ ...options, learningRate: 0, batchSize: 0, l2: 0 });
  if (dataChanged || otherOptions(before.options) !== otherOptions(after.options)) {
    return { kind: "restart", data: dataSpecOf(after.data), options: after.options };
  }
  const changes: Adjustable = {};
  for (const key of ADJUSTABLE) if (before.options[key] !== after.options[key]) changes[key] = after.options[key];
  if (Object.keys(changes).length > 0) return { kind: "adjust", changes };
  if (JSON.stringify(before.goal) !== JSON.stringify(after.goal)) return { kind: "goal" };
  return { kind: "none" };
}

/** Points of "my points" that a click adds: the class chosen, where the click landed. */
export type PointClass = Sample["label"];

/**
 * How fast a panel trains: "watch" about as fast as one can follow (TensorFlow Playground trains
 * one epoch per frame), "fast", or "full" (as many epochs as the worker can).
 */
export const SPEEDS = { watch: 60, fast: 1000, full: null } as const;
export type SpeedId = keyof typeof SPEEDS;
export const SPEED_IDS = ["watch", "fast", "full"] as const satisfies readonly SpeedId[];
