// The training kernel's arithmetic on rows of points, in float32: SIMD with one point per lane,
// and a scalar fallback that does the same float32 operations in the same order, so both builds
// give the same bits (tests check it).
//
// A row is one neuron's values for the points of a mini-batch (or of a chunk of the data set),
// `vectors` groups of 4 points, 16-byte aligned. Lanes are points: every point of a batch uses
// the same weights, so the forward and backward passes are the same instruction for 4 points
// (across neurons there are only 1–16 lanes' worth, and 2-4-2-1 has layers of 2 and 1).
// The price is the reductions over the points of a batch (a weight's gradient is a sum over
// points); they are done in one fixed order, the same in both builds:
//
//   lane sums   s_L = (((0 + p_L) + p_{L+4}) + p_{L+8}) + …     for lanes L = 0…3
//   total       (s_0 + s_2) + (s_1 + s_3)
import { STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, LEAKY_SLOPE } from "./ids";
import { activateF32, sigmoidVector, tanhScalar, tanhVector } from "./f32";

const SLOPE: f32 = <f32>LEAKY_SLOPE;
const LIMIT: f32 = 100.0; // the network format's bound on weights and biases

// ---------------------------------------------------------------- forward

/**
 * z of one neuron for `vectors` × 4 points: z = bias + w_0 x_0 + w_1 x_1 + … (in this order),
 * with input k's row at prev + k · prevStep; weights are f32 at w, the bias after them.
 */
export function neuronSums(w: usize, count: i32, prev: usize, prevStep: usize, out: usize, vectors: i32): void {
  const bias = load<f32>(w + ((<usize>count) << 2));
  if (ASC_FEATURE_SIMD) {
    const b = f32x4.splat(bias);
    let v = 0;
    // two vectors in flight: two independent chains of additions
    for (; v + 2 <= vectors; v += 2) {
      const offset = (<usize>v) << 4;
      let s0 = b;
      let s1 = b;
      let src = prev + offset;
      for (let k = 0; k < count; k++) {
        const wv = v128.load32_splat(w + ((<usize>k) << 2));
        s0 = f32x4.add(s0, f32x4.mul(wv, v128.load(src)));
        s1 = f32x4.add(s1, f32x4.mul(wv, v128.load(src, 16)));
        src += prevStep;
      }
      v128.store(out + offset, s0);
      v128.store(out + offset, s1, 16);
    }
    if (v < vectors) {
      const offset = (<usize>v) << 4;
      let s0 = b;
      let src = prev + offset;
      for (let k = 0; k < count; k++) {
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(w + ((<usize>k) << 2)), v128.load(src)));
        src += prevStep;
      }
      v128.store(out + offset, s0);
    }
  } else {
    const slots = vectors << 2;
    for (let i = 0; i < slots; i++) {
      const offset = (<usize>i) << 2;
      let z = bias;
      let src = prev + offset;
      for (let k = 0; k < count; k++) {
        z += load<f32>(w + ((<usize>k) << 2)) * load<f32>(src);
        src += prevStep;
      }
      store<f32>(out + offset, z);
    }
  }
}

/** f'(z) from z and a = f(z), one point (the scalar form of the vector code below). */
function derivativeScalar(id: i32, z: f32, a: f32): f32 {
  switch (id) {
    case STEP:
      return 0.0; // 0 wherever it exists: no gradient flows through a step
    case SIGMOID:
      return a * (1.0 - a);
    case TANH:
      return 1.0 - a * a;
    case RELU:
      return 0.0 < z ? 1.0 : 0.0;
    case LEAKY_RELU:
      return z >= 0.0 ? 1.0 : SLOPE;
    case SOFTPLUS:
      return tanhScalar(z * 0.5) * 0.5 + 0.5; // sigmoid(z)
    default:
      return 1.0; // LINEAR
  }
}

/**
 * Reads z from row d, writes a = f(z) to row a and, with `derivative`, f'(z) over z in row d
 * (otherwise z stays in d: the loss of cross-entropy is computed from z).
 */
export function activateRow(id: i32, d: usize, a: usize, vectors: i32, derivative: bool): void {
  const end = d + ((<usize>vectors) << 4);
  if (ASC_FEATURE_SIMD) {
    const one = f32x4.splat(1.0);
    const zero = f32x4.splat(0.0);
    const out = a - d;
    switch (id) {
      case STEP:
        for (let p = d; p < end; p += 16) {
          v128.store(p + out, v128.and(f32x4.ge(v128.load(p), zero), one));
          if (derivative) v128.store(p, zero);
        }
        break;
      case SIGMOID:
        for (let p = d; p < end; p += 16) {
          const s = sigmoidVector(v128.load(p));
          v128.store(p + out, s);
          if (derivative) v128.store(p, f32x4.mul(s, f32x4.sub(one, s)));
        }
        break;
      case TANH:
        for (let p = d; p < end; p += 16) {
          const t = tanhVector(v128.load(p));
          v128.store(p + out, t);
          if (derivative) v128.store(p, f32x4.sub(one, f32x4.mul(t, t)));
        }
        break;
      case RELU:
        for (let p = d; p < end; p += 16) {
          const z = v128.load(p);
          v128.store(p + out, f32x4.pmax(zero, z));
          if (derivative) v128.store(p, v128.and(f32x4.gt(z, zero), one));
        }
        break;
      case LEAKY_RELU:
        for (let p = d; p < end; p += 16) {
          const z = v128.load(p);
          v128.store(p + out, f32x4.pmax(f32x4.mul(z, f32x4.splat(SLOPE)), z));
          if (derivative) v128.store(p, v128.bitselect(one, f32x4.splat(SLOPE), f32x4.ge(z, zero)));
        }
        break;
      case SOFTPLUS:
        // rare in lessons: the scalar forms keep the code small
        for (let p = d; p < end; p += 4) {
          const z = load<f32>(p);
          store<f32>(p + out, activateF32(SOFTPLUS, z));
          if (derivative) store<f32>(p, derivativeScalar(SOFTPLUS, z, 0.0));
        }
        break;
      default: // LINEAR
        memory.copy(a, d, end - d);
        if (derivative) for (let p = d; p < end; p += 16) v128.store(p, one);
    }
  } else {
    for (let p = d; p < end; p += 4) {
      const z = load<f32>(p);
      const value = activateF32(id, z);
      store<f32>(a + (p - d), value);
      if (derivative) store<f32>(p, derivativeScalar(id, z, value));
    }
  }
}

// ---------------------------------------------------------------- backward

/**
 * ∂L/∂z of the output neuron for each point of the batch: with squared error
 * ((a − y) · f'(z)) · scale (scale = 2/n: the derivative of the mean of (a − y)²), with
 * cross-entropy (a − y) · scale (scale = 1/n; a = sigmoid(z), whose f' cancels). Points
 * beyond the batch (lanes whose mask is 0) get exactly 0, whatever their values.
 */
export function outputDeltas(
  crossEntropy: bool,
  a: usize,
  d: usize,
  y: usize,
  mask: usize,
  scale: f32,
  delta: usize,
  vectors: i32,
): void {
  const slots = vectors << 2;
  if (ASC_FEATURE_SIMD) {
    const s = f32x4.splat(scale);
    for (let i = 0; i < slots; i += 4) {
      const o = (<usize>i) << 2;
      const e = f32x4.sub(v128.load(a + o), v128.load(y + o));
      const g = crossEntropy ? f32x4.mul(e, s) : f32x4.mul(f32x4.mul(e, v128.load(d + o)), s);
      v128.store(delta + o, v128.and(g, v128.load(mask + o)));
    }
  } else {
    for (let i = 0; i < slots; i++) {
      const o = (<usize>i) << 2;
      const e = load<f32>(a + o) - load<f32>(y + o);
      const g: f32 = crossEntropy ? e * scale : e * load<f32>(d + o) * scale;
      store<f32>(delta + o, load<i32>(mask + o) != 0 ? g : 0.0);
    }
  }
}

/**
 * The deltas of a neuron k of the layer before: (Σ_j w_jk δ_j) · f'(z_k), the sum from j = 0 up,
 * starting at 0. δ_j is row deltaRows + j · rowBytes; w_jk is at weights + j · paramStep.
 */
export function propagate(
  weights: usize,
  paramStep: usize,
  size: i32,
  deltaRows: usize,
  rowBytes: usize,
  d: usize,
  out: usize,
  vectors: i32,
): void {
  if (ASC_FEATURE_SIMD) {
    for (let v = 0; v < vectors; v++) {
      const o = (<usize>v) << 4;
      let acc = f32x4.splat(0.0);
      let w = weights;
      let row = deltaRows + o;
      for (let j = 0; j < size; j++) {
        acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(w), v128.load(row)));
        w += paramStep;
        row += rowBytes;
      }
      v128.store(out + o, f32x4.mul(acc, v128.load(d + o)));
    }
  } else {
    const slots = vectors << 2;
    for (let i = 0; i < slots; i++) {
      const o = (<usize>i) << 2;
      let acc: f32 = 0.0;
      let w = weights;
      let row = deltaRows + o;
      for (let j = 0; j < size; j++) {
        acc += load<f32>(w) * load<f32>(row);
        w += paramStep;
        row += rowBytes;
      }
      store<f32>(out + o, acc * load<f32>(d + o));
    }
  }
}

// @ts-ignore: decorator
@inline
function dotRows(x: usize, y: usize, vectors: i32): v128 {
  let acc = f32x4.splat(0.0);
  const end = x + ((<usize>vectors) << 4);
  const dy = y - x;
  for (let p = x; p < end; p += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(p), v128.load(p + dy)));
  return acc;
}

/** The fixed-order total of a row product (see the top of this file), one point per step. */
function dotRowsScalar(x: usize, y: usize, vectors: i32): f32 {
  let s0: f32 = 0.0;
  let s1: f32 = 0.0;
  let s2: f32 = 0.0;
  let s3: f32 = 0.0;
  const end = x + ((<usize>vectors) << 4);
  const dy = y - x;
  for (let p = x; p < end; p += 16) {
    s0 += load<f32>(p) * load<f32>(p + dy);
    s1 += load<f32>(p, 4) * load<f32>(p + dy, 4);
    s2 += load<f32>(p, 8) * load<f32>(p + dy, 8);
    s3 += load<f32>(p, 12) * load<f32>(p + dy, 12);
  }
  return s0 + s2 + (s1 + s3);
}

/** Lanes (x0 + x2) + (x1 + x3) of one vector. */
// @ts-ignore: decorator
@inline
function total(x: v128): f32 {
  const t = f32x4.add(x, f32x4.shuffle(x, x, 2, 3, 0, 1));
  return f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1);
}

/** The totals of four vectors as one vector, each in the same order as total(). */
// @ts-ignore: decorator
@inline
function totals4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

/**
 * The gradient of a layer's parameters over a batch: parameter p of the layer (neuron
 * j = p / (count + 1), weight k = p % (count + 1), k = count being the bias) gets
 * Σ_points δ_j · x_k, where x_k is row prev + k · prevStep and the bias's x is the row of ones
 * (added to what the grads hold with `accumulate`).
 */
export function layerGradients(
  grads: usize,
  size: i32,
  count: i32,
  deltaRows: usize,
  rowBytes: usize,
  prev: usize,
  prevStep: usize,
  ones: usize,
  vectors: i32,
  accumulate: bool,
): void {
  const perNeuron = count + 1;
  const n = size * perNeuron;
  let p = 0;
  if (ASC_FEATURE_SIMD) {
    // four parameters at a time: four independent sums, reduced together (totals4)
    for (; p + 4 <= n; p += 4) {
      const a0 = dotRows(deltaRow(p, perNeuron, deltaRows, rowBytes), sourceRow(p, perNeuron, prev, prevStep, ones), vectors);
      const a1 = dotRows(deltaRow(p + 1, perNeuron, deltaRows, rowBytes), sourceRow(p + 1, perNeuron, prev, prevStep, ones), vectors);
      const a2 = dotRows(deltaRow(p + 2, perNeuron, deltaRows, rowBytes), sourceRow(p + 2, perNeuron, prev, prevStep, ones), vectors);
      const a3 = dotRows(deltaRow(p + 3, perNeuron, deltaRows, rowBytes), sourceRow(p + 3, perNeuron, prev, prevStep, ones), vectors);
      const t = totals4(a0, a1, a2, a3);
      const at = grads + ((<usize>p) << 2);
      v128.store(at, accumulate ? f32x4.add(v128.load(at), t) : t);
    }
    for (; p < n; p++) {
      const acc = dotRows(deltaRow(p, perNeuron, deltaRows, rowBytes), sourceRow(p, perNeuron, prev, prevStep, ones), vectors);
      const at = grads + ((<usize>p) << 2);
      store<f32>(at, accumulate ? load<f32>(at) + total(acc) : total(acc));
    }
  } else {
    for (; p < n; p++) {
      const g = dotRowsScalar(deltaRow(p, perNeuron, deltaRows, rowBytes), sourceRow(p, perNeuron, prev, prevStep, ones), vectors);
      const at = grads + ((<usize>p) << 2);
      store<f32>(at, accumulate ? load<f32>(at) + g : g);
    }
  }
}

// @ts-ignore: decorator
@inline
function deltaRow(p: i32, perNeuron: i32, deltaRows: usize, rowBytes: usize): usize {
  return deltaRows + <usize>(p / perNeuron) * rowBytes;
}

// @ts-ignore: decorator
@inline
function sourceRow(p: i32, perNeuron: i32, prev: usize, prevStep: usize, ones: usize): usize {
  const k = p % perNeuron;
  return k == perNeuron - 1 ? ones : prev + <usize>k * prevStep;
}

// ---------------------------------------------------------------- parameter updates

export const SGD: i32 = 0;
export const MOMENTUM: i32 = 1;
export const ADAM: i32 = 2;

/**
 * One optimizer step over `n` parameters (a multiple of 4), in float32:
 *   L2:        g ← g + λ_p · w          (λ_p = λ for weights, 0 for biases; only when λ > 0)
 *   SGD:       w ← w − lr · g
 *   momentum:  v ← μ · v + g;  w ← w − lr · v                         (k1 = μ)
 *   Adam:      m ← β1 · m + (1 − β1) · g;  s ← β2 · s + (1 − β2) · g²  (k1…k4 = β1, 1 − β1, β2, 1 − β2)
 *              w ← w − (lr · m) / (sqrt(c2 · s) + ε)    (lr = lr / (1 − β1^t), c2 = 1 / (1 − β2^t))
 * then w is clamped to the format's [−100, 100], so a trained network is always a valid one.
 * Returns false if any gradient was NaN or infinite: Σ g · 0 is NaN exactly then, a check
 * that costs one multiply-add per 4 parameters.
 */
export function updateParams(
  optimizer: i32,
  n: i32,
  params: usize,
  grads: usize,
  l2: usize,
  useL2: bool,
  state1: usize,
  state2: usize,
  lr: f32,
  k1: f32,
  k2: f32,
  k3: f32,
  k4: f32,
  c2: f32,
  eps: f32,
): bool {
  const end = (<usize>n) << 2;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0.0);
    const hi = f32x4.splat(LIMIT);
    const lo = f32x4.splat(-LIMIT);
    const vlr = f32x4.splat(lr);
    let probe = zero;
    for (let o: usize = 0; o < end; o += 16) {
      const w = v128.load(params + o);
      let g = v128.load(grads + o);
      if (useL2) g = f32x4.add(g, f32x4.mul(v128.load(l2 + o), w));
      probe = f32x4.add(probe, f32x4.mul(g, zero));
      let next: v128;
      if (optimizer == MOMENTUM) {
        const v = f32x4.add(f32x4.mul(f32x4.splat(k1), v128.load(state1 + o)), g);
        v128.store(state1 + o, v);
        next = f32x4.sub(w, f32x4.mul(vlr, v));
      } else if (optimizer == ADAM) {
        const m = f32x4.add(f32x4.mul(f32x4.splat(k1), v128.load(state1 + o)), f32x4.mul(f32x4.splat(k2), g));
        const gg = f32x4.mul(g, g);
        const s = f32x4.add(f32x4.mul(f32x4.splat(k3), v128.load(state2 + o)), f32x4.mul(f32x4.splat(k4), gg));
        v128.store(state1 + o, m);
        v128.store(state2 + o, s);
        const denom = f32x4.add(f32x4.sqrt(f32x4.mul(f32x4.splat(c2), s)), f32x4.splat(eps));
        next = f32x4.sub(w, f32x4.div(f32x4.mul(vlr, m), denom));
      } else {
        next = f32x4.sub(w, f32x4.mul(vlr, g));
      }
      v128.store(params + o, f32x4.pmax(f32x4.pmin(next, hi), lo));
    }
    return !v128.any_true(f32x4.ne(probe, probe));
  } else {
    let probe: f32 = 0.0;
    for (let o: usize = 0; o < end; o += 4) {
      const w = load<f32>(params + o);
      let g = load<f32>(grads + o);
      if (useL2) g = g + load<f32>(l2 + o) * w;
      probe = probe + g * 0.0;
      let next: f32;
      if (optimizer == MOMENTUM) {
        const v = k1 * load<f32>(state1 + o) + g;
        store<f32>(state1 + o, v);
        next = w - lr * v;
      } else if (optimizer == ADAM) {
        const m = k1 * load<f32>(state1 + o) + k2 * g;
        const s = k3 * load<f32>(state2 + o) + k4 * (g * g);
        store<f32>(state1 + o, m);
        store<f32>(state2 + o, s);
        next = w - (lr * m) / (Mathf.sqrt(c2 * s) + eps);
      } else {
        next = w - lr * g;
      }
      next = LIMIT < next ? LIMIT : next;
      store<f32>(params + o, next < -LIMIT ? -LIMIT : next);
    }
    return probe == probe;
  }
}

// ---------------------------------------------------------------- losses, accuracy, gradient flow

// −log(u) for u in [0.5, 1]: 2·atanh(s) = log(u) with s = (u − 1)/(u + 1) in [−1/3, 0], by its
// series s + s³/3 + … + s¹³/13 (the next term is below 5e-9: float32 needs no more).
const L13: f32 = <f32>(1.0 / 13.0);
const L11: f32 = <f32>(1.0 / 11.0);
const L9: f32 = <f32>(1.0 / 9.0);
const L7: f32 = <f32>(1.0 / 7.0);
const L5: f32 = <f32>(1.0 / 5.0);
const L3: f32 = <f32>(1.0 / 3.0);

function negLogHalfToOne(u: f32): f32 {
  const s = (u - 1.0) / (u + 1.0);
  const s2 = s * s;
  let p = L13 * s2 + L11;
  p = p * s2 + L9;
  p = p * s2 + L7;
  p = p * s2 + L5;
  p = p * s2 + L3;
  p = p * s2 + 1.0;
  return s * p * -2.0;
}

// @ts-ignore: decorator
@inline
function negLogHalfToOneVector(u: v128): v128 {
  const one = f32x4.splat(1.0);
  const s = f32x4.div(f32x4.sub(u, one), f32x4.add(u, one));
  const s2 = f32x4.mul(s, s);
  let p = f32x4.add(f32x4.mul(f32x4.splat(L13), s2), f32x4.splat(L11));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(L9));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(L7));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(L5));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(L3));
  p = f32x4.add(f32x4.mul(p, s2), one);
  return f32x4.mul(f32x4.mul(s, p), f32x4.splat(-2.0));
}

/**
 * One point's loss: squared error (a − y)², or cross-entropy from the logit z without overflow:
 * max(z, 0) − y·z + log(1 + e^−|z|), the last term as −log(sigmoid(|z|)).
 */
function pointLoss(crossEntropy: bool, a: f32, z: f32, y: f32): f32 {
  if (crossEntropy) {
    const u = tanhScalar(Mathf.abs(z) * 0.5) * 0.5 + 0.5;
    return (0.0 < z ? z : 0.0) - y * z + negLogHalfToOne(u);
  }
  const e = a - y;
  return e * e;
}

/**
 * Adds the loss of each point of a chunk to the lane sums at `sums` (4 f32: point i goes to lane
 * i mod 4; points at or beyond `valid` add exactly 0) and returns how many of the chunk's valid
 * points are on the right side of `threshold` (a ≥ threshold ⇔ class 1 ⇔ y > threshold).
 * `first` is the index of the chunk's first point in its set; z is the output's z row.
 */
export function lossRows(
  crossEntropy: bool,
  a: usize,
  z: usize,
  y: usize,
  first: i32,
  valid: i32,
  vectors: i32,
  threshold: f32,
  sums: usize,
): i32 {
  const slots = vectors << 2;
  if (ASC_FEATURE_SIMD) {
    let acc = v128.load(sums);
    let right = i32x4.splat(0);
    const thr = f32x4.splat(threshold);
    const limit = i32x4.splat(valid);
    for (let i = 0; i < slots; i += 4) {
      const o = (<usize>i) << 2;
      const av = v128.load(a + o);
      const yv = v128.load(y + o);
      let l: v128;
      if (crossEntropy) {
        const zv = v128.load(z + o);
        const u = sigmoidVector(f32x4.abs(zv));
        l = f32x4.add(f32x4.sub(f32x4.pmax(f32x4.splat(0.0), zv), f32x4.mul(yv, zv)), negLogHalfToOneVector(u));
      } else {
        const e = f32x4.sub(av, yv);
        l = f32x4.mul(e, e);
      }
      const index = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
      const mask = i32x4.lt_s(index, limit);
      acc = f32x4.add(acc, v128.and(l, mask));
      const ok = i32x4.eq(f32x4.ge(av, thr), f32x4.gt(yv, thr));
      right = i32x4.sub(right, v128.and(ok, mask));
    }
    v128.store(sums, acc);
    return (
      i32x4.extract_lane(right, 0) +
      i32x4.extract_lane(right, 1) +
      i32x4.extract_lane(right, 2) +
      i32x4.extract_lane(right, 3)
    );
  } else {
    let right = 0;
    for (let i = 0; i < slots; i++) {
      const o = (<usize>i) << 2;
      const av = load<f32>(a + o);
      const yv = load<f32>(y + o);
      const valid_ = first + i < valid;
      const l = pointLoss(crossEntropy, av, load<f32>(z + o), yv);
      const lane = sums + ((<usize>(i & 3)) << 2);
      store<f32>(lane, load<f32>(lane) + (valid_ ? l : 0.0));
      if (valid_ && (av >= threshold) == (yv > threshold)) right++;
    }
    return right;
  }
}

/**
 * Gradient flow of one neuron over a chunk: adds |δ| of each point to the lane sums at `sums`
 * (δ is 0 for points beyond `valid`) and returns how many valid points have f'(z) ≠ 0.
 */
export function flowRow(delta: usize, d: usize, first: i32, valid: i32, vectors: i32, sums: usize): i32 {
  const slots = vectors << 2;
  if (ASC_FEATURE_SIMD) {
    let acc = v128.load(sums);
    let active = i32x4.splat(0);
    const limit = i32x4.splat(valid);
    for (let i = 0; i < slots; i += 4) {
      const o = (<usize>i) << 2;
      acc = f32x4.add(acc, f32x4.abs(v128.load(delta + o)));
      const index = i32x4.add(i32x4.splat(first + i), i32x4(0, 1, 2, 3));
      const on = v128.and(f32x4.ne(v128.load(d + o), f32x4.splat(0.0)), i32x4.lt_s(index, limit));
      active = i32x4.sub(active, on);
    }
    v128.store(sums, acc);
    return (
      i32x4.extract_lane(active, 0) +
      i32x4.extract_lane(active, 1) +
      i32x4.extract_lane(active, 2) +
      i32x4.extract_lane(active, 3)
    );
  } else {
    let active = 0;
    for (let i = 0; i < slots; i++) {
      const o = (<usize>i) << 2;
      const lane = sums + ((<usize>(i & 3)) << 2);
      store<f32>(lane, load<f32>(lane) + Mathf.abs(load<f32>(delta + o)));
      if (first + i < valid && load<f32>(d + o) != 0.0) active++;
    }
    return active;
  }
}

/** The fixed-order total of 4 lane sums in memory. */
export function laneTotal(sums: usize): f32 {
  return load<f32>(sums) + load<f32>(sums, 8) + (load<f32>(sums, 4) + load<f32>(sums, 12));
}
