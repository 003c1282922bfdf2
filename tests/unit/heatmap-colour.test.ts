import { describe, expect, it } from "vitest";
import {
  hexToRgb,
  legendGradient,
  lightness,
  LUT,
  LUT_SIZE,
  lutIndex,
  NAN_COLOUR,
  NEGATIVE_RAMP,
  neuronScale,
  niceCeil,
  packPixel,
  paintResampled,
  paintValues,
  PALETTE,
  paletteColour,
  POSITIVE_RAMP,
  valueColour,
} from "../../lib/heatmap/colour";
import { outputStats } from "../../lib/heatmap/stats";
import { ACTIVATION_IDS } from "../../lib/network/activations";

const stats = (maxAbs: number) => ({ min: -maxAbs, max: maxAbs, maxAbs, nonFinite: 0 });

describe("palette", () => {
  it("is ColorBrewer's colour-blind-safe PuOr (orange half) and RdBu (blue half)", () => {
    // colorbrewer2.org, 11 classes: PuOr from the centre to its orange end, RdBu to its blue end
    expect(NEGATIVE_RAMP).toEqual(["#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"]);
    expect(POSITIVE_RAMP).toEqual(["#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"]);
    expect(PALETTE).toHaveLength(11);
    expect(PALETTE[0]).toBe("#7f3b08");
    expect(PALETTE[5]).toBe("#f7f7f7");
    expect(PALETTE[10]).toBe("#053061");
  });

  it("ends in dark orange (−limit) and dark blue (+limit), with near-white at 0", () => {
    expect(valueColour(-1, 1)).toEqual(hexToRgb("#7f3b08"));
    expect(valueColour(1, 1)).toEqual(hexToRgb("#053061"));
    expect(valueColour(0, 1)).toEqual(hexToRgb("#f7f7f7"));
    expect(valueColour(-50, 5)).toEqual(hexToRgb("#7f3b08")); // clamped
    expect(valueColour(Infinity, 5)).toEqual(hexToRgb("#053061"));
    expect(valueColour(Number.NaN, 1)).toEqual(hexToRgb(NAN_COLOUR));
    const [r, , b] = valueColour(0.5, 1);
    expect(b).toBeGreaterThan(r); // positive is blue
    const [r2, , b2] = valueColour(-0.5, 1);
    expect(r2).toBeGreaterThan(b2); // negative is orange
  });

  it("darkens monotonically away from 0 on both sides (readable from lightness alone)", () => {
    const samples = 200;
    let previous = lightness(paletteColour(0.5));
    for (let i = 1; i <= samples; i++) {
      const l = lightness(paletteColour(0.5 + (0.5 * i) / samples));
      expect(l).toBeLessThanOrEqual(previous + 0.5); // rounding to whole RGB values jitters L* a little
      previous = l;
    }
    previous = lightness(paletteColour(0.5));
    for (let i = 1; i <= samples; i++) {
      const l = lightness(paletteColour(0.5 - (0.5 * i) / samples));
      expect(l).toBeLessThanOrEqual(previous + 0.5); // rounding to whole RGB values jitters L* a little
      previous = l;
    }
    // and really spans light to dark on both sides
    expect(lightness(paletteColour(0.5))).toBeGreaterThan(95);
    expect(lightness(paletteColour(0))).toBeLessThan(35);
    expect(lightness(paletteColour(1))).toBeLessThan(35);
  });

  it("is orange on the negative side and blue on the positive side, never mixed", () => {
    for (let i = 1; i <= 100; i++) {
      const [rNeg, , bNeg] = paletteColour(0.5 - i / 200);
      const [rPos, , bPos] = paletteColour(0.5 + i / 200);
      expect(rNeg).toBeGreaterThan(bNeg);
      expect(bPos).toBeGreaterThan(rPos);
    }
  });
});

describe("value → colour", () => {
  it("the lookup table's middle entry is 0 and its ends are the palette's ends", () => {
    expect(LUT_SIZE % 2).toBe(1);
    expect(lutIndex(0, 1)).toBe((LUT_SIZE - 1) / 2);
    expect(lutIndex(-1, 1)).toBe(0);
    expect(lutIndex(1, 1)).toBe(LUT_SIZE - 1);
    expect(lutIndex(-1e30, 1)).toBe(0);
    expect(lutIndex(Infinity, 1)).toBe(LUT_SIZE - 1);
    expect(lutIndex(Number.NaN, 1)).toBe(-1);
    expect(LUT[0]).toBe(packPixel(hexToRgb("#7f3b08")));
    expect(LUT[LUT_SIZE - 1]).toBe(packPixel(hexToRgb("#053061")));
  });

  it("lookup indices grow with the value", () => {
    let previous = -1;
    for (let v = -2; v <= 2; v += 0.001) {
      const i = lutIndex(v, 2);
      expect(i).toBeGreaterThanOrEqual(previous);
      previous = i;
    }
  });

  it("paints one pixel per value, as ImageData bytes R, G, B, A", () => {
    const values = new Float32Array([-1, 0, 1, Number.NaN, 0.5, Infinity, -Infinity]);
    const bytes = new Uint8ClampedArray(values.length * 4);
    paintValues(values, new Uint32Array(bytes.buffer), 1);
    const pixel = (i: number) => Array.from(bytes.slice(i * 4, i * 4 + 4));
    expect(pixel(0)).toEqual([...hexToRgb("#7f3b08"), 255]);
    expect(pixel(1)).toEqual([...hexToRgb("#f7f7f7"), 255]);
    expect(pixel(2)).toEqual([...hexToRgb("#053061"), 255]);
    expect(pixel(3)).toEqual([...hexToRgb(NAN_COLOUR), 255]);
    expect(pixel(4)).toEqual([...paletteColour(lutIndex(0.5, 1) / (LUT_SIZE - 1)), 255]);
    expect(pixel(5)).toEqual(pixel(2));
    expect(pixel(6)).toEqual(pixel(0));
  });
});

describe("resampled pictures", () => {
  it("takes, for each pixel, the value nearest to its centre", () => {
    const source = 5;
    const values = Float32Array.from(
      { length: source * source },
      (_, i) => (i % source) / 4 - Math.floor(i / source) / 4,
    );
    const direct = new Uint32Array(source * source);
    const same = new Uint32Array(source * source);
    paintValues(values, direct, 1);
    paintResampled(values, source, same, source, 1);
    expect(same).toEqual(direct);
    const small = new Uint32Array(9);
    paintResampled(values, source, small, 3, 1);
    // target pixel i covers source cells around floor((i + 0.5) · 5 / 3) = 0, 2, 4
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 3; x++) expect(small[y * 3 + x]).toBe(direct[2 * y * source + 2 * x]);
    }
  });
});

describe("scales", () => {
  it("bounded activations keep their natural range, whatever the values", () => {
    expect(neuronScale("sigmoid", stats(0.2))).toEqual({ limit: 1, low: 0, high: 1 });
    expect(neuronScale("step", stats(1))).toEqual({ limit: 1, low: 0, high: 1 });
    expect(neuronScale("tanh", stats(0.9))).toEqual({ limit: 1, low: -1, high: 1 });
  });

  it("unbounded activations round the largest |value| up to 1, 2 or 5 × 10^k, at least 1", () => {
    expect(neuronScale("relu", stats(3.2))).toEqual({ limit: 5, low: 0, high: 5 });
    expect(neuronScale("linear", stats(12))).toEqual({ limit: 20, low: -20, high: 20 });
    expect(neuronScale("leaky_relu", stats(0.01))).toEqual({ limit: 1, low: -1, high: 1 });
    expect(neuronScale("softplus", stats(0))).toEqual({ limit: 1, low: 0, high: 1 });
    expect([0.3, 1, 1.01, 2, 4.9, 5, 7, 0.002, 1e6 + 1].map(niceCeil)).toEqual([0.5, 1, 2, 2, 5, 5, 10, 0.002, 2e6]);
  });

  it("every activation has a scale whose palette puts 0 at white", () => {
    for (const id of ACTIVATION_IDS) {
      const scale = neuronScale(id, stats(3));
      expect(scale.high).toBe(scale.limit);
      expect([0, -scale.limit]).toContain(scale.low);
      expect(valueColour(0, scale.limit)).toEqual(hexToRgb("#f7f7f7"));
    }
  });

  it("legend gradients cover the reachable part of the palette", () => {
    // 6 stops on 0…1 land exactly on the blue half's 6 colours
    expect(legendGradient({ limit: 1, low: 0, high: 1 }, 6)).toBe(
      `linear-gradient(to right, ${POSITIVE_RAMP.join(", ")})`,
    );
    expect(legendGradient({ limit: 2, low: -2, high: 2 }, 3)).toBe(
      "linear-gradient(to right, #7f3b08, #f7f7f7, #053061)",
    );
  });
});

describe("output stats", () => {
  it("min, max and max |value| over finite values; counts the rest", () => {
    expect(outputStats(new Float32Array([0.5, -2, 1.5, Number.NaN, Infinity]))).toEqual({
      min: -2,
      max: 1.5,
      maxAbs: 2,
      nonFinite: 2,
    });
    const empty = outputStats([Number.NaN]);
    expect(empty.maxAbs).toBe(0);
    expect(empty.nonFinite).toBe(1);
    expect(Number.isNaN(empty.min)).toBe(true);
  });
});
