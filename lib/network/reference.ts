// The float64 reference forward pass: the definition of what a network computes, written to be
// read, not to be fast. Tests hold the wasm kernel to it.
import { ACTIVATION_FUNCTIONS } from "./activations";
import { neuronActivation } from "./model";
import type { Network } from "./schema";

export interface LayerValues {
  /** weighted sum of each neuron: Σ w·(previous output) + bias */
  z: number[];
  /** output of each neuron: f(z), which the next layer receives */
  a: number[];
}

export interface RowResult {
  layers: LayerValues[];
}

export function referenceForwardRow(net: Network, inputs: readonly number[]): RowResult {
  let previous: readonly number[] = inputs;
  const layers: LayerValues[] = [];
  for (const layer of net.layers) {
    const z = layer.neurons.map(
      (neuron) => neuron.weights.reduce((sum, w, k) => sum + w * (previous[k] ?? 0), 0) + neuron.bias,
    );
    const a = layer.neurons.map((neuron, j) => ACTIVATION_FUNCTIONS[neuronActivation(layer, neuron)](z[j] ?? 0));
    layers.push({ z, a });
    previous = a;
  }
  return { layers };
}

export function referenceForward(net: Network, rows: readonly (readonly number[])[]): RowResult[] {
  return rows.map((row) => referenceForwardRow(net, row));
}
