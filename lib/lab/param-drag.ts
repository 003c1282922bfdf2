// Changing a weight or a bias by dragging on the network graph: press a connection or a neuron
// and move up (larger) or down (smaller). Pure: the graph turns pointer positions into values
// here, and into the same Edits (and the same continuous-gesture keys) as the editor's sliders.
import type { Edit } from "../network/ops";
import { LIMITS, type Network } from "../network/schema";

/** What a drag on the graph changes: a connection's weight, or a neuron's bias. */
export type ParamTarget =
  { kind: "edge"; layer: number; neuron: number; from: number } | { kind: "neuron"; layer: number; neuron: number };

/** The value change per CSS pixel of vertical movement. */
export const DRAG_STEP = 0.01;
/** Movement (CSS pixels) below which a press is a click or a tap: it selects, it does not drag. */
export const DRAG_SLOP_PX = 4;
/** Decimals a dragged value keeps (0.01 per pixel: finer would only be float noise). */
export const DRAG_DECIMALS = 2;

/** Has the pointer moved far enough from where it was pressed for the press to be a drag? */
export function isDrag(dx: number, dy: number, slop: number = DRAG_SLOP_PX): boolean {
  return Math.hypot(dx, dy) >= slop;
}

/**
 * The value after a vertical drag of `dy` CSS pixels (screen coordinates: positive is down) from
 * `start`: up makes it larger, `step` per pixel, clamped to the format's limits and rounded to
 * `DRAG_DECIMALS` decimals. No movement leaves `start` as it is (even with more decimals).
 */
export function dragValue(
  start: number,
  dy: number,
  {
    step = DRAG_STEP,
    min = LIMITS.param.min,
    max = LIMITS.param.max,
  }: { step?: number; min?: number; max?: number } = {},
): number {
  if (dy === 0 || !Number.isFinite(dy)) return start;
  const factor = 10 ** DRAG_DECIMALS;
  const raw = Math.min(max, Math.max(min, start - dy * step));
  const rounded = Math.round(raw * factor) / factor;
  // rounding never leaves the limits (they are whole numbers), and -0 would print as "-0"
  return Math.min(max, Math.max(min, rounded)) || 0;
}

/** The weight or bias `target` stands for in `net`, or undefined if it does not exist (any more). */
export function paramValue(net: Network, target: ParamTarget): number | undefined {
  const neuron = net.layers[target.layer]?.neurons[target.neuron];
  if (!neuron) return undefined;
  return target.kind === "edge" ? neuron.weights[target.from] : neuron.bias;
}

/** The edit that sets `target` to `value`: the one the editor's slider makes. */
export function paramEdit(target: ParamTarget, value: number): Edit {
  return target.kind === "edge"
    ? { type: "setWeight", layer: target.layer, neuron: target.neuron, from: target.from, value }
    : { type: "setBias", layer: target.layer, neuron: target.neuron, value };
}

/** A continuous gesture's key for `target` (the undo step, the live queue): the same as its slider's. */
export function paramKey(target: ParamTarget): string {
  return target.kind === "edge"
    ? `weight:${target.layer}:${target.neuron}:${target.from}`
    : `bias:${target.layer}:${target.neuron}`;
}
