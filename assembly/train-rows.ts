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
// @ts-ignore: decorator
@inline
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

/**
 * z and a = f(z) (and f'(z) over z with `derivative`) of a layer's `size` neurons for
 * `vectors` × 4 points. Parameters from w on (each neuron's weights, then its bias), activation
 * codes from acts on; neuron j's z (then f'(z)) row at zRows + j · rowStep, its a row at
 * aRows + j · rowStep. Four neurons at a time: each input vector is loaded once for four
 * independent sums, and for tanh and sigmoid the four activations follow in registers (four
 * divisions in flight). The same operations, in the same order, as neuronSums + activateRow.
 */
// @ts-ignore: decorator
@inline
export function layerForward(
  w: usize,
  size: i32,
  count: i32,
  prev: usize,
  prevStep: usize,
  zRows: usize,
  aRows: usize,
  rowStep: usize,
  vectors: i32,
  acts: usize,
  derivative: bool,
): void {
  const paramBytes = (<usize>(count + 1)) << 2;
  const biasOffset = (<usize>count) << 2;
  let shared = load<i32>(acts);
  for (let j = 1; j < size; j++) if (load<i32>(acts + ((<usize>j) << 2)) != shared) shared = -1;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const fused = shared == TANH || shared == SIGMOID;
    const one = f32x4.splat(1.0);
    for (; j + 4 <= size; j += 4) {
      const w0 = w + <usize>j * paramBytes;
      const w1 = w0 + paramBytes;
      const w2 = w1 + paramBytes;
      const w3 = w2 + paramBytes;
      const b0 = v128.load32_splat(w0 + biasOffset);
      const b1 = v128.load32_splat(w1 + biasOffset);
      const b2 = v128.load32_splat(w2 + biasOffset);
      const b3 = v128.load32_splat(w3 + biasOffset);
      const rows = <usize>j * rowStep;
      for (let v = 0; v < vectors; v++) {
        const offset = (<usize>v) << 4;
        let s0 = b0;
        let s1 = b1;
        let s2 = b2;
        let s3 = b3;
        let src = prev + offset;
        for (let k: usize = 0; k < biasOffset; k += 4) {
          const x = v128.load(src);
          s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(w0 + k), x));
          s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(w1 + k), x));
          s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(w2 + k), x));
          s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(w3 + k), x));
          src += prevStep;
        }
        const z = zRows + rows + offset;
        if (fused) {
          let a0: v128, a1: v128, a2: v128, a3: v128;
          let d0: v128, d1: v128, d2: v128, d3: v128;
          if (shared == TANH) {
            a0 = tanhVector(s0);
            a1 = tanhVector(s1);
            a2 = tanhVector(s2);
            a3 = tanhVector(s3);
            d0 = f32x4.sub(one, f32x4.mul(a0, a0));
            d1 = f32x4.sub(one, f32x4.mul(a1, a1));
            d2 = f32x4.sub(one, f32x4.mul(a2, a2));
            d3 = f32x4.sub(one, f32x4.mul(a3, a3));
          } else {
            a0 = sigmoidVector(s0);
            a1 = sigmoidVector(s1);
            a2 = sigmoidVector(s2);
            a3 = sigmoidVector(s3);
            d0 = f32x4.mul(a0, f32x4.sub(one, a0));
            d1 = f32x4.mul(a1, f32x4.sub(one, a1));
            d2 = f32x4.mul(a2, f32x4.sub(one, a2));
            d3 = f32x4.mul(a3, f32x4.sub(one, a3));
          }
          const a = aRows + rows + offset;
          v128.store(a, a0);
          v128.store(a + rowStep, a1);
          v128.store(a + 2 * rowStep, a2);
          v128.store(a + 3 * rowStep, a3);
          if (derivative) {
            s0 = d0;
            s1 = d1;
            s2 = d2;
            s3 = d3;
          }
        }
        v128.store(z, s0);
        v128.store(z + rowStep, s1);
        v128.store(z + 2 * rowStep, s2);
        v128.store(z + 3 * rowStep, s3);
      }
    }
  }
  // the rest one neuron at a time (sums only); then the activations not done above, over the
  // layer's rows as one block where they are one (while training), so that several independent
  // evaluations are in flight rather than one latency chain per neuron
  const activated = ASC_FEATURE_SIMD && (shared == TANH || shared == SIGMOID) ? j : 0;
  for (let i = j; i < size; i++) {
    neuronSums(w + <usize>i * paramBytes, count, prev, prevStep, zRows + <usize>i * rowStep, vectors);
  }
  if (activated == size) return;
  if (shared >= 0 && rowStep == (<usize>vectors) << 4) {
    // a layer's rows are one block: one loop
    const from = <usize>activated * rowStep;
    activateRow(shared, zRows + from, aRows + from, vectors * (size - activated), derivative);
  } else {
    for (let i = activated; i < size; i++) {
      const row = <usize>i * rowStep;
      activateRow(load<i32>(acts + ((<usize>i) << 2)), zRows + row, aRows + row, vectors, derivative);
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
// @ts-ignore: decorator
@inline
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
      case SIGMOID: {
        // four (then two) independent evaluations per step overlap their latencies
        let p = d;
        for (; p + 64 <= end; p += 64) {
          const s0 = sigmoidVector(v128.load(p));
          const s1 = sigmoidVector(v128.load(p, 16));
          const s2 = sigmoidVector(v128.load(p, 32));
          const s3 = sigmoidVector(v128.load(p, 48));
          v128.store(p + out, s0);
          v128.store(p + out, s1, 16);
          v128.store(p + out, s2, 32);
          v128.store(p + out, s3, 48);
          if (derivative) {
            v128.store(p, f32x4.mul(s0, f32x4.sub(one, s0)));
            v128.store(p, f32x4.mul(s1, f32x4.sub(one, s1)), 16);
            v128.store(p, f32x4.mul(s2, f32x4.sub(one, s2)), 32);
            v128.store(p, f32x4.mul(s3, f32x4.sub(one, s3)), 48);
          }
        }
        if (p + 32 <= end) {
          const s0 = sigmoidVector(v128.load(p));
          const s1 = sigmoidVector(v128.load(p, 16));
          v128.store(p + out, s0);
          v128.store(p + out, s1, 16);
          if (derivative) {
            v128.store(p, f32x4.mul(s0, f32x4.sub(one, s0)));
            v128.store(p, f32x4.mul(s1, f32x4.sub(one, s1)), 16);
          }
          p += 32;
        }
        if (p < end) {
          const s = sigmoidVector(v128.load(p));
          v128.store(p + out, s);
          if (derivative) v128.store(p, f32x4.mul(s, f32x4.sub(one, s)));
        }
        break;
      }
      case TANH: {
        let p = d;
        for (; p + 64 <= end; p += 64) {
          const t0 = tanhVector(v128.load(p));
          const t1 = tanhVector(v128.load(p, 16));
          const t2 = tanhVector(v128.load(p, 32));
          const t3 = tanhVector(v128.load(p, 48));
          v128.store(p + out, t0);
          v128.store(p + out, t1, 16);
          v128.store(p + out, t2, 32);
          v128.store(p + out, t3, 48);
          if (derivative) {
            v128.store(p, f32x4.sub(one, f32x4.mul(t0, t0)));
            v128.store(p, f32x4.sub(one, f32x4.mul(t1, t1)), 16);
            v128.store(p, f32x4.sub(one, f32x4.mul(t2, t2)), 32);
            v128.store(p, f32x4.sub(one, f32x4.mul(t3, t3)), 48);
          }
        }
        if (p + 32 <= end) {
          const t0 = tanhVector(v128.load(p));
          const t1 = tanhVector(v128.load(p, 16));
          v128.store(p + out, t0);
          v128.store(p + out, t1, 16);
          if (derivative) {
            v128.store(p, f32x4.sub(one, f32x4.mul(t0, t0)));
            v128.store(p, f32x4.sub(one, f32x4.mul(t1, t1)), 16);
          }
          p += 32;
        }
        if (p < end) {
          const t = tanhVector(v128.load(p));
          v128.store(p + out, t);
          if (derivative) v128.store(p, f32x4.sub(one, f32x4.mul(t, t)));
        }
        break;
      }
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
// @ts-ignore: decorator
@inline
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
// @ts-ignore: decorator
@inline
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

/**
 * The deltas of all `count` neurons of the layer before (rows from out on, rowStep apart, their
 * f'(z) rows from d on) from this layer's `size` deltas (rows from deltaRows on): four at a time,
 * each in the order of propagate().
 */
// @ts-ignore: decorator
@inline
export function layerPropagate(
  weights: usize,
  count: i32,
  size: i32,
  deltaRows: usize,
  rowStep: usize,
  d: usize,
  out: usize,
  vectors: i32,
): void {
  const paramStep = (<usize>(count + 1)) << 2;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    for (; k + 4 <= count; k += 4) {
      const w = weights + ((<usize>k) << 2);
      const rows = <usize>k * rowStep;
      for (let v = 0; v < vectors; v++) {
        const offset = (<usize>v) << 4;
        let a0 = f32x4.splat(0.0);
        let a1 = a0;
        let a2 = a0;
        let a3 = a0;
        let wj = w;
        let row = deltaRows + offset;
        for (let j = 0; j < size; j++) {
          const delta = v128.load(row);
          a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(wj), delta));
          a1 = f32x4.add(a1, f32x4.mul(v128.load32_splat(wj, 4), delta));
          a2 = f32x4.add(a2, f32x4.mul(v128.load32_splat(wj, 8), delta));
          a3 = f32x4.add(a3, f32x4.mul(v128.load32_splat(wj, 12), delta));
          wj += paramStep;
          row += rowStep;
        }
        const at = rows + offset;
        v128.store(out + at, f32x4.mul(a0, v128.load(d + at)));
        v128.store(out + at + rowStep, f32x4.mul(a1, v128.load(d + at + rowStep)));
        v128.store(out + at + 2 * rowStep, f32x4.mul(a2, v128.load(d + at + 2 * rowStep)));
        v128.store(out + at + 3 * rowStep, f32x4.mul(a3, v128.load(d + at + 3 * rowStep)));
      }
    }
  }
  for (; k < count; k++) {
    const at = <usize>k * rowStep;
    propagate(weights + ((<usize>k) << 2), paramStep, size, deltaRows, rowStep, d + at, out + at, vectors);
  }
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

/** The totals of four vectors as one vector, each in the same order as total(). */
// @ts-ignore: decorator
@inline
function totals4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

/**
 * The gradient of a layer's parameters over a batch: weight k of neuron j gets Σ_points δ_j · x_k,
 * its bias Σ_points δ_j (x = the row of ones), where δ_j is row deltaRows + j · rowStep and x_k
 * row prev + k · prevStep; with `accumulate` added to what the grads hold. Per neuron, four
 * parameters at a time: δ_j is loaded once per vector for four sums, reduced together (totals4).
 * The last group holds the sources left and the bias, whose sum adds δ itself (δ · 1 = δ, the
 * same bits as the scalar build's row of ones); while training, its lanes beyond the bias are
 * stored too, over the next neuron's first parameters, which are written after them.
 */
// @ts-ignore: decorator
@inline
export function layerGradients(
  grads: usize,
  size: i32,
  count: i32,
  deltaRows: usize,
  rowStep: usize,
  prev: usize,
  prevStep: usize,
  ones: usize,
  vectors: i32,
  accumulate: bool,
): void {
  const perNeuron = count + 1;
  const end = (<usize>vectors) << 4;
  for (let j = 0; j < size; j++) {
    const delta = deltaRows + <usize>j * rowStep;
    const g = grads + ((<usize>(j * perNeuron)) << 2);
    if (ASC_FEATURE_SIMD) {
      let k = 0;
      for (; k + 4 <= count; k += 4) {
        const x0 = prev + <usize>k * prevStep;
        const x1 = x0 + prevStep;
        const x2 = x1 + prevStep;
        const x3 = x2 + prevStep;
        let a0 = f32x4.splat(0.0);
        let a1 = a0;
        let a2 = a0;
        let a3 = a0;
        for (let o: usize = 0; o < end; o += 16) {
          const d = v128.load(delta + o);
          a0 = f32x4.add(a0, f32x4.mul(d, v128.load(x0 + o)));
          a1 = f32x4.add(a1, f32x4.mul(d, v128.load(x1 + o)));
          a2 = f32x4.add(a2, f32x4.mul(d, v128.load(x2 + o)));
          a3 = f32x4.add(a3, f32x4.mul(d, v128.load(x3 + o)));
        }
        const at = g + ((<usize>k) << 2);
        const t = totals4(a0, a1, a2, a3);
        v128.store(at, accumulate ? f32x4.add(v128.load(at), t) : t);
      }
      // the last group: the sources left (0–3), then the bias, whose source is 1 (δ · 1 = δ)
      const n = perNeuron - k;
      const x0 = prev + <usize>k * prevStep;
      const x1 = x0 + prevStep;
      const x2 = x1 + prevStep;
      let a0 = f32x4.splat(0.0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      if (n == 1) {
        for (let o: usize = 0; o < end; o += 16) a0 = f32x4.add(a0, v128.load(delta + o));
      } else if (n == 2) {
        for (let o: usize = 0; o < end; o += 16) {
          const d = v128.load(delta + o);
          a0 = f32x4.add(a0, f32x4.mul(d, v128.load(x0 + o)));
          a1 = f32x4.add(a1, d);
        }
      } else if (n == 3) {
        for (let o: usize = 0; o < end; o += 16) {
          const d = v128.load(delta + o);
          a0 = f32x4.add(a0, f32x4.mul(d, v128.load(x0 + o)));
          a1 = f32x4.add(a1, f32x4.mul(d, v128.load(x1 + o)));
          a2 = f32x4.add(a2, d);
        }
      } else {
        for (let o: usize = 0; o < end; o += 16) {
          const d = v128.load(delta + o);
          a0 = f32x4.add(a0, f32x4.mul(d, v128.load(x0 + o)));
          a1 = f32x4.add(a1, f32x4.mul(d, v128.load(x1 + o)));
          a2 = f32x4.add(a2, f32x4.mul(d, v128.load(x2 + o)));
          a3 = f32x4.add(a3, d);
        }
      }
      const t = totals4(a0, a1, a2, a3);
      const at = g + ((<usize>k) << 2);
      if (n == 4 || (!accumulate && j + 1 < size)) {
        // lanes beyond the bias land on the next neuron's first parameters, written after this
        v128.store(at, accumulate ? f32x4.add(v128.load(at), t) : t);
      } else {
        storeTotal(at, f32x4.extract_lane(t, 0), accumulate);
        if (n >= 2) storeTotal(at + 4, f32x4.extract_lane(t, 1), accumulate);
        if (n >= 3) storeTotal(at + 8, f32x4.extract_lane(t, 2), accumulate);
      }
    } else {
      for (let k = 0; k < perNeuron; k++) {
        const total = dotRowsScalar(delta, sourceRow(k, count, prev, prevStep, ones), vectors);
        storeTotal(g + ((<usize>k) << 2), total, accumulate);
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function sourceRow(k: i32, count: i32, prev: usize, prevStep: usize, ones: usize): usize {
  return k < count ? prev + <usize>k * prevStep : ones;
}

// @ts-ignore: decorator
@inline
function storeTotal(at: usize, total: f32, accumulate: bool): void {
  store<f32>(at, accumulate ? load<f32>(at) + total : total);
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
 * Returns false if a new weight or bias is outside the network format's [−100, 100] (NaN and
 * infinities included): the step overshoots, training has diverged, and the caller goes back to
 * the last good weights — so a trained network is always a valid network.
 */
// @ts-ignore: decorator
@inline
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
    const limit = f32x4.splat(LIMIT);
    const vlr = f32x4.splat(lr);
    let inRange = i32x4.splat(-1);
    for (let o: usize = 0; o < end; o += 16) {
      const w = v128.load(params + o);
      let g = v128.load(grads + o);
      if (useL2) g = f32x4.add(g, f32x4.mul(v128.load(l2 + o), w));
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
      inRange = v128.and(inRange, f32x4.le(f32x4.abs(next), limit));
      v128.store(params + o, next);
    }
    return i32x4.all_true(inRange);
  } else {
    let inRange = true;
    for (let o: usize = 0; o < end; o += 4) {
      const w = load<f32>(params + o);
      let g = load<f32>(grads + o);
      if (useL2) g = g + load<f32>(l2 + o) * w;
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
      inRange = inRange && Mathf.abs(next) <= LIMIT;
      store<f32>(params + o, next);
    }
    return inRange;
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
