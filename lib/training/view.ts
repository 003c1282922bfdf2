// What a page knows about its training worker, as one value changed by one pure reducer: the
// worker's state (loading, ready, failed), the latest snapshot, the refusal of the last command,
// and the previous run's curve, kept when a new run starts so that two choices can be compared
// on one chart (rewind, then train again). The page's client (app/_components/training/
// training-client.ts) feeds it the worker's events, at most one snapshot per animation frame.
import type { KernelBuild } from "../kernel/kernel";
import type { Network } from "../network/schema";
import type { Refusal } from "../validation";
import { reachedStopAfter, type RunGoal } from "./driver";
import type { RunOptions, TrainingEvent, TrainingSnapshot } from "./protocol";
import type { LossCurve, NeuronFlow } from "./types";

/** The last run's curve and what it was (its activations and options, for its label). */
export interface PreviousRun {
  curve: LossCurve;
  network: Network;
  options: RunOptions;
}

export interface TrainingView {
  status: "loading" | "ready" | "failed";
  build: KernelBuild | null;
  failure: string | null;
  snapshot: TrainingSnapshot | null;
  previous: PreviousRun | null;
  /** why the last command was refused, until the next command */
  refusal: Refusal | null;
}

export const INITIAL_VIEW: TrainingView = {
  status: "loading",
  build: null,
  failure: null,
  snapshot: null,
  previous: null,
  refusal: null,
};

export type ViewAction =
  | TrainingEvent
  /** the page sent a command (the last refusal is over) */
  | { type: "sent" };

export function reduceTrainingView(view: TrainingView, action: ViewAction): TrainingView {
  switch (action.type) {
    case "ready":
      return { ...view, status: "ready", build: action.build };
    case "failed":
      return { ...view, status: "failed", failure: action.message };
    case "refused":
      return { ...view, refusal: action.refusal };
    case "sent":
      return view.refusal === null ? view : { ...view, refusal: null };
    case "snapshot": {
      const last = view.snapshot;
      if (last && action.seq <= last.seq) return view; // an old one (never expected; harmless)
      const newRun = last !== null && action.run !== last.run;
      // a run that got somewhere is worth comparing with; a run that never trained is not
      const previous =
        newRun && last.curve.epochs.length > 1
          ? { curve: last.curve, network: last.network, options: last.options }
          : view.previous;
      return { ...view, snapshot: action, previous };
    }
  }
}

/**
 * The goal to play with: the settings' goal, less what the run has reached already, so that
 * pressing play after a stop trains on instead of stopping again at once.
 */
export function goalForPlay(goal: RunGoal, snapshot: TrainingSnapshot | null): RunGoal {
  if (!snapshot) return goal;
  return {
    stopAfter: goal.stopAfter !== null && reachedStopAfter(snapshot.epoch, goal) ? null : goal.stopAfter,
    targetLoss: snapshot.stopped === "target" || snapshot.state === "target_reached" ? null : goal.targetLoss,
  };
}

/**
 * Whether `a` is `b` as the fast trainer holds it: the same shape, activations and labels, and
 * weights equal once rounded to float32 (the trainer keeps float32 weights, so a network it
 * reports back differs from the one it was given only by that rounding, which is no edit).
 */
export function sameInFloat32(a: Network, b: Network): boolean {
  if (a.inputs.length !== b.inputs.length || a.inputs.some((name, k) => name !== b.inputs[k])) return false;
  if (a.layers.length !== b.layers.length) return false;
  return a.layers.every((layer, l) => {
    const other = b.layers[l]!;
    if (layer.activation !== other.activation || layer.neurons.length !== other.neurons.length) return false;
    return layer.neurons.every((n, j) => {
      const m = other.neurons[j]!;
      return (
        n.activation === m.activation &&
        n.label === m.label &&
        Math.fround(n.bias) === Math.fround(m.bias) &&
        n.weights.length === m.weights.length &&
        n.weights.every((w, k) => Math.fround(w) === Math.fround(m.weights[k]!))
      );
    });
  });
}

/** The neurons no gradient reaches ("layer:index"): a step neuron, a dead ReLU, what lies before them. */
export function neuronsWithoutGradient(flow: readonly (readonly NeuronFlow[])[]): Set<string> {
  const none = new Set<string>();
  flow.forEach((layer, l) => layer.forEach((f, j) => f.gradient === 0 && none.add(`${l}:${j}`)));
  return none;
}
