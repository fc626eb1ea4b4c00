/**
 * The checks' two simulations of one household's discounted reward:
 * - in the frozen mean field, over many ability paths drawn from the continuous AR(1) in logs
 *   (not the grid's chain), with decisions at the exact states: what the dynamic program's values
 *   approximate;
 * - in the real simulator, one household deviating while every other follows the policy, its own
 *   effect on prices, taxes and the episode's end included.
 */
import { Rng } from '../economy/rng.js';
import type { Economy } from '../economy/economy.js';
import type { EconomyConfig } from '../economy/config.js';
import { createEconomy } from '../data/defaults.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { runEpisode } from '../policies/episode.js';
import { householdYearIn, type FrozenMeanField } from './meanField.js';
import type { YearOutcome } from '../economy/householdBudget.js';
import type { Decide } from './responsePolicy.js';
import type { PolicyQuery } from './policyAdapter.js';

export interface PathValues {
  /** Discounted reward of each path. */
  values: Float64Array;
  mean: number;
  /** Half-width of the mean's 95 % normal interval (1.96 standard errors). */
  halfWidth95: number;
}

export function summarisePaths(values: Float64Array): PathValues {
  const k = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / k;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = k > 1 ? Math.sqrt(squares / (k - 1)) : NaN;
  return { values, mean, halfWidth95: (1.959963984540054 * sd) / Math.sqrt(k) };
}

/** A policy query as a Decide at one state: one of its draws there, chosen uniformly (seeded), as the program weighs them. */
export function policyDecide(policy: PolicyQuery, seed = 0): Decide {
  const ability = new Float64Array(1), assets = new Float64Array(1);
  const saving = new Float64Array(policy.samples), work = new Float64Array(policy.samples);
  const rng = new Rng(seed, 11);
  return (t, e, a, out) => {
    ability[0] = e;
    assets[0] = a;
    policy.act(t, ability, assets, saving, work);
    const draw = policy.samples === 1 ? 0 : rng.int(policy.samples);
    out.saving = saving[draw];
    out.work = work[draw];
  };
}

/**
 * Discounted reward of household `household` (its initial state) deciding by `decide`, in the
 * frozen mean field, over `paths` ability paths of log e' = rho log e + sigma eps (seeded).
 * With `policy`, the model of the dynamic program exactly: a year in which the household
 * consumes more than the policy would at the same state and ability, plus the year's cap, is its
 * last (meanField.ts, consumptionCaps).
 */
export function simulateFrozen(field: FrozenMeanField, household: number, decide: Decide, paths: number, seed: number, gamma: number, policy?: PolicyQuery): PathValues {
  const rng = new Rng(seed, 7);
  const values = new Float64Array(paths);
  const { persistence: rho, shockSd: sigma } = field.ability;
  const outcome: YearOutcome = { consumptionUsd: 0, assetsNextUsd: 0, reward: 0 };
  const action = { saving: 0, work: 0 };
  const capOf = policy ? policyConsumptionCap(field, policy) : null;
  for (let path = 0; path < paths; path++) {
    let logAbility = Math.log(field.initialAbility[household]);
    let assets = field.initialAssetsUsd[household];
    let discount = 1, value = 0;
    for (let t = 0; t < field.years.length; t++) {
      const ability = Math.exp(logAbility);
      decide(t, ability, assets, action);
      logAbility = rho * logAbility + sigma * rng.normal();
      const cap = capOf ? capOf(t, ability, assets, Math.exp(logAbility)) : Infinity;
      householdYearIn(field, field.years[t], Math.exp(logAbility), assets, action.saving, action.work, outcome);
      value += discount * outcome.reward;
      discount *= gamma;
      assets = outcome.assetsNextUsd;
      if (outcome.consumptionUsd > cap * (1 + 1e-12)) break;
    }
    values[path] = value;
  }
  return summarisePaths(values);
}

/** The most a household may consume in year t: the policy's mean consumption at its state (ability at the decision, assets) and this year's ability, plus the year's cap. */
function policyConsumptionCap(field: FrozenMeanField, policy: PolicyQuery): (t: number, ability: number, assets: number, nextAbility: number) => number {
  const one = { ability: new Float64Array(1), assets: new Float64Array(1) };
  const saving = new Float64Array(policy.samples), work = new Float64Array(policy.samples);
  const outcome: YearOutcome = { consumptionUsd: 0, assetsNextUsd: 0, reward: 0 };
  return (t, ability, assets, nextAbility) => {
    const year = field.years[t];
    if (year.consumptionCapUsd === Infinity) return Infinity;
    one.ability[0] = ability;
    one.assets[0] = assets;
    policy.act(t, one.ability, one.assets, saving, work);
    let mean = 0;
    for (let s = 0; s < policy.samples; s++) mean += householdYearIn(field, year, nextAbility, assets, saving[s], work[s], outcome).consumptionUsd / policy.samples;
    return mean + year.consumptionCapUsd;
  };
}

/**
 * The policy of every household but one, which decides by `decide` at its own state (year index =
 * years done) for the first `years` years (the frozen episode's length: should its deviation keep
 * the economy alive longer, it follows the policy after that, having planned for no future).
 */
export function withOneDeviating(base: HouseholdPolicy, household: number, decide: Decide, years = Infinity): HouseholdPolicy {
  const action = { saving: 0, work: 0 };
  return {
    name: `${base.name}, household ${household} best-responding`,
    reset: base.reset ? (e) => base.reset!(e) : undefined,
    observeGovernment: base.observeGovernment ? (a) => base.observeGovernment!(a) : undefined,
    act(economy: Economy, out) {
      base.act(economy, out);
      if (economy.year >= years) return;
      decide(economy.year, economy.ability[household], economy.assetsNext[household], action);
      out.savingShare[household] = action.saving;
      out.workShare[household] = action.work;
    },
  };
}

/** One episode of the real simulator (economy reset first): household `household`'s discounted reward and the years played. */
export function playEpisode(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy, household: number, gamma: number): { value: number; years: number } {
  const { values, years } = playEpisodeValues(economy, government, households, gamma);
  return { value: values[household], years };
}

/**
 * One episode of the real simulator (economy reset first): every household's discounted reward and
 * the years played. A reset does not rewind the economy's random streams: to replay a seed's own
 * draws, pass a new economy (replaySeed).
 */
export function playEpisodeValues(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy, gamma: number): { values: Float64Array; years: number } {
  const values = new Float64Array(economy.n);
  let discount = 1;
  const { trajectory } = runEpisode(economy, government, households, {
    onYear: () => {
      for (let i = 0; i < economy.n; i++) values[i] += discount * economy.householdReward[i];
      discount *= gamma;
    },
  });
  return { values, years: trajectory.length };
}

/**
 * One episode of a seed's economy, built afresh: every household's discounted reward, with the
 * same draws at every call (an economy's reset does not rewind its random streams).
 */
export function replaySeed(config: Partial<EconomyConfig> & { n: number; seed: number }, government: GovernmentPolicy, households: HouseholdPolicy, gamma: number): { values: Float64Array; years: number } {
  const economy = createEconomy(config);
  try {
    return playEpisodeValues(economy, government, households, gamma);
  } finally {
    economy.close();
  }
}

/** Discounted reward in the frozen mean field along the household's realised ability path of the played episode. */
export function simulateRealisedPath(field: FrozenMeanField, household: number, decide: Decide, gamma: number): number {
  const outcome: YearOutcome = { consumptionUsd: 0, assetsNextUsd: 0, reward: 0 };
  const action = { saving: 0, work: 0 };
  let ability = field.initialAbility[household];
  let assets = field.initialAssetsUsd[household];
  let discount = 1, value = 0;
  for (let t = 0; t < field.years.length; t++) {
    decide(t, ability, assets, action);
    ability = field.abilityPath[t][household];
    householdYearIn(field, field.years[t], ability, assets, action.saving, action.work, outcome);
    value += discount * outcome.reward;
    discount *= gamma;
    assets = outcome.assetsNextUsd;
  }
  return value;
}
