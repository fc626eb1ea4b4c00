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
}

/**
 * Draw n distinct households: uniformly over rows (the authors' draw, which over-represents
 * the wealthy households the SCF over-samples) or with probability proportional to the survey
 * weight (representative of US households).
 */
export function drawHouseholds(pool: HouseholdPool, n: number, sampling: Sampling, rng: Rng): InitialHouseholds {
  const rows = pool.assetsUsd.length;
  if (n > rows) {
    throw new RangeError(`cannot draw ${n} distinct households from a pool of ${rows} rows (${pool.source}); use n <= ${rows} or a larger pool`);
  }
  const index = sampling === 'weighted' ? rng.weightedSampleWithoutReplacement(pool.weight, n) : rng.sampleWithoutReplacement(rows, n);
  return {
    assetsUsd: Float64Array.from(index, (r) => pool.assetsUsd[r]),
    education: Float64Array.from(index, (r) => pool.education[r]),
    incomeUsd: Float64Array.from(index, (r) => pool.incomeUsd[r]),
    poolRow: Int32Array.from(index, (r) => pool.rowIndex[r]),
  };
}
