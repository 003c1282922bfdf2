// How a race turns into training: every entrant starts from the same seeded weights (only their
// activations and learning rate differ, so the race is fair), trains on the same seeded points with
// the same settings, and the server recomputes a submitted network's test loss from the same spec.
// Pure: the browser's worker, the server's evaluator and the tests all build runs here.
import type { ActivationId } from "../network/activations";
import type { Network } from "../network/schema";
import { makeDataSet } from "../training/datasets";
import { initialiseNetwork, networkOfShape } from "../training/init";
import type { TrainingInput } from "../training/options";
import type { Evaluation } from "../training/types";
import type { RaceChoices, RaceView } from "./model";

export const RACE_INPUTS = ["x1", "x2"] as const;
/** The settings every entrant trains with (the playground's): only activations and rate are chosen. */
export const RACE_TRAINING = { loss: "squared_error", optimizer: "sgd", batchSize: 10 } as const;

type RaceSettings = Pick<RaceView, "data" | "layers">;

/** The network an entrant starts from: the race's shape, their activations, the race's seeded weights. */
export function raceStartNetwork(race: RaceSettings, activations: readonly ActivationId[]): Network {
  const shape = race.layers.map((size, i) => ({ size, activation: activations[i] ?? "linear" }));
  return initialiseNetwork(networkOfShape(RACE_INPUTS, shape), race.data.seed);
}

/** One entrant's training run (for the worker or a trainer). */
export function raceTrainingInput(race: RaceSettings, network: Network, choices: Pick<RaceChoices, "learningRate">) {
  return {
    network,
    data: makeDataSet(race.data),
    ...RACE_TRAINING,
    learningRate: choices.learningRate,
    seed: race.data.seed,
  } satisfies TrainingInput;
}

/** Computes a network's losses on a training input (the server's kernel, or the reference). */
export type RaceEvaluator = (input: TrainingInput) => Evaluation;

/**
 * Why `network` cannot be a submission for `choices` in `race` (a message), or null. The shape and
 * the activations are checked: a network of another shape or with other activations than the
 * entry's would win with choices it does not show.
 */
export function raceNetworkMisfit(race: RaceSettings, choices: RaceChoices, network: Network): string | null {
  if (network.inputs.length !== RACE_INPUTS.length) return `the race's networks have ${RACE_INPUTS.length} inputs`;
  if (network.layers.length !== race.layers.length) return `the race's networks have ${race.layers.length} layers`;
  for (const [i, layer] of network.layers.entries()) {
    if (layer.neurons.length !== race.layers[i]) return `layer ${i + 1} must have ${race.layers[i]} neurons`;
    const wanted = choices.activations[i];
    const off = layer.neurons.some((n) => (n.activation ?? layer.activation) !== wanted);
    if (off) return `layer ${i + 1} must use ${wanted}, the activation entered`;
  }
  return null;
}
