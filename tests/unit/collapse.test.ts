import { describe, expect, it } from "vitest";
import { collapseBreakers, collapseLinear, equivalentNetwork, type EquivalentLayer } from "../../lib/network/collapse";
import { parseNetwork } from "../../lib/network/parse";
import { referenceForwardRow } from "../../lib/network/reference";
import { LIMITS, NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { randomNetwork, randomRows, seededRandom } from "../helpers/random-network";

function applyLayer(layer: EquivalentLayer, inputs: readonly number[]): number[] {
  return layer.weights.map((row, i) => row.reduce((sum, w, k) => sum + w * (inputs[k] ?? 0), layer.biases[i] ?? 0));
}

function outputs(net: Network, inputs: readonly number[]): number[] {
  return referenceForwardRow(net, inputs).layers.at(-1)!.a;
}

/** The largest magnitude any partial sum can reach: the network on |weights|, |biases| and |inputs|. */
function magnitudeBound(net: Network, inputs: readonly number[]): number {
  const abs: Network = {
    ...net,
    layers: net.layers.map((layer) => ({
      ...layer,
      neurons: layer.neurons.map((n) => ({ ...n, weights: n.weights.map(Math.abs), bias: Math.abs(n.bias) })),
    })),
  };
  return Math.max(1, ...outputs(abs, inputs.map(Math.abs)));
}

function expectClose(actual: readonly number[], expected: readonly number[], bound: number) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1e-12 * bound));
}

const SHAPES: { inputs: number; layerSizes: number[]; scale: number }[] = [
  { inputs: 1, layerSizes: [1], scale: 3 },
  { inputs: 2, layerSizes: [3, 1], scale: 2 },
  { inputs: 2, layerSizes: [3, 3, 1], scale: 2 },
  { inputs: 3, layerSizes: [5, 2, 4], scale: 1.5 },
  { inputs: 8, layerSizes: [16, 16, 16, 16, 16, 16, 16, 8], scale: 0.5 },
  { inputs: 4, layerSizes: [1, 6, 1, 3], scale: 10 },
];

describe("collapseLinear", () => {
  it.each(SHAPES.map((shape, i) => [i, shape] as const))(
    "equals the network on random inputs (shape %i)",
    (i, shape) => {
      const random = seededRandom(1000 + i);
      for (let trial = 0; trial < 20; trial++) {
        const net = randomNetwork(random, { ...shape, activations: ["linear"] });
        const result = collapseLinear(net);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.layer.weights).toHaveLength(shape.layerSizes.at(-1)!);
        for (const row of result.layer.weights) expect(row).toHaveLength(shape.inputs);
        expect(result.layer.biases).toHaveLength(shape.layerSizes.at(-1)!);
        for (const row of randomRows(random, 10, shape.inputs, 5)) {
          expectClose(applyLayer(result.layer, row), outputs(net, row), magnitudeBound(net, row));
        }
      }
    },
  );

  it("multiplies the layers out: W = W2·W1, b = W2·b1 + b2", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "linear",
          neurons: [
            { weights: [1, 2], bias: 1 },
            { weights: [3, 4], bias: -1 },
          ],
        },
        { activation: "linear", neurons: [{ weights: [2, -1], bias: 0.5 }] },
      ],
    };
    expect(collapseLinear(net)).toEqual({ ok: true, layer: { weights: [[-1, 0]], biases: [3.5] } });
  });

  it("keeps a single linear layer's numbers exactly", () => {
    const net = randomNetwork(seededRandom(7), { inputs: 3, layerSizes: [4], scale: 100, activations: ["linear"] });
    const result = collapseLinear(net);
    expect(result).toEqual({
      ok: true,
      layer: {
        weights: net.layers[0]!.neurons.map((n) => n.weights),
        biases: net.layers[0]!.neurons.map((n) => n.bias),
      },
    });
  });

  it("collapses a network whose layer default is non-linear when every neuron overrides it with linear", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x"],
      layers: [{ activation: "relu", neurons: [{ weights: [2], bias: -1, activation: "linear" }] }],
    };
    expect(collapseLinear(net)).toEqual({ ok: true, layer: { weights: [[2]], biases: [-1] } });
  });
});

describe("collapse breakers", () => {
  it("lists every non-linear neuron, layer by layer, with the activation it really uses", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "relu",
          neurons: [
            { weights: [1, 1], bias: 0 },
            { weights: [1, 1], bias: 0, activation: "linear" },
            { weights: [1, 1], bias: 0, activation: "tanh" },
          ],
        },
        {
          activation: "linear",
          neurons: [
            { weights: [1, 1, 1], bias: 0 },
            { weights: [1, 1, 1], bias: 0, activation: "step" },
          ],
        },
        { activation: "sigmoid", neurons: [{ weights: [1, 1], bias: 0 }] },
      ],
    };
    const breakers = [
      { layer: 0, neuron: 0, activation: "relu" },
      { layer: 0, neuron: 2, activation: "tanh" },
      { layer: 1, neuron: 1, activation: "step" },
      { layer: 2, neuron: 0, activation: "sigmoid" },
    ];
    expect(collapseLinear(net)).toEqual({ ok: false, breakers });
    expect(collapseBreakers(net)).toEqual(breakers);
  });

  it.each(["step", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"] as const)(
    "finds a single %s neuron deep inside a large linear network",
    (activation) => {
      const random = seededRandom(activation.length * 31);
      const net = randomNetwork(random, {
        inputs: 4,
        layerSizes: [8, 8, 8, 8, 8, 8, 2],
        scale: 1,
        activations: ["linear"],
      });
      net.layers[4]!.neurons[5]!.activation = activation;
      expect(collapseLinear(net)).toEqual({ ok: false, breakers: [{ layer: 4, neuron: 5, activation }] });
    },
  );

  it("matches a brute-force scan on random mixed networks", () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 50; trial++) {
      const net = randomNetwork(random, { inputs: 2, layerSizes: [3, 4, 2], scale: 1 });
      const expected: { layer: number; neuron: number; activation: string }[] = [];
      for (let l = 0; l < net.layers.length; l++) {
        const layer = net.layers[l]!;
        for (let j = 0; j < layer.neurons.length; j++) {
          const activation = layer.neurons[j]!.activation ?? layer.activation;
          if (activation !== "linear") expected.push({ layer: l, neuron: j, activation });
        }
      }
      const result = collapseLinear(net);
      if (expected.length === 0) expect(result.ok).toBe(true);
      else expect(result).toEqual({ ok: false, breakers: expected });
    }
  });
});

describe("equivalentNetwork", () => {
  it("builds a valid one-layer linear network that computes the same outputs", () => {
    const random = seededRandom(99);
    const net = randomNetwork(random, { inputs: 3, layerSizes: [4, 4, 2], scale: 1, activations: ["linear"] });
    net.inputs = ["a", "b", "c"];
    net.layers[2]!.neurons[1]!.label = "out";
    const collapsed = collapseLinear(net);
    if (!collapsed.ok) throw new Error("expected a collapse");
    const result = equivalentNetwork(net, collapsed.layer);
    if (!result.ok) throw new Error("expected a network");
    expect(parseNetwork(result.network)).toEqual({ ok: true, value: result.network });
    expect(result.network.inputs).toEqual(["a", "b", "c"]);
    expect(result.network.layers).toHaveLength(1);
    expect(result.network.layers[0]!.activation).toBe("linear");
    expect(result.network.layers[0]!.neurons.map((n) => n.label)).toEqual([undefined, "out"]);
    for (const row of randomRows(random, 20, 3, 10)) {
      expectClose(outputs(result.network, row), outputs(net, row), magnitudeBound(net, row));
    }
  });

  it("refuses, naming every number out of range, instead of building an invalid network", () => {
    // two layers of weight 20: the equivalent weight is 400, beyond the format's ±100
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        { activation: "linear", neurons: [{ weights: [20, 1], bias: 10 }] },
        { activation: "linear", neurons: [{ weights: [20], bias: 0 }] },
      ],
    };
    const collapsed = collapseLinear(net);
    if (!collapsed.ok) throw new Error("expected a collapse");
    expect(collapsed.layer).toEqual({ weights: [[400, 20]], biases: [200] });
    expect(equivalentNetwork(net, collapsed.layer)).toEqual({
      ok: false,
      reason: "out_of_range",
      outOfRange: [
        { neuron: 0, param: "weight", from: 0, value: 400 },
        { neuron: 0, param: "bias", value: 200 },
      ],
      limit: { min: LIMITS.param.min, max: LIMITS.param.max },
    });
  });

  it("refuses numbers that are not finite", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x"],
      layers: [{ activation: "linear", neurons: [{ weights: [1], bias: 0 }] }],
    };
    const result = equivalentNetwork(net, { weights: [[Number.NaN]], biases: [Number.POSITIVE_INFINITY] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.outOfRange).toHaveLength(2);
  });

  it("accepts numbers exactly at the limit", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [{ activation: "linear", neurons: [{ weights: [1, 1], bias: 0 }] }],
    };
    const result = equivalentNetwork(net, { weights: [[LIMITS.param.max, LIMITS.param.min]], biases: [100] });
    expect(result.ok).toBe(true);
  });
});
