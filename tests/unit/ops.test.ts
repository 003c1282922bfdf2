// Network edits: what each one does, that bad ones change nothing, and that any sequence of
// accepted edits leaves a valid network.
import { describe, expect, it } from "vitest";
import { applyEdit, editSchema, parseAndApplyEdit, type Edit, type LabState } from "../../lib/network/ops";
import { referenceForwardRow } from "../../lib/network/reference";
import { NETWORK_FORMAT, networkSchema } from "../../lib/network/schema";
import { seededRandom } from "../helpers/random-network";

const seed: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [
      {
        activation: "sigmoid",
        neurons: [
          { weights: [0.5, 0.2], bias: 0.1 },
          { weights: [-1, 1], bias: 0 },
        ],
      },
      { activation: "tanh", neurons: [{ weights: [1.5, -0.7], bias: 0.2 }] },
    ],
  },
  inputValues: [1, 1],
};

function apply(state: LabState, edit: Edit): LabState {
  const result = applyEdit(state, edit);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

const output = (state: LabState) => referenceForwardRow(state.network, state.inputValues).layers.at(-1)!.a;

describe("applyEdit", () => {
  it("sets a weight, a bias and an activation without touching the original", () => {
    const before = structuredClone(seed);
    let state = apply(seed, { type: "setWeight", layer: 0, neuron: 0, from: 1, value: -3 });
    state = apply(state, { type: "setBias", layer: 1, neuron: 0, value: 2 });
    state = apply(state, { type: "setActivation", layer: 0, neuron: 1, activation: "relu" });
    expect(state.network.layers[0]!.neurons[0]!.weights).toEqual([0.5, -3]);
    expect(state.network.layers[1]!.neurons[0]!.bias).toBe(2);
    expect(state.network.layers[0]!.neurons[1]!.activation).toBe("relu");
    expect(seed).toEqual(before);
  });

  it("adds a neuron that changes no output until its weights change", () => {
    const state = apply(seed, { type: "addNeuron", layer: 0 });
    expect(state.network.layers[0]!.neurons).toHaveLength(3);
    expect(state.network.layers[1]!.neurons[0]!.weights).toEqual([1.5, -0.7, 0]);
    expect(output(state)).toEqual(output(seed));
  });

  it("removes a neuron together with the weight the next layer gave it", () => {
    const state = apply(seed, { type: "removeNeuron", layer: 0, neuron: 0 });
    expect(state.network.layers[1]!.neurons[0]!.weights).toEqual([-0.7]);
  });

  it("adds a linear identity layer that changes no output", () => {
    for (const at of [0, 1, 2]) {
      const state = apply(seed, { type: "addLayer", at });
      expect(state.network.layers).toHaveLength(3);
      expect(state.network.layers[at]!.activation).toBe("linear");
      expect(output(state)[0]).toBeCloseTo(output(seed)[0]!, 12);
    }
  });

  it("removes a layer and fits the next layer's weights to what it now reads", () => {
    const state = apply(seed, { type: "removeLayer", layer: 0 });
    expect(state.network.layers).toHaveLength(1);
    expect(state.network.layers[0]!.neurons[0]!.weights).toHaveLength(2);
  });

  it("adds and removes inputs with their values and first-layer weights", () => {
    let state = apply(seed, { type: "addInput", label: "bias-free" });
    expect(state.inputValues).toEqual([1, 1, 0]);
    expect(state.network.layers[0]!.neurons.map((n) => n.weights.length)).toEqual([3, 3]);
    state = apply(state, { type: "removeInput", input: 0 });
    expect(state.network.inputs).toEqual(["x2", "bias-free"]);
    expect(state.network.layers[0]!.neurons[0]!.weights).toEqual([0.2, 0]);
  });

  it.each<[string, Edit]>([
    ["a neuron that does not exist", { type: "setBias", layer: 0, neuron: 5, value: 1 }],
    ["a weight that does not exist", { type: "setWeight", layer: 1, neuron: 0, from: 2, value: 1 }],
    ["removing the last neuron of a layer", { type: "removeNeuron", layer: 1, neuron: 0 }],
    ["removing an input that does not exist", { type: "removeInput", input: 4 }],
    ["a layer beyond the end", { type: "addLayer", at: 3 }],
  ])("refuses %s", (_, edit) => {
    const result = applyEdit(seed, edit);
    expect(result.ok).toBe(false);
  });

  it.each([
    [{ type: "setBias", layer: 0, neuron: 0, value: 101 }, "value"],
    [{ type: "setWeight", layer: 0, neuron: 0, from: 0 }, "value"],
    [{ type: "setActivation", layer: 0, neuron: 0, activation: "swish" }, "activation"],
    [{ type: "dropTables" }, "type"],
    [{ type: "setInputValue", input: 0, value: 1e6 }, "value"],
    [{ type: "setBias", layer: -1, neuron: 0, value: 1 }, "layer"],
    [{ type: "setBias", layer: 0, neuron: 0, value: 1, extra: true }, "extra"],
  ])("refuses the malformed edit %j, naming %s", (input, path) => {
    const result = parseAndApplyEdit(seed, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe(path);
  });

  it("keeps the network valid through 2 000 random edits", () => {
    const random = seededRandom(2024);
    const int = (n: number) => Math.floor(random() * n);
    const kinds: Edit["type"][] = editSchema.options.map((o) => o.shape.type.value);
    let state = seed;
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const type = kinds[int(kinds.length)]!;
      const candidate = {
        type,
        layer: int(9),
        neuron: int(17),
        from: int(17),
        at: int(9),
        input: int(9),
        value: random() * 200 - 100,
        activation: "tanh",
        label: "n",
      };
      // keep only the fields this edit type has
      const shape = editSchema.options.find((o) => o.shape.type.value === type)!.shape;
      const edit = Object.fromEntries(Object.entries(candidate).filter(([key]) => key in shape));
      if (type === "replaceNetwork") continue;
      const result = parseAndApplyEdit(state, edit);
      if (!result.ok) continue;
      accepted++;
      state = result.state;
      expect(networkSchema.safeParse(state.network).success).toBe(true);
      expect(state.inputValues).toHaveLength(state.network.inputs.length);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});
