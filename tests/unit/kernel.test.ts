// The wasm kernel against the float64 reference (lib/network/reference.ts), for both builds
// (SIMD and the scalar fallback) and both precisions.
import { readFile, stat } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel, KernelBuild } from "../../lib/kernel/kernel";
import { loadTrainingKernel } from "../../lib/kernel/loader";
import { ACTIVATION_IDS, type ActivationId } from "../../lib/network/activations";
import { referenceForward, type RowResult } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { loadTestKernel } from "../helpers/kernel";
import { randomNetwork, randomRows, seededRandom } from "../helpers/random-network";

/** Largest error of `actual` against `expected`, relative to max(1, |expected|). */
function worstError(actual: RowResult[], expected: RowResult[]): number {
  let worst = 0;
  expected.forEach((row, r) =>
    row.layers.forEach((layer, l) => {
      for (const key of ["z", "a"] as const) {
        layer[key].forEach((want, j) => {
          const got = actual[r]!.layers[l]![key][j]!;
          const error = Math.abs(got - want) / Math.max(1, Math.abs(want));
          // NaN fails the comparison below through the `!(error <= …)` form
          worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
        });
      }
    }),
  );
  return worst;
}

function singleNeuron(activation: ActivationId, weights: number[], bias: number): Network {
  return {
    format: NETWORK_FORMAT,
    inputs: weights.map((_, i) => `x${i + 1}`),
    layers: [{ activation, neurons: [{ weights, bias }] }],
  };
}

/** Fast-mode (float32) batch through the views, read back as plain rows. */
function fastForward(kernel: Kernel, net: Network, rows: number[][]): RowResult[] {
  kernel.prepare(net, rows.length, "fast");
  net.inputs.forEach((_, k) => {
    const column = kernel.inputColumn(k);
    rows.forEach((row, r) => (column[r] = row[k]!));
  });
  kernel.run();
  return rows.map((_, r) => ({
    layers: net.layers.map((layer, l) => ({
      z: layer.neurons.map((_, j) => kernel.z(l, j)[r]!),
      a: layer.neurons.map((_, j) => kernel.a(l, j)[r]!),
    })),
  }));
}

describe.each<KernelBuild>(["simd", "scalar"])("kernel (%s build)", (build) => {
  let kernel: Kernel;
  beforeAll(async () => {
    kernel = await loadTestKernel(build);
  });

  it("loads the build it was asked for", () => {
    expect(kernel.build).toBe(build);
  });

  it("computes the seed example: 0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) ≈ 0.690", () => {
    const [row] = kernel.forward(singleNeuron("sigmoid", [0.5, 0.2], 0.1), [[1, 1]]);
    expect(row!.layers[0]!.z[0]).toBeCloseTo(0.8, 12);
    expect(row!.layers[0]!.a[0]).toBeCloseTo(1 / (1 + Math.exp(-0.8)), 12);
    expect(row!.layers[0]!.a[0]!.toFixed(3)).toBe("0.690");
  });

  it("passes each neuron's output, not its input, to the next layer", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        { activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] },
        { activation: "linear", neurons: [{ weights: [2], bias: 0 }] },
      ],
    };
    const [row] = kernel.forward(net, [[1, 1]]);
    expect(row!.layers[1]!.z[0]).toBeCloseTo(2 * 0.6899744811276125, 12);
  });

  it.each([
    { shape: "1 input, 1 neuron", inputs: 1, layers: [1], scale: 3 },
    { shape: "2-8-8-1", inputs: 2, layers: [8, 8, 1], scale: 3 },
    { shape: "8-16-16-16-16-16-16-16-16 (the largest)", inputs: 8, layers: [16, 16, 16, 16, 16, 16, 16, 16], scale: 1 },
    { shape: "3-5-7-2 with weights up to ±100", inputs: 3, layers: [5, 7, 2], scale: 100 },
    { shape: "5-16-16-4-1 with weights up to ±10", inputs: 5, layers: [16, 16, 4, 1], scale: 10 },
  ])("precise mode matches the float64 reference within 1e-5: $shape", ({ inputs, layers, scale }) => {
    const random = seededRandom(inputs * 1000 + layers.length);
    for (let trial = 0; trial < 20; trial++) {
      const net = randomNetwork(random, { inputs, layerSizes: layers, scale });
      // odd row counts exercise the padding of the last vector; some rows reach |x| = 1000
      const rows = randomRows(random, 1 + Math.floor(random() * 37), inputs, trial % 4 === 0 ? 1000 : 6);
      const error = worstError(kernel.forward(net, rows), referenceForward(net, rows));
      expect(error, `trial ${trial}`).toBeLessThanOrEqual(1e-5);
      expect(error, `trial ${trial}: float64 arithmetic should be far better than the contract`).toBeLessThan(1e-9);
    }
  });

  it("covers every activation on a batch larger than one tile", () => {
    const random = seededRandom(99);
    for (const activation of ACTIVATION_IDS) {
      const net = randomNetwork(random, { inputs: 3, layerSizes: [6, 4, 2], scale: 4, activations: [activation] });
      const rows = randomRows(random, 1000, 3, 10);
      expect(worstError(kernel.forward(net, rows), referenceForward(net, rows)), activation).toBeLessThan(1e-9);
    }
  });

  it("is exact at the edges: step(0) = 1, and huge |z| gives limits, never NaN or Infinity", () => {
    const zs = [0, -0, 1e-300, -1e-300, 1000, -1000, 35, -35, 700.5, -700.5, 9000, -9000];
    for (const activation of ACTIVATION_IDS) {
      const net = singleNeuron(activation, [1], 0);
      const rows = zs.map((z) => [z / 10]); // inputs stay within ±1000…
      const scaled: Network = { ...net, layers: [{ activation, neurons: [{ weights: [10], bias: 0 }] }] }; // …z reaches ±9000
      const got = kernel.forward(scaled, rows);
      const want = referenceForward(scaled, rows);
      got.forEach((row) => expect(Number.isFinite(row.layers[0]!.a[0])).toBe(true));
      expect(worstError(got, want), activation).toBeLessThan(1e-12);
    }
    const step = kernel.forward(singleNeuron("step", [1, -1], 0), [
      [0.3, 0.3],
      [0, 0],
      [-1e-9, 0],
    ]);
    expect(step.map((row) => row.layers[0]!.a[0])).toEqual([1, 1, 0]);
  });

  it("fast mode: tanh and sigmoid are within 1e-6 of the float64 functions, and within their limits", () => {
    // z = 1·x + 0 is exact in float32, so what differs from the reference is the activation alone
    const xs = Array.from({ length: 40_001 }, (_, i) => -20 + i / 1000);
    xs.push(0, -0, 1e-30, -1e-30, 7.99, -7.99, 8, -8, 8.01, -8.01, 1e30, -1e30, 3e38, -3e38);
    const rows = xs.map((x) => [x]);
    const exact = { tanh: Math.tanh, sigmoid: (z: number) => 1 / (1 + Math.exp(-z)) };
    for (const activation of ["tanh", "sigmoid"] as const) {
      let worst = 0;
      const wrong: string[] = [];
      const net = singleNeuron(activation, [1], 0);
      fastForward(kernel, net, rows).forEach((row, r) => {
        const z = row.layers[0]!.z[0]!;
        const a = row.layers[0]!.a[0]!;
        if (z !== Math.fround(xs[r]!)) wrong.push(`z = ${z} for x = ${xs[r]}`);
        if (!(Math.abs(a) <= 1 && (activation === "tanh" || a >= 0))) wrong.push(`${activation}(${z}) = ${a}`);
        worst = Math.max(worst, Math.abs(a - exact[activation](z)));
      });
      expect(wrong, activation).toEqual([]);
      expect(worst, activation).toBeLessThanOrEqual(1e-6);
    }
  });

  it.each([
    { shape: "2-8-8-1, weights up to ±2, within 1e-5", layers: [8, 8, 1], scale: 2, bound: 1e-5 },
    { shape: "2-16-16-1, weights up to ±2, within 1e-5", layers: [16, 16, 1], scale: 2, bound: 1e-5 },
    { shape: "2-8-8-1, weights up to ±4, within 3e-5", layers: [8, 8, 1], scale: 4, bound: 3e-5 },
    { shape: "2-16-16-1, weights up to ±4, within 3e-5", layers: [16, 16, 1], scale: 4, bound: 3e-5 },
  ])("fast mode (float32, for heatmaps) matches the float64 reference: $shape", ({ layers, scale, bound }) => {
    // inputs within ±6 as on the heatmaps. Most of the error is the float32 rounding of inputs,
    // weights and sums, which exact activations would have too: about 1e-5 at ±4.
    const random = seededRandom(layers[0]! * 100 + scale);
    for (let trial = 0; trial < 20; trial++) {
      const net = randomNetwork(random, { inputs: 2, layerSizes: layers, scale, activations: ["tanh", "sigmoid"] });
      const rows = randomRows(random, 200 + trial, 2, 6);
      const error = worstError(fastForward(kernel, net, rows), referenceForward(net, rows));
      expect(error, `trial ${trial}`).toBeLessThanOrEqual(bound);
    }
  });

  it("fast mode: every activation stays finite at huge |z| (inputs ±1e30, weights ±100), step(0) = 1", () => {
    const zs = [0, -0, 1e-30, -1e-30, 1, -1, 50, -50, 1e5, -1e5, 1e30, -1e30];
    for (const activation of ACTIVATION_IDS) {
      const net = singleNeuron(activation, [100, -100], 0);
      const rows = zs.map((z) => [z, -z]); // z = 200·x, up to ±2e32
      const got = fastForward(kernel, net, rows);
      const want = referenceForward(net, rows);
      got.forEach((row, r) => {
        const a = row.layers[0]!.a[0]!;
        const expected = want[r]!.layers[0]!.a[0]!;
        expect(Number.isFinite(a), `${activation}(${200 * zs[r]!}) = ${a}`).toBe(true);
        // float32 rounding of the result, and 1e-6 for the approximations of tanh and sigmoid
        expect(Math.abs(a - expected), `${activation}(${200 * zs[r]!})`).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(expected)),
        );
      });
    }
    const step = fastForward(kernel, singleNeuron("step", [1, -1], 0), [
      [0.3, 0.3],
      [0, 0],
      [-0, 0],
      [-1e-30, 0],
    ]);
    expect(step.map((row) => row.layers[0]!.a[0])).toEqual([1, 1, 1, 0]);
    // deeper networks with such inputs: the bounded activations keep every value finite
    const random = seededRandom(31);
    for (let trial = 0; trial < 10; trial++) {
      const net = randomNetwork(random, { inputs: 8, layerSizes: [16, 16, 4], scale: 100 });
      net.layers[1]!.activation = trial % 2 ? "tanh" : "sigmoid";
      net.layers[1]!.neurons.forEach((neuron) => delete neuron.activation);
      const rows = randomRows(random, 64, 8, 1e30);
      fastForward(kernel, net, rows).forEach((row) =>
        row.layers.forEach((layer) => {
          expect([...layer.z, ...layer.a].every(Number.isFinite), `trial ${trial}`).toBe(true);
        }),
      );
    }
  });

  it("reuses its memory: a weight edit after prepare changes the outputs, inputs stay put", () => {
    const net = singleNeuron("linear", [1, 1], 0);
    kernel.prepare(net, 3);
    kernel.inputColumn(0).set([1, 2, 3]);
    kernel.inputColumn(1).set([10, 20, 30]);
    kernel.run();
    expect(Array.from(kernel.a(0, 0))).toEqual([11, 22, 33]);
    kernel.prepare(singleNeuron("linear", [2, 0], 1), 3); // an edit: same shape, new weights
    kernel.run();
    expect(Array.from(kernel.a(0, 0))).toEqual([3, 5, 7]);
  });

  it("gives the same answers after a larger batch grew its memory", () => {
    const random = seededRandom(3);
    const net = randomNetwork(random, { inputs: 4, layerSizes: [16, 16, 16], scale: 2 });
    const small = randomRows(random, 5, 4, 3);
    const before = kernel.forward(net, small);
    kernel.forward(net, randomRows(random, 20_000, 4, 3));
    expect(kernel.forward(net, small)).toEqual(before);
  });
});

describe("SIMD and scalar builds", () => {
  it("agree with each other", async () => {
    const [simd, scalar] = await Promise.all([loadTestKernel("simd"), loadTestKernel("scalar")]);
    const random = seededRandom(11);
    const net = randomNetwork(random, { inputs: 6, layerSizes: [12, 9, 3], scale: 5 });
    const rows = randomRows(random, 333, 6, 20);
    expect(worstError(simd.forward(net, rows), scalar.forward(net, rows))).toBeLessThan(1e-12);
  });

  it("give the same float32 bits in the fast mode (the same operations in the same order)", async () => {
    const [simd, scalar] = await Promise.all([loadTestKernel("simd"), loadTestKernel("scalar")]);
    const random = seededRandom(12);
    const rows = randomRows(random, 1000, 6, 8);
    for (const pool of [...ACTIVATION_IDS.map((id) => [id]), ACTIVATION_IDS]) {
      // 12 and 9 neurons: groups of four and the rest one by one; mixed activations per neuron
      const net = randomNetwork(random, { inputs: 6, layerSizes: [12, 9, 3], scale: 3, activations: pool });
      expect(fastForward(simd, net, rows), pool.join()).toEqual(fastForward(scalar, net, rows));
    }
  });
});

describe("two modules: the forward pass and training", () => {
  const wasmDir = new URL("../../public/wasm/", import.meta.url);
  const exportsOf = async (file: string) =>
    WebAssembly.Module.exports(new WebAssembly.Module(await readFile(new URL(file, wasmDir)))).map((e) => e.name);

  it("a page that only draws downloads no training: the forward module exports none, and stays small", async () => {
    for (const build of ["simd", "scalar"] as const) {
      const forward = await exportsOf(`kernel-${build}.wasm`);
      expect(forward).toContain("forward");
      expect(forward.filter((name) => name.startsWith("train"))).toEqual([]);
      const training = await exportsOf(`train-${build}.wasm`);
      expect(training).toContain("trainEpochs");
      expect(training).not.toContain("forward");
      // the forward kernel's size goal (it was 7.2 KB with SIMD before training existed)
      expect((await stat(new URL(`kernel-${build}.wasm`, wasmDir))).size).toBeLessThanOrEqual(16 * 1024);
    }
  });

  it("the loader refuses a file that lacks the module's exports, naming them", async () => {
    const forwardBytes = () => readFile(new URL("kernel-scalar.wasm", wasmDir));
    await expect(loadTrainingKernel(forwardBytes, { build: "scalar" })).rejects.toThrow(
      /train module lacks trainPrepare/,
    );
  });
});
