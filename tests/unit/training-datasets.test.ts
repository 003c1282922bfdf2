// The data sets: seeded, split, shaped as their names say, and the same points for the same spec
// (golden values: a change would silently change every lesson and every race).
import { describe, expect, it } from "vitest";
import {
  addPoint,
  customDataSpec,
  dataSpecSchema,
  GENERATED_KINDS,
  makeDataSet,
  removePointNear,
  type Sample,
} from "../../lib/training/datasets";
import { FEATURES, featureColumns, featuresForInputs } from "../../lib/training/features";

const all = (d: { train: Sample[]; test: Sample[] }) => [...d.train, ...d.test];

describe("makeDataSet", () => {
  it.each(GENERATED_KINDS)("%s: the same spec gives the same points; another seed others", (kind) => {
    const spec = { kind, points: 200, noise: 0.2, seed: 11 };
    expect(makeDataSet(spec)).toEqual(makeDataSet(spec));
    expect(makeDataSet({ ...spec, seed: 12 })).not.toEqual(makeDataSet(spec));
  });

  it("keeps the points it made for a seed (golden values)", () => {
    const first = (kind: (typeof GENERATED_KINDS)[number]) =>
      makeDataSet({ kind, points: 100, noise: 0.1, seed: 7 }).train[0];
    expect(first("xor")).toEqual({ x1: 3.80218879757449, x2: 2.300242609065026, label: 0 });
    expect(first("circle")).toEqual({ x1: -2.021615615608387, x2: -0.6565220480520007, label: 1 });
    expect(first("gaussians")).toEqual({ x1: 2.8819098618565424, x2: 3.3600414890404497, label: 1 });
    expect(first("spiral")).toEqual({ x1: 0.6509290597173993, x2: 0.09005375200216409, label: 1 });
  });

  it.each(GENERATED_KINDS)("%s: splits the points by trainFraction, every point once", (kind) => {
    const data = makeDataSet({ kind, points: 301, noise: 0.1, trainFraction: 0.3, seed: 2 });
    expect(data.train).toHaveLength(90);
    expect(data.test).toHaveLength(211);
    expect(new Set(all(data).map((p) => `${p.x1},${p.x2}`)).size).toBe(301);
  });

  it("xor without noise: class 1 exactly where x1 and x2 have different signs, never on the axes", () => {
    const points = all(makeDataSet({ kind: "xor", points: 500, seed: 3 }));
    for (const p of points) {
      expect(p.label).toBe(p.x1 * p.x2 < 0 ? 1 : 0);
      expect(Math.min(Math.abs(p.x1), Math.abs(p.x2))).toBeGreaterThanOrEqual(0.3);
    }
    const ones = points.filter((p) => p.label === 1).length;
    expect(ones).toBeGreaterThan(200);
    expect(ones).toBeLessThan(300);
  });

  it("circle without noise: class 1 inside radius 2.5, class 0 in the ring 3.5 … 5, half each", () => {
    const points = all(makeDataSet({ kind: "circle", points: 400, seed: 3 }));
    for (const p of points) {
      const r = Math.hypot(p.x1, p.x2);
      if (p.label === 1) expect(r).toBeLessThan(2.5);
      else expect(r >= 3.5 - 1e-9 && r <= 5 + 1e-9).toBe(true);
    }
    expect(points.filter((p) => p.label === 1)).toHaveLength(200);
  });

  it("gaussians: class 1 around (2, 2), class 0 around (−2, −2); noise spreads them", () => {
    const spread = (noise: number) => {
      const points = all(makeDataSet({ kind: "gaussians", points: 1000, noise, seed: 4 }));
      const ones = points.filter((p) => p.label === 1);
      const mean = ones.reduce((m, p) => m + p.x1, 0) / ones.length;
      const variance = ones.reduce((v, p) => v + (p.x1 - mean) ** 2, 0) / ones.length;
      return { mean, variance, ones: ones.length };
    };
    const quiet = spread(0);
    expect(quiet.ones).toBe(500);
    expect(quiet.mean).toBeCloseTo(2, 0);
    expect(quiet.variance).toBeGreaterThan(0.35);
    expect(quiet.variance).toBeLessThan(0.65);
    expect(spread(0.5).variance).toBeGreaterThan(3);
  });

  it("spiral: two arms out to radius 5, one per class", () => {
    const points = all(makeDataSet({ kind: "spiral", points: 200, seed: 5 }));
    expect(Math.max(...points.map((p) => Math.hypot(p.x1, p.x2)))).toBeLessThanOrEqual(5);
    expect(points.filter((p) => p.label === 1)).toHaveLength(100);
  });

  it("refuses specs outside the limits, with the field's path", () => {
    const noisy = dataSpecSchema.safeParse({ kind: "xor", noise: 0.6 });
    expect(noisy.success).toBe(false);
    expect(noisy.error?.issues[0]?.path).toEqual(["noise"]);
    expect(dataSpecSchema.safeParse({ kind: "xor", points: 5 }).success).toBe(false);
    expect(dataSpecSchema.safeParse({ kind: "moons" }).success).toBe(false);
    expect(dataSpecSchema.safeParse({ kind: "custom", points: [] }).success).toBe(false);
    expect(dataSpecSchema.safeParse({ kind: "custom", points: [{ x1: 0, x2: 0, label: 2 }] }).success).toBe(false);
  });
});

describe("my points", () => {
  it("adds clicked points of either class and removes the nearest within reach", () => {
    let points = addPoint([], { x1: 1, x2: 1, label: 1 });
    points = addPoint(points, { x1: -2, x2: 0.5, label: 0 });
    points = addPoint(points, { x1: Number.NaN, x2: 0, label: 0 }); // refused: changes nothing
    expect(points).toEqual([
      { x1: 1, x2: 1, label: 1 },
      { x1: -2, x2: 0.5, label: 0 },
    ]);
    expect(removePointNear(points, 1.1, 0.9, 0.5)).toEqual([{ x1: -2, x2: 0.5, label: 0 }]);
    expect(removePointNear(points, 4, 4, 0.5)).toBe(points);
  });

  it("train on them: split with the seed like a generated set", () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ x1: i, x2: -i, label: (i % 2) as 0 | 1 }));
    const data = makeDataSet(customDataSpec(points, 0.5, 3));
    expect(data.train).toHaveLength(10);
    expect([...data.train, ...data.test].sort((a, b) => a.x1 - b.x1)).toEqual(points);
    expect(makeDataSet(customDataSpec(points, 0.5, 3))).toEqual(data);
  });
});

describe("features (extra)", () => {
  it("computes each feature from (x1, x2)", () => {
    const [x1, x2, sq, prod, sin] = featureColumns(
      [{ x1: 2, x2: -3, label: 0 }],
      ["x1", "x2", "x1_squared", "x1_times_x2", "sin_x2"],
    );
    expect([x1![0], x2![0], sq![0], prod![0]]).toEqual([2, -3, 4, -6]);
    expect(sin![0]).toBeCloseTo(Math.sin(-3), 15);
    expect(FEATURES.x2_squared(0, 5)).toBe(25);
  });

  it("reads which feature each network input receives from its label", () => {
    expect(featuresForInputs(["x1", "x2"])).toEqual(["x1", "x2"]);
    expect(featuresForInputs(["x1·x2", "sin x1", "x2_squared"])).toEqual(["x1_times_x2", "sin_x1", "x2_squared"]);
    expect(featuresForInputs(["x1", "age"])).toBeNull();
  });
});
