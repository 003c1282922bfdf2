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
  /** scale of everything relative to a ~620 px wide drawing */
  scale: number;
  radius: number;
  font: { value: number; label: number; small: number };
  /** baseline of the column captions (inputs, hidden layer 1, …, output layer) above the nodes */
  captionY: number;
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
const BASE_WIDTH = 620;

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

export function layoutGraph(shape: GraphShape, availableWidth: number): GraphLayout {
  const width = Math.max(280, Math.round(availableWidth));
  const compact = width < COMPACT_WIDTH;
  // tall columns shrink the drawing a little, so 16 neurons still fit a screen or two
  const tallestColumn = Math.max(1, shape.inputs, ...shape.layers);
  const scale = clamp((width / BASE_WIDTH) * Math.min(1, Math.max(0.75, 6 / tallestColumn)), 0.9, 1.5);
  const radius = Math.round(28 * scale);
  const font = {
    value: Math.round(15 * scale * 10) / 10,
    label: Math.round(15 * scale * 10) / 10,
    small: Math.round(13.5 * scale * 10) / 10,
  };
  // one node's slot: its name above, the circle, its bias (and activation) below
  const slot = Math.round(2 * radius + font.label + font.small + 34 * scale);
  const sizes = [shape.inputs, ...shape.layers];
  const tallest = Math.max(1, ...sizes);
  const pad = Math.round(8 * scale);
  const captionY = pad + font.small;
  const top = captionY + Math.round(6 * scale);
  const height = top + pad + tallest * slot;

  const left = radius + Math.round(24 * scale);
  const right = radius + Math.round(30 * scale);
  const span = Math.max(1, sizes.length - 1);
  const columns = sizes.map((_, c) => Math.round(left + ((width - left - right) * c) / span));
  // centre of a slot: the circle sits a little below the middle, under its name
  const nodeOffset = Math.round(font.label + 10 * scale + radius) - slot / 2;
  const column = (count: number, x: number): Point[] =>
    Array.from({ length: count }, (_, j) => ({
      x,
      y: Math.round(top + (tallest * slot) / 2 + (j - (count - 1) / 2) * slot + nodeOffset),
    }));

  const edges = shape.layers.reduce((sum, size, l) => sum + size * (sizes[l] ?? 0), 0);
  return {
    width,
    height,
    scale,
    radius,
    font,
    captionY,
    columns,
    inputs: column(shape.inputs, columns[0] ?? left),
    layers: shape.layers.map((size, l) => column(size, columns[l + 1] ?? left)),
    compact,
    allWeightLabels: edges <= (compact ? 10 : 30),
  };
}

/**
 * Where the weight label of a connection goes: on the connection, `distance` from the centre of
 * the neuron it feeds (outside its circle), so the labels of connections converging on one neuron
 * fan out with their angles. Never further than 45% of the way back, so not at a crossing in the
 * middle. With many sources, every other label moves one step further out, so neighbours do not touch.
 */
export function weightLabelPoint(from: Point, to: Point, source: number, sourceCount: number, distance: number): Point {
  const dx = from.x - to.x;
  const dy = from.y - to.y;
  const length = Math.hypot(dx, dy) || 1;
  const stagger = sourceCount > 2 && source % 2 === 1 ? distance * 0.45 : 0;
  const d = Math.min(distance + stagger, length * 0.45);
  return { x: to.x + (dx / length) * d, y: to.y + (dy / length) * d };
}

/** Stroke width of a connection: grows with |w| up to 5, then stays (the colour and label say more). */
export function edgeWidth(weight: number, scale = 1): number {
  return Math.round((1.25 + Math.min(Math.abs(weight), 5) * 1.25) * scale * 10) / 10;
}

/** How far from the neuron it feeds a weight label sits: clear of the circle, further on long connections. */
export function weightLabelDistance(layout: GraphLayout, from: Point, to: Point): number {
  const length = Math.hypot(from.x - to.x, from.y - to.y);
  return layout.radius + 10 * layout.scale + layout.font.small * 0.8 + 0.16 * length;
}

/** A weight label to place: its connection (from the source, to the neuron it feeds) and its text. */
export interface WeightLabel {
  from: Point;
  to: Point;
  /** which weight of its neuron, and how many it has (labels of one neuron fan out) */
  source: number;
  sourceCount: number;
  text: string;
  /** px added around the text (a bold name tag with a wide halo: graph-edges.tsx) */
  pad?: number;
  /** when its line has no free spot, it may go beside the line (a name tag) */
  beside?: boolean;
}

/**
 * A label's box, centred on its point (what it covers on the screen, estimated from its text: a
 * Chinese character about 1 em wide, other characters 0.62 em), `pad` px more on every side.
 */
export function weightLabelBox(layout: GraphLayout, text: string, at: Point, pad = 0) {
  let ems = 0;
  for (const char of text) ems += char.codePointAt(0)! >= 0x2e80 ? 1 : 0.62;
  const w = ems * layout.font.small + 6 * layout.scale + 2 * pad;
  const h = layout.font.small * 1.3 + 2 * pad;
  return { x: at.x - w / 2, y: at.y - h / 2, w, h };
}

type Box = ReturnType<typeof weightLabelBox>;

const overlapArea = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

function minBy<T>(items: readonly T[], cost: (item: T) => number): T | undefined {
  let best: T | undefined;
  let lowest = Infinity;
  for (const item of items) {
    const c = cost(item);
    if (c < lowest) [best, lowest] = [item, c];
  }
  return best;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function coversCircle(box: Box, centre: Point, r: number): boolean {
  const nx = Math.min(Math.max(centre.x, box.x), box.x + box.w);
  const ny = Math.min(Math.max(centre.y, box.y), box.y + box.h);
  return Math.hypot(centre.x - nx, centre.y - ny) < r;
}

/**
 * Where each weight label goes: at `weightLabelPoint` when that is free, else slid along its own
 * connection (nearest free spot first) so that it touches no label placed before it and no node.
 * On a phone, a 2-2-2 network's crossing connections would otherwise put two labels on one spot.
 * A label with no free spot on its connection keeps its usual place.
 */
export function placeWeightLabels(layout: GraphLayout, labels: readonly WeightLabel[]): Point[] {
  const nodes = [...layout.inputs, ...layout.layers.flat()];
  const placed: Box[] = [];
  return labels.map((label) => {
    const { from, to, text, pad } = label;
    const length = Math.hypot(from.x - to.x, from.y - to.y) || 1;
    const preferred = weightLabelPoint(
      from,
      to,
      label.source,
      label.sourceCount,
      weightLabelDistance(layout, from, to),
    );
    const at = (d: number): Point => ({
      x: to.x + ((from.x - to.x) / length) * d,
      y: to.y + ((from.y - to.y) / length) * d,
    });
    const start = Math.hypot(preferred.x - to.x, preferred.y - to.y);
    const step = layout.font.small * 0.5;
    const candidates: Point[] = [preferred];
    for (let i = 1; i < 80; i++) {
      for (const d of [start - i * step, start + i * step]) {
        if (d > layout.radius && d < length - layout.radius) candidates.push(at(d));
      }
    }
    if (label.beside) {
      // a tag that finds no room on its line may sit above or below it, one or two lines away
      // (a line of rendered text with its halo is about 2 em tall: the estimated boxes are smaller)
      const offset = layout.font.small * 2 + (pad ?? 0);
      const normal = { x: -(from.y - to.y) / length, y: (from.x - to.x) / length };
      const onLine = [...candidates];
      for (const away of [offset, -offset, 2 * offset, -2 * offset]) {
        for (const p of onLine) candidates.push({ x: p.x + normal.x * away, y: p.y + normal.y * away });
      }
    }
    const boxAt = (p: Point) => weightLabelBox(layout, text, p, pad);
    const clearOfNodes = (box: Box) => nodes.every((n) => !coversCircle(box, n, layout.radius + 1));
    const free = (p: Point) => {
      const box = boxAt(p);
      return placed.every((other) => !overlaps(box, other)) && clearOfNodes(box);
    };
    // no free spot: a label keeps its usual place; a tag takes the spot it overlaps least
    const crowded = () =>
      label.beside
        ? minBy(
            candidates.filter((p) => clearOfNodes(boxAt(p))),
            (p) => placed.reduce((sum, other) => sum + overlapArea(boxAt(p), other), 0),
          )
        : undefined;
    const chosen = candidates.find(free) ?? crowded() ?? preferred;
    placed.push(weightLabelBox(layout, text, chosen, pad));
    return chosen;
  });
}
