// The loss chart's arithmetic: the axes' ranges and ticks, and each curve as a short SVG path.
// Pure, so it is tested without a browser; the chart component only draws what this returns.
import type { LossCurve } from "./types";

export interface ChartScale {
  /** the x axis: epochs 0 … xMax */
  xMax: number;
  /** the y axis: loss 0 … yMax */
  yMax: number;
  xTicks: number[];
  yTicks: number[];
}

/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`. */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const nice = step * power;
    // a little slack: 0.5000001 (float32 noise) still counts as 0.5
    if (nice >= value * (1 - 1e-9)) return nice;
  }
  return 10 * power;
}

/**
 * 0, then evenly up to `max` (a nice number) in steps that are round too: 4 steps for 1 or 2
 * (0.25, 0.5), 5 for 2.5 or 5 (0.5, 1).
 */
export function ticks(max: number): number[] {
  const mantissa = max / 10 ** Math.floor(Math.log10(max));
  const count = Math.abs(mantissa - 2.5) < 1e-9 || Math.abs(mantissa - 5) < 1e-9 ? 5 : 4;
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

/** The largest finite value of the curves' train and test losses (0 without any). */
function largestLoss(curves: readonly LossCurve[]): number {
  let largest = 0;
  for (const curve of curves) {
    for (const column of curve.hasTest ? [curve.trainLoss, curve.testLoss] : [curve.trainLoss]) {
      for (const v of column) if (Number.isFinite(v) && v > largest) largest = v;
    }
  }
  return largest;
}

/**
 * Axes that fit every curve given (the run in progress and the one it is compared with): epochs
 * from 0 to the last one (at least 10), losses from 0 to a round number above the largest, with
 * `extra` values (a lesson's "no line can do better" mark) kept in view.
 */
export function lossChartScale(curves: readonly LossCurve[], extra: readonly number[] = []): ChartScale {
  const lastEpoch = Math.max(10, ...curves.map((c) => c.epochs.at(-1) ?? 0));
  const xMax = niceCeil(lastEpoch);
  const yMax = niceCeil(Math.max(largestLoss(curves), ...extra.filter(Number.isFinite), 1e-3));
  return { xMax, yMax, xTicks: ticks(xMax), yTicks: ticks(yMax) };
}

/**
 * One series as an SVG path in a width × height box (y down), at most four points per pixel
 * column (its first, lowest, highest and last), so a curve of thousands of points stays a path
 * of a few hundred whatever the run's length, and no spike is lost.
 */
export function seriesPath(
  epochs: ArrayLike<number>,
  values: ArrayLike<number>,
  scale: Pick<ChartScale, "xMax" | "yMax">,
  width: number,
  height: number,
): string {
  const x = (epoch: number) => (epoch / scale.xMax) * width;
  const y = (value: number) => height - (Math.min(value, scale.yMax) / scale.yMax) * height;
  const parts: string[] = [];
  let column = Number.NaN;
  let first = 0;
  let low = 0;
  let high = 0;
  let last = 0;
  let firstX = 0;
  let lastX = 0;
  const point = (px: number, v: number) => parts.push(`${parts.length === 0 ? "M" : "L"}${round(px)} ${round(y(v))}`);
  const emit = () => {
    if (Number.isNaN(column)) return;
    point(firstX, first);
    if (low < high) {
      const middle = (firstX + lastX) / 2;
      point(middle, low);
      point(middle, high);
    }
    if (lastX !== firstX) point(lastX, last);
  };
  for (let i = 0; i < epochs.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const px = x(epochs[i]!);
    const c = Math.floor(px);
    if (c !== column) {
      emit();
      column = c;
      first = low = high = v;
      firstX = px;
    } else {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    last = v;
    lastX = px;
  }
  emit();
  return parts.join("");
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
