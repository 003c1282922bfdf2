// What the neuron inspector shows, as pure data: the neuron's arithmetic term by term (written by
// lib/format.ts, the same rules as the home page), where its output goes, and the plot of its
// activation function. The numbers z and a come from the kernel's forward pass (`row`).
import { ACTIVATION_FUNCTIONS, type ActivationId } from "../network/activations";
import { neuronActivation } from "../network/model";
import type { RowResult } from "../network/reference";
import type { Network } from "../network/schema";
import { formatNumber, formatOutput, MINUS, neuronArithmeticParts } from "../format";
import { inputName, isOutputLayer, neuronName, sourceName } from "./names";

const MULTIPLY = "\u00b7";

export interface IncomingTerm {
  /** name of the input or neuron the weight multiplies */
  source: string;
  value: number;
  weight: number;
}

export interface OutgoingTerm {
  layer: number;
  neuron: number;
  /** the neuron of the next layer that receives the value */
  target: string;
  weight: number;
  /** value × weight: what this connection adds to the target's weighted sum */
  product: number;
  /** `0.690 · 2 = 1.38` */
  text: string;
}

export interface NeuronInspection {
  layer: number;
  neuron: number;
  name: string;
  activation: ActivationId;
  /** the activation comes from the layer (true) or is the neuron's own (false) */
  inherited: boolean;
  incoming: IncomingTerm[];
  bias: number;
  z: number;
  a: number;
  /** `["0.5·1 + 0.2·1 + 0.1 = 0.8", "→ sigmoid(0.8) = 0.690"]` */
  arithmetic: [string, string];
  /** the output as shown everywhere: 3 decimals (step: 0 or 1) */
  output: string;
  outgoing: OutgoingTerm[];
  isOutput: boolean;
}

/** A factor after "·": negatives in parentheses. */
function factor(value: number): string {
  const text = formatNumber(value);
  return text.startsWith(MINUS) ? `(${text})` : text;
}

/** What a value contributes through a weight: `0.690 · 2 = 1.38`, `0.690 · (−2) = −1.38`. */
export function contributionText(shownValue: string, value: number, weight: number): string {
  return `${shownValue} ${MULTIPLY} ${factor(weight)} = ${formatNumber(value * weight)}`;
}

/** The terms `value · w` that a value (of input or neuron at `fromLayer`) sends into layer `toLayer`. */
function outgoingTerms(net: Network, toLayer: number, from: number, value: number, shown: string): OutgoingTerm[] {
  const next = net.layers[toLayer];
  if (!next) return [];
  return next.neurons.map((target, j) => {
    const weight = target.weights[from] ?? 0;
    return {
      layer: toLayer,
      neuron: j,
      target: neuronName(net, toLayer, j),
      weight,
      product: value * weight,
      text: contributionText(shown, value, weight),
    };
  });
}

/** The outputs of the layer before `layer` (or the input values): what the neuron multiplies. */
export function layerInputs(row: RowResult, inputValues: readonly number[], layer: number): readonly number[] {
  return layer === 0 ? inputValues : (row.layers[layer - 1]?.a ?? []);
}

export function inspectNeuron(
  net: Network,
  inputValues: readonly number[],
  row: RowResult,
  layer: number,
  neuron: number,
): NeuronInspection | null {
  const layerSpec = net.layers[layer];
  const spec = layerSpec?.neurons[neuron];
  const values = row.layers[layer];
  if (!layerSpec || !spec || !values) return null;
  const activation = neuronActivation(layerSpec, spec);
  const inputs = layerInputs(row, inputValues, layer);
  const z = values.z[neuron] ?? Number.NaN;
  const a = values.a[neuron] ?? Number.NaN;
  const output = formatOutput(a, activation);
  return {
    layer,
    neuron,
    name: neuronName(net, layer, neuron),
    activation,
    inherited: spec.activation === undefined,
    incoming: spec.weights.map((weight, k) => ({ source: sourceName(net, layer, k), value: inputs[k] ?? 0, weight })),
    bias: spec.bias,
    z,
    a,
    arithmetic: neuronArithmeticParts({ weights: spec.weights, inputs, bias: spec.bias, activation, z, a }),
    output,
    outgoing: outgoingTerms(net, layer + 1, neuron, a, output),
    isOutput: isOutputLayer(net, layer),
  };
}

export interface InputInspection {
  input: number;
  name: string;
  value: number;
  outgoing: OutgoingTerm[];
}

export function inspectInput(net: Network, inputValues: readonly number[], input: number): InputInspection | null {
  if (input < 0 || input >= net.inputs.length) return null;
  const value = inputValues[input] ?? 0;
  return {
    input,
    name: inputName(net, input),
    value,
    outgoing: outgoingTerms(net, 0, input, value, formatNumber(value)),
  };
}

// ---------- the plot of an activation function

export interface PlotBox {
  width: number;
  height: number;
  /** room kept free at each side for the axis labels */
  padding: number;
}

export interface ActivationPlot {
  /** the z range drawn: [−6, 6], widened to include the current z */
  zRange: [number, number];
  /** the f(z) range drawn */
  yRange: [number, number];
  /** SVG path data of f over zRange, in the box's coordinates (broken at jumps, e.g. step's) */
  path: string;
  /** where (z, f(z)) sits in the box, or null if z is not finite */
  point: { x: number; y: number } | null;
  /** where the axes z = 0 and f = 0 are, if they are in range */
  axes: { x: number | null; y: number | null };
  toX(z: number): number;
  toY(y: number): number;
}

export const PLOT_Z_RANGE: [number, number] = [-6, 6];

/** [−6, 6], widened to include `z` with a little room, to round numbers. */
export function plotZRange(z: number): [number, number] {
  let [lo, hi] = PLOT_Z_RANGE;
  if (Number.isFinite(z)) {
    if (z < lo + 0.5) lo = -Math.ceil((Math.abs(z) + 1) / 2) * 2;
    if (z > hi - 0.5) hi = Math.ceil((z + 1) / 2) * 2;
  }
  return [lo, hi];
}

export function activationPlot(activation: ActivationId, z: number, a: number, box: PlotBox): ActivationPlot {
  const f = ACTIVATION_FUNCTIONS[activation];
  const zRange = plotZRange(z);
  const samples = 240;
  const points: [number, number][] = [];
  for (let i = 0; i <= samples; i++) {
    const zi = zRange[0] + ((zRange[1] - zRange[0]) * i) / samples;
    points.push([zi, f(zi)]);
  }
  // step jumps at exactly 0: sample both sides of it so the jump is drawn sharp
  if (activation === "step") points.push([-1e-9, 0], [0, 1]);
  points.sort((p, q) => p[0] - q[0]);

  let yLo = Math.min(...points.map((p) => p[1]));
  let yHi = Math.max(...points.map((p) => p[1]));
  if (Number.isFinite(a)) {
    yLo = Math.min(yLo, a);
    yHi = Math.max(yHi, a);
  }
  // always show y = 0, and give flat-ish functions some room
  yLo = Math.min(yLo, 0);
  yHi = Math.max(yHi, 0);
  const span = Math.max(yHi - yLo, 1);
  const margin = span * 0.08;
  const yRange: [number, number] = [yLo - margin, yHi + margin];

  const { width, height, padding } = box;
  const toX = (value: number) => padding + ((value - zRange[0]) / (zRange[1] - zRange[0])) * (width - 2 * padding);
  const toY = (value: number) =>
    height - padding - ((value - yRange[0]) / (yRange[1] - yRange[0])) * (height - 2 * padding);

  const jump = (yRange[1] - yRange[0]) * 0.3;
  let path = "";
  points.forEach(([pz, py], i) => {
    const previous = points[i - 1];
    const move = !previous || Math.abs(py - previous[1]) > jump;
    path += `${move ? "M" : "L"}${toX(pz).toFixed(2)},${toY(py).toFixed(2)}`;
  });

  const inside = (value: number, [lo, hi]: [number, number]) => value >= lo && value <= hi;
  return {
    zRange,
    yRange,
    path,
    point: Number.isFinite(z) && Number.isFinite(a) ? { x: toX(z), y: toY(a) } : null,
    axes: { x: inside(0, zRange) ? toX(0) : null, y: inside(0, yRange) ? toY(0) : null },
    toX,
    toY,
  };
}
