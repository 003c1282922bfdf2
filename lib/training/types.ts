// The trainer interface: what the kernel's trainer (fast, float32, for the UI) and the float64
// reference trainer (for tests and lesson claims) both offer, so a test can run the same steps
// on both and compare.
import type { Network } from "../network/schema";
import type { Adjustable } from "./options";

/**
 * "ready": can train. "diverged": a loss or gradient became NaN or infinite; the weights are the
 * last good epoch's and step() does nothing until rewind() or adjust() (e.g. a smaller learning
 * rate). "target_reached": the last step stopped at its target loss (stepping again goes on).
 */
export type TrainingState = "ready" | "diverged" | "target_reached";

/** Losses and accuracies of the network after `epoch` epochs: always finite numbers. */
export interface Evaluation {
  epoch: number;
  trainLoss: number;
  /** null when the data set has no test points */
  testLoss: number | null;
  /** fraction of points on the right side of the class threshold */
  trainAccuracy: number;
  testAccuracy: number | null;
}

/** The recorded evaluations, oldest first (thinned evenly once there are many: see history.ts). */
export interface LossCurve {
  epochs: Float64Array;
  trainLoss: Float64Array;
  /** NaN-free: all zeros when there are no test points (see hasTest) */
  testLoss: Float64Array;
  trainAccuracy: Float64Array;
  testAccuracy: Float64Array;
  hasTest: boolean;
}

export interface StopAt {
  /** stop after the first evaluated epoch whose loss is at most this */
  loss: number;
  /** which loss (default "train") */
  on?: "train" | "test";
}

export interface StepResult {
  /** epochs trained by this call (a diverging epoch is not counted) */
  epochs: number;
  state: TrainingState;
}

/** How much gradient reaches a neuron, over all training points, for the current weights. */
export interface NeuronFlow {
  /** mean over points of |∂ℓ/∂z|: 0 means nothing this neuron does changes the loss */
  gradient: number;
  /** fraction of points where f'(z) ≠ 0: 0 for step everywhere, and for a dead ReLU */
  active: number;
}

export interface Trainer {
  readonly precision: "float32" | "float64";
  /** Trains `epochs` more epochs (or until `stop`); evaluates at least at the last one. */
  step(epochs: number, stop?: StopAt): StepResult;
  epoch(): number;
  state(): TrainingState;
  /** The latest evaluation. */
  latest(): Evaluation;
  /** The latest accuracies: fraction of points on the right side of the class threshold. */
  accuracy(): { train: number; test: number | null };
  losses(): LossCurve;
  /** The epoch at which training diverged last, or null. */
  divergedAt(): number | null;
  /** The current weights in the network format (activations, labels and inputs as given). */
  network(): Network;
  /** The network the trainer started from. */
  initialNetwork(): Network;
  /** Back to the initial weights, epoch 0, a fresh optimizer and the same shuffling: the same curve again. */
  rewind(): void;
  /** Change the learning rate, batch size, L2 or evaluation interval from the next epoch on. */
  adjust(changes: Adjustable): void;
  /**
   * New weights or activations for the same shape (an edit while paused); the epoch, the curve
   * and the optimizer state go on. A different shape needs a new trainer.
   */
  setNetwork(net: Network): void;
  /** Gradient flow per layer, per neuron (see NeuronFlow). */
  gradientFlow(): NeuronFlow[][];
  /**
   * ∂L/∂θ of the mean loss over all training points (without L2) for the current weights, one
   * per parameter in the order of architecture.ts: per layer, per neuron, its weights, its bias.
   */
  gradient(): Float64Array;
}
