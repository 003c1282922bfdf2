// What is selected in the lab: a neuron, a connection (the weight `from` → neuron), or an input.
import type { Network } from "@/lib/network/schema";

export type Selection =
  | { kind: "neuron"; layer: number; neuron: number }
  | { kind: "edge"; layer: number; neuron: number; from: number }
  | { kind: "input"; input: number }
  | null;

/** The selection if it still exists in `net` (after an undo or a removal), else null. */
export function validSelection(net: Network, selection: Selection): Selection {
  if (!selection) return null;
  if (selection.kind === "input") return selection.input < net.inputs.length ? selection : null;
  const neuron = net.layers[selection.layer]?.neurons[selection.neuron];
  if (!neuron) return null;
  if (selection.kind === "edge" && selection.from >= neuron.weights.length) return null;
  return selection;
}

/** The neuron the inspector shows: the selected one, or the target of a selected connection. */
export function inspectedNeuron(selection: Selection): { layer: number; neuron: number } | null {
  if (!selection || selection.kind === "input") return null;
  return { layer: selection.layer, neuron: selection.neuron };
}

export function sameSelection(a: Selection, b: Selection): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
