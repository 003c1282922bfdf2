// The loss curve of a trainer, bounded: training runs tens of thousands of epochs a second, and a
// chart needs a few thousand points. Up to `capacity` evaluations are kept as they come; when
// full, every second one is dropped and from then on only every second evaluation is kept (then
// every fourth…), so the kept points stay evenly spread over the whole run. The latest
// evaluation is always the curve's last point.
import type { Evaluation, LossCurve } from "./types";

export const CURVE_CAPACITY = 4096;

export interface History {
  add(evaluation: Evaluation): void;
  latest(): Evaluation;
  curve(): LossCurve;
}

export function createHistory(first: Evaluation, capacity = CURVE_CAPACITY): History {
  const hasTest = first.testLoss !== null;
  let kept: Evaluation[] = [first];
  let pending: Evaluation | null = null; // the latest, until it is kept
  let stride = 1; // keep every stride-th evaluation
  let sinceKept = 0;
  let last = first;

  return {
    add(evaluation) {
      last = evaluation;
      sinceKept++;
      if (sinceKept < stride) {
        pending = evaluation;
        return;
      }
      kept.push(evaluation);
      pending = null;
      sinceKept = 0;
      if (kept.length >= capacity) {
        // the dropped last one stays visible as the pending point
        const dropped = kept.length % 2 === 0 ? kept[kept.length - 1]! : null;
        kept = kept.filter((_, i) => i % 2 === 0);
        if (dropped) {
          pending = dropped;
          sinceKept = stride;
        }
        stride *= 2;
      }
    },
    latest: () => last,
    curve() {
      const points = pending ? [...kept, pending] : kept;
      const column = (pick: (e: Evaluation) => number | null) => Float64Array.from(points, (e) => pick(e) ?? 0);
      return {
        epochs: column((e) => e.epoch),
        trainLoss: column((e) => e.trainLoss),
        testLoss: column((e) => e.testLoss),
        trainAccuracy: column((e) => e.trainAccuracy),
        testAccuracy: column((e) => e.testAccuracy),
        hasTest,
      };
    },
  };
}
