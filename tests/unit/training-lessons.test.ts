// The claims of the training lessons, checked as facts of the float64 reference trainer with
// fixed seeds: first as general facts, then each lesson's own claim on exactly the run the lesson
// opens with (lib/lessons: its network, data, options and variants). Targets are 0/1 (class 1 →
// 1), squared error is the mean of (a − y)².
import { describe, expect, it } from "vitest";
import type { ActivationId } from "../../lib/network/activations";
import type { Network } from "../../lib/network/schema";
import { makeDataSet } from "../../lib/training/datasets";
import { initialiseNetwork, networkOfShape } from "../../lib/training/init";
import { bestLineLoss } from "../../lib/training/linear-fit";
import { createReferenceTrainer } from "../../lib/training/reference";
import type { Trainer } from "../../lib/training/types";
import { referenceForwardRow } from "../../lib/network/reference";
import { LESSONS, lessonBySlug, SIGMOID_TANH_TARGET, XOR_LINE_BOUND, type LessonTraining } from "../../lib/lessons";
import { lessonTrainingInput, withVariant } from "../../lib/lessons/training-setup";

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

describe("XOR by training", () => {
  it("an all-linear 2-4-1 network never gets below the best straight-line fit (about 0.25), and gets there", () => {
    const floor = bestLineLoss(xor.train);
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

// ------------------------------------------------------------ each training lesson's own claim

function trainingLesson(slug: string): { training: LessonTraining; network: Network } {
  const found = lessonBySlug(slug);
  if (!found?.training) throw new Error(`no training lesson ${slug}`);
  return { training: found.training, network: found.exercise.network };
}

/** A reference trainer on the lesson's run, with one of its variants. */
function lessonTrainer(slug: string, variant: string) {
  const { training, network } = trainingLesson(slug);
  return createReferenceTrainer(lessonTrainingInput(training, network, variant));
}

/** Trains until the test loss is at most `target` (checked every epoch); the epoch, or null. */
function epochsTo(trainer: Trainer, target: number, max: number): number | null {
  while (trainer.epoch() < max) {
    trainer.step(1);
    if (trainer.latest().testLoss! <= target) return trainer.epoch();
  }
  return null;
}

function claimOf(slug: string) {
  return trainingLesson(slug).training.claim;
}

describe("the training lessons' claims, on the runs the lessons open with", () => {
  it("every training lesson states its claim in English and Chinese, and opens ready to play", () => {
    const slugs = LESSONS.filter((l) => l.training).map((l) => l.slug);
    expect(slugs).toEqual([
      "xor-by-training",
      "step-cannot-learn",
      "dead-relus-while-training",
      "sigmoid-vs-tanh-training",
    ]);
    for (const slug of slugs) {
      const { training, network } = trainingLesson(slug);
      expect(claimOf(slug).en.length).toBeGreaterThan(40);
      expect(claimOf(slug)["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
      // the lesson opens with its first variant's choices
      expect(withVariant(network, training.variants[0]!)).toEqual(network);
      const input = lessonTrainingInput(training, network);
      expect(createReferenceTrainer(input).epoch()).toBe(0); // a valid run: planTraining accepts it
    }
  });

  it("xor-by-training: all linear stays at or above the best line (0.240); tanh goes below 0.05 within 300 epochs", () => {
    expect(XOR_LINE_BOUND).toBeCloseTo(0.2396, 4);
    expect(claimOf("xor-by-training").en).toContain("0.240");
    expect(claimOf("xor-by-training")["zh-CN"]).toContain("0.240");
    const linear = lessonTrainer("xor-by-training", "linear");
    linear.step(600); // the lesson stops after 600 epochs
    expect(linear.state()).toBe("ready");
    expect(Math.min(...linear.losses().trainLoss)).toBeGreaterThanOrEqual(XOR_LINE_BOUND - 1e-12);
    expect(linear.latest().trainLoss - XOR_LINE_BOUND).toBeLessThan(0.01); // and it gets there: a line is all it is
    const tanh = lessonTrainer("xor-by-training", "tanh");
    tanh.step(300);
    expect(tanh.latest().trainLoss).toBeLessThan(0.05);
    expect(tanh.latest().testAccuracy).toBeGreaterThanOrEqual(0.95);
    const sigmoid = lessonTrainer("xor-by-training", "sigmoid");
    sigmoid.step(600);
    expect(sigmoid.latest().trainLoss).toBeLessThan(XOR_LINE_BOUND / 2); // sigmoid bends too, more slowly
  });

  it("step-cannot-learn: the step layer gets no gradient and its weights never move; sigmoid goes below 0.02", () => {
    const { network } = trainingLesson("step-cannot-learn");
    const step = lessonTrainer("step-cannot-learn", "step");
    expect(step.gradientFlow()[0]).toEqual(new Array(4).fill({ gradient: 0, active: 0 }));
    step.step(500);
    expect(step.network().layers[0]).toEqual(network.layers[0]);
    expect(step.network().layers[1]).not.toEqual(network.layers[1]); // the output neuron learns
    expect(Math.min(...step.losses().trainLoss)).toBeGreaterThan(0.15);
    const sigmoid = lessonTrainer("step-cannot-learn", "sigmoid");
    sigmoid.step(500);
    expect(sigmoid.latest().trainLoss).toBeLessThan(0.02);
  });

  it("dead-relus-while-training: at learning rate 3 all 8 ReLUs are dead within 200 epochs; at 0.1 none dies", () => {
    const dead = (trainer: Trainer) => trainer.gradientFlow()[0]!.filter((f) => f.active === 0).length;
    const high = lessonTrainer("dead-relus-while-training", "rate-3");
    expect(dead(high)).toBe(0);
    high.step(200);
    expect(dead(high)).toBe(8);
    // dead for good: another 100 epochs, and every hidden weight is as it was
    const hidden = high.network().layers[0];
    high.step(100);
    expect(high.network().layers[0]).toEqual(hidden);
    // one answer for every training point: the output neuron sees only zeros
    const { training, network } = trainingLesson("dead-relus-while-training");
    const points = lessonTrainingInput(training, network).data.train;
    const answers = new Set(points.map((p) => referenceForwardRow(high.network(), [p.x1, p.x2]).layers[1]!.a[0]));
    expect(answers.size).toBe(1);
    expect(high.latest().testAccuracy).toBeLessThan(0.6);
    const low = lessonTrainer("dead-relus-while-training", "rate-0.1");
    for (let i = 0; i < 6; i++) {
      low.step(50);
      expect(dead(low)).toBe(0);
    }
    expect(low.latest().testAccuracy).toBe(1);
  });

  it("sigmoid-vs-tanh-training: tanh reaches test loss 0.1 in less than half sigmoid's epochs; more than twice the gradient at the start", () => {
    const tanh = lessonTrainer("sigmoid-vs-tanh-training", "tanh");
    const sigmoid = lessonTrainer("sigmoid-vs-tanh-training", "sigmoid");
    const meanHidden = (trainer: Trainer) =>
      trainer.gradientFlow()[0]!.reduce((sum, f) => sum + f.gradient, 0) / trainer.gradientFlow()[0]!.length;
    expect(meanHidden(tanh)).toBeGreaterThan(2 * meanHidden(sigmoid));
    const tanhEpochs = epochsTo(tanh, SIGMOID_TANH_TARGET, 2000);
    const sigmoidEpochs = epochsTo(sigmoid, SIGMOID_TANH_TARGET, 2000);
    expect(tanhEpochs).not.toBeNull();
    expect(sigmoidEpochs).not.toBeNull();
    expect(2 * tanhEpochs!).toBeLessThan(sigmoidEpochs!);
  });
});
