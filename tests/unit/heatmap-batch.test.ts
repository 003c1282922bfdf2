// The whole picture pipeline on the real wasm kernel (fast mode) against the float64 reference.
import { beforeAll, describe, expect, it } from "vitest";
import { HeatmapBatch } from "../../lib/heatmap/batch";
import { LUT, lutIndex } from "../../lib/heatmap/colour";
import { gridPoint, gridRows, symmetricRange } from "../../lib/heatmap/grid";
import type { Kernel } from "../../lib/kernel/kernel";
import { referenceForwardRow } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { loadTestKernel } from "../helpers/kernel";
import { randomNetwork, seededRandom } from "../helpers/random-network";

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadTestKernel("simd");
});

const network = (seed: number): Network =>
  randomNetwork(seededRandom(seed), { inputs: 2, layerSizes: [8, 8, 1], scale: 1.5 });

describe("HeatmapBatch", () => {
  it("computes every neuron at every grid point like the reference (float32 accuracy)", () => {
    const batch = new HeatmapBatch(kernel);
    const res = 128;
    const range = symmetricRange(6);
    const net = network(7);
    batch.compute(net, res, range);
    for (const r of [0, 127, 128 * 40 + 90, gridRows(res) - 1]) {
      const expected = referenceForwardRow(net, gridPoint(r, res, range));
      net.layers.forEach((layer, l) =>
        layer.neurons.forEach((_, j) => {
          const want = expected.layers[l]!.a[j]!;
          expect(Math.abs(batch.outputs(l, j)[r]! - want)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want)));
        }),
      );
    }
  });

  it("keeps the grid across edits and rewrites it when the range changes", () => {
    const batch = new HeatmapBatch(kernel);
    const res = 64;
    let range = symmetricRange(2);
    const first = network(1);
    const second = network(2); // same shape, other weights: an edit
    batch.compute(first, res, range);
    batch.compute(second, res, range);
    const check = (net: Network) => {
      for (const r of [5, 2000, gridRows(res) - 3]) {
        const want = referenceForwardRow(net, gridPoint(r, res, range)).layers[2]!.a[0]!;
        expect(batch.outputs(2, 0)[r]).toBeCloseTo(want, 4);
      }
    };
    check(second);
    range = symmetricRange(10);
    batch.compute(second, res, range);
    check(second);
    // a network of another size keeps the inputs too (they are laid out first)
    const bigger = randomNetwork(seededRandom(3), { inputs: 2, layerSizes: [16, 4, 2], scale: 1 });
    batch.compute(bigger, res, range);
    const want = referenceForwardRow(bigger, gridPoint(100, res, range)).layers[2]!.a[1]!;
    expect(batch.outputs(2, 1)[100]).toBeCloseTo(want, 4);
  });

  it("paints each neuron with its scale; the output's stats come along", () => {
    const batch = new HeatmapBatch(kernel);
    const res = 32;
    const range = symmetricRange(6);
    const net: Network = {
      format: "activation-lab/network@1",
      inputs: ["x1", "x2"],
      layers: [
        { activation: "relu", neurons: [{ weights: [1, 0], bias: 0 }] },
        { activation: "sigmoid", neurons: [{ weights: [1], bias: -1 }] },
      ],
    };
    batch.compute(net, res, range);
    const pixels = new Uint32Array(gridRows(res));
    const hidden = batch.paintNeuron(net, 0, 0, [{ pixels, resolution: res }]);
    // relu(x1) on −6…6 peaks just under 6 (cell centres): scale 0…10
    expect(hidden.scale).toEqual({ limit: 10, low: 0, high: 10 });
    const r = 31; // top right: x1 = 5.8125
    expect(pixels[r]).toBe(LUT[lutIndex(gridPoint(r, res, range)[0], 10)]);
    const small = new Uint32Array(16 * 16);
    const out = batch.paintNeuron(
      net,
      1,
      0,
      [
        { pixels, resolution: res },
        { pixels: small, resolution: 16 },
      ],
      true,
    );
    // the 16 × 16 picture takes every other pixel of the 32 × 32 one (the one nearest its centre)
    for (const [x, y] of [
      [0, 0],
      [15, 0],
      [7, 9],
      [15, 15],
    ] as const) {
      expect(small[y * 16 + x]).toBe(pixels[(2 * y + 1) * res + 2 * x + 1]);
    }
    expect(out.scale).toEqual({ limit: 1, low: 0, high: 1 });
    expect(out.stats?.min).toBeCloseTo(1 / (1 + Math.E), 5); // relu = 0 on the left half
    expect(out.stats?.max).toBeCloseTo(1 / (1 + Math.exp(-(5.8125 - 1))), 5);
  });
});
