// What the collapse panel shows for an all-linear network: the equivalent layer written as
// equations (`o = −1.25·x1 + 2.75·x2 − 0.3`) and a check, on a few input points, that the network
// and that one layer give the same outputs (both computed by the float64 reference).
import { formatNumber, MINUS } from "../format";
import type { EquivalentLayer } from "../network/collapse";
import { referenceForwardRow } from "../network/reference";
import type { Network } from "../network/schema";

const MULTIPLY = "\u00b7";

/**
 * One output of the equivalent layer as a teacher writes it: terms whose coefficient rounds to 0
 * are left out, a coefficient of 1 is not written (`x1`, `−x2`), a zero bias is left out, and a
 * negative coefficient or bias becomes a subtraction.
 */
export function affineEquation(output: string, weights: readonly number[], bias: number, inputs: readonly string[]) {
  const parts: { negative: boolean; text: string }[] = [];
  weights.forEach((w, k) => {
    const magnitude = formatNumber(Math.abs(w));
    if (magnitude === "0") return;
    const name = inputs[k] ?? `x${k + 1}`;
    parts.push({ negative: w < 0, text: magnitude === "1" ? name : `${magnitude}${MULTIPLY}${name}` });
  });
  const b = formatNumber(Math.abs(bias));
  if (b !== "0" || parts.length === 0) parts.push({ negative: bias < 0 && b !== "0", text: b });
  const sum = parts
    .map((part, i) =>
      i === 0 ? `${part.negative ? MINUS : ""}${part.text}` : ` ${part.negative ? MINUS : "+"} ${part.text}`,
    )
    .join("");
  return `${output} = ${sum}`;
}

/** The equivalent layer applied to one input row: W·x + b. */
export function applyEquivalent(layer: EquivalentLayer, inputs: readonly number[]): number[] {
  return layer.weights.map((row, i) => row.reduce((sum, w, k) => sum + w * (inputs[k] ?? 0), layer.biases[i] ?? 0));
}

/**
 * The input points the check uses: all zeros, all ones, alternating 1/0 and 0/1 (for two inputs:
 * the four corners of the unit square), then two points off the square.
 */
export function checkPoints(inputCount: number): number[][] {
  const pattern = (f: (k: number) => number) => Array.from({ length: inputCount }, (_, k) => f(k));
  const points = [
    pattern(() => 0),
    pattern((k) => k % 2),
    pattern((k) => (k + 1) % 2),
    pattern(() => 1),
    pattern((k) => (k % 2 === 0 ? 2 : -1)),
    pattern((k) => (k % 2 === 0 ? -3 : 0.5)),
  ];
  // with one input the alternating patterns repeat zeros and ones
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = p.join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CheckRow {
  inputs: number[];
  /** outputs of the network (last layer's a) */
  network: number[];
  /** outputs of the equivalent layer */
  single: number[];
  /** every output agrees within float rounding */
  same: boolean;
}

/** Runs the network and its equivalent layer on `points` and compares them output by output. */
export function collapseCheck(net: Network, layer: EquivalentLayer, points: readonly number[][]): CheckRow[] {
  return points.map((inputs) => {
    const network = referenceForwardRow(net, inputs).layers.at(-1)?.a ?? [];
    const single = applyEquivalent(layer, inputs);
    const same =
      network.length === single.length &&
      network.every((v, i) => Math.abs(v - single[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));
    return { inputs, network, single, same };
  });
}
