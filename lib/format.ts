// How numbers and a neuron's arithmetic are written on screen. Pure functions, no DOM: the live
// neuron on the home page and the neuron inspector both use them, and tests pin them down.
//
// Conventions (kept the same everywhere):
// - negative numbers use the real minus sign "−" (U+2212), never "-0";
// - intermediate values (weights, inputs, bias, z) show at most 3 decimals, trailing zeros dropped;
// - an output shows exactly 3 decimals, except step's, which is exactly 0 or 1;
// - in a sum, a negative weight or bias becomes a subtraction: `0.5·1 − 0.2·1 − 0.1`, and a
//   negative input is put in parentheses: `0.5·(−1)`.
import { ACTIVATION_RANGES, type ActivationId } from "./network/activations";

export const MINUS = "\u2212";
const MULTIPLY = "\u00b7";
const ARROW = "\u2192";

/** Readable names: `label` for menus, `symbol` for function notation in formulas. */
export const ACTIVATION_NAMES: Record<ActivationId, { label: string; symbol: string }> = {
  step: { label: "Step", symbol: "step" },
  linear: { label: "Linear (identity)", symbol: "linear" },
  sigmoid: { label: "Sigmoid", symbol: "sigmoid" },
  tanh: { label: "Tanh", symbol: "tanh" },
  relu: { label: "ReLU", symbol: "ReLU" },
  leaky_relu: { label: "Leaky ReLU", symbol: "leakyReLU" },
  softplus: { label: "Softplus", symbol: "softplus" },
};

/** What the range of each function means for "is the neuron on or off?". */
const RANGE_NOTES: Record<ActivationId, string> = {
  step: "only 0 or 1: the one function that really is on/off",
  linear: "any real number: no squashing at all",
  sigmoid: "never exactly 0 or 1, so “on/off” is a myth: the output is a graded value",
  tanh: "never exactly −1 or 1, and 0 when z = 0",
  relu: "0 for every negative z, unbounded above",
  leaky_relu: "a small slope (0.01) for negative z, so never stuck at 0",
  softplus: "a smooth ReLU: never exactly 0, unbounded above",
};

function withMinus(text: string): string {
  return text.startsWith("-") ? MINUS + text.slice(1) : text;
}

/**
 * A value as a teacher writes it: at most `maxDecimals` decimals, trailing zeros dropped.
 * `formatNumber(0.8000000000000002)` → "0.8", `formatNumber(-0.25)` → "−0.25", `formatNumber(-1e-9)` → "0".
 */
export function formatNumber(value: number, maxDecimals = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : `${MINUS}∞`;
  const text = value.toFixed(maxDecimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return trimmed === "-0" ? "0" : withMinus(trimmed);
}

/** A value with exactly `decimals` decimals: `formatFixed(0.68997)` → "0.690"; never "−0.000". */
export function formatFixed(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : withMinus(text);
}

/** A neuron's output: 3 decimals ("0.690"), but step's 0 or 1 as it is ("1"). */
export function formatOutput(value: number, activation: ActivationId): string {
  return activation === "step" ? formatNumber(value) : formatFixed(value);
}

/** One input value inside a product: parentheses around negatives, `(−1)`. */
function factor(value: number): string {
  const text = formatNumber(value);
  return text.startsWith(MINUS) ? `(${text})` : text;
}

/** The weighted sum written out: `0.5·1 − 0.2·(−1) + 0.1`. */
export function weightedSum(weights: readonly number[], inputs: readonly number[], bias: number): string {
  const terms = weights.map((w, k) => ({ magnitude: Math.abs(w), text: factor(inputs[k] ?? 0), negative: w < 0 }));
  let out = "";
  terms.forEach((term, k) => {
    const product = `${formatNumber(term.magnitude)}${MULTIPLY}${term.text}`;
    // a weight that rounds to 0 is written "0", without a sign
    const negative = term.negative && formatNumber(term.magnitude) !== "0";
    if (k === 0) out = negative ? `${MINUS}${product}` : product;
    else out += negative ? ` ${MINUS} ${product}` : ` + ${product}`;
  });
  const b = formatNumber(Math.abs(bias));
  const biasNegative = bias < 0 && b !== "0";
  if (out === "") return biasNegative ? `${MINUS}${b}` : b;
  return `${out} ${biasNegative ? MINUS : "+"} ${b}`;
}

export interface NeuronValues {
  weights: readonly number[];
  inputs: readonly number[];
  bias: number;
  activation: ActivationId;
  /** the weighted sum, as computed (by the kernel) */
  z: number;
  /** the output f(z), as computed (by the kernel) */
  a: number;
}

/**
 * The computation of one neuron in its two steps, the sum and the function:
 * `["0.5·1 + 0.2·1 + 0.1 = 0.8", "→ sigmoid(0.8) = 0.690"]` (a page may wrap the line between them).
 */
export function neuronArithmeticParts({ weights, inputs, bias, activation, z, a }: NeuronValues): [string, string] {
  const zText = formatNumber(z);
  const f = ACTIVATION_NAMES[activation].symbol;
  return [
    `${weightedSum(weights, inputs, bias)} = ${zText}`,
    `${ARROW} ${f}(${zText}) = ${formatOutput(a, activation)}`,
  ];
}

/** The whole computation of one neuron: `0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690`. */
export function neuronArithmetic(values: NeuronValues): string {
  return neuronArithmeticParts(values).join(" ");
}

/** One line on the range of a function: "sigmoid outputs lie in (0, 1): never exactly 0 or 1, …". */
export function rangeSentence(activation: ActivationId): string {
  const { symbol } = ACTIVATION_NAMES[activation];
  return `${symbol} outputs lie in ${ACTIVATION_RANGES[activation]}: ${RANGE_NOTES[activation]}.`;
}
