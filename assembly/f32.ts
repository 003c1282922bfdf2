// The fast path, for pictures: float32 values, SIMD with 4 lanes and 8 rows per step.
//
// Heatmaps show a colour per pixel, so float32 (7 digits) is far more than they need, and it
// halves the memory traffic and doubles the lanes of the float64 path. Numbers that people read
// (the inspector, /api/forward, the reveal of a prediction round) come from the float64 path.
// Activations are within ~2e-7 of the float64 functions; sums are accumulated in float32.
import { STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, LEAKY_SLOPE } from "./ids";
import { activateScalar } from "./f64";

const SATURATION: f32 = 9.0; // tanh(9) rounds to 1 in float32
const EXP_LIMIT: f32 = 80.0; // e^±80 and 1 / (1 + e^80) are normal floats
const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const SHIFTER: f32 = 12582912.0; // 1.5 * 2^23
// Cephes expf: e^r ≈ 1 + r + r²·P(r) on |r| <= ln2/2, relative error ~1e-7
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;

// @ts-ignore: decorator
@inline
function expVector(x: v128): v128 {
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(SHIFTER));
  const k = f32x4.sub(t, f32x4.splat(SHIFTER));
  let r = f32x4.sub(x, f32x4.mul(k, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(k, f32x4.splat(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  const q0 = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  const q1 = f32x4.add(f32x4.mul(f32x4.splat(P2), r), f32x4.splat(P3));
  const q2 = f32x4.add(f32x4.mul(f32x4.splat(P4), r), f32x4.splat(P5));
  const q = f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(q0, r2), q1), r2), q2);
  const p = f32x4.add(f32x4.add(f32x4.mul(q, r2), r), f32x4.splat(1.0));
  // |k| <= 116 here, so (k + 127) << 23 is the bit pattern of the normal float 2^k
  return f32x4.mul(p, i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23));
}

// @ts-ignore: decorator
@inline
function sigmoidVector(z: v128): v128 {
  const c = f32x4.max(f32x4.min(z, f32x4.splat(EXP_LIMIT)), f32x4.splat(-EXP_LIMIT));
  return f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), expVector(f32x4.neg(c))));
}

// @ts-ignore: decorator
@inline
function tanhVector(z: v128): v128 {
  const c = f32x4.min(f32x4.abs(z), f32x4.splat(SATURATION));
  const e = expVector(f32x4.add(c, c));
  const t = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))));
  return v128.or(t, v128.and(z, i32x4.splat(0x80000000))); // the sign of z
}

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
      for (let p = z; p < end; p += 16) v128.store(p + out, f32x4.max(v128.load(p), f32x4.splat(0.0)));
      break;
    case LEAKY_RELU:
      for (let p = z; p < end; p += 16) {
        const v = v128.load(p);
        v128.store(p + out, f32x4.max(v, f32x4.mul(v, f32x4.splat(<f32>LEAKY_SLOPE))));
      }
      break;
    case SOFTPLUS:
      for (let p = z; p < end; p += 4) store<f32>(p + out, <f32>activateScalar(SOFTPLUS, <f64>load<f32>(p)));
      break;
    default:
      memory.copy(a, z, end - z); // LINEAR
  }
}

/** z and a of one neuron for rows [from, to) in float32 (see neuronF64 for the arguments). */
export function neuronF32(
  from: i32,
  to: i32,
  act: i32,
  bias: f64,
  weights: usize,
  prev: usize,
  prevStep: usize,
  prevCount: i32,
  zRow: usize,
  aRow: usize,
): void {
  if (ASC_FEATURE_SIMD) {
    const b = f32x4.splat(<f32>bias);
    for (let r = from; r < to; r += 8) {
      const offset = <usize>r << 2;
      let z0 = b; // two accumulators: 8 rows per step
      let z1 = b;
      let src = prev + offset;
      for (let k = 0; k < prevCount; k++) {
        const w = f32x4.splat(<f32>load<f64>(weights + (<usize>k << 3)));
        z0 = f32x4.add(z0, f32x4.mul(w, v128.load(src)));
        z1 = f32x4.add(z1, f32x4.mul(w, v128.load(src, 16)));
        src += prevStep;
      }
      v128.store(zRow + offset, z0);
      v128.store(zRow + offset, z1, 16);
    }
    activateRowVector(act, zRow + (<usize>from << 2), aRow + (<usize>from << 2), to - from);
  } else {
    // without SIMD: float64 arithmetic, float32 storage
    for (let r = from; r < to; r++) {
      const offset = <usize>r << 2;
      let z = bias;
      let src = prev + offset;
      for (let k = 0; k < prevCount; k++) {
        z += load<f64>(weights + (<usize>k << 3)) * <f64>load<f32>(src);
        src += prevStep;
      }
      store<f32>(zRow + offset, <f32>z);
      store<f32>(aRow + offset, <f32>activateScalar(act, z));
    }
  }
}
