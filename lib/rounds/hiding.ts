// What a prediction round hides. While a round asks about a neuron, every screen hides that
// neuron's z and output and every value from which it could be read off directly: the values of
// all neurons downstream of it, and the heatmaps of those neurons (the heatmap at the round's
// input point shows the value). Weights, biases, inputs and activations stay visible: working
// the answer out from them is the exercise.
import { formatNumber, MINUS } from "../format";
import type { Network } from "../network/schema";

export interface NeuronRef {
  layer: number;
  index: number;
}

export interface HiddenValues {
  /** neurons whose z and a are hidden, as "layer:index" keys */
  neurons: ReadonlySet<string>;
}

export const neuronKey = (layer: number, index: number) => `${layer}:${index}`;

/**
 * The asked neuron and every neuron it feeds, directly or through others (through any
 * connection, even one weighted 0: a weight can change while the round is open).
 */
export function hiddenDuringRound(net: Network, asked: NeuronRef): HiddenValues {
  const neurons = new Set<string>([neuronKey(asked.layer, asked.index)]);
  for (let l = asked.layer + 1; l < net.layers.length; l++) {
    for (let j = 0; j < net.layers[l]!.neurons.length; j++) neurons.add(neuronKey(l, j));
  }
  return { neurons };
}

export function isHidden(hidden: HiddenValues | null, layer: number, index: number): boolean {
  return hidden?.neurons.has(neuronKey(layer, index)) ?? false;
}

/**
 * What a round hides on every screen, teacher's projector included: the asked neuron and all
 * downstream of it, for every kind of question, from the opening until the reveal (closed but not
 * revealed still hides). null: nothing hidden (no round, or revealed).
 */
export function hiddenForRound(
  net: Network,
  round: { neuron: NeuronRef; phase: "open" | "closed" | "revealed" } | null | undefined,
): HiddenValues | null {
  if (!round || round.phase === "revealed") return null;
  const layer = net.layers[round.neuron.layer];
  if (!layer || !layer.neurons[round.neuron.index]) return null;
  return hiddenDuringRound(net, round.neuron);
}

/** Does the output picture (a heatmap of an output neuron) give a hidden value away? */
export function hidesOutput(net: Network, hidden: HiddenValues | null): boolean {
  const last = net.layers.length - 1;
  return (net.layers[last]?.neurons ?? []).some((_, j) => isHidden(hidden, last, j));
}

/**
 * A hidden neuron's computation as a student may see it during a round: the weights, the bias and
 * every input that is not hidden itself, with "?" for the sum, the output and any hidden input.
 * `["1.37·1.3 − 0.82·0.6 + 0.15 = ?", "→ sigmoid(?) = ?"]`.
 */
export function maskedArithmetic(
  weights: readonly number[],
  inputs: readonly (number | null)[],
  bias: number,
  symbol: string,
): [string, string] {
  let out = "";
  weights.forEach((w, k) => {
    const magnitude = formatNumber(Math.abs(w));
    const input = inputs[k];
    const shown = input === null || input === undefined ? "?" : formatNumber(input);
    const factor = shown.startsWith(MINUS) ? `(${shown})` : shown;
    const negative = w < 0 && magnitude !== "0";
    const product = `${magnitude}\u00b7${factor}`;
    if (k === 0) out = negative ? `${MINUS}${product}` : product;
    else out += negative ? ` ${MINUS} ${product}` : ` + ${product}`;
  });
  const b = formatNumber(Math.abs(bias));
  const sign = bias < 0 && b !== "0" ? MINUS : "+";
  const sum = out === "" ? (sign === MINUS ? `${MINUS}${b}` : b) : `${out} ${sign} ${b}`;
  return [`${sum} = ?`, `\u2192 ${symbol}(?) = ?`];
}
