// The precise path: float64 throughout, scalar and SIMD (2 lanes) forms.
//
// Every activation is within ~1e-15 of the float64 reference (Math.tanh, Math.exp), because a
// hidden neuron's error is multiplied by the next layer's weights (up to 100, 16 neurons per
// layer): an approximation with 1e-6 error would break the 1e-5 contract in deep networks.
// exp is a range reduction plus a degree-12 polynomial, evaluated by Estrin's scheme.
import { STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTPLUS, LEAKY_SLOPE } from "./ids";

// tanh(±40) and softplus(z > 40) equal their limits in float64. Arguments of exp are clamped
// to ±EXP_LIMIT, where e^x is still a normal double: no Infinity, no NaN for any finite z, and
// tiny outputs such as sigmoid(-300) ≈ 5e-131 stay right rather than being rounded to a floor.
const SATURATION: f64 = 40.0;
const EXP_LIMIT: f64 = 700.0;

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
// 1.5 * 2^52: adding it rounds a double to an integer held in the low mantissa bits
const SHIFTER: f64 = 6755399441055744.0;

// Taylor coefficients 1/n! for e^r on |r| <= ln2/2: degree 12 gives < 2e-16 relative error.
const C2: f64 = 1.0 / 2.0;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;
const C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0;
const C8: f64 = 1.0 / 40320.0;
const C9: f64 = 1.0 / 362880.0;
const C10: f64 = 1.0 / 3628800.0;
const C11: f64 = 1.0 / 39916800.0;
const C12: f64 = 1.0 / 479001600.0;

// ---------------------------------------------------------------- scalar

/** e^x for |x| <= EXP_LIMIT (callers clamp). */
function expScalar(x: f64): f64 {
  const k = nearest(x * LOG2E);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p = C12;
  p = p * r + C11;
  p = p * r + C10;
  p = p * r + C9;
  p = p * r + C8;
  p = p * r + C7;
  p = p * r + C6;
  p = p * r + C5;
  p = p * r + C4;
  p = p * r + C3;
  p = p * r + C2;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return p * reinterpret<f64>((<i64>k + 1023) << 52);
}

function softplus(z: f64): f64 {
  if (z > SATURATION) return z;
  return max(z, 0.0) + Math.log1p(expScalar(-min(abs(z), EXP_LIMIT)));
}

export function activateScalar(id: i32, z: f64): f64 {
  switch (id) {
    case STEP:
      return z >= 0.0 ? 1.0 : 0.0;
    case SIGMOID:
      return 1.0 / (1.0 + expScalar(-min(max(z, -EXP_LIMIT), EXP_LIMIT)));
    case TANH:
      return copysign(1.0 - 2.0 / (expScalar(2.0 * min(abs(z), SATURATION)) + 1.0), z);
    case RELU:
      return max(z, 0.0);
    case LEAKY_RELU:
      return max(z, LEAKY_SLOPE * z);
    case SOFTPLUS:
      return softplus(z);
    default:
      return z; // LINEAR
  }
}

// ---------------------------------------------------------------- SIMD

// @ts-ignore: decorator
@inline
function expVector(x: v128): v128 {
  // k = round(x / ln2) via the shifter trick; its bits give 2^k without float→int conversion
  const t = f64x2.add(f64x2.mul(x, f64x2.splat(LOG2E)), f64x2.splat(SHIFTER));
  const k = f64x2.sub(t, f64x2.splat(SHIFTER));
  let r = f64x2.sub(x, f64x2.mul(k, f64x2.splat(LN2_HI)));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(LN2_LO)));
  // Estrin's scheme: the polynomial in independent pieces, shorter dependency chains
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const p01 = f64x2.add(f64x2.splat(1.0), r);
  const p23 = f64x2.add(f64x2.splat(C2), f64x2.mul(r, f64x2.splat(C3)));
  const p45 = f64x2.add(f64x2.splat(C4), f64x2.mul(r, f64x2.splat(C5)));
  const p67 = f64x2.add(f64x2.splat(C6), f64x2.mul(r, f64x2.splat(C7)));
  const p89 = f64x2.add(f64x2.splat(C8), f64x2.mul(r, f64x2.splat(C9)));
  const pab = f64x2.add(f64x2.splat(C10), f64x2.mul(r, f64x2.splat(C11)));
  const p03 = f64x2.add(p01, f64x2.mul(r2, p23));
  const p47 = f64x2.add(p45, f64x2.mul(r2, p67));
  const p8b = f64x2.add(p89, f64x2.mul(r2, pab));
  const p8c = f64x2.add(p8b, f64x2.mul(r4, f64x2.splat(C12)));
  const p07 = f64x2.add(p03, f64x2.mul(r4, p47));
  const p = f64x2.add(p07, f64x2.mul(r8, p8c));
  // |k| <= 1010 here, so (k + 1023) << 52 is the bit pattern of the normal double 2^k
  return f64x2.mul(p, i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52));
}

// @ts-ignore: decorator
@inline
function sigmoidVector(z: v128): v128 {
  const c = f64x2.max(f64x2.min(z, f64x2.splat(EXP_LIMIT)), f64x2.splat(-EXP_LIMIT));
  return f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), expVector(f64x2.neg(c))));
}

// @ts-ignore: decorator
@inline
function tanhVector(z: v128): v128 {
  const c = f64x2.min(f64x2.abs(z), f64x2.splat(SATURATION));
  const e = expVector(f64x2.add(c, c));
  const t = f64x2.sub(f64x2.splat(1.0), f64x2.div(f64x2.splat(2.0), f64x2.add(e, f64x2.splat(1.0))));
  return v128.or(t, v128.and(z, i64x2.splat(0x8000000000000000))); // the sign of z
}

/** a[i] = f(z[i]) for `count` values (a multiple of 4); one loop per function. */
function activateRowVector(id: i32, z: usize, a: usize, count: i32): void {
  const end = z + (<usize>count << 3);
  const out = a - z;
  switch (id) {
    case STEP:
      for (let p = z; p < end; p += 16) {
        v128.store(p + out, v128.and(f64x2.ge(v128.load(p), f64x2.splat(0.0)), f64x2.splat(1.0)));
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
      for (let p = z; p < end; p += 16) v128.store(p + out, f64x2.max(v128.load(p), f64x2.splat(0.0)));
      break;
    case LEAKY_RELU:
      for (let p = z; p < end; p += 16) {
        const v = v128.load(p);
        v128.store(p + out, f64x2.max(v, f64x2.mul(v, f64x2.splat(LEAKY_SLOPE))));
      }
      break;
    case SOFTPLUS:
      // rare in lessons: scalar evaluations keep the code small
      for (let p = z; p < end; p += 8) store<f64>(p + out, softplus(load<f64>(p)));
      break;
    default:
      memory.copy(a, z, end - z); // LINEAR
  }
}

// ---------------------------------------------------------------- one neuron over a tile

/**
 * z and a of one neuron for rows [from, to) in float64. The previous layer's row k starts at
 * prev + k * prevStep; weights are prevCount f64 values.
 */
export function neuronF64(
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
    const b = f64x2.splat(bias);
    for (let r = from; r < to; r += 4) {
      const offset = <usize>r << 3;
      let z0 = b; // two accumulators: 4 rows per step
      let z1 = b;
      let src = prev + offset;
      for (let k = 0; k < prevCount; k++) {
        const w = v128.load64_splat(weights + (<usize>k << 3));
        z0 = f64x2.add(z0, f64x2.mul(w, v128.load(src)));
        z1 = f64x2.add(z1, f64x2.mul(w, v128.load(src, 16)));
        src += prevStep;
      }
      v128.store(zRow + offset, z0);
      v128.store(zRow + offset, z1, 16);
    }
    // the activation runs over the tile's z while it is still in L1
    activateRowVector(act, zRow + (<usize>from << 3), aRow + (<usize>from << 3), to - from);
  } else {
    for (let r = from; r < to; r++) {
      const offset = <usize>r << 3;
      let z = bias;
      let src = prev + offset;
      for (let k = 0; k < prevCount; k++) {
        z += load<f64>(weights + (<usize>k << 3)) * load<f64>(src);
        src += prevStep;
      }
      store<f64>(zRow + offset, z);
      store<f64>(aRow + offset, activateScalar(act, z));
    }
  }
}
