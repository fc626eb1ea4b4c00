/**
 * One household's year under a frozen mean field, as the economy computes it
 * (householdBudgets.ts): hours, income, taxes, consumption (rationed if the goods market was),
 * next assets and the reward sigmoid(u(c) - w h^(1+gamma)/(1+gamma)). Scalar functions, for the
 * dynamic program and the simulations that check it.
 */
import type { Preferences } from '../economy/householdBudgets.js';
import type { FrozenMeanField, FrozenYear } from './meanField.js';
import { postTaxIncome, postTaxWealth } from './frozenTax.js';

/** The economy's clip of a raw share (NaN stays NaN). */
export function clipShare(raw: number, field: FrozenMeanField): number {
  return Math.min(Math.max(raw, field.actionClipLow), field.actionClipHigh);
}

/** w h^(1+gamma) / (1+gamma): the labour disutility of a work share. */
export function laborDisutility(workShare: number, preferences: Preferences): number {
  const power = 1 + preferences.inverseFrisch;
  return preferences.laborDisutilityWeight * ((power === 3 ? workShare * workShare * workShare : Math.pow(workShare, power)) / power);
}

/** The household reward of a year (rewards.ts / householdBudgets.ts), from consumption and the labour disutility. */
export function householdReward(consumptionUsd: number, disutility: number, preferences: Preferences): number {
  if (preferences.crra === 1) return 1 / (1 + (preferences.consumptionScaleUsd / consumptionUsd) * Math.exp(disutility));
  return 1 / (1 + Math.exp(-(Math.pow(consumptionUsd, 1 - preferences.crra) / (1 - preferences.crra) - disutility)));
}

export interface YearOutcome {
  consumptionUsd: number;
  assetsNextUsd: number;
  reward: number;
}

/** The year of a household with this year's ability, assets at the start of the year and clipped shares. */
export function householdYear(field: FrozenMeanField, year: FrozenYear, ability: number, assetsUsd: number, savingShare: number, workShare: number, out: YearOutcome): YearOutcome {
  const hours = field.maxHoursPerYear * workShare;
  const income = year.wageRate * ability * hours + field.interestRate * assetsUsd;
  const postIncome = postTaxIncome(income, year.tax);
  const priceFactor = 1 / (1 + year.consumptionTaxRate);
  const consumption = year.ration * (priceFactor * ((1 - savingShare) * postIncome));
  out.consumptionUsd = consumption;
  out.assetsNextUsd = postIncome + postTaxWealth(assetsUsd, year.tax) - consumption * (1 + year.consumptionTaxRate);
  out.reward = householdReward(consumption, laborDisutility(workShare, field.preferences), field.preferences);
  return out;
}
