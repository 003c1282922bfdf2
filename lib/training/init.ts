// Networks to train: a network of a given shape, and seeded initial weights for one. Pure and
// portable (random.ts), so the same seed gives the same initial weights in the browser, in a
// worker and on the server — the start of "same seed, same curve".
import type { ActivationId } from "../network/activations";
import { NETWORK_FORMAT, type Network } from "../network/schema";
import { createRandom, deriveSeed, SEED_STREAMS } from "./random";

/**
 * "glorot": weights uniform in ±√(6 / (fan-in + fan-out)) (Glorot & Bengio 2010, what Keras
 * uses by default), biases 0. "playground": TensorFlow Playground's weights uniform in ±0.5,
 * biases 0.1.
 */
export const INIT_SCHEMES = ["glorot", "playground"] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export interface LayerShape {
  size: number;
  activation: ActivationId;
}

/** A network with zero weights and biases: `inputs` labels, then hidden layers and the output. */
export function networkOfShape(inputs: readonly string[], layers: readonly LayerShape[]): Network {
  let previous = inputs.length;
  return {
    format: NETWORK_FORMAT,
    inputs: [...inputs],
    layers: layers.map(({ size, activation }) => {
      const layer = {
        activation,
        neurons: Array.from({ length: size }, () => ({ weights: new Array<number>(previous).fill(0), bias: 0 })),
      };
      previous = size;
      return layer;
    }),
  };
}

/**
 * A copy of `net` with seeded random weights and biases (activations and labels kept). Values
 * are drawn layer by layer, neuron by neuron, weights in order.
 */
export function initialiseNetwork(net: Network, seed: number, scheme: InitScheme = "glorot"): Network {
  const random = createRandom(deriveSeed(seed, SEED_STREAMS.weights));
  let fanIn = net.inputs.length;
  return {
    ...net,
    layers: net.layers.map((layer) => {
      const fanOut = layer.neurons.length;
      const limit = scheme === "glorot" ? Math.sqrt(6 / (fanIn + fanOut)) : 0.5;
      const bias = scheme === "glorot" ? 0 : 0.1;
      fanIn = fanOut;
      return {
        ...layer,
        neurons: layer.neurons.map((neuron) => ({
          ...neuron,
          weights: neuron.weights.map(() => random.uniform(-limit, limit)),
          bias,
        })),
      };
    }),
  };
}
