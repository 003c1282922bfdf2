// Where the network view draws everything: one column of input nodes, one column per layer,
// nodes spread evenly and centred, sizes scaled to the width available so the drawing is 1:1 in
// CSS pixels (readable on a 390 px phone and on a projector alike). Pure: numbers in, numbers out.

export interface Point {
  x: number;
  y: number;
}

/** The shape of a network: how many inputs and how many neurons in each layer. */
export interface GraphShape {
  inputs: number;
  layers: readonly number[];
}

export interface GraphLayout {
  width: number;
  height: number;
  /** scale of everything relative to a ~760 px wide drawing */
  scale: number;
  radius: number;
  font: { value: number; label: number; small: number };
  /** x of each column: inputs first, then each layer */
  columns: number[];
  inputs: Point[];
  layers: Point[][];
  /** a narrow (phone) drawing */
  compact: boolean;
  /** every connection shows its weight; otherwise only those touching the selection do */
  allWeightLabels: boolean;
}

export const COMPACT_WIDTH = 560;
const BASE_WIDTH = 760;

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

export function layoutGraph(shape: GraphShape, availableWidth: number): GraphLayout {
  const width = Math.max(280, Math.round(availableWidth));
  const compact = width < COMPACT_WIDTH;
  const scale = clamp(width / BASE_WIDTH, 0.9, 1.4);
  const radius = Math.round(26 * scale);
  const font = {
    value: Math.round(15 * scale * 10) / 10,
    label: Math.round(15 * scale * 10) / 10,
    small: Math.round(13.5 * scale * 10) / 10,
  };
  // one node's slot: its name above, the circle, its bias (and activation) below
  const slot = Math.round(2 * radius + font.label + font.small + 34 * scale);
  const sizes = [shape.inputs, ...shape.layers];
  const tallest = Math.max(1, ...sizes);
  const padTop = Math.round(8 * scale);
  const height = padTop * 2 + tallest * slot;

  const left = radius + Math.round(24 * scale);
  const right = radius + Math.round(30 * scale);
  const span = Math.max(1, sizes.length - 1);
  const columns = sizes.map((_, c) => Math.round(left + ((width - left - right) * c) / span));
  // centre of a slot: the circle sits a little below the middle, under its name
  const nodeOffset = Math.round(font.label + 10 * scale + radius) - slot / 2;
  const column = (count: number, x: number): Point[] =>
    Array.from({ length: count }, (_, j) => ({
      x,
      y: Math.round(height / 2 + (j - (count - 1) / 2) * slot + nodeOffset),
    }));

  const edges = shape.layers.reduce((sum, size, l) => sum + size * (sizes[l] ?? 0), 0);
  return {
    width,
    height,
    scale,
    radius,
    font,
    columns,
    inputs: column(shape.inputs, columns[0] ?? left),
    layers: shape.layers.map((size, l) => column(size, columns[l + 1] ?? left)),
    compact,
    allWeightLabels: edges <= (compact ? 10 : 30),
  };
}

/**
 * Where the weight label of a connection goes: along the edge, nearer the target for the first
 * sources and nearer the middle for the last, so labels converging on one neuron do not overlap.
 */
export function weightLabelPoint(from: Point, to: Point, source: number, sourceCount: number): Point {
  const t = sourceCount <= 1 ? 0.5 : 0.72 - (0.24 * source) / (sourceCount - 1);
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

/** Stroke width of a connection: grows with |w| up to 5, then stays (the colour and label say more). */
export function edgeWidth(weight: number, scale = 1): number {
  return Math.round((1.25 + Math.min(Math.abs(weight), 5) * 1.25) * scale * 10) / 10;
}
