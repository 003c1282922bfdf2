// sin, cos and log that give the same bits in every JavaScript engine.
//
// IEEE 754 rounds +, −, ×, ÷ and sqrt exactly, so every engine agrees on them; Math.sin,
// Math.cos and Math.log are only "implementation-approximated", and engines do differ in the last
// bit (V8 and SpiderMonkey use fdlibm, JavaScriptCore the system's libm). A data set drawn on an
// iPhone and on the server must be the same data set, so the data generators use these instead:
// fdlibm's polynomials evaluated with basic operations only. Accurate to a few ulps (tests compare
// them with Math.*), which is far more than data sets need; what matters is that they are portable.

// π/2 in two parts for the range reduction (fdlibm's pio2_1, pio2_1t): PIO2_HI has 33 significant
// bits, so k · PIO2_HI is exact for |k| < 2^20 and x − k · PIO2_HI loses nothing.
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;
/** Beyond this the two-part reduction loses accuracy; data sets never get near it. */
const MAX_TRIG_ARGUMENT = 2 ** 19;

// fdlibm __kernel_sin / __kernel_cos on [−π/4, π/4]
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

function sinKernel(r: number): number {
  const z = r * r;
  return r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
}

function cosKernel(r: number): number {
  const z = r * r;
  return 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
}

/** x = k·π/2 + r with |r| <= π/4 (about); returns [k mod 4, r]. */
function reduce(x: number): [number, number] {
  if (!(Math.abs(x) <= MAX_TRIG_ARGUMENT)) throw new RangeError(`portable sin/cos: |x| too large: ${x}`);
  const k = Math.round(x * TWO_OVER_PI);
  const r = x - k * PIO2_HI - k * PIO2_LO;
  return [((k % 4) + 4) % 4, r];
}

export function portableSin(x: number): number {
  const [quadrant, r] = reduce(x);
  switch (quadrant) {
    case 0:
      return sinKernel(r);
    case 1:
      return cosKernel(r);
    case 2:
      return -sinKernel(r);
    default:
      return -cosKernel(r);
  }
}

export function portableCos(x: number): number {
  const [quadrant, r] = reduce(x);
  switch (quadrant) {
    case 0:
      return cosKernel(r);
    case 1:
      return -sinKernel(r);
    case 2:
      return -cosKernel(r);
    default:
      return sinKernel(r);
  }
}

// fdlibm __ieee754_log
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm of a positive finite x (NaN otherwise). */
export function portableLog(x: number): number {
  if (!(x > 0 && x < Infinity)) return Number.NaN;
  // x = m · 2^e with m in [√½, √2): multiplying and dividing by 2 is exact
  let m = x;
  let e = 0;
  while (m >= 2 ** 32) {
    m /= 2 ** 32;
    e += 32;
  }
  while (m < 2 ** -32) {
    m *= 2 ** 32;
    e -= 32;
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    e++;
  }
  while (m < Math.SQRT1_2) {
    m *= 2;
    e--;
  }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  return e * LN2_HI - (hfsq - (s * (hfsq + r) + e * LN2_LO) - f);
}
