/**
 * The economy of a seed as the exploitability plays it: the evaluation harness's economy, and the
 * seed offsets of the household policies (the harness's for the episode, another stream for the
 * grid's draws), so that every measure here responds to the episode the harness plays.
 */
import type { EconomyConfig, GovernmentTask, Preset } from '../economy/config.js';

/** What picks a seed's economy. */
export interface SeedEconomyOptions {
  n: number;
  preset?: Preset;
  task?: GovernmentTask;
  config?: Partial<EconomyConfig>;
}

export const EPISODE_HOUSEHOLD_SEED = 1_000_003;
export const QUERY_HOUSEHOLD_SEED = 2_000_003;

/** The economy of a seed, as the evaluation harness builds it. */
export function economyConfig(options: SeedEconomyOptions, seed: number): Partial<EconomyConfig> & { n: number; seed: number } {
  return { ...options.config, n: options.n, seed, task: options.task ?? options.config?.task ?? 'gdp', preset: options.preset ?? options.config?.preset ?? 'paper' };
}
