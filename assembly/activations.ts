// Activation functions of the kernel, one scalar and one SIMD (2 × f64 lanes) form each.
// Ids match lib/network/activations.ts: they are part of the kernel's ABI and never change meaning.
//
// Accuracy: every function is within ~1e-15 of the float64 reference (Math.tanh, Math.exp),
// because hidden-layer errors are multiplied by the next layer's weights (up to 100 × 16
// neurons per layer): a "fast" approximation with 1e-6 error would break the 1e-5 contract
// in deep networks. exp is built from a range reduction and a degree-12 polynomial, which
// costs about as much as a rational tanh but is exact to double precision.

export const STEP: i32 = 0;
export const LINEAR: i32 = 1;
export const SIGMOID: i32 = 2;
export const TANH: i32 = 3;
export const RELU: i32 = 4;
export const LEAKY_RELU: i32 = 5;
export const SOFTPLUS: i32 = 6;

const LEAKY_SLOPE: f64 = 0.01;
// tanh(±40) and softplus(z > 40) equal their limits in float64. Arguments of exp are clamped
// to ±EXP_LIMIT, where e^x is still a normal double: no Infinity, no NaN for any finite z, and
// tiny outputs such as sigmoid(-300) ≈ 5e-131 stay right rather than being rounded to a floor.
const SATURATION: f64 = 40.0;
const EXP_LIMIT: f64 = 700.0;

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;

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
// @ts-ignore: decorator
@inline
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
  const scale = reinterpret<f64>((<i64>k + 1023) << 52);
  return p * scale;
}

export function activateScalar(id: i32, z: f64): f64 {
  switch (id) {
    case STEP:
      return z >= 0.0 ? 1.0 : 0.0;
    case SIGMOID: {
      const c = min(max(z, -EXP_LIMIT), EXP_LIMIT);
      return 1.0 / (1.0 + expScalar(-c));
    }
    case TANH: {
      const c = min(abs(z), SATURATION);
      const t = 1.0 - 2.0 / (expScalar(2.0 * c) + 1.0);
      return copysign(t, z);
    }
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

function softplus(z: f64): f64 {
  if (z > SATURATION) return z;
  return max(z, 0.0) + Math.log1p(expScalar(-min(abs(z), EXP_LIMIT)));
}

// ---------------------------------------------------------------- SIMD

// @ts-ignore: decorator
@inline
function expVector(x: v128): v128 {
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(LOG2E)));
  let r = f64x2.sub(x, f64x2.mul(k, f64x2.splat(LN2_HI)));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(LN2_LO)));
  let p = f64x2.splat(C12);
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C11));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C10));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C9));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C8));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C7));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C6));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C4));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(C2));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  // 2^k built in the exponent bits: |k| <= 1010 here, so 2^k is a normal double.
  const k64 = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const scale = i64x2.shl(i64x2.add(k64, i64x2.splat(1023)), 52);
  return f64x2.mul(p, scale);
}

// @ts-ignore: decorator
@inline
export function activateVector(id: i32, z: v128): v128 {
  switch (id) {
    case STEP:
      return v128.and(f64x2.ge(z, f64x2.splat(0.0)), f64x2.splat(1.0));
    case SIGMOID: {
      const s = f64x2.splat(EXP_LIMIT);
      const c = f64x2.max(f64x2.min(z, s), f64x2.neg(s));
      const e = expVector(f64x2.neg(c));
      return f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(1.0), e));
    }
    case TANH: {
      const c = f64x2.min(f64x2.abs(z), f64x2.splat(SATURATION));
      const e = expVector(f64x2.add(c, c));
      const t = f64x2.sub(
        f64x2.splat(1.0),
        f64x2.div(f64x2.splat(2.0), f64x2.add(e, f64x2.splat(1.0))),
      );
      // copy the sign bit of z onto |tanh|
      const sign = v128.and(z, i64x2.splat(0x8000000000000000));
      return v128.or(t, sign);
    }
    case RELU:
      return f64x2.max(z, f64x2.splat(0.0));
    case LEAKY_RELU:
      return f64x2.max(z, f64x2.mul(z, f64x2.splat(LEAKY_SLOPE)));
    case SOFTPLUS: {
      // rare in lessons: two scalar evaluations keep the code small
      const a0 = softplus(f64x2.extract_lane(z, 0));
      const a1 = softplus(f64x2.extract_lane(z, 1));
      return f64x2.replace_lane(f64x2.splat(a0), 1, a1);
    }
    default:
      return z; // LINEAR
  }
}
