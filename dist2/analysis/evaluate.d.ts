/**
 * The evaluation harness every method is judged by: run a government policy against a household
 * policy over several seeds and episodes, and report the paper's metrics per episode and as
 * mean and 95 % confidence interval across seeds.
 */
import type { EconomyConfig, GovernmentTask, Preset } from '../economy/config.js';
import { type EpisodeMetrics } from '../economy/metrics.js';
import type { YearResult } from '../economy/economy.js';
import { type Table } from '../data/frames.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
/** A policy, or a function making a fresh one for a seed (adaptive or random policies). */
export type PolicySource<P> = P | ((seed: number) => P);
export interface EvaluateOptions {
    /** Households N. */
    n: number;
    /** Seeds (integers), or how many: 5 means seeds 1..5. */
    seeds: number[] | number;
    /** Episodes per seed (default 1). */
    episodes?: number;
    task?: GovernmentTask;
    preset?: Preset;
    /** Further economy settings (corrections, episode length, ...). */
    config?: Partial<EconomyConfig>;
    /** Keep every year of every episode (for trajectory figures); default true. */
    keepTrajectories?: boolean;
    /** Progress in years: done out of total (episodes x episode length; an episode that ends early jumps ahead). */
    onProgress?: (doneYears: number, totalYears: number) => void;
}
export interface EpisodeRecord {
    seed: number;
    episode: number;
    metrics: EpisodeMetrics;
    trajectory: YearResult[] | null;
    /** Households' wealth and pre-tax income in the last year of the episode. */
    finalWealth: Float64Array;
    finalIncome: Float64Array;
}
export interface Evaluation {
    government: string;
    households: string;
    n: number;
    task: GovernmentTask;
    preset: Preset;
    seeds: number[];
    records: EpisodeRecord[];
    /** One row per episode: seed, episode, the paper's metrics, why it ended. */
    episodes: Table;
    /** One row per metric: mean across seeds (of each seed's mean over episodes), 95 % interval. */
    summary: Table;
}
export declare function resolveSeeds(seeds: number[] | number): number[];
export declare function evaluate(government: PolicySource<GovernmentPolicy>, households: PolicySource<HouseholdPolicy>, options: EvaluateOptions): Evaluation;
/** Several evaluations side by side: one row per evaluation, "mean ± half-width" cells and raw columns. */
export declare function comparisonTable(evaluations: Evaluation[]): Table;
