// The trainers as the UI and the server use them: the fast (float32, wasm) trainer follows the
// float64 reference; same seed, same curve; SIMD and scalar builds give the same bits; divergence
// is a clear state with a way back; a trained network is a valid network that the forward kernel
// and the server's recomputation agree with.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../lib/kernel/kernel";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";
import { ACTIVATION_IDS, type ActivationId } from "../../lib/network/activations";
import { parseNetwork } from "../../lib/network/parse";
import type { Network } from "../../lib/network/schema";
import { makeDataSet, type DataSpecInput } from "../../lib/training/datasets";
import { createHistory } from "../../lib/training/history";
import { initialiseNetwork, networkOfShape, type LayerShape } from "../../lib/training/init";
import { createTrainer, evaluateOnKernel } from "../../lib/training/kernel-trainer";
import { planTraining, TrainingRefusedError, type TrainingInput } from "../../lib/training/options";
import { createRandom, deriveSeed, SEED_STREAMS, shuffleInPlace } from "../../lib/training/random";
import { createReferenceTrainer } from "../../lib/training/reference";
import type { Trainer } from "../../lib/training/types";
import { loadServerTrainingKernel } from "../../server/kernel";
import { loadTestKernel, loadTestTrainingKernel } from "../helpers/kernel";

/** Lesson-style runs (SGD or momentum, smooth activations): the float32 curve stays this close. */
const CURVE_TOLERANCE = 1e-5;
const EPOCHS = 300;

function net(layers: [number, ActivationId][], seed = 4): Network {
  const shapes: LayerShape[] = layers.map(([size, activation]) => ({ size, activation }));
  return initialiseNetwork(networkOfShape(["x1", "x2"], shapes), seed);
}

function run(
  layers: [number, ActivationId][],
  data: DataSpecInput,
  options: Partial<TrainingInput> = {},
): TrainingInput {
  return { network: net(layers), data: makeDataSet(data), ...options };
}

/** The network as a trainer of this precision holds it (the fast one rounds to float32). */
function inPrecision(network: Network, precision: Trainer["precision"]): Network {
  const round = precision === "float32" ? Math.fround : (v: number) => v;
  return {
    ...network,
    layers: network.layers.map((layer) => ({
      ...layer,
      neurons: layer.neurons.map((n) => ({ ...n, weights: n.weights.map(round), bias: round(n.bias) })),
    })),
  };
}

/** Largest difference of two trainers' recorded train and test losses. */
function curveGap(a: Trainer, b: Trainer): number {
  const ca = a.losses();
  const cb = b.losses();
  expect([...ca.epochs]).toEqual([...cb.epochs]);
  return Math.max(
    ...ca.trainLoss.map((v, i) =>
      Math.max(Math.abs(v - cb.trainLoss[i]!), Math.abs(ca.testLoss[i]! - cb.testLoss[i]!)),
    ),
  );
}

let simd: TrainingKernel;
let scalar: TrainingKernel;
/** the forward pass: a module of its own */
let forwardKernel: Kernel;
beforeAll(async () => {
  [simd, scalar, forwardKernel] = await Promise.all([
    loadTestTrainingKernel("simd"),
    loadTestTrainingKernel("scalar"),
    loadTestKernel("simd"),
  ]);
});

describe("the fast trainer follows the float64 reference", () => {
  const runs: [string, TrainingInput][] = [
    [
      "XOR, 2-4-1 tanh/sigmoid, SGD",
      run(
        [
          [4, "tanh"],
          [1, "sigmoid"],
        ],
        { kind: "xor", points: 200, seed: 1 },
        { learningRate: 0.1 },
      ),
    ],
    [
      "circle, 2-8-8-1 tanh, the playground's defaults",
      run(
        [
          [8, "tanh"],
          [8, "tanh"],
          [1, "tanh"],
        ],
        { kind: "circle", points: 500, seed: 1 },
        { targets: "minus_one_one" },
      ),
    ],
    [
      "two Gaussians, 2-3-1 sigmoid, momentum and L2",
      run(
        [
          [3, "sigmoid"],
          [1, "sigmoid"],
        ],
        { kind: "gaussians", points: 200, noise: 0.3, seed: 1 },
        { learningRate: 0.1, optimizer: "momentum", l2: 0.001 },
      ),
    ],
    [
      "XOR, 2-6-1 leaky ReLU/softplus, cross-entropy",
      run(
        [
          [6, "leaky_relu"],
          [1, "sigmoid"],
        ],
        { kind: "xor", points: 200, seed: 2 },
        { loss: "cross_entropy" },
      ),
    ],
  ];

  it.each(runs)(`%s: losses within ${CURVE_TOLERANCE} over ${EPOCHS} epochs, same accuracy`, (_, input) => {
    const reference = createReferenceTrainer(input);
    const fast = createTrainer(simd, input);
    reference.step(EPOCHS);
    fast.step(EPOCHS);
    expect(fast.losses().epochs).toHaveLength(EPOCHS + 1);
    expect(curveGap(fast, reference)).toBeLessThanOrEqual(CURVE_TOLERANCE);
    expect(fast.accuracy()).toEqual(reference.accuracy());
    expect(reference.latest().trainLoss).toBeLessThan(reference.losses().trainLoss[0]! / 2); // it learned
  });

  it("ReLU + Adam (chaotic: float32 rounding can flip a point across a kink): within 1e-4 for 50 epochs", () => {
    const input = run(
      [
        [8, "relu"],
        [8, "relu"],
        [1, "sigmoid"],
      ],
      { kind: "spiral", points: 300, noise: 0.1, seed: 1 },
      {
        learningRate: 0.01,
        optimizer: "adam",
        loss: "cross_entropy",
      },
    );
    const reference = createReferenceTrainer(input);
    const fast = createTrainer(simd, input);
    reference.step(50);
    fast.step(50);
    expect(curveGap(fast, reference)).toBeLessThanOrEqual(1e-4);
  });

  it("shuffles the training points exactly like lib/training/random.ts", () => {
    const input = run(
      [
        [2, "tanh"],
        [1, "sigmoid"],
      ],
      { kind: "xor", points: 100, seed: 3 },
      { seed: 77 },
    );
    const fast = createTrainer(simd, input);
    fast.step(2);
    const { exports } = simd.claim({});
    const kernelOrder = [...new Int32Array(exports.memory.buffer, exports.trainPermutationOffset(), 50)];
    const random = createRandom(deriveSeed(77, SEED_STREAMS.shuffle));
    const order = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(order, random); // epoch 1
    const second = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(second, random); // epoch 2: the order left in the kernel
    expect(kernelOrder).toEqual(second);
    expect(second).not.toEqual(order);
  });

  // the kernel draws four Fisher–Yates steps at a time and lays each epoch's points out in
  // batches with spare lanes: any count of points, any batch size, the same order and the same bits
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 13, 50])(
    "%i training points: the order of random.ts, SIMD = scalar, near the reference",
    (n) => {
      const all = makeDataSet({ kind: "circle", points: 120, seed: 4 });
      for (const batchSize of [1, 3, 4, 10]) {
        const input = run(
          [
            [3, "tanh"],
            [2, "tanh"],
            [1, "sigmoid"],
          ],
          { kind: "xor", points: 20, seed: 1 },
          { seed: 9, batchSize, learningRate: 0.1 },
        );
        input.data = { train: all.train.slice(0, n), test: all.test.slice(0, 7) };
        const fast = createTrainer(simd, input);
        const fastScalar = createTrainer(scalar, input);
        const reference = createReferenceTrainer(input);
        for (const trainer of [fast, fastScalar, reference]) trainer.step(2);
        const { exports } = simd.claim({});
        fast.step(1); // the kernel's memory holds this run's third epoch
        const random = createRandom(deriveSeed(9, SEED_STREAMS.shuffle));
        let order: number[] = [];
        for (let epoch = 0; epoch < 3; epoch++) {
          order = Array.from({ length: n }, (_, i) => i);
          shuffleInPlace(order, random);
        }
        expect([...new Int32Array(exports.memory.buffer, exports.trainPermutationOffset(), n)]).toEqual(order);
        fastScalar.step(1);
        reference.step(1);
        expect(fastScalar.losses()).toEqual(fast.losses());
        expect(fastScalar.network()).toEqual(fast.network());
        expect(curveGap(fast, reference)).toBeLessThanOrEqual(CURVE_TOLERANCE);
      }
    },
  );
});

describe("reproducible", () => {
  const input = run(
    [
      [4, "tanh"],
      [1, "sigmoid"],
    ],
    { kind: "spiral", points: 200, noise: 0.2, seed: 9 },
    { seed: 5, batchSize: 7 },
  );

  it("same seed, same curve and weights; another shuffling seed, another curve", () => {
    const a = createTrainer(simd, input);
    const b = createTrainer(simd, input);
    a.step(100);
    b.step(60);
    b.step(40); // steps split differently: the same epochs
    expect(b.losses().trainLoss.at(-1)).toBe(a.losses().trainLoss.at(-1));
    expect(b.network()).toEqual(a.network());
    const c = createTrainer(simd, { ...input, seed: 6 });
    c.step(100);
    expect(c.latest().trainLoss).not.toBe(a.latest().trainLoss);
  });

  it("rewind goes back to the initial weights and repeats the same curve", () => {
    for (const trainer of [createTrainer(simd, input), createReferenceTrainer(input)]) {
      trainer.step(50);
      const first = trainer.losses();
      const weights = trainer.network();
      trainer.rewind();
      expect(trainer.epoch()).toBe(0);
      expect(trainer.losses().epochs).toHaveLength(1);
      trainer.step(50);
      expect(trainer.losses()).toEqual(first);
      expect(trainer.network()).toEqual(weights);
    }
  });

  it.each(["sgd", "momentum", "adam"] as const)(
    "SIMD and scalar builds give the same bits (%s, every activation, both losses, L2)",
    (optimizer) => {
      for (const activation of ACTIVATION_IDS) {
        for (const loss of ["squared_error", "cross_entropy"] as const) {
          const data = run(
            [
              [5, activation],
              [3, activation],
              [1, "sigmoid"],
            ],
            { kind: "circle", points: 150, noise: 0.2, seed: 2 },
            {
              optimizer,
              loss,
              l2: 0.01,
              batchSize: 9,
              learningRate: 0.05,
            },
          );
          const a = createTrainer(simd, data);
          const b = createTrainer(scalar, data);
          a.step(20);
          b.step(20);
          expect(b.losses()).toEqual(a.losses());
          expect(b.network()).toEqual(a.network());
          expect(b.gradientFlow()).toEqual(a.gradientFlow());
        }
      }
    },
  );
});

describe("divergence", () => {
  // an all-linear network with a learning rate far too high: the steps overshoot
  const input = run(
    [
      [8, "linear"],
      [8, "linear"],
      [1, "linear"],
    ],
    { kind: "gaussians", points: 200, seed: 1 },
    { learningRate: 1 },
  );

  it.each(["fast", "reference"] as const)(
    "%s: a clear state, never NaN, the last good weights, and a way back",
    (kind) => {
      const trainer = kind === "fast" ? createTrainer(simd, input) : createReferenceTrainer(input);
      const result = trainer.step(100);
      expect(result).toEqual({ epochs: 0, state: "diverged" });
      expect(trainer.divergedAt()).toBe(1);
      expect(trainer.epoch()).toBe(0);
      expect(Number.isFinite(trainer.latest().trainLoss)).toBe(true);
      expect(trainer.losses().trainLoss.every(Number.isFinite)).toBe(true);
      expect(parseNetwork(trainer.network()).ok).toBe(true); // still a valid network
      expect(trainer.network()).toEqual(inPrecision(trainer.initialNetwork(), trainer.precision));
      expect(trainer.step(10).epochs).toBe(0); // stays put until changed

      trainer.adjust({ learningRate: 0.001 }); // the way back: a smaller step
      expect(trainer.state()).toBe("ready");
      expect(trainer.step(20)).toEqual({ epochs: 20, state: "ready" });
      expect(trainer.latest().trainLoss).toBeLessThan(trainer.losses().trainLoss[0]!);
    },
  );

  it("diverges at the same epoch in both trainers when it happens later", () => {
    const later = run(
      [
        [4, "relu"],
        [1, "linear"],
      ],
      { kind: "gaussians", points: 100, seed: 3 },
      { learningRate: 0.5 },
    );
    const fast = createTrainer(simd, later);
    const reference = createReferenceTrainer(later);
    fast.step(200);
    reference.step(200);
    expect(fast.state()).toBe("diverged");
    expect(fast.divergedAt()).toBe(reference.divergedAt());
    expect(fast.divergedAt()).toBeGreaterThan(1);
    expect(parseNetwork(fast.network()).ok).toBe(true);
  });
});

describe("stopping, editing, saving", () => {
  const input = run(
    [
      [4, "tanh"],
      [1, "sigmoid"],
    ],
    { kind: "xor", points: 200, seed: 1 },
    { learningRate: 0.1 },
  );

  it("stops at a target loss, in both trainers at the same epoch", () => {
    const fast = createTrainer(simd, input);
    const reference = createReferenceTrainer(input);
    const a = fast.step(1000, { loss: 0.1 });
    const b = reference.step(1000, { loss: 0.1 });
    expect(a.state).toBe("target_reached");
    expect(a).toEqual(b);
    expect(fast.latest().trainLoss).toBeLessThanOrEqual(0.1);
    expect(fast.losses().trainLoss.at(-2)).toBeGreaterThan(0.1);
    expect(fast.step(5, { loss: 0.5, on: "test" }).epochs).toBe(1); // test loss is below 0.5 already
  });

  it("adjusting the learning rate and batch size mid-run: the fast trainer still follows the reference", () => {
    const fast = createTrainer(simd, input);
    const fastScalar = createTrainer(scalar, input);
    const reference = createReferenceTrainer(input);
    for (const trainer of [fast, fastScalar, reference]) {
      trainer.step(20);
      trainer.adjust({ learningRate: 0.3, batchSize: 25 });
      trainer.step(20);
    }
    expect(curveGap(fast, reference)).toBeLessThanOrEqual(CURVE_TOLERANCE);
    expect(fastScalar.losses()).toEqual(fast.losses());
    expect(() => fast.adjust({ learningRate: -1 })).toThrow();
    expect(() => fast.step(1.5)).toThrow(RangeError);
  });

  it("evaluates every N epochs (and at the end of each step)", () => {
    const fast = createTrainer(simd, { ...input, evaluateEvery: 10 });
    fast.step(25);
    expect([...fast.losses().epochs]).toEqual([0, 10, 20, 25]);
  });

  it("a trained network is a valid network; the forward kernel and the server's recomputation agree", async () => {
    const fast = createTrainer(simd, input);
    fast.step(100);
    const trained = fast.network();
    const parsed = parseNetwork(JSON.parse(JSON.stringify(trained)));
    expect(parsed.ok).toBe(true);
    // the server recomputes the test loss from the network and the data spec with its own
    // instance of the same training module: the same bits
    const recomputed = evaluateOnKernel(await loadServerTrainingKernel(), { ...input, network: trained });
    expect(recomputed.testLoss).toBe(fast.latest().testLoss);
    expect(recomputed.trainAccuracy).toBe(fast.latest().trainAccuracy);
    // the precise forward pass of the saved network gives the same loss to float32 precision
    const rows = input.data.test.map((p) => [p.x1, p.x2]);
    const outputs = forwardKernel.forward(trained, rows).map((r) => r.layers.at(-1)!.a[0]!);
    const mse = outputs.reduce((sum, a, i) => sum + (a - input.data.test[i]!.label) ** 2, 0) / rows.length;
    expect(Math.abs(mse - fast.latest().testLoss!)).toBeLessThan(1e-6);
  });

  it("an edit while paused (setNetwork) trains on from the edited weights", () => {
    const fast = createTrainer(simd, input);
    fast.step(10);
    const edited = structuredClone(fast.network());
    edited.layers[0]!.neurons[0]!.weights[0] = 3;
    fast.setNetwork(edited);
    expect(fast.network()).toEqual(edited);
    expect(fast.epoch()).toBe(10);
    fast.step(1);
    expect(fast.epoch()).toBe(11);
    expect(fast.network().layers[0]!.neurons[0]!.weights[0]).not.toBe(3);
    expect(fast.network().layers[0]!.neurons[0]!.weights[0]).toBeCloseTo(3, 1);
    expect(() =>
      fast.setNetwork(
        net([
          [3, "tanh"],
          [1, "sigmoid"],
        ]),
      ),
    ).toThrow(TrainingRefusedError);
  });

  it("trainers share one training module instance without disturbing each other", () => {
    const other = run(
      [
        [3, "relu"],
        [1, "sigmoid"],
      ],
      { kind: "circle", points: 100, seed: 2 },
    );
    const alone = [createTrainer(simd, input), createTrainer(scalar, other)];
    const shared = [createTrainer(simd, input), createTrainer(simd, other)];
    for (let i = 0; i < 3; i++) {
      // each shared trainer finds the memory laid out by the other one
      for (const t of [...alone, ...shared]) t.step(5);
    }
    expect(shared[0]!.losses()).toEqual(alone[0]!.losses());
    expect(shared[1]!.losses()).toEqual(alone[1]!.losses());
  });
});

describe("refusals (planTraining)", () => {
  const data = makeDataSet({ kind: "xor", points: 20, seed: 1 });
  const refusal = (input: unknown) => {
    const plan = planTraining(input);
    return plan.ok ? null : plan.error;
  };

  it("names what is wrong and where", () => {
    expect(
      refusal({
        network: net([
          [2, "tanh"],
          [2, "sigmoid"],
        ]),
        data,
      }),
    ).toMatchObject({
      code: "invalid_training",
      path: "network.layers.1.neurons",
    });
    expect(
      refusal({
        network: net([
          [2, "tanh"],
          [1, "tanh"],
        ]),
        data,
        loss: "cross_entropy",
      }),
    ).toMatchObject({ path: "loss" });
    expect(
      refusal({ network: net([[1, "sigmoid"]]), data, loss: "cross_entropy", targets: "minus_one_one" }),
    ).toMatchObject({
      path: "targets",
    });
    expect(refusal({ network: net([[1, "tanh"]]), data, features: ["x1"] })).toMatchObject({ path: "features" });
    expect(refusal({ network: net([[1, "tanh"]]), data, learningRate: 0 })).toMatchObject({ path: "learningRate" });
    expect(refusal({ network: net([[1, "tanh"]]), data: { train: [], test: [] } })).toMatchObject({
      path: "data.train",
    });
    expect(refusal({ network: net([[1, "tanh"]]), data })).toBeNull();
    expect(() => createTrainer(simd, { network: net([[2, "tanh"]]), data })).toThrow(TrainingRefusedError);
  });

  it("trains on extra features when the network has an input per feature", () => {
    const network = initialiseNetwork(networkOfShape(["x1·x2"], [{ size: 1, activation: "sigmoid" }]), 1);
    const trainer = createTrainer(simd, {
      network,
      data: makeDataSet({ kind: "xor", points: 200, seed: 1 }),
      features: ["x1_times_x2"],
      learningRate: 0.1,
    });
    trainer.step(50);
    expect(trainer.latest().trainAccuracy).toBeGreaterThan(0.95); // one neuron on x1·x2 separates XOR
  });
});

describe("the loss curve (history)", () => {
  it("keeps every evaluation up to its capacity, then thins evenly and keeps the latest", () => {
    const at = (epoch: number) => ({
      epoch,
      trainLoss: 1 / (epoch + 1),
      testLoss: null,
      trainAccuracy: 0,
      testAccuracy: null,
    });
    const history = createHistory(at(0), 8);
    for (let e = 1; e <= 6; e++) history.add(at(e));
    expect([...history.curve().epochs]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (let e = 7; e <= 40; e++) history.add(at(e));
    const epochs = [...history.curve().epochs];
    expect(epochs.length).toBeLessThanOrEqual(9);
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(40);
    const gaps = epochs.slice(1, -1).map((e, i) => e - epochs[i]!);
    expect(new Set(gaps).size).toBe(1); // evenly spread
    expect(history.curve().hasTest).toBe(false);
    expect(history.latest().epoch).toBe(40);
  });
});
