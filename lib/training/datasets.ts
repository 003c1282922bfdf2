// The data sets a class trains on: points (x1, x2) of two classes on the input plane.
//
// Four generated sets that classes know from TensorFlow Playground (its dataset.ts, reimplemented
// here with the same shapes and noise model) — XOR (quadrants), circle, two Gaussians, spiral —
// and "my points": points a user clicked onto the plane. A data set is described by a small
// JSON spec (kind, number of points, noise, train/test split, seed); makeDataSet(spec) is pure
// and seeded, so the browser, a worker and the server build the very same points from the same
// spec (portable-math.ts: no engine-dependent Math.sin/log), and the server can recompute a test
// loss on the test set instead of trusting a number a client reports.
//
// Classes are 0 and 1. The plane is the heatmap's default −6 … 6.
import { z } from "zod";
import { inputValueSchema } from "../network/schema";
import { portableCos, portableSin } from "./portable-math";
import { createRandom, deriveSeed, normal, SEED_STREAMS, shuffleInPlace, type Random } from "./random";

export type ClassLabel = 0 | 1;

/** One point on the input plane and its class. */
export interface Sample {
  x1: number;
  x2: number;
  label: ClassLabel;
}

export interface DataSet {
  train: Sample[];
  test: Sample[];
}

export const GENERATED_KINDS = ["xor", "circle", "gaussians", "spiral"] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

export const DATA_LIMITS = {
  /** generated sets: total points (train + test); the playground offers 500 */
  points: { min: 10, max: 1000 },
  /** "my points": enough for a class to click, few enough to train instantly */
  customPoints: { max: 1000 },
  /** fraction of the points drawn with the same seed that go to training */
  trainFraction: { min: 0.1, max: 0.9 },
  /** the playground's noise slider 0–50 %, as a fraction */
  noise: { min: 0, max: 0.5 },
} as const;

const seedSchema = z.number().int().min(0).max(0xffffffff);
const trainFractionSchema = z.number().min(DATA_LIMITS.trainFraction.min).max(DATA_LIMITS.trainFraction.max);

export const sampleSchema = z.strictObject({
  x1: inputValueSchema,
  x2: inputValueSchema,
  label: z.union([z.literal(0), z.literal(1)], { error: "must be 0 or 1" }),
});

export const dataSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.enum(GENERATED_KINDS),
    points: z.number().int().min(DATA_LIMITS.points.min).max(DATA_LIMITS.points.max).default(500),
    noise: z.number().min(DATA_LIMITS.noise.min).max(DATA_LIMITS.noise.max).default(0),
    trainFraction: trainFractionSchema.default(0.5),
    seed: seedSchema.default(1),
  }),
  z.strictObject({
    kind: z.literal("custom"),
    points: z.array(sampleSchema).min(1, "needs at least 1 point").max(DATA_LIMITS.customPoints.max),
    trainFraction: trainFractionSchema.default(0.5),
    seed: seedSchema.default(1),
  }),
]);

/** A data set's description, defaults filled in (what dataSpecSchema.parse returns). */
export type DataSpec = z.output<typeof dataSpecSchema>;
/** What a caller may write: defaults may be left out. */
export type DataSpecInput = z.input<typeof dataSpecSchema>;

/**
 * The points of a spec, split into train and test: all points are shuffled with the spec's seed,
 * the first round(n · trainFraction) (at least 1) train, the rest test.
 */
export function makeDataSet(input: DataSpecInput): DataSet {
  const spec = dataSpecSchema.parse(input);
  const points =
    spec.kind === "custom"
      ? spec.points.map((p) => ({ ...p }))
      : GENERATORS[spec.kind](spec.points, spec.noise, createRandom(deriveSeed(spec.seed, SEED_STREAMS.data)));
  const order = points.map((_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(spec.seed, SEED_STREAMS.split)));
  const shuffled = order.map((i) => points[i]!);
  const trainCount = Math.min(shuffled.length, Math.max(1, Math.round(shuffled.length * spec.trainFraction)));
  return { train: shuffled.slice(0, trainCount), test: shuffled.slice(trainCount) };
}

type Generator = (count: number, noise: number, random: Random) => Sample[];

/** Half the points of each class (the first class gets the odd one). */
function perClass(count: number): [number, number] {
  return [Math.ceil(count / 2), Math.floor(count / 2)];
}

/** Quadrants: class 1 where exactly one of x1, x2 is positive (x1 · x2 < 0), as XOR of their signs. */
function xor(count: number, noise: number, random: Random): Sample[] {
  const padding = 0.3; // keeps points off the axes, where the class flips
  const points: Sample[] = [];
  for (let i = 0; i < count; i++) {
    let x1 = random.uniform(-5, 5);
    x1 += x1 > 0 ? padding : -padding;
    let x2 = random.uniform(-5, 5);
    x2 += x2 > 0 ? padding : -padding;
    // noise moves the point the class is decided at, not the point drawn: labels near the axes flip
    const n1 = random.uniform(-5, 5) * noise;
    const n2 = random.uniform(-5, 5) * noise;
    points.push({ x1, x2, label: (x1 + n1) * (x2 + n2) < 0 ? 1 : 0 });
  }
  return points;
}

/** A disc of class 1 (radius 2.5) inside a ring of class 0 (radius 3.5 … 5). */
function circle(count: number, noise: number, random: Random): Sample[] {
  const radius = 5;
  const points: Sample[] = [];
  const [inside, outside] = perClass(count);
  const add = (rMin: number, rMax: number) => {
    const r = random.uniform(rMin, rMax);
    const angle = random.uniform(0, 2 * Math.PI);
    const x1 = r * portableSin(angle);
    const x2 = r * portableCos(angle);
    const n1 = random.uniform(-radius, radius) * noise;
    const n2 = random.uniform(-radius, radius) * noise;
    const d = Math.sqrt((x1 + n1) ** 2 + (x2 + n2) ** 2);
    points.push({ x1, x2, label: d < radius * 0.5 ? 1 : 0 });
  };
  for (let i = 0; i < inside; i++) add(0, radius * 0.5);
  for (let i = 0; i < outside; i++) add(radius * 0.7, radius);
  return points;
}

/** Class 1 around (2, 2), class 0 around (−2, −2); noise widens both (variance 0.5 … 4). */
function gaussians(count: number, noise: number, random: Random): Sample[] {
  const variance = 0.5 + (noise / DATA_LIMITS.noise.max) * 3.5;
  const sd = Math.sqrt(variance);
  const points: Sample[] = [];
  const [first, second] = perClass(count);
  for (let i = 0; i < first; i++) points.push({ x1: 2 + sd * normal(random), x2: 2 + sd * normal(random), label: 1 });
  for (let i = 0; i < second; i++) {
    points.push({ x1: -2 + sd * normal(random), x2: -2 + sd * normal(random), label: 0 });
  }
  return points;
}

/** Two interleaved spiral arms of 1.75 turns out to radius 5; noise jitters each point by ±noise. */
function spiral(count: number, noise: number, random: Random): Sample[] {
  const points: Sample[] = [];
  const [first, second] = perClass(count);
  const arm = (n: number, phase: number, label: ClassLabel) => {
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + phase;
      const x1 = r * portableSin(t) + random.uniform(-1, 1) * noise;
      const x2 = r * portableCos(t) + random.uniform(-1, 1) * noise;
      points.push({ x1, x2, label });
    }
  };
  arm(first, 0, 1);
  arm(second, Math.PI, 0);
  return points;
}

const GENERATORS: Record<GeneratedKind, Generator> = { xor, circle, gaussians, spiral };

// ---------------------------------------------------------------- "use my points"

/** Points a user clicks onto the plane, in the order they were added. */
export type UserPoints = readonly Sample[];

/** A click adds a point of the chosen class; beyond the limit the click changes nothing. */
export function addPoint(points: UserPoints, point: Sample): UserPoints {
  if (points.length >= DATA_LIMITS.customPoints.max) return points;
  const checked = sampleSchema.safeParse(point);
  return checked.success ? [...points, checked.data] : points;
}

/** Removes the point nearest to (x1, x2) if it lies within `radius`; otherwise changes nothing. */
export function removePointNear(points: UserPoints, x1: number, x2: number, radius: number): UserPoints {
  let nearest = -1;
  let best = radius * radius;
  points.forEach((p, i) => {
    const d = (p.x1 - x1) ** 2 + (p.x2 - x2) ** 2;
    if (d <= best) {
      best = d;
      nearest = i;
    }
  });
  return nearest < 0 ? points : points.filter((_, i) => i !== nearest);
}

/** The spec that trains on a user's points. */
export function customDataSpec(points: UserPoints, trainFraction = 0.5, seed = 1): DataSpec {
  return dataSpecSchema.parse({ kind: "custom", points, trainFraction, seed });
}
