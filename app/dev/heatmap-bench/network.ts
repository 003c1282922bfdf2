// The benchmark's network: a seeded, reproducible 2-8-8-1 network (tanh, tanh, sigmoid), so the
// e2e test can recompute with the float64 reference exactly what the page shows.
import { NETWORK_FORMAT, type Network } from "@/lib/network/schema";

export const BENCH_SEED = 20261128;
export const BENCH_SHAPE = [8, 8, 1] as const;

function seededRandom(seed: number): () => number {
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

/** The 2-8-8-1 network; `bias` replaces the first hidden neuron's bias (the page's slider). */
export function benchNetwork(options: { bias?: number; linear?: boolean } = {}): Network {
  const random = seededRandom(BENCH_SEED);
  const value = (scale: number) => Math.round((random() * 2 - 1) * scale * 100) / 100;
  const activations = options.linear
    ? (["linear", "linear", "linear"] as const)
    : (["tanh", "tanh", "sigmoid"] as const);
  let previous = 2;
  const net: Network = {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: BENCH_SHAPE.map((size, l) => {
      const layer = {
        activation: activations[l]!,
        neurons: Array.from({ length: size }, () => ({
          weights: Array.from({ length: previous }, () => value(l === 0 ? 1 : 1.5)),
          bias: value(1),
        })),
      };
      previous = size;
      return layer;
    }),
  };
  const first = net.layers[0]?.neurons[0];
  if (first && options.bias !== undefined) first.bias = options.bias;
  return net;
}
