// The claims the training lessons will make, checked now as facts of the float64 reference
// trainer with fixed seeds. Targets are 0/1 (class 1 → 1), squared error is the mean of (a − y)².
import { describe, expect, it } from "vitest";
import type { ActivationId } from "../../lib/network/activations";
import type { Network } from "../../lib/network/schema";
import { makeDataSet, type Sample } from "../../lib/training/datasets";
import { initialiseNetwork, networkOfShape } from "../../lib/training/init";
import { createReferenceTrainer } from "../../lib/training/reference";

const xor = makeDataSet({ kind: "xor", points: 200, seed: 1 });

function twoLayer(hidden: ActivationId, size: number, output: ActivationId, seed = 1): Network {
  return initialiseNetwork(
    networkOfShape(
      ["x1", "x2"],
      [
        { size, activation: hidden },
        { size: 1, activation: output },
      ],
    ),
    seed,
  );
}

/** The smallest mean squared error of any a·x1 + b·x2 + c on the points (least squares). */
function bestLinearFit(points: readonly Sample[]): number {
  // normal equations (XᵀX) w = Xᵀy for rows [x1, x2, 1], solved by Cramer's rule
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  for (const p of points) {
    const row = [p.x1, p.x2, 1];
    for (let i = 0; i < 3; i++) {
      v[i]! += row[i]! * p.label;
      for (let j = 0; j < 3; j++) m[i]![j]! += row[i]! * row[j]!;
    }
  }
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  const w = [0, 1, 2].map((k) => det(m.map((row, i) => row.map((x, j) => (j === k ? v[i]! : x)))) / d);
  return points.reduce((sum, p) => sum + (w[0]! * p.x1 + w[1]! * p.x2 + w[2]! - p.label) ** 2, 0) / points.length;
}

describe("XOR by training", () => {
  it("an all-linear 2-4-1 network never gets below the best straight-line fit (about 0.25), and gets there", () => {
    const floor = bestLinearFit(xor.train);
    expect(Math.abs(floor - 0.25)).toBeLessThan(0.02);
    for (const learningRate of [0.03, 0.1]) {
      const trainer = createReferenceTrainer({ network: twoLayer("linear", 4, "linear"), data: xor, learningRate });
      trainer.step(500);
      expect(trainer.state()).toBe("ready");
      const losses = trainer.losses().trainLoss;
      expect(Math.min(...losses)).toBeGreaterThanOrEqual(floor - 1e-12);
      expect(losses.at(-1)! - floor).toBeLessThan(0.01);
      expect(trainer.latest().trainAccuracy).toBeLessThan(0.8); // a line cannot separate XOR
    }
  });

  it("the same network with tanh (or sigmoid) hidden neurons solves it from a fixed seed", () => {
    const tanh = createReferenceTrainer({ network: twoLayer("tanh", 4, "sigmoid"), data: xor, learningRate: 0.3 });
    tanh.step(300);
    expect(tanh.latest().trainLoss).toBeLessThan(0.02);
    expect(tanh.latest().trainAccuracy).toBe(1);
    expect(tanh.latest().testAccuracy).toBeGreaterThanOrEqual(0.95);
    const sigmoid = createReferenceTrainer({ network: twoLayer("sigmoid", 4, "sigmoid"), data: xor, learningRate: 1 });
    sigmoid.step(300);
    expect(sigmoid.latest().trainLoss).toBeLessThan(0.02);
    expect(sigmoid.latest().trainAccuracy).toBe(1);
  });

  it("tanh trains faster than sigmoid here (same network, seed and learning rate)", () => {
    const loss = (hidden: ActivationId) => {
      const trainer = createReferenceTrainer({ network: twoLayer(hidden, 4, "sigmoid"), data: xor, learningRate: 0.1 });
      trainer.step(300);
      return trainer.latest().trainLoss;
    };
    expect(loss("tanh")).toBeLessThan(loss("sigmoid") / 2);
  });
});

describe("step cannot learn by gradient", () => {
  it("no gradient reaches a step layer or anything before it; its weights never change", () => {
    const network = twoLayer("step", 4, "sigmoid");
    const trainer = createReferenceTrainer({ network, data: xor, learningRate: 0.3 });
    const flow = trainer.gradientFlow();
    expect(flow[0]).toEqual(new Array(4).fill({ gradient: 0, active: 0 }));
    expect(flow[1]![0]!.gradient).toBeGreaterThan(0); // the sigmoid output still learns
    expect([...trainer.gradient().slice(0, 12)]).toEqual(new Array(12).fill(0));
    trainer.step(100);
    expect(trainer.network().layers[0]).toEqual(network.layers[0]);
    expect(trainer.network().layers[1]).not.toEqual(network.layers[1]);
  });

  it("an all-step network does not move at all: its loss curve is flat", () => {
    const network = twoLayer("step", 4, "step");
    const trainer = createReferenceTrainer({ network, data: xor, learningRate: 1 });
    trainer.step(100);
    expect(trainer.network()).toEqual(network);
    expect(new Set(trainer.losses().trainLoss).size).toBe(1);
  });
});

describe("dead ReLUs while training", () => {
  const spiral = makeDataSet({ kind: "spiral", points: 200, seed: 1 });
  const deadAfter = (learningRate: number, seed: number) => {
    const trainer = createReferenceTrainer({
      network: twoLayer("relu", 8, "sigmoid", seed),
      data: spiral,
      learningRate,
      loss: "cross_entropy",
    });
    const before = trainer.gradientFlow()[0]!.filter((f) => f.active === 0).length;
    trainer.step(50);
    return { before, after: trainer.gradientFlow()[0]!.filter((f) => f.active === 0).length, trainer };
  };

  it("a high learning rate kills ReLUs (none dead before); a small one does not", () => {
    let deadHigh = 0;
    let deadLow = 0;
    for (const seed of [1, 2, 3, 4]) {
      const high = deadAfter(3, seed);
      const low = deadAfter(0.03, seed);
      expect(high.before + low.before).toBe(0);
      deadHigh += high.after;
      deadLow += low.after;
    }
    expect(deadHigh).toBeGreaterThanOrEqual(24); // of 32
    expect(deadLow).toBeLessThanOrEqual(1);
  });

  it("a dead ReLU gets no gradient: its weights stay exactly as they are", () => {
    const { trainer } = deadAfter(3, 1);
    const dead = trainer.gradientFlow()[0]!.flatMap((f, j) => (f.active === 0 ? [j] : []));
    expect(dead.length).toBeGreaterThan(0);
    const before = trainer.network().layers[0]!.neurons;
    trainer.adjust({ learningRate: 0.03 });
    trainer.step(30);
    for (const j of dead) expect(trainer.network().layers[0]!.neurons[j]).toEqual(before[j]);
  });

  it("a bad start (every bias −10) leaves ReLUs dead from the first epoch, and training cannot revive them", () => {
    const network = twoLayer("relu", 8, "sigmoid");
    network.layers[0]!.neurons.forEach((n) => (n.bias = -10));
    const trainer = createReferenceTrainer({ network, data: spiral, learningRate: 0.1, loss: "cross_entropy" });
    const dead = trainer.gradientFlow()[0]!.filter((f) => f.active === 0).length;
    expect(dead).toBeGreaterThanOrEqual(6);
    trainer.step(100);
    expect(trainer.gradientFlow()[0]!.filter((f) => f.active === 0).length).toBeGreaterThanOrEqual(dead);
  });
});
