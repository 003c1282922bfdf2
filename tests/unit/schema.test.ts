// The network format activation-lab/network@1: each kind of invalid network is refused with a
// message that names the path of the offending field.
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../lib/network/parse";
import { NETWORK_FORMAT } from "../../lib/network/schema";

const valid = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "tanh",
      neurons: [
        { weights: [0.5, 0.2], bias: 0.1 },
        { weights: [-1, 1], bias: 0, activation: "relu", label: "h2" },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1.5, -0.7], bias: 0.2 }] },
  ],
};

/** A deep copy of the valid network with one change applied. */
function variant(change: (net: typeof valid & Record<string, unknown>) => void): unknown {
  const copy = structuredClone(valid) as typeof valid & Record<string, unknown>;
  change(copy);
  return copy;
}

describe("parseNetwork", () => {
  it("accepts DESIGN.md's example unchanged", () => {
    const result = parseNetwork(valid);
    expect(result).toEqual({ ok: true, value: valid });
  });

  it.each<[string, unknown, string]>([
    ["wrong format", variant((n) => (n.format = "activation-lab/network@2")), "format"],
    ["missing format", variant((n) => delete (n as Partial<typeof valid>).format), "format"],
    ["no inputs", variant((n) => (n.inputs = [])), "inputs"],
    ["nine inputs", variant((n) => (n.inputs = Array.from({ length: 9 }, (_, i) => `x${i}`))), "inputs"],
    ["an empty input label", variant((n) => (n.inputs[1] = "  ")), "inputs.1"],
    ["no layers", variant((n) => (n.layers = [])), "layers"],
    [
      "nine layers",
      variant((n) => {
        const layer = {
          activation: "linear",
          neurons: [
            { weights: [1, 1], bias: 0 },
            { weights: [1, 1], bias: 0 },
          ],
        };
        n.layers = Array.from({ length: 9 }, () => structuredClone(layer));
      }),
      "layers",
    ],
    ["a layer without neurons", variant((n) => (n.layers[1]!.neurons = [])), "layers.1.neurons"],
    [
      "seventeen neurons",
      variant((n) => (n.layers[1]!.neurons = Array.from({ length: 17 }, () => ({ weights: [1, 1], bias: 0 })))),
      "layers.1.neurons",
    ],
    ["too many weights", variant((n) => n.layers[0]!.neurons[1]!.weights.push(3)), "layers.0.neurons.1.weights"],
    ["too few weights", variant((n) => n.layers[1]!.neurons[0]!.weights.pop()), "layers.1.neurons.0.weights"],
    [
      "a weight above 100",
      variant((n) => (n.layers[0]!.neurons[0]!.weights[1] = 100.5)),
      "layers.0.neurons.0.weights.1",
    ],
    ["a bias below -100", variant((n) => (n.layers[1]!.neurons[0]!.bias = -101)), "layers.1.neurons.0.bias"],
    ["a NaN weight", variant((n) => (n.layers[0]!.neurons[0]!.weights[0] = NaN)), "layers.0.neurons.0.weights.0"],
    ["an infinite bias", variant((n) => (n.layers[0]!.neurons[0]!.bias = Infinity)), "layers.0.neurons.0.bias"],
    [
      "a weight given as a string",
      variant((n) => ((n.layers[0]!.neurons[0]!.weights as unknown[])[0] = "0.5")),
      "layers.0.neurons.0.weights.0",
    ],
    [
      "a missing bias",
      variant((n) => delete (n.layers[0]!.neurons[0] as { bias?: number }).bias),
      "layers.0.neurons.0.bias",
    ],
    ["an unknown layer activation", variant((n) => (n.layers[0]!.activation = "swish")), "layers.0.activation"],
    [
      "an unknown neuron activation",
      variant((n) => ((n.layers[0]!.neurons[1] as { activation?: string }).activation = "gelu")),
      "layers.0.neurons.1.activation",
    ],
    ["an unknown key", variant((n) => (n.extra = true)), "extra"],
    [
      "an unknown neuron key",
      variant((n) => ((n.layers[0]!.neurons[0] as Record<string, unknown>).w = 1)),
      "layers.0.neurons.0.w",
    ],
  ])("refuses %s, naming `%s`", (_, input, path) => {
    const result = parseNetwork(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_network");
    expect(result.error.path ?? "").toBe(path);
    if (path) expect(result.error.message.startsWith(`${path}: `)).toBe(true);
  });

  it("says how many weights a neuron needs", () => {
    const result = parseNetwork(variant((n) => n.layers[1]!.neurons[0]!.weights.push(1)));
    expect(result.ok || result.error.message).toBe(
      "layers.1.neurons.0.weights: needs 2 weights (one per neuron of layer 0), got 3",
    );
  });

  it.each([null, 42, "network", [], {}])("refuses %j with a clear message", (input) => {
    const result = parseNetwork(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
  });
});
