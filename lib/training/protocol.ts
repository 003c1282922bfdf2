// The training worker's messages: what a page asks (commands, checked with zod in the worker, so
// a bad command is refused by name and changes nothing) and what the worker answers (events).
// One run at a time per worker. The worker sends at most one snapshot per "ack": the page acks
// after it has painted one, so snapshots never queue up faster than the screen can show them,
// however many epochs the worker trains in between.
import { z } from "zod";
import type { KernelBuild } from "../kernel/kernel";
import { networkSchema, type Network } from "../network/schema";
import type { Refusal } from "../validation";
import { dataSpecSchema } from "./datasets";
import { runGoalSchema, type StopReason } from "./driver";
import { adjustableSchema, trainingOptionsSchema } from "./options";
import type { Evaluation, LossCurve, NeuronFlow, TrainingState } from "./types";

/** The fastest "speed" a page may ask for (epochs per second); null asks for no limit at all. */
export const MAX_SPEED = 1_000_000;

/** The options a run is set up with (evaluateEvery is the worker's business: driver.ts). */
export const runOptionsSchema = trainingOptionsSchema.omit({ evaluateEvery: true });
export type RunOptions = z.output<typeof runOptionsSchema>;
export type RunOptionsInput = z.input<typeof runOptionsSchema>;

/** A run: the network it starts from, its data set (a seeded spec: the worker builds the points), its options. */
export const runSetupSchema = z.strictObject({
  network: networkSchema,
  data: dataSpecSchema,
  options: runOptionsSchema.default(() => runOptionsSchema.parse({})),
});
export type RunSetup = z.output<typeof runSetupSchema>;
export type RunSetupInput = z.input<typeof runSetupSchema>;

export const trainingCommandSchema = z.discriminatedUnion("type", [
  /** a new run from this network's weights: epoch 0, a new curve */
  z.strictObject({ type: z.literal("load"), setup: runSetupSchema }),
  /**
   * A new run from the current run's initial weights (rewind: to compare two choices fairly),
   * with `network`'s activations (same shape; else its own weights), and a new data set or new
   * options if given (the whole options: a field left out takes its default).
   */
  z.strictObject({
    type: z.literal("restart"),
    network: networkSchema.optional(),
    data: dataSpecSchema.optional(),
    options: runOptionsSchema.optional(),
  }),
  /** train until paused or the goal is reached; `speed`: at most this many epochs per second (null: as fast as it can) */
  z.strictObject({
    type: z.literal("play"),
    goal: runGoalSchema,
    speed: z.number().gt(0).max(MAX_SPEED).nullable().default(null),
  }),
  z.strictObject({ type: z.literal("pause") }),
  /** one epoch */
  z.strictObject({ type: z.literal("step") }),
  /** learning rate, batch size, L2 from the next epoch on (also the way on after divergence) */
  z.strictObject({ type: z.literal("adjust"), changes: adjustableSchema.omit({ evaluateEvery: true }) }),
  /** an edit while paused: new weights or activations, same shape; the epoch and curve go on */
  z.strictObject({ type: z.literal("edit"), network: networkSchema }),
  /** the page has painted the last snapshot: the next may come */
  z.strictObject({ type: z.literal("ack") }),
]);
export type TrainingCommand = z.input<typeof trainingCommandSchema>;
export type CheckedCommand = z.output<typeof trainingCommandSchema>;

/** Where a run is, as the page shows it. */
export interface TrainingSnapshot {
  type: "snapshot";
  /** counts runs (load, restart): a new number means a new curve */
  run: number;
  /** counts snapshots */
  seq: number;
  epoch: number;
  state: TrainingState;
  running: boolean;
  /** why the run last stopped by itself (until it is played again) */
  stopped: StopReason | null;
  divergedAt: number | null;
  latest: Evaluation;
  /** the recorded evaluations of this run (driver.ts), thinned to a few thousand */
  curve: LossCurve;
  network: Network;
  /** per layer, per neuron: how much gradient reaches it (0: none, the step lesson) */
  flow: NeuronFlow[][];
  options: RunOptions;
  /** epochs per second over the last second of training, null when not running */
  epochsPerSecond: number | null;
}

export type TrainingEvent =
  | { type: "ready"; build: KernelBuild }
  | TrainingSnapshot
  /** a command was refused (bad input, or a run planTraining refuses): nothing changed */
  | { type: "refused"; command: string; refusal: Refusal }
  /** the worker cannot train at all (the module did not load) */
  | { type: "failed"; message: string };
