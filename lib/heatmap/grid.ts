// The input plane a heatmap shows: x1 across (left → right), x2 up (bottom → top), both over the
// same range. The plane is cut into resolution × resolution square cells; each pixel is the value
// at its cell's centre. Row r of the kernel batch is pixel r of the ImageData, which is filled
// left to right, top to bottom: r = iy · resolution + ix, so the first rows are the top (largest x2).

export interface PlaneRange {
  min: number;
  max: number;
}

/** Half-widths the range control offers: the plane is −h … h on both axes. */
export const RANGE_PRESETS = [1, 2, 6, 10] as const;
export const DEFAULT_HALF_WIDTH = 6;
export const DEFAULT_RESOLUTION = 128;
export const MIN_RESOLUTION = 8;
export const MAX_RESOLUTION = 256;
/**
 * The small per-neuron pictures are painted at most this many pixels a side (from every other
 * row and column of a 256 batch): they are shown about 64 CSS pixels wide, so more would be lost
 * in the downscaling anyway, and it makes a 256 repaint about three times cheaper to paint.
 */
export const SMALL_RESOLUTION = 128;

export function symmetricRange(halfWidth: number): PlaneRange {
  return { min: -halfWidth, max: halfWidth };
}

/** A usable resolution: an integer in MIN_RESOLUTION … MAX_RESOLUTION (default when not a number). */
export function clampResolution(resolution: number | undefined): number {
  if (resolution === undefined || !Number.isFinite(resolution)) return DEFAULT_RESOLUTION;
  return Math.min(MAX_RESOLUTION, Math.max(MIN_RESOLUTION, Math.round(resolution)));
}

/** Rows of the batch for a resolution: one per pixel. */
export function gridRows(resolution: number): number {
  return resolution * resolution;
}

/** x1 at the centre of column ix (0 = left). */
export function columnValue(ix: number, resolution: number, range: PlaneRange): number {
  return range.min + ((ix + 0.5) * (range.max - range.min)) / resolution;
}

/** x2 at the centre of line iy (0 = top). */
export function lineValue(iy: number, resolution: number, range: PlaneRange): number {
  return range.max - ((iy + 0.5) * (range.max - range.min)) / resolution;
}

/** (x1, x2) of row r of the batch. */
export function gridPoint(row: number, resolution: number, range: PlaneRange): [number, number] {
  const ix = row % resolution;
  const iy = Math.floor(row / resolution);
  return [columnValue(ix, resolution, range), lineValue(iy, resolution, range)];
}

/** The row of the pixel whose cell contains (x1, x2), or −1 when the point is off the plane. */
export function rowAt(x1: number, x2: number, resolution: number, range: PlaneRange): number {
  const width = range.max - range.min;
  const ix = Math.floor(((x1 - range.min) / width) * resolution);
  const iy = Math.floor(((range.max - x2) / width) * resolution);
  if (!(ix >= 0 && ix < resolution && iy >= 0 && iy < resolution)) return -1;
  return iy * resolution + ix;
}

/** A writable column of numbers: the kernel's Float32Array/Float64Array views, or a plain array. */
export interface NumberColumn {
  [index: number]: number;
  readonly length: number;
}

/** Writes every row's x1 and x2 into the two input columns. */
export function fillGrid(x1: NumberColumn, x2: NumberColumn, resolution: number, range: PlaneRange): void {
  const across = Array.from({ length: resolution }, (_, ix) => columnValue(ix, resolution, range));
  for (let iy = 0; iy < resolution; iy++) {
    const up = lineValue(iy, resolution, range);
    const start = iy * resolution;
    for (let ix = 0; ix < resolution; ix++) {
      x1[start + ix] = across[ix]!;
      x2[start + ix] = up;
    }
  }
}

/**
 * Where a point sits on the picture, as fractions of its width (from the left) and height (from
 * the top); `inside` is false when it is off the plotted range (the marker is then hidden).
 */
export function planePosition(
  x1: number,
  x2: number,
  range: PlaneRange,
): { left: number; top: number; inside: boolean } {
  const width = range.max - range.min;
  const left = (x1 - range.min) / width;
  const top = (range.max - x2) / width;
  return { left, top, inside: left >= 0 && left <= 1 && top >= 0 && top <= 1 };
}
