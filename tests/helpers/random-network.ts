// Seeded random networks for tests: reproducible, so a failure can be replayed.
import { ACTIVATION_IDS, type ActivationId } from "../../lib/network/activations";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

export interface RandomNetworkOptions {
  inputs: number;
  layerSizes: number[];
  /** weights and biases are drawn uniformly from [-scale, scale] */
  scale: number;
  activations?: readonly ActivationId[];
}

export function randomNetwork(random: () => number, options: RandomNetworkOptions): Network {
  const pool = options.activations ?? ACTIVATION_IDS;
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  const value = () => (random() * 2 - 1) * options.scale;
  let previous = options.inputs;
  return {
    format: NETWORK_FORMAT,
    inputs: Array.from({ length: options.inputs }, (_, i) => `x${i + 1}`),
    layers: options.layerSizes.map((size) => {
      const layer = {
        activation: pick(),
        // every neuron gets its own activation half of the time: mixed per neuron
        neurons: Array.from({ length: size }, () => ({
          weights: Array.from({ length: previous }, value),
          bias: value(),
          ...(random() < 0.5 ? { activation: pick() } : {}),
        })),
      };
      previous = size;
      return layer;
    }),
  };
}

export function randomRows(random: () => number, count: number, width: number, range: number): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: width }, () => (random() * 2 - 1) * range));
}
