// A list of timings in short: how many, the median, the 95th percentile and the largest (two
// decimals). Shared by the browser measurements (bench/train-ui.ts, tests/e2e/heatmap-perf.spec.ts).
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const round = (v: number) => Math.round(v * 100) / 100;
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? Number.NaN) };
}
