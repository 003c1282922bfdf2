// The fast path, for pictures: float32 values and arithmetic, SIMD with 4 lanes and 8 rows per step.
//
// Heatmaps show a colour per pixel, so float32 (7 digits) is far more than they need, and it
// halves the memory traffic and doubles the lanes of the float64 path. Numbers that people read
// (the inspector, /api/forward, the reveal of a prediction round) come from the float64 path.
//
// tanh and sigmoid are a rational function (no exp, one division): for every float32 z, tanh is
// within 3.4e-7 and sigmoid within 2e-7 of the float64 functions (checked exhaustively), and
// |tanh| <= 1: huge or infinite z give values within 2.3e-7 of the limits, never NaN. The other
// activations are exact up to the float32 rounding of their result. Sums are accumulated in
// float32, bias first, then input by input. The scalar fallback (no SIMD) does the same float32
// operations in the same order, so both builds give the same bits.
import { STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, LEAKY_SLOPE } from "./ids";
import { activateScalar } from "./f64";

// tanh(z) ≈ x·P(x²)/Q(x²) with x = z clamped to ±CLAMP: a minimax fit on [0, CLAMP] of degree 9
// over 8 (error about 5e-9 before rounding; float32 rounding makes the rest), beyond which tanh
// is within 2.3e-7 of ±1. Horner's scheme; all of Q's coefficients are positive, so Q >= 1.
const CLAMP: f32 = 8.0;
const P0: f32 = 0.9999999403953552;
const P1: f32 = 0.13423775136470795;
const P2: f32 = 0.0035471974406391382;
const P3: f32 = 2.149852480215486e-5;
const P4: f32 = 1.4683923410530042e-8;
const Q1: f32 = 0.46757081151008606;
const Q2: f32 = 0.026071101427078247;
const Q3: f32 = 0.0003371663042344153;
const Q4: f32 = 8.298740112877567e-7;
const SLOPE: f32 = <f32>LEAKY_SLOPE;

// ---------------------------------------------------------------- scalar (the fallback build)

export function tanhScalar(z: f32): f32 {
  const x = max(min(z, CLAMP), -CLAMP);
  const x2 = x * x;
  let p = P4 * x2 + P3;
  p = p * x2 + P2;
  p = p * x2 + P1;
  p = p * x2 + P0;
  let q = Q4 * x2 + Q3;
  q = q * x2 + Q2;
  q = q * x2 + Q1;
  q = q * x2 + 1.0;
  return (x * p) / q;
}

export function activateF32(id: i32, z: f32): f32 {
  switch (id) {
    case STEP:
      return z >= 0.0 ? 1.0 : 0.0;
    case SIGMOID:
      return tanhScalar(z * 0.5) * 0.5 + 0.5;
    case TANH:
      return tanhScalar(z);
    case RELU:
      return 0.0 < z ? z : 0.0;
    case LEAKY_RELU: {
      const s = z * SLOPE;
      return s < z ? z : s;
    }
    case SOFTPLUS:
      return <f32>activateScalar(SOFTPLUS, <f64>z);
    default:
      return z; // LINEAR
  }
}

// ---------------------------------------------------------------- SIMD

// f32x4.pmin/pmax (b < a ? b : a, a < b ? b : a) are one instruction each; f32x4.min/max, which
// also order -0 and NaN, cost about seven in V8 on x64. The scalar forms above match them.

// @ts-ignore: decorator
@inline
export function tanhVector(z: v128): v128 {
  const x = f32x4.pmax(f32x4.pmin(z, f32x4.splat(CLAMP)), f32x4.splat(-CLAMP));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(f32x4.splat(P4), x2), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(P0));
  let q = f32x4.add(f32x4.mul(f32x4.splat(Q4), x2), f32x4.splat(Q3));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(Q2));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(Q1));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(1.0));
  return f32x4.div(f32x4.mul(x, p), q);
}

// @ts-ignore: decorator
@inline
export function sigmoidVector(z: v128): v128 {
  const half = f32x4.splat(0.5);
  return f32x4.add(f32x4.mul(tanhVector(f32x4.mul(z, half)), half), half);
}

/** a[i] = f(z[i]) for `count` values (a multiple of 8); one loop per function. */
function activateRowVector(id: i32, z: usize, a: usize, count: i32): void {
  const end = z + (<usize>count << 2);
  const out = a - z;
  switch (id) {
    case STEP:
      for (let p = z; p < end; p += 16) {
        v128.store(p + out, v128.and(f32x4.ge(v128.load(p), f32x4.splat(0.0)), f32x4.splat(1.0)));
      }
      break;
    case SIGMOID:
      // two independent evaluations per step overlap their latencies
      for (let p = z; p < end; p += 32) {
        v128.store(p + out, sigmoidVector(v128.load(p)));
        v128.store(p + out, sigmoidVector(v128.load(p, 16)), 16);
      }
      break;
    case TANH:
      for (let p = z; p < end; p += 32) {
        v128.store(p + out, tanhVector(v128.load(p)));
        v128.store(p + out, tanhVector(v128.load(p, 16)), 16);
      }
      break;
    case RELU:
      for (let p = z; p < end; p += 16) v128.store(p + out, f32x4.pmax(f32x4.splat(0.0), v128.load(p)));
      break;
    case LEAKY_RELU:
      for (let p = z; p < end; p += 16) {
        const v = v128.load(p);
        v128.store(p + out, f32x4.pmax(f32x4.mul(v, f32x4.splat(SLOPE)), v));
      }
      break;
    case SOFTPLUS:
      // rare in lessons: scalar evaluations keep the code small
      for (let p = z; p < end; p += 4) store<f32>(p + out, activateF32(SOFTPLUS, load<f32>(p)));
      break;
    default:
      memory.copy(a, z, end - z); // LINEAR
  }
}

/** Writes `count` weights (float64, `step` bytes apart) as float32 vectors of 4 equal lanes. */
function splatWeights(weights: usize, step: usize, count: i32, scratch: usize, scratchStep: usize): void {
  for (let k = 0; k < count; k++) {
    v128.store(scratch, f32x4.splat(<f32>load<f64>(weights)));
    weights += step;
    scratch += scratchStep;
  }
}

// ---------------------------------------------------------------- one layer over a tile

/**
 * z and a of a layer's `size` neurons for rows [from, to) in float32. The previous layer's row
 * k starts at prev + k * prevStep; each neuron's parameters are prevCount f64 weights and its
 * bias; its activation code is at acts + 4 j; its z row at zRow + 2 j * rowBytes, its a row
 * rowBytes further. `scratch` holds max(prevCount) * 64 bytes.
 */
export function layerF32(
  from: i32,
  to: i32,
  size: i32,
  acts: usize,
  params: usize,
  prev: usize,
  prevStep: usize,
  prevCount: i32,
  zRow: usize,
  rowBytes: usize,
  scratch: usize,
): void {
  const paramBytes = (<usize>(prevCount + 1)) << 3;
  const biasOffset = (<usize>prevCount) << 3;
  const count = to - from;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    // four neurons at a time: each input vector is loaded once for four neurons, and eight
    // independent sums (4 neurons × 8 rows) keep the adders busy. The weights are splatted
    // into scratch first: one load per weight in the loop, no conversion.
    for (; j + 4 <= size; j += 4) {
      const w = params + <usize>j * paramBytes;
      for (let i = 0; i < 4; i++) {
        splatWeights(w + <usize>i * paramBytes, 8, prevCount, scratch + (<usize>i << 4), 64);
      }
      const b0 = f32x4.splat(<f32>load<f64>(w + biasOffset));
      const b1 = f32x4.splat(<f32>load<f64>(w + paramBytes + biasOffset));
      const b2 = f32x4.splat(<f32>load<f64>(w + 2 * paramBytes + biasOffset));
      const b3 = f32x4.splat(<f32>load<f64>(w + 3 * paramBytes + biasOffset));
      const scratchEnd = scratch + ((<usize>prevCount) << 6);
      const z0 = zRow + <usize>(2 * j) * rowBytes;
      const zStep = rowBytes << 1;
      for (let r = from; r < to; r += 8) {
        const offset = <usize>r << 2;
        let s00 = b0; // s<neuron><half>: rows r..r+3 and r+4..r+7
        let s01 = b0;
        let s10 = b1;
        let s11 = b1;
        let s20 = b2;
        let s21 = b2;
        let s30 = b3;
        let s31 = b3;
        let src = prev + offset;
        for (let s = scratch; s < scratchEnd; s += 64) {
          const x0 = v128.load(src);
          const x1 = v128.load(src, 16);
          let wv = v128.load(s);
          s00 = f32x4.add(s00, f32x4.mul(wv, x0));
          s01 = f32x4.add(s01, f32x4.mul(wv, x1));
          wv = v128.load(s, 16);
          s10 = f32x4.add(s10, f32x4.mul(wv, x0));
          s11 = f32x4.add(s11, f32x4.mul(wv, x1));
          wv = v128.load(s, 32);
          s20 = f32x4.add(s20, f32x4.mul(wv, x0));
          s21 = f32x4.add(s21, f32x4.mul(wv, x1));
          wv = v128.load(s, 48);
          s30 = f32x4.add(s30, f32x4.mul(wv, x0));
          s31 = f32x4.add(s31, f32x4.mul(wv, x1));
          src += prevStep;
        }
        let out = z0 + offset;
        v128.store(out, s00);
        v128.store(out, s01, 16);
        out += zStep;
        v128.store(out, s10);
        v128.store(out, s11, 16);
        out += zStep;
        v128.store(out, s20);
        v128.store(out, s21, 16);
        out += zStep;
        v128.store(out, s30);
        v128.store(out, s31, 16);
      }
      // the activations run over the tile's z while it is still in L1
      for (let i = 0; i < 4; i++) {
        const z = z0 + <usize>i * zStep + (<usize>from << 2);
        activateRowVector(load<i32>(acts + (<usize>(j + i) << 2)), z, z + rowBytes, count);
      }
    }
    // the rest one at a time, with two sums (8 rows) per step
    for (; j < size; j++) {
      const w = params + <usize>j * paramBytes;
      splatWeights(w, 8, prevCount, scratch, 16);
      const b = f32x4.splat(<f32>load<f64>(w + biasOffset));
      const scratchEnd = scratch + ((<usize>prevCount) << 4);
      const z0 = zRow + <usize>(2 * j) * rowBytes;
      for (let r = from; r < to; r += 8) {
        const offset = <usize>r << 2;
        let s0 = b;
        let s1 = b;
        let src = prev + offset;
        for (let s = scratch; s < scratchEnd; s += 16) {
          const wv = v128.load(s);
          s0 = f32x4.add(s0, f32x4.mul(wv, v128.load(src)));
          s1 = f32x4.add(s1, f32x4.mul(wv, v128.load(src, 16)));
          src += prevStep;
        }
        v128.store(z0 + offset, s0);
        v128.store(z0 + offset, s1, 16);
      }
      const z = z0 + (<usize>from << 2);
      activateRowVector(load<i32>(acts + (<usize>j << 2)), z, z + rowBytes, count);
    }
  } else {
    // without SIMD: the same float32 operations, one row at a time
    for (; j < size; j++) {
      const w = params + <usize>j * paramBytes;
      const act = load<i32>(acts + (<usize>j << 2));
      const bias = <f32>load<f64>(w + biasOffset);
      const z0 = zRow + <usize>(2 * j) * rowBytes;
      for (let r = from; r < to; r++) {
        const offset = <usize>r << 2;
        let z = bias;
        let src = prev + offset;
        for (let k = 0; k < prevCount; k++) {
          z += <f32>load<f64>(w + (<usize>k << 3)) * load<f32>(src);
          src += prevStep;
        }
        store<f32>(z0 + offset, z);
        store<f32>(z0 + rowBytes + offset, activateF32(act, z));
      }
    }
  }
}
