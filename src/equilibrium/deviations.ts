/**
 * The followers' exploitability measured by simulation, for a households' policy that has no
 * value on the grid: one that acts on its own history (a recurrent network; the AI Economist's
 * households). Per seed:
 * - play the episode and freeze its mean field, as the grid measure does;
 * - solve the best response on it, its consumption caps measured against the policy's own
 *   played actions at the nearest played state of the same year (realisedPolicy.ts);
 * - for `deviators` households spread evenly over the population, play the same seed again in
 *   the real simulator, in a new economy each time (so with the recorded episode's draws: a reset
 *   does not rewind the random streams), with that one household best-responding and every
 *   other following the policy.
 * A household's gain is its discounted reward best-responding over following, along the same draws
 * and with its own effect on prices. It is the gain of one deviation, so the best deviation earns
 * at least as much: a lower bound of the exploitability, up to the luck of one path.
 */
import { createEconomy } from '../data/defaults.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { freezeMeanField, type FrozenMeanField } from './meanField.js';
import { buildGrid, checkGridOptions, type GridOptions } from './grid.js';
import { solveBestResponse, type BestAction } from './backwardInduction.js';
import { bestResponseAt, bestResponseDecide } from './responsePolicy.js';
import { replaySeed, withOneDeviating } from './simulate.js';
import { emptyRealisedActions, realisedPolicy, recordingActions } from './realisedPolicy.js';
import { economyConfig, EPISODE_HOUSEHOLD_SEED, type SeedEconomyOptions } from './seedEconomy.js';
import { relativeGainOf, summariseSeed, type HouseholdGain, type SeedExploitability } from './gains.js';

/** Households that deviate per seed by default (all of them up to this many). */
export const DEFAULT_DEVIATORS = 100;

/** `count` households spread evenly over 0..n-1. */
export function spreadHouseholds(n: number, count: number): number[] {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, j) => Math.floor((j * n) / k));
}

/** One seed of the exploitability valued by simulation (the module's comment says how). */
export function exploitSeedBySimulation(
  government: (seed: number) => GovernmentPolicy,
  households: (seed: number) => HouseholdPolicy,
  seed: number,
  options: SeedEconomyOptions & { grid?: GridOptions; deviators?: number },
  onYears?: (done: number, total: number) => void,
): { summary: SeedExploitability; households: HouseholdGain[] } {
  let t0 = performance.now();
  const played = emptyRealisedActions();
  const recorded = households(seed + EPISODE_HOUSEHOLD_SEED);
  const economy = createEconomy(economyConfig(options, seed));
  let field: FrozenMeanField;
  try {
    field = freezeMeanField(economy, government(seed), recordingActions(recorded, played));
  } finally {
    economy.close();
  }
  const freeze = (performance.now() - t0) / 1000;
  const grid = buildGrid(field, checkGridOptions(options.grid ?? {}));
  const who = spreadHouseholds(field.n, options.deviators ?? DEFAULT_DEVIATORS);
  // progress in years of work: the best response's T, then one episode following and one per deviator
  const total = grid.years * (2 + who.length);
  t0 = performance.now();
  const bestResponse = solveBestResponse(grid, realisedPolicy(played, field, recorded.name), (done) => onYears?.(done, total));
  const bestResponseSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const play = (policy: HouseholdPolicy) => replaySeed(economyConfig(options, seed), government(seed), policy, grid.gamma).values;
  const following = play(households(seed + EPISODE_HOUSEHOLD_SEED));
  onYears?.(2 * grid.years, total);
  const respond = bestResponseDecide(bestResponse);
  const firstYear = bestResponseAt(bestResponse);
  const action: BestAction = { saving: 0, work: 0, value: 0 };
  const rows: HouseholdGain[] = who.map((i, j) => {
    const deviating = play(withOneDeviating(households(seed + EPISODE_HOUSEHOLD_SEED), i, respond, field.years.length))[i];
    onYears?.(grid.years * (j + 3), total);
    firstYear(0, field.initialAbility[i], field.initialAssetsUsd[i], action);
    return {
      seed,
      household: i,
      ability: field.initialAbility[i],
      assetsUsd: field.initialAssetsUsd[i],
      policyValue: following[i],
      bestResponseValue: deviating,
      relativeGain: relativeGainOf(deviating, following[i], field, grid.gamma),
      bestSaving: action.saving,
      bestWork: action.work,
    };
  });
  const summary = summariseSeed(seed, field, rows, { freeze, bestResponse: bestResponseSeconds, policy: 0, households: (performance.now() - t0) / 1000 });
  return { summary, households: rows };
}
