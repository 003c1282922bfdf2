// The derivative of each activation function, in float64: what backpropagation multiplies by.
// The kernel (assembly/train-rows.ts) uses the same definitions in float32.
import { ACTIVATION_FUNCTIONS, LEAKY_RELU_SLOPE, type ActivationId } from "../network/activations";

/**
 * f'(z), given z and a = f(z). Where a function has a kink the one-sided value on the side its
 * formula takes (relu'(0) = 0, leaky_relu'(0) = 1). step's derivative is 0 wherever it exists:
 * it is flat on both sides of its jump, so gradient descent gets no signal through it — the
 * lesson "step cannot learn by gradient", not a bug.
 */
export const ACTIVATION_DERIVATIVES: Record<ActivationId, (z: number, a: number) => number> = {
  step: () => 0,
  linear: () => 1,
  sigmoid: (_, a) => a * (1 - a),
  tanh: (_, a) => 1 - a * a,
  relu: (z) => (z > 0 ? 1 : 0),
  leaky_relu: (z) => (z >= 0 ? 1 : LEAKY_RELU_SLOPE),
  softplus: (z) => ACTIVATION_FUNCTIONS.sigmoid(z),
};

/** False for functions no gradient flows through anywhere (step). */
export function passesGradient(id: ActivationId): boolean {
  return id !== "step";
}
