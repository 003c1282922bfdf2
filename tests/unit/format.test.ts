import { describe, expect, it } from "vitest";
import { ACTIVATION_IDS } from "../../lib/network/activations";
import {
  ACTIVATION_NAMES,
  formatFixed,
  formatNumber,
  formatOutput,
  neuronArithmetic,
  neuronArithmeticParts,
  rangeSentence,
  weightedSum,
} from "../../lib/format";

describe("formatNumber", () => {
  it("drops trailing zeros and float noise", () => {
    expect(formatNumber(0.8000000000000002)).toBe("0.8");
    expect(formatNumber(1)).toBe("1");
    expect(formatNumber(10)).toBe("10");
    expect(formatNumber(0.125)).toBe("0.125");
    expect(formatNumber(0.12345)).toBe("0.123");
    expect(formatNumber(2.5, 0)).toBe("3");
  });

  it("writes negatives with a real minus sign and never −0", () => {
    expect(formatNumber(-0.2)).toBe("−0.2");
    expect(formatNumber(-5)).toBe("−5");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-1e-9)).toBe("0");
  });

  it("names non-finite values", () => {
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("−∞");
    expect(formatNumber(Number.NaN)).toBe("NaN");
  });
});

describe("formatFixed and formatOutput", () => {
  it("keeps exactly 3 decimals", () => {
    expect(formatFixed(0.6899744811276125)).toBe("0.690");
    expect(formatFixed(0.8)).toBe("0.800");
    expect(formatFixed(-0.46211715726000974)).toBe("−0.462");
    expect(formatFixed(-0.0001)).toBe("0.000");
    expect(formatFixed(1.23456, 2)).toBe("1.23");
  });

  it("writes step's output as 0 or 1", () => {
    expect(formatOutput(1, "step")).toBe("1");
    expect(formatOutput(0, "step")).toBe("0");
    expect(formatOutput(1, "sigmoid")).toBe("1.000");
    expect(formatOutput(0.8, "linear")).toBe("0.800");
  });
});

describe("weightedSum", () => {
  it("writes the seed's example", () => {
    expect(weightedSum([0.5, 0.2], [1, 1], 0.1)).toBe("0.5·1 + 0.2·1 + 0.1");
  });

  it("turns negative weights and biases into subtractions", () => {
    expect(weightedSum([0.5, -0.2], [1, 1], -0.1)).toBe("0.5·1 − 0.2·1 − 0.1");
    expect(weightedSum([-0.5, 0.2], [1, 1], 0)).toBe("−0.5·1 + 0.2·1 + 0");
  });

  it("puts negative inputs in parentheses", () => {
    expect(weightedSum([0.5, -0.2], [-1, -2.5], 0.1)).toBe("0.5·(−1) − 0.2·(−2.5) + 0.1");
  });

  it("does not sign a weight or bias that rounds to zero", () => {
    expect(weightedSum([-0.0001, 1], [1, 1], -0.0001)).toBe("0·1 + 1·1 + 0");
  });

  it("handles any number of inputs", () => {
    expect(weightedSum([1], [2], 3)).toBe("1·2 + 3");
    expect(weightedSum([1, 2, 3], [4, 5, 6], -7)).toBe("1·4 + 2·5 + 3·6 − 7");
    expect(weightedSum([], [], -1)).toBe("−1");
  });
});

describe("neuronArithmetic", () => {
  it("writes the seed's worked example exactly", () => {
    const z = 0.5 * 1 + 0.2 * 1 + 0.1;
    const a = 1 / (1 + Math.exp(-z));
    expect(neuronArithmetic({ weights: [0.5, 0.2], inputs: [1, 1], bias: 0.1, activation: "sigmoid", z, a })).toBe(
      "0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690",
    );
  });

  it("splits into the sum and the function", () => {
    expect(
      neuronArithmeticParts({ weights: [0.5, 0.2], inputs: [1, 1], bias: 0.1, activation: "tanh", z: 0.8, a: 0.664 }),
    ).toEqual(["0.5·1 + 0.2·1 + 0.1 = 0.8", "→ tanh(0.8) = 0.664"]);
  });

  it("uses the same conventions for negatives and step", () => {
    expect(
      neuronArithmetic({ weights: [0.5, -1.2], inputs: [1, 1], bias: -0.3, activation: "step", z: -1, a: 0 }),
    ).toBe("0.5·1 − 1.2·1 − 0.3 = −1 → step(−1) = 0");
    expect(
      neuronArithmetic({ weights: [1, 1], inputs: [0.5, 0.25], bias: 0, activation: "leaky_relu", z: 0.75, a: 0.75 }),
    ).toBe("1·0.5 + 1·0.25 + 0 = 0.75 → leakyReLU(0.75) = 0.750");
  });
});

describe("names and ranges", () => {
  it("has a readable name and a range sentence for every activation", () => {
    for (const id of ACTIVATION_IDS) {
      expect(ACTIVATION_NAMES[id].label.length).toBeGreaterThan(0);
      expect(rangeSentence(id)).toMatch(/outputs lie in .+: .+\.$/);
    }
  });

  it("shows that sigmoid is not on/off and linear covers all of ℝ", () => {
    expect(rangeSentence("sigmoid")).toContain("(0, 1)");
    expect(rangeSentence("sigmoid")).toContain("myth");
    expect(rangeSentence("linear")).toContain("(−∞, ∞)");
  });
});
