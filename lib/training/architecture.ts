// A network's shape and its parameters as one flat array, in the kernel's order: per layer, per
// neuron, its weights (one per neuron of the layer before, or per input), then its bias. Both
// trainers hold their parameters this way and turn them back into the network format, so a
// trained network is saved, edited and shared like any other.
import type { ActivationId } from "../network/activations";
import { neuronActivation, parameterCount } from "../network/model";
import type { Network } from "../network/schema";

export interface Architecture {
  inputs: number;
  /** neurons per layer; the last layer is the output */
  sizes: number[];
  /** the activation of every neuron, numbered across layers */
  activations: ActivationId[];
  paramCount: number;
}

export function architectureOf(net: Network): Architecture {
  return {
    inputs: net.inputs.length,
    sizes: net.layers.map((layer) => layer.neurons.length),
    activations: net.layers.flatMap((layer) => layer.neurons.map((neuron) => neuronActivation(layer, neuron))),
    paramCount: parameterCount(net),
  };
}

/** Same inputs and layer sizes (activations may differ): the parameters mean the same things. */
export function sameShape(a: Architecture, b: Architecture): boolean {
  return a.inputs === b.inputs && a.sizes.length === b.sizes.length && a.sizes.every((n, l) => n === b.sizes[l]);
}

/** The network's weights and biases into `out` (Float64Array, or Float32Array rounding them). */
export function readParams(net: Network, out: Float64Array | Float32Array): void {
  let p = 0;
  for (const layer of net.layers) {
    for (const neuron of layer.neurons) {
      out.set(neuron.weights, p);
      p += neuron.weights.length;
      out[p++] = neuron.bias;
    }
  }
}

/**
 * A copy of `net` with the weights and biases of `params`: activations, labels and inputs stay.
 * Float32 parameters become the numbers they are exactly, so reading them back gives the same bits.
 */
export function withParams(net: Network, params: ArrayLike<number>): Network {
  let p = 0;
  return {
    ...net,
    inputs: [...net.inputs],
    layers: net.layers.map((layer) => ({
      ...layer,
      neurons: layer.neurons.map((neuron) => {
        const weights = Array.from({ length: neuron.weights.length }, () => params[p++]!);
        return { ...neuron, weights, bias: params[p++]! };
      }),
    })),
  };
}
