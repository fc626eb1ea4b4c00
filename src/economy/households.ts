/**
 * The survey households the economy starts from, and how N of them are drawn.
 */
import type { Rng } from './rng.js';
import type { Sampling } from './config.js';

/** Households of a survey (one row each): what the economy needs to start. */
export interface HouseholdPool {
  /** Where the rows come from (file path or description). */
  source: string;
  /** Total assets ASSET, USD. */
  assetsUsd: Float64Array;
  /** Education level EDUC (the authors' initial ability). */
  education: Float64Array;
  /** Total income INCOME, USD per year. */
  incomeUsd: Float64Array;
  /** Survey weight WGT (households represented by the row). */
  weight: Float64Array;
  /** Row index in the source file, for provenance. */
  rowIndex: Int32Array;
}

/** The N households of one economy at reset. */
export interface InitialHouseholds {
  assetsUsd: Float64Array;
  education: Float64Array;
  incomeUsd: Float64Array;
  /** Row of the pool each household was drawn from (-1 when injected). */
  poolRow: Int32Array;
  /** Whether rows were drawn with replacement (only when N exceeds the pool). */
  withReplacement?: boolean;
}

/**
 * Draw n households: uniformly over rows (the authors' draw, which over-represents the wealthy
 * households the SCF over-samples) or with probability proportional to the survey weight
 * (representative of US households). Rows are distinct while n fits in the pool; beyond it
 * (scale experiments) they are drawn with replacement.
 */
export function drawHouseholds(pool: HouseholdPool, n: number, sampling: Sampling, rng: Rng): InitialHouseholds {
  const rows = pool.assetsUsd.length;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the number of households must be a positive integer, got ${n}`);
  const withReplacement = n > rows;
  let index: Int32Array;
  if (!withReplacement) {
    index = sampling === 'weighted' ? rng.weightedSampleWithoutReplacement(pool.weight, n) : rng.sampleWithoutReplacement(rows, n);
  } else if (sampling === 'weighted') {
    index = rng.weightedSampleWithReplacement(pool.weight, n);
  } else {
    index = Int32Array.from({ length: n }, () => rng.int(rows));
  }
  return {
    withReplacement,
    assetsUsd: Float64Array.from(index, (r) => pool.assetsUsd[r]),
    education: Float64Array.from(index, (r) => pool.education[r]),
    incomeUsd: Float64Array.from(index, (r) => pool.incomeUsd[r]),
    poolRow: Int32Array.from(index, (r) => pool.rowIndex[r]),
  };
}
