// What the network's inputs receive from a point (x1, x2).
//
// The lessons train on x1 and x2 only. The other features are an EXTRA, as in TensorFlow
// Playground: x1², x2², x1·x2, sin x1, sin x2 make some data sets easy for a network without
// hidden layers (x1·x2 alone separates XOR), which is worth showing but is not the lesson
// about activation functions. A trainer gets a list of feature ids, one per network input.
import { portableSin } from "./portable-math";
import type { Sample } from "./datasets";

export const FEATURE_IDS = ["x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_x1", "sin_x2"] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

/** The two coordinates: the default, and all the lessons use. */
export const PLAIN_FEATURES: readonly FeatureId[] = ["x1", "x2"];

/** How each feature is computed (portable sin: the same bits in every engine). */
export const FEATURES: Record<FeatureId, (x1: number, x2: number) => number> = {
  x1: (x1) => x1,
  x2: (_, x2) => x2,
  x1_squared: (x1) => x1 * x1,
  x2_squared: (_, x2) => x2 * x2,
  x1_times_x2: (x1, x2) => x1 * x2,
  sin_x1: (x1) => portableSin(x1),
  sin_x2: (_, x2) => portableSin(x2),
};

/** A label for a network input that receives the feature. */
export const FEATURE_LABELS: Record<FeatureId, string> = {
  x1: "x1",
  x2: "x2",
  x1_squared: "x1²",
  x2_squared: "x2²",
  x1_times_x2: "x1·x2",
  sin_x1: "sin x1",
  sin_x2: "sin x2",
};

/** Feature columns of the samples: column f holds feature f of every sample. */
export function featureColumns(samples: readonly Sample[], features: readonly FeatureId[]): Float64Array[] {
  return features.map((id) => {
    const f = FEATURES[id];
    const column = new Float64Array(samples.length);
    samples.forEach((s, i) => (column[i] = f(s.x1, s.x2)));
    return column;
  });
}

/**
 * The features a network's inputs stand for, read from their labels (FEATURE_LABELS or the ids
 * themselves, e.g. ["x1", "x2", "x1·x2"]), or null if a label names no feature: then the
 * caller has to say which feature each input receives.
 */
export function featuresForInputs(labels: readonly string[]): FeatureId[] | null {
  const byLabel = new Map<string, FeatureId>();
  for (const id of FEATURE_IDS) {
    byLabel.set(id, id);
    byLabel.set(FEATURE_LABELS[id], id);
  }
  const features = labels.map((label) => byLabel.get(label.trim()));
  return features.every((f): f is FeatureId => f !== undefined) ? features : null;
}
