// Backpropagation checked against finite differences: the float64 reference trainer's gradient
// for every activation and for random networks with mixed activations, both losses; then the
// kernel's float32 gradient against the reference, and SIMD against scalar (bit for bit).
import { beforeAll, describe, expect, it } from "vitest";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";
import { ACTIVATION_IDS, type ActivationId } from "../../lib/network/activations";
import type { Network } from "../../lib/network/schema";
import { readParams, withParams } from "../../lib/training/architecture";
import type { Sample } from "../../lib/training/datasets";
import { initialiseNetwork, networkOfShape } from "../../lib/training/init";
import { createTrainer } from "../../lib/training/kernel-trainer";
import type { LossId } from "../../lib/training/options";
import { createReferenceTrainer } from "../../lib/training/reference";
import { loadTestTrainingKernel } from "../helpers/kernel";
import { randomNetwork, seededRandom } from "../helpers/random-network";

/** The kernel's gradient is within this of the reference's, relative to the largest component. */
const KERNEL_GRADIENT_TOLERANCE = 2e-4;

function randomPoints(random: () => number, count: number): Sample[] {
  return Array.from({ length: count }, () => ({
    x1: random() * 6 - 3,
    x2: random() * 6 - 3,
    label: random() < 0.5 ? 0 : 1,
  }));
}

/** A network whose output is sigmoid (what cross-entropy needs). */
function withSigmoidOutput(net: Network): Network {
  const layers = net.layers.map((layer, l) =>
    l === net.layers.length - 1
      ? { ...layer, activation: "sigmoid" as const, neurons: layer.neurons.map(({ activation: _, ...n }) => n) }
      : layer,
  );
  return { ...net, layers };
}

function input(network: Network, train: Sample[], loss: LossId) {
  return { network, data: { train, test: [] }, loss };
}

function meanLoss(network: Network, train: Sample[], loss: LossId): number {
  return createReferenceTrainer(input(network, train, loss)).latest().trainLoss;
}

/** Central differences of the mean loss, one per parameter. */
function finiteDifferences(network: Network, train: Sample[], loss: LossId, h = 1e-6): Float64Array {
  const params = new Float64Array(
    network.layers.reduce((n, l) => n + l.neurons.length * (l.neurons[0]!.weights.length + 1), 0),
  );
  readParams(network, params);
  return params.map((value, p) => {
    const at = (delta: number) => {
      const moved = params.slice();
      moved[p] = value + delta;
      return meanLoss(withParams(network, moved), train, loss);
    };
    return (at(h) - at(-h)) / (2 * h);
  });
}

function expectClose(actual: Float64Array, expected: Float64Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1e-3, ...expected.map(Math.abs));
  const worst = Math.max(...actual.map((g, i) => Math.abs(g - expected[i]!)));
  expect(worst / scale).toBeLessThanOrEqual(tolerance);
}

describe("reference gradient against finite differences", () => {
  const random = seededRandom(21);
  const train = randomPoints(random, 12);

  it.each(ACTIVATION_IDS)("every layer %s, squared error", (activation) => {
    const net = initialiseNetwork(
      networkOfShape(
        ["x1", "x2"],
        [
          { size: 3, activation },
          { size: 2, activation },
          { size: 1, activation },
        ],
      ),
      ACTIVATION_IDS.indexOf(activation) + 1,
      "playground",
    );
    const gradient = createReferenceTrainer(input(net, train, "squared_error")).gradient();
    expectClose(gradient, finiteDifferences(net, train, "squared_error"), 1e-6);
    if (activation === "step") expect(gradient.every((g) => g === 0)).toBe(true);
    else expect(gradient.some((g) => g !== 0)).toBe(true);
  });

  it.each(ACTIVATION_IDS)("hidden %s, sigmoid output, cross-entropy", (activation) => {
    const net = initialiseNetwork(
      networkOfShape(
        ["x1", "x2"],
        [
          { size: 3, activation },
          { size: 1, activation: "sigmoid" },
        ],
      ),
      11,
    );
    const gradient = createReferenceTrainer(input(net, train, "cross_entropy")).gradient();
    expectClose(gradient, finiteDifferences(net, train, "cross_entropy"), 1e-6);
    // behind a step, nothing reaches the first layer: its 9 parameters get 0
    if (activation === "step") expect([...gradient.slice(0, 9)]).toEqual(new Array(9).fill(0));
  });

  it("random networks with mixed activations per neuron, both losses", () => {
    for (let n = 0; n < 12; n++) {
      const loss: LossId = n % 2 ? "cross_entropy" : "squared_error";
      let net = randomNetwork(random, { inputs: 2, layerSizes: [2 + (n % 3), 1 + (n % 2), 1], scale: 1.5 });
      if (loss === "cross_entropy") net = withSigmoidOutput(net);
      const gradient = createReferenceTrainer(input(net, train, loss)).gradient();
      expectClose(gradient, finiteDifferences(net, train, loss), 1e-6);
    }
  });
});

describe.each(["simd", "scalar"] as const)("kernel gradient (%s build)", (build) => {
  let kernel: TrainingKernel;
  beforeAll(async () => {
    kernel = await loadTestTrainingKernel(build);
  });

  it(`is within ${KERNEL_GRADIENT_TOLERANCE} of the reference (relative to the largest component), every activation`, () => {
    const random = seededRandom(5);
    const train = randomPoints(random, 25);
    for (const activation of ACTIVATION_IDS) {
      const net = initialiseNetwork(
        networkOfShape(
          ["x1", "x2"],
          [
            { size: 5, activation },
            { size: 3, activation },
            { size: 1, activation: "sigmoid" },
          ],
        ),
        3,
        "playground",
      );
      for (const loss of ["squared_error", "cross_entropy"] as const) {
        const reference = createReferenceTrainer(input(net, train, loss)).gradient();
        expectClose(createTrainer(kernel, input(net, train, loss)).gradient(), reference, KERNEL_GRADIENT_TOLERANCE);
      }
    }
  });

  it("is within the tolerance on random mixed networks", () => {
    const random = seededRandom(8);
    for (let n = 0; n < 40; n++) {
      const loss: LossId = n % 2 ? "cross_entropy" : "squared_error";
      let net = randomNetwork(random, { inputs: 2, layerSizes: [1 + (n % 6), 1 + ((n * 7) % 5), 1], scale: 1.5 });
      if (loss === "cross_entropy") net = withSigmoidOutput(net);
      const train = randomPoints(random, 1 + (n % 20));
      const reference = createReferenceTrainer(input(net, train, loss)).gradient();
      expectClose(createTrainer(kernel, input(net, train, loss)).gradient(), reference, KERNEL_GRADIENT_TOLERANCE);
    }
  });
});

describe("SIMD and scalar kernels", () => {
  it("give the same gradient, bit for bit", async () => {
    const [simd, scalar] = await Promise.all([loadTestTrainingKernel("simd"), loadTestTrainingKernel("scalar")]);
    const random = seededRandom(13);
    for (let n = 0; n < 20; n++) {
      const activations: ActivationId[] = [...ACTIVATION_IDS];
      const net = withSigmoidOutput(
        randomNetwork(random, { inputs: 2, layerSizes: [1 + (n % 7), 1 + (n % 4), 1], scale: 2, activations }),
      );
      const train = randomPoints(random, 3 + 17 * n);
      const data = input(net, train, n % 2 ? "cross_entropy" : "squared_error");
      expect(createTrainer(scalar, data).gradient()).toEqual(createTrainer(simd, data).gradient());
    }
  });
});
