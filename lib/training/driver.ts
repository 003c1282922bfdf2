// Training for a slice of time: how the training worker (and a test in Node, with the same code)
// runs a trainer between two pictures. Two rules live here:
//
// 1. Which epochs the loss curve records. At tens of thousands of epochs a second, evaluating
//    every epoch would cost as much as the training (a forward pass over every point), and a chart
//    has a few hundred pixels. So the curve records every epoch up to 512, then every 2nd epoch up
//    to 1 024, every 4th up to 2 048…: curveStride(epoch), at most MAX_STRIDE. The recorded epochs
//    depend on the epoch alone, never on the clock, so the same seeded run records the same points
//    (the same bits) in a browser's worker and in Node, however its slices fell.
// 2. When a run stops by itself: after `stopAfter` epochs, at the first recorded epoch whose loss
//    is at or below `targetLoss` (the test loss, or the training loss without test points), or
//    when it diverges (the trainer has rolled it back: see types.ts).
//
// Between recorded epochs a slice may stop anywhere (its time is up): the trainer then evaluates
// an epoch that is not on the curve (shown as the latest numbers, never recorded), and the target
// is only checked on recorded epochs, so that where a run stops does not depend on time either.
import { z } from "zod";
import type { Evaluation, Trainer } from "./types";

/** Recorded epochs per doubling of the epoch count, once past the first 2 · this many. */
export const POINTS_PER_OCTAVE = 256;
/** The widest gap between two recorded epochs. */
export const MAX_STRIDE = 1024;
/** The largest "stop after" a user may ask for. */
export const MAX_STOP_AFTER = 10_000_000;

export const runGoalSchema = z.strictObject({
  /** stop once this many epochs are trained (counted from the run's start) */
  stopAfter: z.number().int().min(1).max(MAX_STOP_AFTER).nullable(),
  /** stop at the first recorded epoch whose loss is at most this */
  targetLoss: z.number().gt(0).max(1000).nullable(),
});
export type RunGoal = z.infer<typeof runGoalSchema>;

export const NO_GOAL: RunGoal = { stopAfter: null, targetLoss: null };

/** Why a run stopped by itself. */
export type StopReason = "epochs" | "target" | "diverged";

/** Epochs between recorded points around `epoch`: a power of two, 1 for the first 512 epochs. */
export function curveStride(epoch: number): number {
  let stride = 1;
  while (stride < MAX_STRIDE && stride * 2 * POINTS_PER_OCTAVE <= epoch) stride *= 2;
  return stride;
}

/** The next recorded epoch after `epoch`: the next multiple of its stride (or the stop). */
export function nextRecordedEpoch(epoch: number, goal: RunGoal = NO_GOAL): number {
  const stride = curveStride(epoch);
  const next = (Math.floor(epoch / stride) + 1) * stride;
  return goal.stopAfter !== null && goal.stopAfter > epoch ? Math.min(next, goal.stopAfter) : next;
}

/** The time one epoch takes, learned as the slices run (only sizes steps; never changes results). */
export interface Pace {
  msPerEpoch: number;
}

export function createPace(): Pace {
  return { msPerEpoch: 0.05 };
}

export interface SliceResult {
  /** evaluations at recorded epochs, oldest first */
  points: Evaluation[];
  /** epochs trained in this slice */
  epochs: number;
  stopped: StopReason | null;
}

/** Whether the run has reached its goal's epoch count already. */
export function reachedStopAfter(epoch: number, goal: RunGoal): boolean {
  return goal.stopAfter !== null && epoch >= goal.stopAfter;
}

/**
 * Trains until `budgetMs` have passed on `clock` (at least one step), `limit` epochs are
 * trained, the goal is reached, or training diverges. Steps end at recorded epochs whenever the
 * time allows.
 */
export function trainSlice(
  trainer: Trainer,
  goal: RunGoal,
  budgetMs: number,
  clock: () => number,
  pace: Pace,
  limit = Infinity,
): SliceResult {
  const start = clock();
  const points: Evaluation[] = [];
  let epochs = 0;
  const on = trainer.latest().testLoss === null ? "train" : "test";
  for (;;) {
    if (reachedStopAfter(trainer.epoch(), goal)) return { points, epochs, stopped: "epochs" };
    const left = budgetMs - (clock() - start);
    if ((left <= 0 && epochs > 0) || epochs >= limit) return { points, epochs, stopped: null };
    const wanted = nextRecordedEpoch(trainer.epoch(), goal) - trainer.epoch();
    const n = Math.max(1, Math.min(wanted, limit - epochs, Math.floor(left / pace.msPerEpoch)));
    const recorded = n === wanted;
    const before = clock();
    const result = trainer.step(n, recorded && goal.targetLoss !== null ? { loss: goal.targetLoss, on } : undefined);
    const took = clock() - before;
    if (result.epochs > 0) pace.msPerEpoch = 0.7 * pace.msPerEpoch + 0.3 * Math.max(took / result.epochs, 1e-4);
    epochs += result.epochs;
    if (result.state === "diverged") return { points, epochs, stopped: "diverged" };
    if (recorded) points.push(trainer.latest());
    if (result.state === "target_reached") return { points, epochs, stopped: "target" };
  }
}
