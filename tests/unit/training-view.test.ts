// The page's side of training: the view reducer (what the panel shows from the worker's events),
// the goal to play with after a stop, and the loss chart's scaling and paths.
import { describe, expect, it } from "vitest";
import { lossChartScale, niceCeil, seriesPath } from "../../lib/training/chart";
import { runOptionsSchema, type TrainingSnapshot } from "../../lib/training/protocol";
import type { LossCurve } from "../../lib/training/types";
import { goalForPlay, INITIAL_VIEW, reduceTrainingView } from "../../lib/training/view";
import { NETWORK_FORMAT } from "../../lib/network/schema";

function curve(epochs: number[], trainLoss: number[], testLoss: number[] = trainLoss): LossCurve {
  return {
    epochs: Float64Array.from(epochs),
    trainLoss: Float64Array.from(trainLoss),
    testLoss: Float64Array.from(testLoss),
    trainAccuracy: new Float64Array(epochs.length),
    testAccuracy: new Float64Array(epochs.length),
    hasTest: true,
  };
}

function snapshot(run: number, seq: number, epoch: number, extra: Partial<TrainingSnapshot> = {}): TrainingSnapshot {
  const epochs = Array.from({ length: epoch + 1 }, (_, i) => i);
  return {
    type: "snapshot",
    run,
    seq,
    epoch,
    state: "ready",
    running: false,
    stopped: null,
    divergedAt: null,
    latest: { epoch, trainLoss: 0.1, testLoss: 0.2, trainAccuracy: 1, testAccuracy: 1 },
    curve: curve(
      epochs,
      epochs.map(() => 0.1),
    ),
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [{ activation: "sigmoid", neurons: [{ weights: [run, seq], bias: 0 }] }],
    },
    flow: [],
    options: runOptionsSchema.parse({}),
    epochsPerSecond: null,
    ...extra,
  };
}

describe("the training view", () => {
  it("is ready once the worker's module loaded, and says why when it failed", () => {
    const ready = reduceTrainingView(INITIAL_VIEW, { type: "ready", build: "simd" });
    expect(ready).toMatchObject({ status: "ready", build: "simd" });
    expect(reduceTrainingView(ready, { type: "failed", message: "no wasm" })).toMatchObject({
      status: "failed",
      failure: "no wasm",
    });
  });

  it("keeps the last run's curve when a new run starts (to compare), but not a run that never trained", () => {
    let view = reduceTrainingView(INITIAL_VIEW, snapshot(1, 1, 0));
    view = reduceTrainingView(view, snapshot(2, 2, 0)); // a new run before any training
    expect(view.previous).toBeNull();
    view = reduceTrainingView(view, snapshot(2, 3, 40));
    view = reduceTrainingView(view, snapshot(2, 4, 50));
    expect(view.previous).toBeNull();
    view = reduceTrainingView(view, snapshot(3, 5, 0));
    expect(view.previous?.curve.epochs).toHaveLength(51);
    expect(view.previous?.network.layers[0]!.neurons[0]!.weights).toEqual([2, 4]);
    expect(view.snapshot?.run).toBe(3);
  });

  it("ignores an older snapshot; a refusal lasts until the next command", () => {
    let view = reduceTrainingView(INITIAL_VIEW, snapshot(1, 5, 10));
    expect(reduceTrainingView(view, snapshot(1, 4, 9))).toBe(view);
    view = reduceTrainingView(view, { type: "refused", command: "edit", refusal: { code: "x", message: "no" } });
    expect(view.refusal?.message).toBe("no");
    view = reduceTrainingView(view, snapshot(1, 6, 11));
    expect(view.refusal?.message).toBe("no");
    expect(reduceTrainingView(view, { type: "sent" }).refusal).toBeNull();
  });

  it("plays on past a goal already reached, and keeps the goals not reached yet", () => {
    const goal = { stopAfter: 300, targetLoss: 0.05 };
    expect(goalForPlay(goal, null)).toEqual(goal);
    expect(goalForPlay(goal, snapshot(1, 1, 100))).toEqual(goal);
    expect(goalForPlay(goal, snapshot(1, 1, 300, { stopped: "epochs" }))).toEqual({
      stopAfter: null,
      targetLoss: 0.05,
    });
    expect(goalForPlay(goal, snapshot(1, 1, 120, { stopped: "target", state: "target_reached" }))).toEqual({
      stopAfter: 300,
      targetLoss: null,
    });
  });
});

describe("the loss chart", () => {
  it("rounds its axes up to round numbers that hold every curve and the marks asked for", () => {
    expect([0.2, 0.25, 0.26, 0.7, 1, 3, 0.0301].map(niceCeil)).toEqual([0.2, 0.25, 0.5, 1, 1, 5, 0.05]);
    const scale = lossChartScale([curve([0, 10, 437], [0.7, 0.4, 0.1], [0.8, 0.5, 0.2])]);
    expect(scale).toMatchObject({ xMax: 500, yMax: 1 });
    expect(scale.xTicks).toEqual([0, 100, 200, 300, 400, 500]);
    expect(scale.yTicks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // a comparison run that went further, and a lesson's mark above every loss
    expect(lossChartScale([curve([0, 5], [0.1, 0.1]), curve([0, 1200], [0.2, 0.1])], [0.3])).toMatchObject({
      xMax: 2000,
      yMax: 0.5,
    });
    expect(lossChartScale([])).toMatchObject({ xMax: 10, yMax: 0.001 });
    expect(lossChartScale([curve([0, 250], [0.25, 0.1])]).xTicks).toEqual([0, 50, 100, 150, 200, 250]);
    expect(lossChartScale([curve([0, 250], [0.25, 0.1])]).yTicks).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
  });

  it("draws a long curve with at most four points per pixel column, keeping its spikes", () => {
    const n = 100_000;
    const epochs = Array.from({ length: n }, (_, i) => i);
    const values = epochs.map((i) => (i === 54_321 ? 0.9 : 0.5 - (0.4 * i) / n));
    const path = seriesPath(epochs, values, { xMax: n, yMax: 1 }, 200, 100);
    const points = path.split(/[ML]/).filter(Boolean);
    expect(points.length).toBeLessThanOrEqual(4 * 201);
    expect(path.startsWith("M0 50")).toBe(true);
    const ys = points.map((p) => Number(p.split(" ")[1]));
    expect(Math.min(...ys)).toBeCloseTo(10, 1); // the spike at 0.9 is drawn
    expect(path).not.toContain("NaN");
  });
});
