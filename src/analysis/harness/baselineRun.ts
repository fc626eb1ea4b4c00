/**
 * One episode of the economy under the free market and under the US federal 2022 schedule,
 * with the same households, and the paper's metrics of each (`smfg run`).
 */
import { createEconomy } from '../../data/defaults.js';
import type { EconomyConfig } from '../../economy/config.js';
import { governmentByName, householdsByName } from '../../policies/registry.js';
import { runEpisode, type Episode } from '../../policies/episode.js';

export const BASELINE_GOVERNMENTS = ['free-market', 'us-federal-2022'] as const;

export interface BaselineRunOptions {
  config: Partial<EconomyConfig> & { n: number };
  /** Households by name (see HOUSEHOLD_NAMES). */
  households: string;
  onYear?: (government: string, year: number) => void;
}

export function runBaselines(options: BaselineRunOptions): Episode[] {
  const households = householdsByName(options.households);
  return BASELINE_GOVERNMENTS.map((name) => {
    const economy = createEconomy(options.config);
    const seed = economy.config.seed;
    const government = governmentByName(name)(seed);
    try {
      return runEpisode(economy, government, households(seed + 1), {
        onYear: (year) => options.onYear?.(government.name, year.year),
      });
    } finally {
      economy.close();
    }
  });
}
