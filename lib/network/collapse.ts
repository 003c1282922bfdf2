// Linear collapse: a network whose every neuron is linear computes an affine map of its inputs,
// so it equals one layer. collapseLinear multiplies the layers out (W = W_L···W_1, b likewise);
// if any neuron is non-linear it names every such neuron instead ("h2 (relu) breaks the collapse").
import type { ActivationId } from "./activations";
import { isLinear } from "./activations";
import { neuronActivation } from "./model";
import { LIMITS, NETWORK_FORMAT, type Network } from "./schema";

/** One layer y = W·x + b over the network's inputs: `weights[i][k]` is output i's weight on input k. */
export interface EquivalentLayer {
  weights: number[][];
  biases: number[];
}

/** A neuron whose activation is not linear: it keeps the network from collapsing. */
export interface CollapseBreaker {
  layer: number;
  neuron: number;
  activation: ActivationId;
}

export type CollapseResult = { ok: true; layer: EquivalentLayer } | { ok: false; breakers: CollapseBreaker[] };

/** Every neuron whose (own or layer's) activation is not linear, layer by layer, in order. */
export function collapseBreakers(net: Network): CollapseBreaker[] {
  const breakers: CollapseBreaker[] = [];
  net.layers.forEach((layer, l) => {
    layer.neurons.forEach((neuron, j) => {
      const activation = neuronActivation(layer, neuron);
      if (!isLinear(activation)) breakers.push({ layer: l, neuron: j, activation });
    });
  });
  return breakers;
}

/**
 * The single layer an all-linear network equals. The numbers are raw: they may lie outside the
 * network format's parameter range (see equivalentNetwork).
 */
export function collapseLinear(net: Network): CollapseResult {
  const breakers = collapseBreakers(net);
  if (breakers.length > 0) return { ok: false, breakers };

  const [first, ...rest] = net.layers;
  // the first layer is its own equivalent; copying it keeps its numbers exact
  let weights = (first?.neurons ?? []).map((neuron) => [...neuron.weights]);
  let biases = (first?.neurons ?? []).map((neuron) => neuron.bias);
  const inputCount = net.inputs.length;
  for (const layer of rest) {
    // this layer reads y = W·x + b, so it computes V·(W·x + b) + c = (V·W)·x + (V·b + c)
    weights = layer.neurons.map((neuron) =>
      Array.from({ length: inputCount }, (_, k) =>
        neuron.weights.reduce((sum, v, j) => sum + v * (weights[j]?.[k] ?? 0), 0),
      ),
    );
    biases = layer.neurons.map((neuron) =>
      neuron.weights.reduce((sum, v, j) => sum + v * (biases[j] ?? 0), neuron.bias),
    );
  }
  return { ok: true, layer: { weights, biases } };
}

/** A number of the equivalent layer that the network format cannot hold. */
export interface OutOfRangeParameter {
  /** output neuron */
  neuron: number;
  /** a weight (on input `from`) or the bias */
  param: "weight" | "bias";
  from?: number;
  value: number;
}

export type EquivalentNetworkResult =
  | { ok: true; network: Network }
  | {
      ok: false;
      reason: "out_of_range";
      /** every weight or bias outside [LIMITS.param.min, LIMITS.param.max] (or not finite) */
      outOfRange: OutOfRangeParameter[];
      limit: { min: number; max: number };
    };

function inRange(value: number): boolean {
  return Number.isFinite(value) && value >= LIMITS.param.min && value <= LIMITS.param.max;
}

/**
 * The one-layer, linear Network for `layer` (from collapseLinear(source)): the source's input
 * labels, and the source's output neurons' labels. Refuses, listing them, when any number is
 * outside the format's parameter range: it never builds an invalid network.
 */
export function equivalentNetwork(source: Network, layer: EquivalentLayer): EquivalentNetworkResult {
  const outOfRange: OutOfRangeParameter[] = [];
  layer.weights.forEach((row, i) => {
    row.forEach((value, k) => {
      if (!inRange(value)) outOfRange.push({ neuron: i, param: "weight", from: k, value });
    });
    const bias = layer.biases[i] ?? 0;
    if (!inRange(bias)) outOfRange.push({ neuron: i, param: "bias", value: bias });
  });
  if (outOfRange.length > 0) {
    return { ok: false, reason: "out_of_range", outOfRange, limit: { min: LIMITS.param.min, max: LIMITS.param.max } };
  }
  const outputs = source.layers.at(-1)?.neurons ?? [];
  return {
    ok: true,
    network: {
      format: NETWORK_FORMAT,
      inputs: [...source.inputs],
      layers: [
        {
          activation: "linear",
          neurons: layer.weights.map((row, i) => {
            const label = outputs[i]?.label;
            // `+ 0` turns a -0 into 0, so the network prints as a teacher would write it
            return { weights: row.map((w) => w + 0), bias: (layer.biases[i] ?? 0) + 0, ...(label ? { label } : {}) };
          }),
        },
      ],
    },
  };
}
