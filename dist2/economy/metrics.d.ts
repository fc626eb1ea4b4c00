/**
 * Metrics with the paper's definitions. Per episode (the authors' evaluator): government reward
 * = sum over years; social welfare = mean over years of the sum of household rewards;
 * per-household GDP, GDP and the Ginis = mean over years; years = episode length.
 * Distribution metrics (Gini, Lorenz points, top-10 % and bottom-50 % shares) for one year.
 */
import type { YearResult } from './economy.js';
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
export declare const EPISODE_METRIC_NAMES: readonly ["years", "governmentReward", "socialWelfare", "gdpPerHousehold", "gdp", "incomeGini", "wealthGini"];
export declare function summarizeEpisode(years: readonly YearResult[]): EpisodeMetrics;
export interface DistributionMetrics {
    gini: number;
    top10Share: number;
    bottom50Share: number;
    mean: number;
    median: number;
    /** Lorenz curve at population shares 0, 0.05, ..., 1. */
    lorenz: {
        population: number;
        share: number;
    }[];
}
/** Inequality of one distribution (wealth or income) with one sort. */
export declare function distributionMetrics(values: ArrayLike<number>, lorenzSteps?: number): DistributionMetrics;
