// What the training lessons share: their networks (a seeded hidden layer and one output neuron,
// TensorFlow Playground's 2-inputs-to-one-class shape) and their data sets, so that a lesson,
// the page and the lesson's test all start from the very same weights and points.
import type { Round } from "../exercise/schema";
import type { ActivationId } from "../network/activations";
import type { Network } from "../network/schema";
import { makeDataSet, type DataSet, type DataSpecInput } from "../training/datasets";
import { initialiseNetwork, networkOfShape } from "../training/init";
import type { TrainingInput } from "../training/options";
import { dataSpecOf, trainingSettingsSchema } from "../training/settings";
import { STANDARD_TOLERANCE, type LessonTraining, type TrainingVariant } from "./lesson";

/**
 * x1, x2 → `size` hidden neurons (h1, h2 …) → one output neuron (o), Glorot weights drawn from
 * `seed`.
 */
export function trainingNetwork(hidden: ActivationId, size: number, output: ActivationId, seed: number): Network {
  const network = initialiseNetwork(
    networkOfShape(
      ["x1", "x2"],
      [
        { size, activation: hidden },
        { size: 1, activation: output },
      ],
    ),
    seed,
  );
  return {
    ...network,
    layers: network.layers.map((layer, l) => ({
      ...layer,
      neurons: layer.neurons.map((neuron, j) => ({ ...neuron, label: l === 0 ? `h${j + 1}` : "o" })),
    })),
  };
}

/** A question to ask before training: what a neuron gives at x1 = 1, x2 = −1 with the initial weights. */
export function beforeTrainingRound(
  kind: "output" | "z" | "fires",
  layer: number,
  index: number,
  prompt: Round["prompt"],
): Round {
  return {
    kind,
    neuron: { layer, index },
    inputs: [1, -1],
    prompt,
    ...(kind === "fires" ? {} : { tolerance: STANDARD_TOLERANCE }),
  };
}

/** The XOR points of three training lessons: 200 points, half for training. */
export const XOR_DATA = {
  kind: "xor",
  points: 200,
  noise: 0,
  trainFraction: 0.5,
  seed: 1,
} as const satisfies DataSpecInput;

export function xorPoints(): DataSet {
  return makeDataSet(XOR_DATA);
}

/** The network with a variant's activations, one per layer (every neuron takes its layer's). */
export function withVariant(network: Network, variant: TrainingVariant): Network {
  const activations = variant.activations;
  if (!activations) return network;
  return {
    ...network,
    layers: network.layers.map((layer, l) => {
      const activation = activations[l];
      if (!activation) return layer;
      return { ...layer, activation, neurons: layer.neurons.map(({ activation: _, ...neuron }) => neuron) };
    }),
  };
}

/**
 * The run a training lesson sets up, with one of its variants (default: the first): the lesson's
 * network, data and options, as a trainer takes them. Tests check each claim on exactly this.
 */
export function lessonTrainingInput(training: LessonTraining, network: Network, variantId?: string): TrainingInput {
  const variant = variantId === undefined ? undefined : training.variants.find((v) => v.id === variantId);
  if (variantId !== undefined && !variant) throw new Error(`no variant ${variantId}`);
  const settings = trainingSettingsSchema.parse(training.settings);
  const spec = dataSpecOf(settings.data);
  if (!spec) throw new Error("a lesson's data set has points");
  return {
    ...settings.options,
    ...(variant?.learningRate === undefined ? {} : { learningRate: variant.learningRate }),
    network: variant ? withVariant(network, variant) : network,
    data: makeDataSet(spec),
  };
}
