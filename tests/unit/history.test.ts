import { describe, expect, it } from "vitest";
import {
  canRedo,
  canUndo,
  commit,
  COALESCE_WINDOW_MS,
  createHistory,
  redo,
  seal,
  undo,
  type History,
} from "../../lib/lab/history";
import { applyEdit, type Edit, type LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";

const start: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] }],
  },
  inputValues: [1, 1],
};

function apply(history: History<LabState>, edit: Edit, key?: string, at = 0): History<LabState> {
  const result = applyEdit(history.present, edit);
  if (!result.ok) throw new Error(result.error.message);
  return commit(history, result.state, { key, at });
}

const weight = (h: History<LabState>) => h.present.network.layers[0]!.neurons[0]!.weights[0];

describe("history", () => {
  it("starts with nothing to undo or redo", () => {
    const h = createHistory(start);
    expect(canUndo(h)).toBe(false);
    expect(canRedo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it("undoes and redoes single edits in order", () => {
    let h = createHistory(start);
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 1 });
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: -2 });
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(h.present.network.layers[0]!.neurons[0]!.bias).toBe(0.1);
    expect(weight(h)).toBe(1);
    h = undo(h);
    expect(h.present).toBe(start);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    h = redo(h);
    expect(h.present.network.layers[0]!.neurons[0]!.bias).toBe(-2);
    expect(canRedo(h)).toBe(false);
  });

  it("coalesces a continuous slider drag into one undo step", () => {
    let h = createHistory(start);
    const key = "weight:0:0:0";
    // a drag: 30 changes, 16 ms apart
    for (let i = 1; i <= 30; i++) {
      h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 0.5 + i * 0.05 }, key, i * 16);
    }
    expect(weight(h)).toBeCloseTo(2);
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present).toBe(start);
    h = redo(h);
    expect(weight(h)).toBeCloseTo(2);
  });

  it("starts a new step after seal (the pointer was released)", () => {
    let h = createHistory(start);
    const key = "weight:0:0:0";
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 1 }, key, 0);
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 2 }, key, 10);
    h = seal(h);
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 3 }, key, 20);
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect(weight(h)).toBe(2);
    h = undo(h);
    expect(weight(h)).toBe(0.5);
  });

  it("does not coalesce different keys, unkeyed commits, or changes after a pause", () => {
    let h = createHistory(start);
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 1 }, "weight:0:0:0", 0);
    h = apply(h, { type: "setWeight", layer: 0, neuron: 0, from: 1, value: 1 }, "weight:0:0:1", 10);
    expect(h.past).toHaveLength(2);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 1 }, undefined, 20);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 2 }, undefined, 30);
    expect(h.past).toHaveLength(4);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 3 }, "bias:0:0", 40);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 4 }, "bias:0:0", 40 + COALESCE_WINDOW_MS + 1);
    expect(h.past).toHaveLength(6);
  });

  it("a new edit after undo discards the redo steps", () => {
    let h = createHistory(start);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 1 });
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 5 });
    expect(canRedo(h)).toBe(false);
    expect(h.present.network.layers[0]!.neurons[0]!.bias).toBe(5);
  });

  it("undo closes the coalescing group, so the same key after undo is a new step", () => {
    let h = createHistory(start);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 1 }, "bias:0:0", 0);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 2 }, "bias:0:0", 5);
    h = undo(h);
    expect(h.present).toBe(start);
    h = apply(h, { type: "setBias", layer: 0, neuron: 0, value: 3 }, "bias:0:0", 10);
    expect(h.past).toEqual([start]);
  });

  it("ignores a commit of the present itself", () => {
    const h = createHistory(start);
    expect(commit(h, start)).toBe(h);
  });

  it("keeps at most `limit` past steps", () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = commit(h, i, {}, { limit: 4 });
    expect(h.past).toEqual([6, 7, 8, 9]);
    expect(h.present).toBe(10);
  });

  it("undo restores structural edits too (add and remove neurons and layers)", () => {
    let h = createHistory(start);
    h = apply(h, { type: "addLayer", at: 1 });
    h = apply(h, { type: "addNeuron", layer: 0 });
    expect(h.present.network.layers).toHaveLength(2);
    expect(h.present.network.layers[0]!.neurons).toHaveLength(2);
    h = undo(undo(h));
    expect(h.present).toEqual(start);
  });
});
