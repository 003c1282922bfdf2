// Activation codes: the index of each id in lib/network/activations.ts ACTIVATION_IDS, and the
// leaky ReLU's slope (LEAKY_RELU_SLOPE there). They are the kernel's ABI and never change meaning;
// tests/unit/activation-ids.test.ts fails if the two files disagree.
export const STEP: i32 = 0;
export const LINEAR: i32 = 1;
export const SIGMOID: i32 = 2;
export const TANH: i32 = 3;
export const RELU: i32 = 4;
export const LEAKY_RELU: i32 = 5;
export const SOFTPLUS: i32 = 6;

export const LEAKY_SLOPE: f64 = 0.01;
