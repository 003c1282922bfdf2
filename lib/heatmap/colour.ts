// The heatmaps' colour scale: a diverging blue–white–orange palette that stays readable for
// colour-blind students, and the mapping from a neuron's outputs to colours.
//
// The palette joins the two halves of two ColorBrewer diverging schemes (Cynthia Brewer,
// colorbrewer2.org), both marked "colorblind safe" there: the orange half of PuOr for negative
// values and the blue half of RdBu for positive ones. They share the same near-white centre, and
// each half darkens steadily away from it, so the value can also be read from lightness alone
// (blue versus orange is the pair that deuteranopes, protanopes and tritanopes all tell apart).
// Blue = positive and orange = negative match the colours of the weights in the neuron diagram.
//
// How values map to colours (one scale per neuron):
// - white is always exactly 0: a neuron that outputs 0 passes nothing on;
// - the scale is symmetric, −limit … limit, so equal distances from 0 get equally dark colours;
// - bounded activations (step, sigmoid, tanh) use their natural limit 1, so their colours mean the
//   same thing after every edit: step and sigmoid (0…1) go from white to dark blue and never show
//   orange, tanh (−1…1) uses the whole palette;
// - unbounded activations (linear, relu, leaky_relu, softplus) use the largest |value| on the
//   plane rounded up to 1, 2 or 5 × 10^k, and never less than 1: values within ±1 look the same as
//   under tanh, larger values widen the scale in steps (so it does not flicker while dragging), and
//   the legend says which limit is in use. A neuron that is almost silent stays almost white.
// - NaN (an overflow in a long linear chain) is painted neutral grey; ±∞ take the end colours.
import type { ActivationId } from "../network/activations";
import type { OutputStats } from "./stats";

/** ColorBrewer PuOr, orange half, from the centre outwards (values 0 → −limit). */
export const NEGATIVE_RAMP = ["#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"] as const;
/** ColorBrewer RdBu, blue half, from the centre outwards (values 0 → +limit). */
export const POSITIVE_RAMP = ["#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"] as const;
/** Colour of a value that is not a number. */
export const NAN_COLOUR = "#8c8c8c";

/** The whole palette from −limit to +limit: 11 stops, the centre one is 0. */
export const PALETTE: readonly string[] = [...[...NEGATIVE_RAMP].reverse(), ...POSITIVE_RAMP.slice(1)];

/** Activations whose outputs never leave −1…1: drawn on a fixed scale. */
const BOUNDED: ReadonlySet<ActivationId> = new Set(["step", "sigmoid", "tanh"]);
/** Activations that never output a negative value: their legend starts at 0. */
const NON_NEGATIVE: ReadonlySet<ActivationId> = new Set(["step", "sigmoid", "relu", "softplus"]);

export type Rgb = readonly [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

const PALETTE_RGB: readonly Rgb[] = PALETTE.map(hexToRgb);

/** The colour at position t of the palette, 0 (−limit) … 1 (+limit), interpolated between stops. */
export function paletteColour(t: number): Rgb {
  const clamped = Math.min(1, Math.max(0, t));
  const x = clamped * (PALETTE_RGB.length - 1);
  const i = Math.min(PALETTE_RGB.length - 2, Math.floor(x));
  const f = x - i;
  const a = PALETTE_RGB[i]!;
  const b = PALETTE_RGB[i + 1]!;
  const mix = (c: 0 | 1 | 2) => Math.round(a[c] + (b[c] - a[c]) * f);
  return [mix(0), mix(1), mix(2)];
}

/** Colour of `value` on the scale −limit … limit. */
export function valueColour(value: number, limit: number): Rgb {
  if (Number.isNaN(value)) return hexToRgb(NAN_COLOUR);
  return paletteColour((value / limit + 1) / 2);
}

/** Entries of the lookup table: odd, so that the middle entry is exactly 0. */
export const LUT_SIZE = 511;
const LUT_CENTRE = (LUT_SIZE - 1) / 2;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 4;

/** An opaque colour as one 32-bit pixel of ImageData (whose bytes are R, G, B, A). */
export function packPixel([r, g, b]: Rgb): number {
  return LITTLE_ENDIAN
    ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/** The palette sampled at LUT_SIZE points, as packed pixels: entry i is value (2i/(LUT_SIZE−1) − 1)·limit. */
export const LUT: Uint32Array = Uint32Array.from({ length: LUT_SIZE }, (_, i) =>
  packPixel(paletteColour(i / (LUT_SIZE - 1))),
);
const NAN_PIXEL = packPixel(hexToRgb(NAN_COLOUR));

/** Index into LUT of `value` on −limit … limit (clamped; NaN gives −1). */
export function lutIndex(value: number, limit: number): number {
  if (Number.isNaN(value)) return -1;
  const f = (value / limit) * LUT_CENTRE + LUT_CENTRE + 0.5;
  return f <= 0 ? 0 : f >= LUT_SIZE - 1 ? LUT_SIZE - 1 : Math.floor(f);
}

/** The scale a neuron's heatmap is drawn with. */
export interface NeuronScale {
  /** the palette spans −limit … limit; white is 0 */
  limit: number;
  /** the part of the palette the activation can reach, for the legend: [0, limit] or [−limit, limit] */
  low: number;
  high: number;
}

/** The smallest 1, 2 or 5 × 10^k that is ≥ x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const base = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) {
    // a little slack for float noise in base (e.g. 10 ** -1 · 2)
    if (m * base >= x * (1 - 1e-12)) return m * base;
  }
  return 10 * base;
}

/** The scale for a neuron with this activation whose outputs over the plane have these stats. */
export function neuronScale(activation: ActivationId, stats: OutputStats): NeuronScale {
  const limit = BOUNDED.has(activation) ? 1 : Math.max(1, niceCeil(stats.maxAbs));
  return { limit, low: NON_NEGATIVE.has(activation) ? 0 : -limit, high: limit };
}

/** Whether an activation's scale depends on the values (and so needs their stats first). */
export function isBoundedActivation(activation: ActivationId): boolean {
  return BOUNDED.has(activation);
}

/**
 * Writes the colour of every value into `pixels` (a Uint32Array view on ImageData's bytes, one
 * pixel per value, same order). The hot loop of every repaint: one lookup per pixel.
 */
export function paintValues(values: ArrayLike<number>, pixels: Uint32Array, limit: number): void {
  const n = Math.min(values.length, pixels.length);
  const k = LUT_CENTRE / limit;
  const top = LUT_SIZE - 1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const f = v * k + (LUT_CENTRE + 0.5);
    // NaN fails both comparisons below and the one in the else branch: handled first
    if (f !== f) pixels[i] = NAN_PIXEL;
    else pixels[i] = LUT[f <= 0 ? 0 : f >= top ? top : f | 0]!;
  }
}

/**
 * Paints a square picture of `target` × `target` pixels from `values` laid out as `source` ×
 * `source` (row-major, like the batch): each pixel takes the value nearest to its centre. Used
 * for the small per-neuron pictures, which never need more than SMALL_RESOLUTION pixels a side.
 */
export function paintResampled(
  values: ArrayLike<number>,
  source: number,
  pixels: Uint32Array,
  target: number,
  limit: number,
): void {
  if (source === target) return paintValues(values, pixels, limit);
  const k = LUT_CENTRE / limit;
  const top = LUT_SIZE - 1;
  const columns = Int32Array.from({ length: target }, (_, i) => Math.floor(((i + 0.5) * source) / target));
  for (let y = 0; y < target; y++) {
    const from = columns[y]! * source;
    const to = y * target;
    for (let x = 0; x < target; x++) {
      const f = values[from + columns[x]!]! * k + (LUT_CENTRE + 0.5);
      if (f !== f) pixels[to + x] = NAN_PIXEL;
      else pixels[to + x] = LUT[f <= 0 ? 0 : f >= top ? top : f | 0]!;
    }
  }
}

/** A CSS linear-gradient (left to right) of the palette from `low` to `high` on −limit … limit. */
export function legendGradient(scale: NeuronScale, stops = 9): string {
  const colours = Array.from({ length: stops }, (_, i) => {
    const value = scale.low + ((scale.high - scale.low) * i) / (stops - 1);
    return rgbToHex(valueColour(value, scale.limit));
  });
  return `linear-gradient(to right, ${colours.join(", ")})`;
}

/** CIE L* (0 black … 100 white) of an sRGB colour: the lightness tests hold the palette to. */
export function lightness([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}
