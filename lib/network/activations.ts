// The activation functions: ids, their kernel numbers, and a float64 reference for each.
// The ids are part of the network format and never change meaning; the numeric codes are the
// kernel's ABI: assembly/ids.ts names the same numbers (tests/unit/activation-ids.test.ts holds the
// two to each other, and the kernel tests compare every activation with its reference here).

export const ACTIVATION_IDS = ["step", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"] as const;

export type ActivationId = (typeof ACTIVATION_IDS)[number];

/** Kernel code of each activation: its index in ACTIVATION_IDS. */
export function activationCode(id: ActivationId): number {
  return ACTIVATION_IDS.indexOf(id);
}

export const LEAKY_RELU_SLOPE = 0.01;

/** Float64 reference of each activation function, written for clarity. */
export const ACTIVATION_FUNCTIONS: Record<ActivationId, (z: number) => number> = {
  step: (z) => (z >= 0 ? 1 : 0),
  linear: (z) => z,
  sigmoid: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
  tanh: (z) => Math.tanh(z),
  relu: (z) => Math.max(z, 0),
  leaky_relu: (z) => (z >= 0 ? z : LEAKY_RELU_SLOPE * z),
  softplus: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
};

/** The range of each function, as a teacher would write it. */
export const ACTIVATION_RANGES: Record<ActivationId, string> = {
  step: "{0, 1}",
  linear: "(−∞, ∞)",
  sigmoid: "(0, 1)",
  tanh: "(−1, 1)",
  relu: "[0, ∞)",
  leaky_relu: "(−∞, ∞)",
  softplus: "(0, ∞)",
};

export function isLinear(id: ActivationId): boolean {
  return id === "linear";
}
