// How the lab names the parts of a network on screen: a neuron's own label if it has one, else
// h1, h2 … in the hidden layer (h1.1, h2.3 … when there are several) and o1, o2 … in the output.
import type { Network } from "../network/schema";

/** Where a neuron is: layer l (0 = first hidden layer, or the output if there is only one), index j. */
export interface NeuronRef {
  layer: number;
  neuron: number;
}

export function isOutputLayer(net: Network, layer: number): boolean {
  return layer === net.layers.length - 1;
}

export function neuronName(net: Network, layer: number, neuron: number): string {
  const own = net.layers[layer]?.neurons[neuron]?.label;
  if (own) return own;
  if (isOutputLayer(net, layer)) return `o${neuron + 1}`;
  const hiddenLayers = net.layers.length - 1;
  return hiddenLayers === 1 ? `h${neuron + 1}` : `h${layer + 1}.${neuron + 1}`;
}

export function inputName(net: Network, input: number): string {
  return net.inputs[input] ?? `x${input + 1}`;
}

/** The name of what feeds weight `from` of a neuron in `layer`: an input or a neuron of the layer before. */
export function sourceName(net: Network, layer: number, from: number): string {
  return layer === 0 ? inputName(net, from) : neuronName(net, layer - 1, from);
}
