/**
 * What the agents observe. Global (leader and followers): mean wealth, mean income and mean
 * ability of the top 10 % and of the bottom 50 %; private (household i): (e_i, a_i).
 * Normalisation (running mean and std) belongs to the learners, not to the economy.
 */
import { topGroupSums, type TopGroupSums } from './select.js';

export const GLOBAL_OBSERVATION_NAMES = [
  'top10MeanWealth',
  'top10MeanIncome',
  'top10MeanAbility',
  'bottom50MeanWealth',
  'bottom50MeanIncome',
  'bottom50MeanAbility',
] as const;

/** Scratch so that observing allocates nothing per year. */
export interface ObservationScratch {
  values: Float64Array;
  sums: TopGroupSums;
}

export function newObservationScratch(n: number): ObservationScratch {
  return { values: new Float64Array(n), sums: { topKKey: 0, topKCompanion: 0, restKey: 0, restCompanion: 0 } };
}

/**
 * The six global numbers, in GLOBAL_OBSERVATION_NAMES order. Groups as the authors form them:
 * the top floor(0.1 N) and everyone below rank floor(0.5 N) of a descending stable sort — by
 * wealth for the wealth means, by income for the income and ability means. An empty group
 * (N < 10 for the top 10 %) has mean 0.
 */
export function globalObservation(
  wealth: Float64Array,
  income: Float64Array,
  ability: Float64Array,
  scratch: ObservationScratch,
  out: Float64Array = new Float64Array(6),
): Float64Array {
  const n = wealth.length;
  const k10 = Math.floor(0.1 * n);
  const k50 = Math.floor(0.5 * n);
  const bottomCount = n - k50;
  const mean = (sum: number, count: number): number => (count > 0 ? sum / count : 0);
  const s = scratch.sums;

  topGroupSums(income, ability, k10, k50, scratch.values, s);
  out[1] = mean(s.topKKey, k10);
  out[2] = mean(s.topKCompanion, k10);
  out[4] = mean(s.restKey, bottomCount);
  out[5] = mean(s.restCompanion, bottomCount);

  topGroupSums(wealth, null, k10, k50, scratch.values, s);
  out[0] = mean(s.topKKey, k10);
  out[3] = mean(s.restKey, bottomCount);
  return out;
}

/** Private observations (e_i, a_i) interleaved: [e_0, a_0, e_1, a_1, ...]. */
export function privateObservation(ability: Float64Array, wealth: Float64Array, out: Float64Array = new Float64Array(2 * ability.length)): Float64Array {
  for (let i = 0; i < ability.length; i++) {
    out[2 * i] = ability[i];
    out[2 * i + 1] = wealth[i];
  }
  return out;
}
