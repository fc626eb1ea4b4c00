/**
 * Powers and exponentials for the economy's hot loops, faster than Math.log and Math.exp
 * (about 1.4x per element for x^(1 - xi), which the HSV taxes need twice per household and
 * year; e^x for the household rewards and the ability process).
 *
 * ln x comes from the exponent bits of x and a 512-entry table of ln c_j around the leading
 * mantissa bits, plus a degree-5 series in r = x / (2^e c_j) - 1, |r| < 2^-10; then
 * exp(-xi ln x) from a 256-entry table of 2^(j/256) and a degree-4 series on |s| < ln2 / 512.
 * Both series are truncated below 4e-17 (larger tables, shorter series: the tables stay in the
 * L1 cache, each term saved is a multiply-add on every household), so the result is within a
 * few units in the last place of x exp(-xi ln x) (tested against Math; the worst relative
 * error per unit of |xi ln x| is 4.5e-16, as with longer series). Zero, negative, subnormal and
 * non-finite amounts go through Math.log / Math.exp / Math.pow, exactly as the scalar hsvTax
 * treats them, and so do exponents beyond +-700 (where the power-of-two table ends).
 */

const LOG_TABLE_BITS = 9;
const LOG_TABLE_SIZE = 1 << LOG_TABLE_BITS;
/** 1 / c_j and ln c_j for c_j = 1 + (j + 1/2) / 512, the centre of each mantissa interval. */
const INVERSE_CENTRE = new Float64Array(LOG_TABLE_SIZE);
const LOG_CENTRE = new Float64Array(LOG_TABLE_SIZE);
for (let j = 0; j < LOG_TABLE_SIZE; j++) {
  const centre = 1 + (j + 0.5) / LOG_TABLE_SIZE;
  INVERSE_CENTRE[j] = 1 / centre;
  LOG_CENTRE[j] = Math.log(centre);
}

const EXP_TABLE_BITS = 8;
const EXP_TABLE_SIZE = 1 << EXP_TABLE_BITS;
/** 2^(j / 256). */
const FRACTIONAL_POWER_OF_TWO = Float64Array.from({ length: EXP_TABLE_SIZE }, (_, j) => Math.pow(2, j / EXP_TABLE_SIZE));
/** 2^k for k in [-1074, 1023], at k + POWER_OF_TWO_OFFSET (exact, so scaling by it is exact). */
const POWER_OF_TWO_OFFSET = 1100;
const POWER_OF_TWO = Float64Array.from({ length: 2200 }, (_, k) => Math.pow(2, k - POWER_OF_TWO_OFFSET));

// ln 2 split so that e * LN2_HIGH is exact for every exponent e
const LN2_HIGH = 0.6931471803691238;
const LN2_LOW = 1.9082149292705877e-10;
const STEPS_PER_LN2 = EXP_TABLE_SIZE / Math.LN2;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Writes x_i^(1 - xi) into `out` (computed as x_i exp(-xi ln x_i)). */
export function powerOneMinusInto(x: Float64Array, xi: number, out: Float64Array): Float64Array {
  const n = x.length;
  const bits = new Int32Array(x.buffer, x.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!(v >= SMALLEST_NORMAL && v < Infinity)) {
      out[i] = v > 0 ? v * Math.exp(-xi * Math.log(v)) : Math.pow(v, 1 - xi);
      continue;
    }
    // ln v = e ln 2 + ln c_j + ln(1 + r)
    const high = bits[2 * i + 1];
    const e = (high >> 20) - 1023;
    const j = (high >> (20 - LOG_TABLE_BITS)) & (LOG_TABLE_SIZE - 1);
    const r = v * POWER_OF_TWO[POWER_OF_TWO_OFFSET - e] * INVERSE_CENTRE[j] - 1;
    const log1pR = r * (1 + r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5)))));
    const lnV = e * LN2_HIGH + LOG_CENTRE[j] + (e * LN2_LOW + log1pR);
    out[i] = v * exp(-xi * lnV);
  }
  return out;
}

/** e^a within a few ulps (Math.exp beyond +-700, where the power-of-two table ends, and for NaN). */
export function exp(a: number): number {
  if (!(a > -700 && a < 700)) return Math.exp(a);
  // e^a = 2^(k / 256) e^s, |s| <= ln 2 / 512
  const k = Math.round(a * STEPS_PER_LN2);
  const s = a - k * (LN2_HIGH / EXP_TABLE_SIZE) - k * (LN2_LOW / EXP_TABLE_SIZE);
  const expS = 1 + s * (1 + s * (1 / 2 + s * (1 / 6 + s * (1 / 24))));
  return POWER_OF_TWO[(k >> EXP_TABLE_BITS) + POWER_OF_TWO_OFFSET] * FRACTIONAL_POWER_OF_TWO[k & (EXP_TABLE_SIZE - 1)] * expS;
}
