// Which neurons a lock covers, as the graph marks them ("layer:index"): a locked layer's every
// neuron, a locked neuron. Pure; the rules that refuse a locked edit are lib/session/rules.ts.
import type { Network } from "../network/schema";
import type { Lock } from "./state";

export function lockedNeurons(network: Network, locks: readonly Lock[]): Set<string> {
  const keys = new Set<string>();
  for (const lock of locks) {
    if (lock.kind === "neuron") keys.add(`${lock.layer}:${lock.neuron}`);
    if (lock.kind === "layer") network.layers[lock.layer]?.neurons.forEach((_, j) => keys.add(`${lock.layer}:${j}`));
  }
  return keys;
}
