/**
 * The mean field of one played episode, frozen: what a single household takes as given when it
 * plans (each year's wage, interest, taxes, consumption tax, rationing of consumption, spending,
 * the government's action and global observation that its followers' policy may read, and the
 * year the episode ends). At N = 100 one household's own effect on these is of order 1/N; the
 * checks play its best response in the real simulator, where that effect is included.
 */
import type { Economy, YearResult } from '../economy/economy.js';
import { decodeGovernmentAction } from '../economy/government.js';
import type { Preferences } from '../economy/householdBudgets.js';
import type { GovernmentPolicy } from '../policies/government.js';
import { newHouseholdActions, type HouseholdPolicy } from '../policies/households.js';
import { freezeTax, type FrozenTax } from './frozenTax.js';

export interface FrozenYear {
  /** 1-based year of the episode. */
  year: number;
  /** USD per efficiency hour. */
  wageRate: number;
  consumptionTaxRate: number;
  /** Factor on every household's desired consumption (1 unless the goods market rationed). */
  ration: number;
  governmentSpendingUsd: number;
  tax: FrozenTax;
  /** The government's raw action (followers' policies respond to it). */
  governmentAction: Float64Array;
  /** The global observation at the year's decision. */
  globalObservation: Float64Array;
}

export interface FrozenMeanField {
  n: number;
  seed: number;
  years: FrozenYear[];
  /** Why the played episode ended (after years.length years). */
  endReason: string;
  interestRate: number;
  maxHoursPerYear: number;
  actionClipLow: number;
  actionClipHigh: number;
  preferences: Preferences;
  ability: { persistence: number; shockSd: number; superstarEntryProb: number };
  /** Each household's state at its first decision: ability (after the reset's transition) and assets. */
  initialAbility: Float64Array;
  initialAssetsUsd: Float64Array;
  /** abilityPath[t][i]: household i's ability in year t + 1 (after that year's transition). */
  abilityPath: Float64Array[];
  /** Years in which some household was a super-star (their own ability process is not modelled; see docs/equilibrium.md). */
  superstarYears: number;
  trajectory: YearResult[];
}

/**
 * Plays one episode of `economy` (reset first) under the government and households, and freezes
 * its mean field. The policies are used as they come (fresh ones give the episode the harness plays).
 */
export function freezeMeanField(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy): FrozenMeanField {
  economy.reset();
  government.reset?.(economy);
  households.reset?.(economy);
  const n = economy.n;
  const config = economy.config;
  const initialAbility = Float64Array.from(economy.ability);
  const initialAssetsUsd = Float64Array.from(economy.assetsNext);
  const actions = newHouseholdActions(n);
  const years: FrozenYear[] = [];
  const abilityPath: Float64Array[] = [];
  const trajectory: YearResult[] = [];
  let superstarYears = 0;
  let endReason = '';
  while (!economy.done) {
    const globalObservation = Float64Array.from(economy.observation.global);
    const decision = government.decide(economy);
    const governmentAction = Float64Array.from(decision.action);
    households.observeGovernment?.(decision.action);
    households.act(economy, actions);
    // the tax is read before step: a Saez government's schedule is the one decide() set
    const tax = freezeTax(government, decision.taxSystem, decodeGovernmentAction(governmentAction, config), config.exactFreeMarket);
    const year = economy.step(decision.action, actions, { taxSystem: decision.taxSystem });
    trajectory.push(year);
    abilityPath.push(Float64Array.from(economy.ability));
    if (year.superstars > 0) superstarYears++;
    years.push({
      year: year.year,
      wageRate: year.wageRate,
      consumptionTaxRate: year.consumptionTaxRate,
      ration: year.consumptionRationed ? rationFactor(economy, year) : 1,
      governmentSpendingUsd: year.governmentSpending,
      tax,
      governmentAction,
      globalObservation,
    });
    endReason = year.doneReason ?? '';
  }
  return {
    n,
    seed: config.seed,
    years,
    endReason,
    interestRate: config.interestRate,
    maxHoursPerYear: config.maxHoursPerYear,
    actionClipLow: config.actionClipLow,
    actionClipHigh: config.actionClipHigh,
    preferences: { crra: config.crra, inverseFrisch: config.inverseFrisch, laborDisutilityWeight: config.laborDisutilityWeight, consumptionScaleUsd: config.consumptionScaleUsd },
    ability: { persistence: config.abilityPersistence, shockSd: config.abilityShockSd, superstarEntryProb: config.superstarEntryProb },
    initialAbility,
    initialAssetsUsd,
    abilityPath,
    superstarYears,
    trajectory,
  };
}

/** (Y - G) / desired consumption: the factor the goods market scaled every household's consumption by. */
function rationFactor(economy: Economy, year: YearResult): number {
  const priceFactor = 1 / (1 + year.consumptionTaxRate);
  let demand = 0;
  for (let i = 0; i < economy.n; i++) demand += priceFactor * ((1 - economy.savingShare[i]) * economy.postTaxIncome[i]);
  return (year.gdp - year.governmentSpending) / demand;
}
