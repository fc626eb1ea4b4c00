/**
 * Run episodes of the economy under a government policy and a household policy, keeping the
 * trajectory of every year and the episode metrics.
 */
import { Economy, type YearResult } from '../economy/economy.js';
import { type EpisodeMetrics } from '../economy/metrics.js';
import type { GovernmentPolicy } from '../policies/government.js';
import { type HouseholdPolicy } from '../policies/households.js';
export interface Episode {
    government: string;
    households: string;
    trajectory: YearResult[];
    metrics: EpisodeMetrics;
}
export interface EpisodeOptions {
    /** Stop after this many years even if the episode goes on (default: the economy's episode length). */
    maxYears?: number;
    onYear?: (year: YearResult, economy: Economy) => void;
}
export declare function runEpisode(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy, options?: EpisodeOptions): Episode;
