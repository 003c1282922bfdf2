// Small read-only helpers over a Network, shared by the kernel packer, the reference and the UI.
import type { ActivationId } from "./activations";
import type { Layer, Network, Neuron } from "./schema";

/** The activation a neuron really uses: its own, else its layer's. */
export function neuronActivation(layer: Layer, neuron: Neuron): ActivationId {
  return neuron.activation ?? layer.activation;
}

export function neuronCount(net: Network): number {
  return net.layers.reduce((n, layer) => n + layer.neurons.length, 0);
}

/** Number of f64 parameters the kernel stores: every weight and every bias. */
export function parameterCount(net: Network): number {
  return net.layers.reduce((n, layer) => n + layer.neurons.reduce((m, neuron) => m + neuron.weights.length + 1, 0), 0);
}
