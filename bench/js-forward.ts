// The benchmark's baseline: a plain TypeScript forward pass over typed arrays, as a careful JS
// developer would write it (no classes, Float64Array columns, Math.tanh / Math.exp, one switch
// per value). Same work as the kernel: every neuron's z and a kept for every row.
import { ACTIVATION_IDS, type ActivationId } from "../lib/network/activations";
import { neuronActivation } from "../lib/network/model";
import type { Network } from "../lib/network/schema";

type Values = Float64Array | Float32Array;

export interface JsBatch {
  rows: number;
  inputs: Values[];
  z: Values[][];
  a: Values[][];
}

/** Columns of Float64Array, or Float32Array to store what the kernel's fast mode stores. */
export function makeJsBatch(net: Network, rows: number, storage: "f64" | "f32" = "f64"): JsBatch {
  const column = () => (storage === "f32" ? new Float32Array(rows) : new Float64Array(rows));
  return {
    rows,
    inputs: net.inputs.map(column),
    z: net.layers.map((layer) => layer.neurons.map(column)),
    a: net.layers.map((layer) => layer.neurons.map(column)),
  };
}

const CODE: Record<ActivationId, number> = Object.fromEntries(ACTIVATION_IDS.map((id, i) => [id, i])) as Record<
  ActivationId,
  number
>;

export function jsForward(net: Network, batch: JsBatch): void {
  const n = batch.rows;
  let previous = batch.inputs;
  for (let l = 0; l < net.layers.length; l++) {
    const layer = net.layers[l]!;
    const zs = batch.z[l]!;
    const as = batch.a[l]!;
    for (let j = 0; j < layer.neurons.length; j++) {
      const neuron = layer.neurons[j]!;
      const act = CODE[neuronActivation(layer, neuron)];
      const weights = Float64Array.from(neuron.weights);
      const bias = neuron.bias;
      const z = zs[j]!;
      const a = as[j]!;
      z.fill(bias);
      for (let k = 0; k < weights.length; k++) {
        const w = weights[k]!;
        const x = previous[k]!;
        for (let r = 0; r < n; r++) z[r]! += w * x[r]!;
      }
      for (let r = 0; r < n; r++) {
        const v = z[r]!;
        switch (act) {
          case 0:
            a[r] = v >= 0 ? 1 : 0;
            break;
          case 2:
            a[r] = 1 / (1 + Math.exp(-v));
            break;
          case 3:
            a[r] = Math.tanh(v);
            break;
          case 4:
            a[r] = v > 0 ? v : 0;
            break;
          case 5:
            a[r] = v >= 0 ? v : 0.01 * v;
            break;
          case 6:
            a[r] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
            break;
          default:
            a[r] = v;
        }
      }
    }
    previous = as;
  }
}
