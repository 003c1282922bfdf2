import { describe, expect, it } from "vitest";
import { activationPlot, contributionText, inspectInput, inspectNeuron, plotZRange } from "../../lib/lab/inspector";
import { neuronName } from "../../lib/lab/names";
import { numberFieldText, parseNumberInput } from "../../lib/lab/number-input";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";

const seed: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1, label: "h1" }] },
    { activation: "sigmoid", neurons: [{ weights: [2], bias: 0.1, label: "o1" }] },
  ],
};

function inspect(net: Network, inputs: number[], layer: number, neuron: number) {
  const result = inspectNeuron(net, inputs, referenceForwardRow(net, inputs), layer, neuron);
  if (!result) throw new Error("no such neuron");
  return result;
}

describe("inspectNeuron", () => {
  it("writes the seed's arithmetic and where h1's output goes", () => {
    const h1 = inspect(seed, [1, 1], 0, 0);
    expect(h1.arithmetic.join(" ")).toBe("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
    expect(h1.output).toBe("0.690");
    expect(h1.isOutput).toBe(false);
    expect(h1.inherited).toBe(true);
    expect(h1.outgoing).toEqual([
      expect.objectContaining({ target: "o1", weight: 2, text: "0.690 · 2 = 1.38", layer: 1, neuron: 0 }),
    ]);
    const o1 = inspect(seed, [1, 1], 1, 0);
    // o1 reads h1's output, not the inputs
    expect(o1.arithmetic.join(" ")).toBe("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
    expect(o1.incoming).toEqual([{ source: "h1", value: expect.closeTo(0.68997, 4), weight: 2 }]);
    expect(o1.isOutput).toBe(true);
    expect(o1.outgoing).toEqual([]);
  });

  it("writes negative weights, inputs and biases as a teacher would", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        { activation: "tanh", neurons: [{ weights: [-0.5, 0.2], bias: -0.1 }] },
        {
          activation: "linear",
          neurons: [
            { weights: [-2], bias: 0 },
            { weights: [3], bias: 1 },
          ],
        },
      ],
    };
    const h = inspect(net, [1, -2], 0, 0);
    // z = −0.5 − 0.4 − 0.1 = −1
    expect(h.arithmetic).toEqual(["−0.5·1 + 0.2·(−2) − 0.1 = −1", "→ tanh(−1) = −0.762"]);
    expect(h.name).toBe("h1");
    expect(h.outgoing.map((term) => term.text)).toEqual(["−0.762 · (−2) = 1.523", "−0.762 · 3 = −2.285"]);
    expect(h.outgoing.map((term) => term.target)).toEqual(["o1", "o2"]);
  });

  it("shows step's output as exactly 0 or 1", () => {
    const xor = lessonBySlug("xor-needs-nonlinearity")!.exercise.network;
    const h1 = inspect(xor, [1, 0], 0, 0);
    expect(h1.arithmetic.join(" ")).toBe("1·1 + 1·0 − 0.5 = 0.5 → step(0.5) = 1");
    const h2 = inspect(xor, [1, 0], 0, 1);
    expect(h2.arithmetic.join(" ")).toBe("1·1 + 1·0 − 1.5 = −0.5 → step(−0.5) = 0");
    expect(h2.outgoing.map((term) => term.text)).toEqual(["0 · (−1) = 0"]);
    const o = inspect(xor, [1, 0], 1, 0);
    expect(o.arithmetic.join(" ")).toBe("1·1 − 1·0 − 0.5 = 0.5 → step(0.5) = 1");
    // step at exactly z = 0 fires
    const atZero = inspect(xor, [0.5, 0], 0, 0);
    expect(atZero.arithmetic.join(" ")).toBe("1·0.5 + 1·0 − 0.5 = 0 → step(0) = 1");
  });

  it("knows a neuron's own activation from its layer's", () => {
    const onOff = lessonBySlug("on-off-myth")!.exercise.network;
    const h1 = inspect(onOff, [1, 1], 0, 0);
    expect(h1.activation).toBe("step");
    expect(h1.inherited).toBe(false);
    expect(h1.isOutput).toBe(true);
  });

  it("returns null for a neuron that does not exist", () => {
    expect(inspectNeuron(seed, [1, 1], referenceForwardRow(seed, [1, 1]), 0, 3)).toBeNull();
    expect(inspectNeuron(seed, [1, 1], referenceForwardRow(seed, [1, 1]), 5, 0)).toBeNull();
  });
});

describe("inspectInput", () => {
  it("lists what an input sends to each first-layer neuron", () => {
    const input = inspectInput(seed, [-1, 1], 0)!;
    expect(input.name).toBe("x1");
    expect(input.outgoing.map((term) => term.text)).toEqual(["−1 · 0.5 = −0.5"]);
    expect(inspectInput(seed, [1, 1], 2)).toBeNull();
  });
});

describe("contributionText", () => {
  it("puts a negative weight in parentheses and rounds the product", () => {
    expect(contributionText("0.690", 0.68997, -2)).toBe("0.690 · (−2) = −1.38");
    expect(contributionText("0.5", 0.5, 0)).toBe("0.5 · 0 = 0");
  });
});

describe("neuronName", () => {
  it("uses labels, else h… for hidden and o… for output neurons", () => {
    const net: Network = {
      format: NETWORK_FORMAT,
      inputs: ["x"],
      layers: [
        { activation: "relu", neurons: [{ weights: [1], bias: 0 }] },
        {
          activation: "relu",
          neurons: [
            { weights: [1], bias: 0 },
            { weights: [1], bias: 0, label: "g" },
          ],
        },
        { activation: "linear", neurons: [{ weights: [1, 1], bias: 0 }] },
      ],
    };
    expect(neuronName(net, 0, 0)).toBe("h1.1");
    expect(neuronName(net, 1, 1)).toBe("g");
    expect(neuronName(net, 2, 0)).toBe("o1");
    expect(neuronName(seed, 0, 0)).toBe("h1");
  });
});

describe("activationPlot", () => {
  const box = { width: 240, height: 160, padding: 20 };

  it("draws z from −6 to 6, widened to include the current z", () => {
    expect(plotZRange(0.8)).toEqual([-6, 6]);
    expect(plotZRange(9)).toEqual([-6, 10]);
    expect(plotZRange(-15)).toEqual([-16, 6]);
    expect(plotZRange(Number.NaN)).toEqual([-6, 6]);
  });

  it("marks the current point inside the box", () => {
    const plot = activationPlot("sigmoid", 0.8, 0.68997, box);
    expect(plot.point).not.toBeNull();
    expect(plot.point!.x).toBeCloseTo(plot.toX(0.8));
    expect(plot.point!.y).toBeCloseTo(plot.toY(0.68997));
    expect(plot.yRange[0]).toBeLessThan(0);
    expect(plot.yRange[1]).toBeGreaterThan(1);
    expect(plot.path.startsWith("M")).toBe(true);
    expect(plot.path.match(/M/g)).toHaveLength(1);
  });

  it("breaks step's path at the jump", () => {
    const plot = activationPlot("step", 0.5, 1, box);
    expect(plot.path.match(/M/g)).toHaveLength(2);
  });

  it("includes a large output in the y range", () => {
    const plot = activationPlot("relu", 20, 20, box);
    expect(plot.zRange[1]).toBeGreaterThanOrEqual(20);
    expect(plot.yRange[1]).toBeGreaterThanOrEqual(20);
  });
});

describe("parseNumberInput", () => {
  const parse = (text: string) => parseNumberInput(text, -100, 100);

  it("accepts exact values as people type them", () => {
    expect(parse("0.5")).toEqual({ ok: true, value: 0.5 });
    expect(parse(" -2 ")).toEqual({ ok: true, value: -2 });
    expect(parse("−0.25")).toEqual({ ok: true, value: -0.25 });
    expect(parse(".5")).toEqual({ ok: true, value: 0.5 });
    expect(parse("+3")).toEqual({ ok: true, value: 3 });
    expect(parse("1e-3")).toEqual({ ok: true, value: 0.001 });
    expect(parse("0,5")).toEqual({ ok: true, value: 0.5 });
    expect(parse("－１．５")).toEqual({ ok: true, value: -1.5 });
    expect(parse("-0")).toEqual({ ok: true, value: 0 });
    expect(parse("100")).toEqual({ ok: true, value: 100 });
  });

  it("refuses what is not a number, or out of range", () => {
    expect(parse("")).toEqual({ ok: false, reason: "empty" });
    expect(parse("abc")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parse("1.2.3")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parse("1,000")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parse("Infinity")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parse("0x10")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parse("100.5")).toEqual({ ok: false, reason: "too_large", min: -100, max: 100 });
    expect(parse("-101")).toEqual({ ok: false, reason: "too_small", min: -100, max: 100 });
  });

  it("writes numbers back without float noise", () => {
    expect(numberFieldText(0.30000000000000004)).toBe("0.3");
    expect(numberFieldText(-0.5)).toBe("-0.5");
    expect(numberFieldText(-0.0000001)).toBe("0");
    expect(numberFieldText(12)).toBe("12");
  });
});
