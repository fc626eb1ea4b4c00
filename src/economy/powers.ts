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

/**
 * Writes x_i - factor x_i^(1 - xi) into `out`: with factor (1 - tau)/(1 - xi), the HSV tax.
 *
 * Two amounts per turn: each power is a long chain of dependent multiply-adds, and two
 * independent chains side by side keep the CPU busy (26 against 36 ns per amount at
 * N = 1,000,000, 20 against 27 at 500; four per turn were slower again). That only pays when V8
 * inlines both powers here, within its budget of inlined code per optimised function: keep this
 * loop's callees to powerOneMinusOfNormal and let the phases call it directly, not through a
 * wrapper that V8 could optimise with this loop inlined (and the powers then called).
 */
export function subtractScaledPowerInto(x: Float64Array, xi: number, factor: number, out: Float64Array): Float64Array {
  const n = x.length;
  const bits = new Int32Array(x.buffer, x.byteOffset, 2 * n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = x[i];
    const w = x[i + 1];
    if (!(v >= SMALLEST_NORMAL && v < Infinity && w >= SMALLEST_NORMAL && w < Infinity)) {
      out[i] = v - factor * powerOneMinus(v, xi);
      out[i + 1] = w - factor * powerOneMinus(w, xi);
      continue;
    }
    const powerV = powerOneMinusOfNormal(v, bits[2 * i + 1], xi);
    const powerW = powerOneMinusOfNormal(w, bits[2 * i + 3], xi);
    out[i] = v - factor * powerV;
    out[i + 1] = w - factor * powerW;
  }
  if (i < n) out[i] = x[i] - factor * powerOneMinus(x[i], xi);
  return out;
}

/** v^(1 - xi) for any v: the table method for normal, finite, positive v, else Math as the scalar hsvTax. */
export function powerOneMinus(v: number, xi: number): number {
  if (v >= SMALLEST_NORMAL && v < Infinity) {
    HIGH_WORD_SCRATCH[0] = v;
    return powerOneMinusOfNormal(v, HIGH_WORD_BITS[1], xi);
  }
  return v > 0 ? v * Math.exp(-xi * Math.log(v)) : Math.pow(v, 1 - xi);
}

const HIGH_WORD_SCRATCH = new Float64Array(1);
const HIGH_WORD_BITS = new Int32Array(HIGH_WORD_SCRATCH.buffer);

/** v^(1 - xi) = v exp(-xi ln v) for a normal, finite, positive v whose high word is `high`. */
function powerOneMinusOfNormal(v: number, high: number, xi: number): number {
  // ln v = e ln 2 + ln c_j + ln(1 + r)
  const e = (high >> 20) - 1023;
  const j = (high >> (20 - LOG_TABLE_BITS)) & (LOG_TABLE_SIZE - 1);
  const r = v * POWER_OF_TWO[POWER_OF_TWO_OFFSET - e] * INVERSE_CENTRE[j] - 1;
  const log1pR = r * (1 + r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5)))));
  const lnV = e * LN2_HIGH + LOG_CENTRE[j] + (e * LN2_LOW + log1pR);
  return v * exp(-xi * lnV);
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
