// The exercise file `activation-lab/exercise@1`: a network, its text, and the prediction
// rounds a teacher can run on it. Built-in lessons, saved exercises, imports and exports all use
// it. The zod schema is the single source of the Exercise type.
import { z } from "zod";
import { neuronActivation } from "../network/model";
import { indexSchema, inputValueSchema, networkSchema } from "../network/schema";
import { parseWith, type Parsed } from "../validation";

export const EXERCISE_FORMAT = "activation-lab/exercise@1";
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export const localeSchema = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` });

/** Text in English and/or Simplified Chinese (at least one). */
export const localizedTextSchema = z
  .strictObject({
    en: z.string().trim().max(2000).optional(),
    "zh-CN": z.string().trim().max(2000).optional(),
  })
  .refine((text) => Boolean(text.en || text["zh-CN"]), "needs an English or Chinese text");
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const ROUND_KINDS = ["output", "z", "fires", "choice"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const toleranceSchema = z
  .strictObject({
    /** answers within this distance of the truth get full points */
    full: z.number().min(0).max(1000),
    /** answers this far away or further get none; in between, points fall linearly */
    zero: z.number().min(0).max(1000),
  })
  .refine((t) => t.zero > t.full, { message: "zero must be larger than full", path: ["zero"] });
export type Tolerance = z.infer<typeof toleranceSchema>;

export const roundSchema = z.strictObject({
  /** what is asked: the neuron's output a, its weighted sum z, whether a step neuron fires, or a choice */
  kind: z.enum(ROUND_KINDS),
  neuron: z.strictObject({ layer: indexSchema, index: indexSchema }),
  /** the input vector the question is about: one value per network input */
  inputs: z.array(inputValueSchema).min(1).max(8),
  prompt: localizedTextSchema.optional(),
  tolerance: toleranceSchema.optional(),
  timeLimitSeconds: z.number().int().min(5).max(600).optional(),
  /** for kind "choice": the options and the index of the right one */
  choices: z.array(localizedTextSchema).min(2).max(6).optional(),
  /**
   * The answer key of a choice round. Only the exercise's owner (and the server) ever see it: a
   * copy read without the edit key leaves it out (lib/exercise/answer-keys.ts), and a choice round
   * without its key cannot be run until someone adds it.
   */
  answer: z.number().int().min(0).max(5).optional(),
});
export type Round = z.infer<typeof roundSchema>;

const title = z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");
const description = z.string().trim().max(4000, "must be at most 4000 characters");

export const exerciseSchema = z
  .strictObject({
    format: z.literal(EXERCISE_FORMAT, { error: `must be "${EXERCISE_FORMAT}"` }),
    title,
    description: description.default(""),
    locale: localeSchema.default("en"),
    /** the same title and description in other languages */
    translations: z
      .partialRecord(localeSchema, z.strictObject({ title, description: description.optional() }))
      .optional(),
    network: networkSchema,
    /** the input values the exercise opens with (default: all 1) */
    inputValues: z.array(inputValueSchema).max(8).optional(),
    rounds: z.array(roundSchema).max(50).default([]),
  })
  .superRefine((exercise, ctx) => {
    const net = exercise.network;
    if (exercise.inputValues && exercise.inputValues.length !== net.inputs.length) {
      ctx.addIssue({
        code: "custom",
        path: ["inputValues"],
        message: `needs ${net.inputs.length} values (one per input), got ${exercise.inputValues.length}`,
      });
    }
    exercise.rounds.forEach((round, r) => {
      const layer = net.layers[round.neuron.layer];
      const neuron = layer?.neurons[round.neuron.index];
      if (!layer || !neuron) {
        ctx.addIssue({ code: "custom", path: ["rounds", r, "neuron"], message: "no such neuron in the network" });
        return;
      }
      if (round.inputs.length !== net.inputs.length) {
        ctx.addIssue({
          code: "custom",
          path: ["rounds", r, "inputs"],
          message: `needs ${net.inputs.length} values (one per input), got ${round.inputs.length}`,
        });
      }
      if (round.kind === "fires" && neuronActivation(layer, neuron) !== "step") {
        ctx.addIssue({ code: "custom", path: ["rounds", r, "kind"], message: '"fires" is asked of step neurons only' });
      }
      if (round.kind === "choice") {
        if (!round.choices) {
          ctx.addIssue({ code: "custom", path: ["rounds", r, "choices"], message: "a choice round needs choices" });
        } else if (round.answer !== undefined && round.answer >= round.choices.length) {
          ctx.addIssue({
            code: "custom",
            path: ["rounds", r, "answer"],
            message: "must be the index of one of the choices",
          });
        }
      }
    });
  });

export type Exercise = z.infer<typeof exerciseSchema>;
/** An exercise as written in a file: defaults not yet applied. */
export type ExerciseInput = z.input<typeof exerciseSchema>;

export function parseExercise(input: unknown): Parsed<Exercise> {
  return parseWith(exerciseSchema, "invalid_exercise", input);
}

/** Title and description in `locale`, falling back to the exercise's own language. */
export function localizedTitle(exercise: Exercise, locale: Locale): { title: string; description: string } {
  const translation = exercise.translations?.[locale];
  return {
    title: translation?.title ?? exercise.title,
    description: translation?.description ?? exercise.description,
  };
}

/** The input values an exercise opens with. */
export function initialInputValues(exercise: Exercise): number[] {
  return exercise.inputValues ?? exercise.network.inputs.map(() => 1);
}
