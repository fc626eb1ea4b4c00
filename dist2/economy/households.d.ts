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
export declare function drawHouseholds(pool: HouseholdPool, n: number, sampling: Sampling, rng: Rng): InitialHouseholds;
