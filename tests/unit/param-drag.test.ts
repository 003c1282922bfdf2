import { describe, expect, it } from "vitest";
import {
  DRAG_SLOP_PX,
  DRAG_STEP,
  dragValue,
  isDrag,
  paramEdit,
  paramKey,
  paramValue,
  type ParamTarget,
} from "../../lib/lab/param-drag";
import { parseAndApplyEdit, type LabState } from "../../lib/network/ops";
import { LIMITS, NETWORK_FORMAT, type Network } from "../../lib/network/schema";

const net: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] },
    { activation: "sigmoid", neurons: [{ weights: [2], bias: -0.333 }] },
  ],
};

describe("dragValue", () => {
  it("goes up when the pointer goes up, 0.01 per CSS pixel", () => {
    expect(DRAG_STEP).toBe(0.01);
    expect(dragValue(0.5, -37)).toBe(0.87);
    expect(dragValue(0.5, 20)).toBe(0.3);
    expect(dragValue(0, 100)).toBe(-1);
    expect(dragValue(0.5, -37, { step: 0.1 })).toBe(4.2);
  });

  it("rounds to 2 decimals, without float noise or a negative zero", () => {
    expect(dragValue(0.1, -20)).toBe(0.3); // not 0.30000000000000004
    expect(dragValue(-0.333, -10)).toBe(-0.23);
    expect(dragValue(0.2, 20)).toBe(0);
    expect(Object.is(dragValue(0.2, 20), 0)).toBe(true);
    expect(dragValue(0.5, -0.4)).toBe(0.5);
    expect(dragValue(0.5, -1.6)).toBe(0.52);
  });

  it("leaves the start value as it is when there is no vertical movement", () => {
    expect(dragValue(-0.333, 0)).toBe(-0.333);
    expect(dragValue(0.123456, Number.NaN)).toBe(0.123456);
  });

  it("stays within the format's limits", () => {
    expect(dragValue(99.5, -500)).toBe(LIMITS.param.max);
    expect(dragValue(-99.5, 500)).toBe(LIMITS.param.min);
    expect(dragValue(100, -1)).toBe(100);
    expect(dragValue(0, 10, { min: -0.05, max: 0.05 })).toBe(-0.05);
  });
});

describe("isDrag", () => {
  it("is a click or a tap below the slop, a drag from it on, in any direction", () => {
    expect(DRAG_SLOP_PX).toBe(4);
    expect(isDrag(0, 0)).toBe(false);
    expect(isDrag(2, 3)).toBe(false);
    expect(isDrag(0, -4)).toBe(true);
    expect(isDrag(3, 3)).toBe(true);
    expect(isDrag(-5, 0)).toBe(true);
  });
});

describe("the edit a drag makes", () => {
  const weight: ParamTarget = { kind: "edge", layer: 0, neuron: 0, from: 1 };
  const bias: ParamTarget = { kind: "neuron", layer: 1, neuron: 0 };

  it("reads the value the drag starts from", () => {
    expect(paramValue(net, weight)).toBe(0.2);
    expect(paramValue(net, bias)).toBe(-0.333);
    expect(paramValue(net, { kind: "neuron", layer: 2, neuron: 0 })).toBeUndefined();
    expect(paramValue(net, { kind: "edge", layer: 1, neuron: 0, from: 3 })).toBeUndefined();
  });

  it("is the slider's edit, under the slider's key", () => {
    expect(paramEdit(weight, 0.7)).toEqual({ type: "setWeight", layer: 0, neuron: 0, from: 1, value: 0.7 });
    expect(paramEdit(bias, -1)).toEqual({ type: "setBias", layer: 1, neuron: 0, value: -1 });
    expect(paramKey(weight)).toBe("weight:0:0:1");
    expect(paramKey(bias)).toBe("bias:1:0");
  });

  it("applies: a drag of 30 px up on a weight adds 0.3", () => {
    const state: LabState = { network: net, inputValues: [1, 1] };
    const value = dragValue(paramValue(net, weight)!, -30);
    const result = parseAndApplyEdit(state, paramEdit(weight, value));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.state.network.layers[0]!.neurons[0]!.weights).toEqual([0.5, 0.5]);
    // the limits: a drag far past them is clamped, so the edit is never refused
    const far = parseAndApplyEdit(state, paramEdit(bias, dragValue(-0.333, 1e6)));
    expect(far.ok && far.state.network.layers[1]!.neurons[0]!.bias).toBe(LIMITS.param.min);
  });
});
