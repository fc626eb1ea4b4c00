/**
 * The main job of the first stage: one episode of the economy under the free market and under
 * the US federal 2022 schedule, with the same households, and the paper's metrics of each.
 */
import { createEconomy } from '../data/defaults.js';
import { authorsUsFederal2022 } from '../data/taxSchedules.js';
import type { EconomyConfig } from '../economy/config.js';
import { bracketSchedulePolicy, freeMarket, type GovernmentPolicy } from '../policies/government.js';
import { fixedShares, randomShares, thriftyHouseholds, type HouseholdPolicy } from '../policies/households.js';
import { runEpisode, type Episode } from './episode.js';

export const HOUSEHOLD_RULES = ['thrifty', 'random', 'fixed'] as const;
export type HouseholdRule = (typeof HOUSEHOLD_RULES)[number];

export function householdRule(rule: HouseholdRule, seed: number): HouseholdPolicy {
  switch (rule) {
    case 'thrifty':
      return thriftyHouseholds(seed);
    case 'random':
      return randomShares(seed);
    case 'fixed':
      return fixedShares(0.975, 0.5);
  }
}

export interface BaselineRunOptions {
  config: Partial<EconomyConfig> & { n: number };
  households: HouseholdRule;
  onYear?: (government: string, year: number) => void;
}

export function baselineGovernments(): GovernmentPolicy[] {
  return [freeMarket(), bracketSchedulePolicy(authorsUsFederal2022())];
}

export function runBaselines(options: BaselineRunOptions): Episode[] {
  return baselineGovernments().map((government) => {
    const economy = createEconomy(options.config);
    const seed = economy.config.seed;
    return runEpisode(economy, government, householdRule(options.households, seed + 1), {
      onYear: (year) => options.onYear?.(government.name, year.year),
    });
  });
}
