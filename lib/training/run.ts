// What a trainer keeps about its run besides the numbers it trains (weights, optimizer state):
// the options, the network it shows, the epoch, the state, the curve — and the parts of the
// Trainer interface that only read or change those, so both trainers answer them alike.
import type { Network } from "../network/schema";
import { architectureOf, sameShape, withParams, type Architecture } from "./architecture";
import { createHistory, type History } from "./history";
import { adjustableSchema, TrainingRefusedError, type Adjustable, type TrainingOptions } from "./options";
import type { Evaluation, Trainer, TrainingState } from "./types";

export interface Run {
  options: TrainingOptions;
  /** the network whose activations, labels and inputs network() shows */
  template: Network;
  epoch: number;
  state: TrainingState;
  divergedAt: number | null;
  history: History;
}

export function createRun(options: TrainingOptions, network: Network, first: Evaluation): Run {
  return {
    options: { ...options },
    template: network,
    epoch: 0,
    state: "ready",
    divergedAt: null,
    history: createHistory(first),
  };
}

/** Back to epoch 0 of `network` (rewind); the options stay as adjusted. */
export function restartRun(run: Run, network: Network, first: Evaluation): void {
  Object.assign(run, createRun(run.options, network, first));
}

/** The Trainer methods that only read the run; `params` are the trainer's current weights. */
export function runView(
  run: Run,
  initialNetwork: Network,
  params: ArrayLike<number>,
): Pick<Trainer, "epoch" | "state" | "latest" | "accuracy" | "losses" | "divergedAt" | "network" | "initialNetwork"> {
  return {
    epoch: () => run.epoch,
    state: () => run.state,
    latest: () => run.history.latest(),
    accuracy() {
      const { trainAccuracy, testAccuracy } = run.history.latest();
      return { train: trainAccuracy, test: testAccuracy };
    },
    losses: () => run.history.curve(),
    divergedAt: () => run.divergedAt,
    network: () => withParams(run.template, params),
    initialNetwork: () => initialNetwork,
  };
}

/**
 * Whether step() may train: not after divergence (until adjust or rewind); clears
 * "target_reached". `epochs` must be a whole number of epochs.
 */
export function beginStep(run: Run, epochs: number): boolean {
  if (!Number.isSafeInteger(epochs) || epochs < 0)
    throw new RangeError(`step(${epochs}): epochs must be a whole number ≥ 0`);
  if (run.state === "diverged" || epochs === 0) return false;
  run.state = "ready";
  return true;
}

/** adjust(): checked changes from the next epoch on; a diverged run may go on from its last good weights. */
export function adjustRun(run: Run, changes: Adjustable): void {
  run.options = { ...run.options, ...adjustableSchema.parse(changes) };
  if (run.state === "diverged") run.state = "ready";
}

/** setNetwork(): the edited network must have the trainer's shape; it becomes what network() shows. */
export function editRun(run: Run, net: Network, shape: Architecture): void {
  if (!sameShape(architectureOf(net), shape)) {
    throw new TrainingRefusedError({
      code: "invalid_training",
      message: "an edit while training must keep the network's shape (inputs and layer sizes): start a new trainer",
    });
  }
  run.template = net;
}
