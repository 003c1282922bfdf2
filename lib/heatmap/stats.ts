// What the values of one heatmap span: shown under the output's heatmap ("on this plane: 0.02 …
// 0.98") and used to choose the colour scale of unbounded activations.

export interface OutputStats {
  /** smallest and largest finite value; NaN when there is none */
  min: number;
  max: number;
  /** largest |finite value|; 0 when there is none */
  maxAbs: number;
  /** how many values are NaN or ±∞ */
  nonFinite: number;
}

export function outputStats(values: ArrayLike<number>): OutputStats {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // v - v is NaN exactly when v is NaN or ±∞
    if (v - v !== 0) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return { min: Number.NaN, max: Number.NaN, maxAbs: 0, nonFinite };
  return { min, max, maxAbs: Math.max(-min, max), nonFinite };
}
