/**
 * Every household playing its own exact best response, all at once: the households of the
 * comparison's "SMFRL at equilibrium" row. Each household's best response is to the mean field of
 * a learned method's followers under that method's government (src/equilibrium's program, solved
 * on the episode of one seed); played by all N households together, it is what the followers of
 * that government would do if each stopped following the learned policy and did what is best for
 * itself. docs/equilibrium.md says why, on the paper's economy, this ends the economy in year one.
 */
import { createEconomy } from '../data/defaults.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { householdsByName, governmentByName } from '../policies/registry.js';
import { isPolicyFolder } from '../learning/policyFolder.js';
import { isEquilibriumPolicyFolder, loadEquilibriumPolicy } from '../policies/equilibriumHouseholds.js';
import { rationalHouseholds } from './rationalHouseholds.js';
import { economyConfig, EPISODE_HOUSEHOLD_SEED, QUERY_HOUSEHOLD_SEED, type SeedEconomyOptions } from './seedEconomy.js';
import { freezeMeanField, type FrozenMeanField } from './meanField.js';
import { buildGrid, checkGridOptions, type GridOptions } from './grid.js';
import { solveBestResponse, type BestResponse } from './backwardInduction.js';
import { PolicyQueryError, queryPolicy } from './policyAdapter.js';
import { bestResponseDecide } from './responsePolicy.js';

/** `--households best-response:<policy folder>`: the name's prefix. */
export const BEST_RESPONSE_PREFIX = 'best-response:';

export interface BestRespondingOptions extends SeedEconomyOptions {
  /** The seed whose played episode gives the mean field responded to (default 1). */
  solveSeed?: number;
  grid?: GridOptions;
  /** Draws per state for households that draw their actions (default 32). */
  samples?: number;
}

/** Solves each household's best response to the mean field of `households` under `government`. */
export function solveMeanFieldBestResponse(
  government: (seed: number) => GovernmentPolicy,
  households: (seed: number) => HouseholdPolicy,
  options: BestRespondingOptions,
): BestResponse {
  const seed = options.solveSeed ?? 1;
  // the exploitability's episode and seed offsets (exploit.ts), so both respond to the same mean field
  const economy = createEconomy(economyConfig(options, seed));
  let field: FrozenMeanField;
  try {
    field = freezeMeanField(economy, government(seed), households(seed + EPISODE_HOUSEHOLD_SEED));
  } finally {
    economy.close();
  }
  const grid = buildGrid(field, checkGridOptions(options.grid ?? {}));
  return solveBestResponse(grid, queryPolicy(households(seed + QUERY_HOUSEHOLD_SEED), field, options.samples ?? 32));
}

/** Households that each play the solved best response at their own (year, ability, wealth). */
export function bestRespondingHouseholds(bestResponse: BestResponse, name: string): HouseholdPolicy {
  const decide = bestResponseDecide(bestResponse);
  const lastYear = bestResponse.grid.years - 1;
  const action = { saving: 0, work: 0 };
  return {
    name,
    act(economy, out) {
      // past the solved episode's end: its last year's decisions, those of a household with no
      // future (it spends all it may); the best-responding economy ends first in every case measured
      const t = Math.min(economy.year, lastYear);
      for (let i = 0; i < economy.n; i++) {
        decide(t, economy.ability[i], economy.assetsNext[i], action);
        out.savingShare[i] = action.saving;
        out.workShare[i] = action.work;
      }
    },
  };
}

/**
 * Households by name, as householdsByName, plus `best-response:<policy folder>`: every household
 * best-responding to the folder's followers under the folder's government (solved once, on seed 1).
 * An equilibrium path's folder gives households that solve the equilibrium of the draw they play
 * (rationalHouseholds.ts).
 */
export function householdsOrBestResponse(name: string, options: Omit<BestRespondingOptions, 'solveSeed'>): (seed: number) => HouseholdPolicy {
  if (isEquilibriumPolicyFolder(name)) return rationalHouseholds(loadEquilibriumPolicy(name));
  if (!name.startsWith(BEST_RESPONSE_PREFIX)) return householdsByName(name);
  const folder = name.slice(BEST_RESPONSE_PREFIX.length);
  if (!isPolicyFolder(folder)) {
    throw new RangeError(`households '${name}': after '${BEST_RESPONSE_PREFIX}' give a policy folder (with policy.json, from smfg train), got '${folder}'`);
  }
  const followers = householdsByName(folder);
  if (followers(1).historyDependent) {
    throw new PolicyQueryError(`households '${name}': the followers of ${folder} act on their own history (a recurrent policy), so there is no mean-field best response to solve against them on the (ability, wealth) grid; best-response: needs followers that act on this year's state alone`);
  }
  let solved: BestResponse | null = null;
  return () => {
    solved ??= solveMeanFieldBestResponse(governmentByName(folder), followers, options);
    return bestRespondingHouseholds(solved, `every household's best response to ${folder}`);
  };
}
