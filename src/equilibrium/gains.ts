/**
 * What one seed's measurement produces: each household's gain by best-responding and the seed's
 * summary of them, whether the policy was valued on the grid (exploit.ts) or by simulation
 * (deviations.ts), and the grid's solved problem (kept for figures and checks). Shared here so
 * that the measures and the checks import no one above them.
 */
import { mean } from '../statistics.js';
import type { FrozenMeanField } from './meanField.js';
import type { HouseholdGrid } from './grid.js';
import type { BestResponse, GridValues } from './backwardInduction.js';
import type { PolicyQuery } from './policyAdapter.js';

export interface HouseholdGain {
  seed: number;
  household: number;
  /** State at the first decision. */
  ability: number;
  assetsUsd: number;
  policyValue: number;
  bestResponseValue: number;
  relativeGain: number;
  /** The best response's first-year shares. */
  bestSaving: number;
  bestWork: number;
}

/**
 * A household's gain from deviating, as a share of what it gets. With the authors' sigmoid rewards
 * (positive, bounded) the relative value gain (V* - V) / V. With CRRA utility, whose values may be
 * negative, the consumption equivalent instead: the share lambda by which consumption in every year
 * of the policy would have to rise to be worth the best response; under log utility
 * V(lambda) = V + ln(1 + lambda) sum_t gamma^t, so lambda = exp((V* - V) / sum_t gamma^t) - 1
 * (for theta != 1, (V* - V) / |V| stands in: the consumption equivalent needs the utility of
 * consumption apart from the disutility of work).
 */
export function relativeGainOf(bestResponseValue: number, policyValue: number, field: FrozenMeanField, gamma: number): number {
  const p = field.preferences;
  if (p.utility !== 'crra') return (bestResponseValue - policyValue) / policyValue;
  if (p.crra !== 1) return (bestResponseValue - policyValue) / Math.abs(policyValue);
  const years = field.years.length;
  const discounted = gamma === 1 ? years : (1 - Math.pow(gamma, years)) / (1 - gamma);
  return Math.expm1((bestResponseValue - policyValue) / discounted);
}

export interface SeedExploitability {
  seed: number;
  years: number;
  endReason: string;
  meanRelativeGain: number;
  maxRelativeGain: number;
  meanPolicyValue: number;
  meanBestResponseValue: number;
  /** Years in which some household of the played episode was a super-star. */
  superstarYears: number;
  seconds: { freeze: number; bestResponse: number; policy: number; households: number };
}

/** One seed's solved problem (kept for figures and checks). */
export interface SeedSolution {
  field: FrozenMeanField;
  grid: HouseholdGrid;
  bestResponse: BestResponse;
  policyValues: GridValues;
  policy: PolicyQuery;
  households: HouseholdGain[];
  summary: SeedExploitability;
}

/**
 * The households' values are not numbers, so no gain from deviating can be measured: said, instead
 * of a NaN gain. (Seen for MADDPG's gdp leaders on preset aiyagari while the fiscal rule's surcharge
 * could fold budgets, up to stop 38; kept as a guard.)
 */
export class ExploitUndefinedError extends Error {}

/** One seed's mean and largest gain, and the households' mean values (ExploitUndefinedError if any value is NaN). */
export function summariseSeed(seed: number, field: FrozenMeanField, rows: HouseholdGain[], seconds: SeedExploitability['seconds']): SeedExploitability {
  const undefinedRows = rows.filter((r) => Number.isNaN(r.policyValue) || Number.isNaN(r.bestResponseValue)).length;
  if (undefinedRows > 0) {
    throw new ExploitUndefinedError(`the households' values are not numbers on seed ${seed} (the policy or best-response value of ${undefinedRows} of ${rows.length} households is NaN): their gain from deviating is undefined`);
  }
  const gains = rows.map((r) => r.relativeGain);
  return {
    seed,
    years: field.years.length,
    endReason: field.endReason,
    meanRelativeGain: mean(gains),
    maxRelativeGain: Math.max(...gains),
    meanPolicyValue: mean(rows.map((r) => r.policyValue)),
    meanBestResponseValue: mean(rows.map((r) => r.bestResponseValue)),
    superstarYears: field.superstarYears,
    seconds,
  };
}
