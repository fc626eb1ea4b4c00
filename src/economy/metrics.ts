/**
 * Metrics with the paper's definitions. Per episode (the authors' evaluator): government reward
 * = sum over years; social welfare = mean over years of the sum of household rewards;
 * per-household GDP, GDP and the Ginis = mean over years; years = episode length.
 * Distribution metrics (Gini, Lorenz points, top-10 % and bottom-50 % shares) for one year.
 */
import type { YearResult } from './economy.js';
import { giniOfSorted, lorenzOfSorted, sortedCopy } from './inequality.js';

export interface EpisodeMetrics {
  years: number;
  governmentReward: number;
  socialWelfare: number;
  gdpPerHousehold: number;
  gdp: number;
  incomeGini: number;
  wealthGini: number;
  /** Why the episode ended. */
  endReason: string | null;
}

export const EPISODE_METRIC_NAMES = ['years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'gdp', 'incomeGini', 'wealthGini'] as const;

export function summarizeEpisode(years: readonly YearResult[]): EpisodeMetrics {
  if (years.length === 0) throw new RangeError('an episode needs at least one year to summarize');
  let reward = 0, welfare = 0, perGdp = 0, gdp = 0, incomeGini = 0, wealthGini = 0;
  for (const y of years) {
    reward += y.governmentReward;
    welfare += y.socialWelfare;
    perGdp += y.gdpPerHousehold;
    gdp += y.gdp;
    incomeGini += y.incomeGini;
    wealthGini += y.wealthGini;
  }
  const T = years.length;
  return {
    years: T,
    governmentReward: reward,
    socialWelfare: welfare / T,
    gdpPerHousehold: perGdp / T,
    gdp: gdp / T,
    incomeGini: incomeGini / T,
    wealthGini: wealthGini / T,
    endReason: years[T - 1].doneReason,
  };
}

export interface DistributionMetrics {
  gini: number;
  top10Share: number;
  bottom50Share: number;
  mean: number;
  median: number;
  /** Lorenz curve at population shares 0, 0.05, ..., 1. */
  lorenz: { population: number; share: number }[];
}

/** Inequality of one distribution (wealth or income) with one sort. */
export function distributionMetrics(values: ArrayLike<number>, lorenzSteps = 20): DistributionMetrics {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  if (n === 0) throw new RangeError('distribution metrics need at least one value');
  const shareBelow = lorenzOfSorted(sorted);
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  return {
    gini: giniOfSorted(sorted),
    top10Share: 1 - shareBelow(0.9),
    bottom50Share: shareBelow(0.5),
    mean: total / n,
    median: n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    lorenz: Array.from({ length: lorenzSteps + 1 }, (_, k) => ({ population: k / lorenzSteps, share: shareBelow(k / lorenzSteps) })),
  };
}
