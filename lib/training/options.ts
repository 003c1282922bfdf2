// What a training run is: a network, its data, and the choices (loss, optimizer, learning rate,
// batch size…). One zod schema is the single source of these types and of every rule about
// which combinations make sense; both trainers (the kernel's and the float64 reference) start
// from planTraining, so they refuse the same things with the same message, and what a worker
// or the server receives from outside is checked the same way.
import { z } from "zod";
import { neuronActivation } from "../network/model";
import { networkSchema, type Network } from "../network/schema";
import { parseWith, type Parsed } from "../validation";
import { architectureOf, type Architecture } from "./architecture";
import { DATA_LIMITS, sampleSchema, type ClassLabel, type Sample } from "./datasets";
import { FEATURE_IDS, featureColumns, PLAIN_FEATURES, type FeatureId } from "./features";

/**
 * squared_error: mean over points of (a − y)² (not the playground's ½(a − y)²: the same learning
 * rate takes a step twice the playground's). cross_entropy: binary cross-entropy of a sigmoid
 * output, computed from its z without overflow; needs targets 0/1.
 */
export const LOSS_IDS = ["squared_error", "cross_entropy"] as const;
export type LossId = (typeof LOSS_IDS)[number];

export const OPTIMIZER_IDS = ["sgd", "momentum", "adam"] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

/** The number each class is trained towards: 0 and 1 (sigmoid outputs), or −1 and 1 (tanh outputs). */
export const TARGET_IDS = ["zero_one", "minus_one_one"] as const;
export type TargetsId = (typeof TARGET_IDS)[number];

export const TRAINING_LIMITS = {
  learningRate: { max: 10 },
  batchSize: { min: 1, max: DATA_LIMITS.customPoints.max },
  points: { max: DATA_LIMITS.customPoints.max },
} as const;

const unit = (value: number) => z.number().min(0).lt(1).default(value);

export const trainingOptionsSchema = z.strictObject({
  loss: z.enum(LOSS_IDS).default("squared_error"),
  optimizer: z.enum(OPTIMIZER_IDS).default("sgd"),
  learningRate: z.number().gt(0, "must be positive").max(TRAINING_LIMITS.learningRate.max).default(0.03),
  /** points per optimizer step; more than the training points means all of them (full batch) */
  batchSize: z.number().int().min(TRAINING_LIMITS.batchSize.min).max(TRAINING_LIMITS.batchSize.max).default(10),
  /** L2 weight decay λ: adds λ·w to each weight's gradient (biases are left alone) */
  l2: z.number().min(0).max(1).default(0),
  momentum: unit(0.9),
  beta1: unit(0.9),
  beta2: unit(0.999),
  epsilon: z.number().gt(0).max(1).default(1e-8),
  targets: z.enum(TARGET_IDS).default("zero_one"),
  /** one per network input; beyond x1, x2 an extra (features.ts) */
  features: z
    .array(z.enum(FEATURE_IDS))
    .min(1)
    .max(8)
    .default(() => [...PLAIN_FEATURES]),
  /** seeds the order of the training points in each epoch */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** record the losses every this many epochs (and always at the end of each step) */
  evaluateEvery: z.number().int().min(1).max(1_000_000).default(1),
});

export type TrainingOptions = z.output<typeof trainingOptionsSchema>;
export type TrainingOptionsInput = z.input<typeof trainingOptionsSchema>;

const pointsSchema = z.array(sampleSchema).max(TRAINING_LIMITS.points.max);

export const trainingInputSchema = trainingOptionsSchema
  .extend({
    network: networkSchema,
    data: z.strictObject({ train: pointsSchema.min(1, "needs at least 1 training point"), test: pointsSchema }),
  })
  .superRefine((input, ctx) => {
    const { network } = input;
    const last = network.layers.length - 1;
    const output = network.layers[last]!;
    if (output.neurons.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "layers", last, "neurons"],
        message: `training needs exactly one output neuron (the class score), this layer has ${output.neurons.length}`,
      });
    }
    if (input.features.length !== network.inputs.length) {
      ctx.addIssue({
        code: "custom",
        path: ["features"],
        message: `needs one feature per network input: the network has ${network.inputs.length} inputs, got ${input.features.length} features`,
      });
    }
    if (input.loss === "cross_entropy") {
      const activation = neuronActivation(output, output.neurons[0]!);
      if (activation !== "sigmoid") {
        ctx.addIssue({
          code: "custom",
          path: ["loss"],
          message: `cross-entropy needs a sigmoid output neuron, the output is ${activation}`,
        });
      }
      if (input.targets !== "zero_one") {
        ctx.addIssue({ code: "custom", path: ["targets"], message: "cross-entropy needs targets 0 and 1" });
      }
    }
  });

export type TrainingInput = z.input<typeof trainingInputSchema>;

/** The points of one set as columns: each feature, the target of each point, its class. */
export interface PointSet {
  count: number;
  features: Float64Array[];
  targets: Float64Array;
  labels: Uint8Array;
}

/** A checked training run, ready for a trainer. */
export interface TrainingPlan {
  network: Network;
  options: TrainingOptions;
  architecture: Architecture;
  train: PointSet;
  test: PointSet;
  /** an output at or above this is class 1: halfway between the two targets */
  threshold: number;
}

export const TARGET_VALUES: Record<TargetsId, Record<ClassLabel, number>> = {
  zero_one: { 0: 0, 1: 1 },
  minus_one_one: { 0: -1, 1: 1 },
};

function pointSet(samples: readonly Sample[], features: readonly FeatureId[], targets: TargetsId): PointSet {
  return {
    count: samples.length,
    features: featureColumns(samples, features),
    targets: Float64Array.from(samples, (s) => TARGET_VALUES[targets][s.label]),
    labels: Uint8Array.from(samples, (s) => s.label),
  };
}

/** Checks a training run; refusals carry code `invalid_training` and the field's path. */
export function planTraining(input: unknown): Parsed<TrainingPlan> {
  const parsed = parseWith(trainingInputSchema, "invalid_training", input);
  if (!parsed.ok) return parsed;
  const { network, data, ...options } = parsed.value;
  const values = TARGET_VALUES[options.targets];
  return {
    ok: true,
    value: {
      network,
      options,
      architecture: architectureOf(network),
      train: pointSet(data.train, options.features, options.targets),
      test: pointSet(data.test, options.features, options.targets),
      threshold: (values[0] + values[1]) / 2,
    },
  };
}

/** Thrown by the trainers for a run planTraining refuses; `refusal` says what and where. */
export class TrainingRefusedError extends Error {
  constructor(readonly refusal: { code: string; message: string; path?: string }) {
    super(refusal.message);
    this.name = "TrainingRefusedError";
  }
}

export function planOrThrow(input: TrainingInput): TrainingPlan {
  const plan = planTraining(input);
  if (!plan.ok) throw new TrainingRefusedError(plan.error);
  return plan.value;
}

/** Options a running trainer may change (the UI's sliders); anything else needs a new trainer. */
export const adjustableSchema = z.strictObject({
  learningRate: trainingOptionsSchema.shape.learningRate.unwrap().optional(),
  batchSize: trainingOptionsSchema.shape.batchSize.unwrap().optional(),
  l2: trainingOptionsSchema.shape.l2.unwrap().optional(),
  evaluateEvery: trainingOptionsSchema.shape.evaluateEvery.unwrap().optional(),
});
export type Adjustable = z.infer<typeof adjustableSchema>;
