/**
 * The state grid of one household's dynamic program: ability nodes (Rouwenhorst, abilityGrid.ts)
 * times a wealth grid per year. Wealth points are evenly spaced in x = ln(a + shift) between 0 and
 * the most any household could hold that year (the richest initial assets, then every year
 * everything saved at the top ability node and the largest work share), so every state the
 * program can reach lies on it; values between points are interpolated linearly in x.
 * Wealth never falls except by the wealth tax (consumption comes out of income only), so 0 is a
 * safe floor.
 */
import { rouwenhorst, type AbilityGrid } from './abilityGrid.js';
import type { FrozenMeanField } from './meanField.js';
import { postTaxIncomeOf, postTaxWealthOf } from '../economy/householdBudget.js';

export interface GridOptions {
  /** Rouwenhorst nodes of log ability (default 21). */
  abilityNodes?: number;
  /** Wealth points per year (default 100). */
  wealthPoints?: number;
  /** Shift of the log wealth grid, USD (default 100: wealth below it earns under 4 USD a year). */
  wealthShiftUsd?: number;
  /** The household's discount factor (default: the economy's config.discountFactor, 0.975 in every preset, as SMFRL's followers). */
  gamma?: number;
}

export const GRID_DEFAULTS: Required<GridOptions> = { abilityNodes: 21, wealthPoints: 100, wealthShiftUsd: 100, gamma: 0.975 };

export interface HouseholdGrid {
  field: FrozenMeanField;
  ability: AbilityGrid;
  gamma: number;
  /** Years T of the episode; index t = 0 .. T - 1 is year t + 1's decision. */
  years: number;
  /** Ability nodes M and wealth points J. */
  nodes: number;
  points: number;
  shiftUsd: number;
  /** x = ln(a + shift) of point j in year t: logLow[t] + j logStep[t] (T + 1 entries: the last is the episode's end). */
  logLow: Float64Array;
  logStep: Float64Array;
}

export class GridOptionError extends RangeError {}

export function checkGridOptions(options: GridOptions): Required<GridOptions> {
  const o = { ...GRID_DEFAULTS, ...options };
  if (!Number.isInteger(o.abilityNodes) || o.abilityNodes < 3 || o.abilityNodes > 201) throw new GridOptionError(`abilityNodes must be an integer in [3, 201], got ${o.abilityNodes}`);
  if (!Number.isInteger(o.wealthPoints) || o.wealthPoints < 4 || o.wealthPoints > 5000) throw new GridOptionError(`wealthPoints must be an integer in [4, 5000], got ${o.wealthPoints}`);
  if (!(o.wealthShiftUsd > 0) || !Number.isFinite(o.wealthShiftUsd)) throw new GridOptionError(`wealthShiftUsd must be a finite number > 0, got ${o.wealthShiftUsd}`);
  if (!(o.gamma > 0 && o.gamma < 1)) throw new GridOptionError(`gamma must be in (0, 1), got ${o.gamma}`);
  return o;
}

export function buildGrid(field: FrozenMeanField, options: GridOptions = {}): HouseholdGrid {
  const o = checkGridOptions({ gamma: field.discountFactor, ...options });
  const ability = rouwenhorst(o.abilityNodes, field.ability.persistence, field.ability.shockSd, field.ability.logMean);
  const years = field.years.length;
  const logLow = new Float64Array(years + 1).fill(Math.log(o.wealthShiftUsd));
  const logStep = new Float64Array(years + 1);
  const topAbility = ability.ability[o.abilityNodes - 1];
  let top = 0;
  for (let i = 0; i < field.initialAssetsUsd.length; i++) top = Math.max(top, field.initialAssetsUsd[i]);
  for (let t = 0; t <= years; t++) {
    // a little headroom so the richest state is an interior point
    logStep[t] = (Math.log(1.01 * top + 2 * o.wealthShiftUsd) - logLow[t]) / (o.wealthPoints - 1);
    if (t === years) break;
    const year = field.years[t];
    const income = year.budget.wageRate * topAbility * field.maxHoursPerYear * field.actionClipHigh + year.budget.interestRate * top;
    top = postTaxWealthOf(year.budget, top) + Math.max(0, postTaxIncomeOf(year.budget, income));
  }
  return { field, ability, gamma: o.gamma, years, nodes: o.abilityNodes, points: o.wealthPoints, shiftUsd: o.wealthShiftUsd, logLow, logStep };
}

/** Wealth (USD) of point j in year index t. */
export function wealthAt(grid: HouseholdGrid, t: number, j: number): number {
  return Math.exp(grid.logLow[t] + j * grid.logStep[t]) - grid.shiftUsd;
}

/** Where a wealth lies on year t's grid: lower point and the weight of the next (clamped to the grid). */
export function wealthBracket(grid: HouseholdGrid, t: number, assetsUsd: number, out: { point: number; weight: number }): { point: number; weight: number } {
  const u = (Math.log(Math.max(assetsUsd, 0) + grid.shiftUsd) - grid.logLow[t]) / grid.logStep[t];
  const last = grid.points - 1;
  const clamped = u < 0 ? 0 : u > last ? last : u;
  const point = Math.min(last - 1, Math.floor(clamped));
  out.point = point;
  out.weight = clamped - point;
  return out;
}
