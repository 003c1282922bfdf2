// The best any straight line can do: the smallest mean squared error of a·x1 + b·x2 + c on a set
// of points (least squares). An all-linear network computes such a function whatever its depth,
// so on squared error with targets 0/1 no all-linear network trains below this: the bound the
// "XOR by training" lesson draws on its chart, and its test checks.
import type { Sample } from "./datasets";

/** The least-squares fit's mean squared error on `points` (targets: the class, 0 or 1). */
export function bestLineLoss(points: readonly Sample[]): number {
  // normal equations (XᵀX) w = Xᵀy for rows [x1, x2, 1], solved by Cramer's rule
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  for (const p of points) {
    const row = [p.x1, p.x2, 1];
    for (let i = 0; i < 3; i++) {
      v[i]! += row[i]! * p.label;
      for (let j = 0; j < 3; j++) m[i]![j]! += row[i]! * row[j]!;
    }
  }
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  const w = [0, 1, 2].map((k) => det(m.map((row, i) => row.map((x, j) => (j === k ? v[i]! : x)))) / d);
  return points.reduce((sum, p) => sum + (w[0]! * p.x1 + w[1]! * p.x2 + w[2]! - p.label) ** 2, 0) / points.length;
}
