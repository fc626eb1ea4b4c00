/**
 * Tax functions of the economy. A TaxSchedule turns pre-tax amounts (income or wealth, USD per
 * year) into tax due; the government either drives the HSV family with its action or replaces
 * it by a real bracket schedule.
 */

import { subtractScaledPowerInto } from './powers.js';

/**
 * Heathcote-Storesletten-Violante tax: T(x) = x - (1 - tau)/(1 - xi) x^(1 - xi).
 * tau sets the level, xi the progressivity (xi = 0 is a flat tax at rate tau).
 * x^(1 - xi) is evaluated as x exp(-xi ln x): twice as fast as Math.pow here and as accurate,
 * since the exponent's argument is small. Negative amounts give NaN, as in the authors' numpy.
 */
export function hsvTax(x: number, tau: number, xi: number): number {
  const retained = x > 0 ? x * Math.exp(-xi * Math.log(x)) : Math.pow(x, 1 - xi);
  return x - ((1 - tau) / (1 - xi)) * retained;
}

/** A progressive bracket schedule on taxable income = max(0, income - deduction). */
export interface BracketSchedule {
  /** Human-readable name, e.g. 'US federal 2022 single'. */
  name: string;
  /** Lower bounds of the brackets, ascending, first is 0 (USD of taxable income). */
  lowerBoundsUsd: number[];
  /** Marginal rate of each bracket, in [0, 1]. */
  marginalRates: number[];
  /** Upper bound of the last bracket (Infinity for none; the authors used 1e9). */
  topUpperBoundUsd: number;
  /** Deduction subtracted from income before the brackets (standard deduction / allowance). */
  deductionUsd: number;
  /** Non-refundable credit subtracted from the tax; tax never goes below 0. */
  creditUsd: number;
}

/** Check a bracket schedule; throws naming the offending field. */
export function validateBracketSchedule(s: BracketSchedule): BracketSchedule {
  const where = `tax schedule '${s.name}'`;
  const { lowerBoundsUsd: lower, marginalRates: rates } = s;
  if (lower.length === 0 || lower.length !== rates.length) {
    throw new RangeError(`${where}: needs one marginal rate per bracket (got ${lower.length} bounds, ${rates.length} rates)`);
  }
  if (lower[0] !== 0) throw new RangeError(`${where}: the first bracket must start at 0 USD, got ${lower[0]}`);
  for (let i = 0; i < lower.length; i++) {
    if (!Number.isFinite(lower[i]) || lower[i] < 0) throw new RangeError(`${where}: bracket ${i} lower bound must be >= 0 USD, got ${lower[i]}`);
    if (i > 0 && !(lower[i] > lower[i - 1])) throw new RangeError(`${where}: bracket ${i} lower bound ${lower[i]} must exceed bracket ${i - 1}'s ${lower[i - 1]}`);
    if (!(rates[i] >= 0 && rates[i] <= 1)) throw new RangeError(`${where}: bracket ${i} marginal rate must be in [0, 1], got ${rates[i]}`);
  }
  if (!(s.topUpperBoundUsd > lower[lower.length - 1])) throw new RangeError(`${where}: topUpperBoundUsd must exceed the last lower bound`);
  if (!(s.deductionUsd >= 0) || !Number.isFinite(s.deductionUsd)) throw new RangeError(`${where}: deductionUsd must be a finite number >= 0, got ${s.deductionUsd}`);
  if (!(s.creditUsd >= 0) || !Number.isFinite(s.creditUsd)) throw new RangeError(`${where}: creditUsd must be a finite number >= 0, got ${s.creditUsd}`);
  return s;
}

/**
 * Tax due under a bracket schedule, computed bracket by bracket in ascending order as the
 * authors do: sum_k rate_k * max(0, min(taxable, upper_k) - lower_k), minus the credit, floored at 0.
 */
export function bracketTax(income: number, s: BracketSchedule): number {
  const taxable = Math.max(0, income - s.deductionUsd);
  const lower = s.lowerBoundsUsd;
  const rates = s.marginalRates;
  const last = lower.length - 1;
  let tax = 0;
  for (let k = 0; k <= last; k++) {
    const upper = k < last ? lower[k + 1] : s.topUpperBoundUsd;
    tax += Math.max(0, Math.min(taxable, upper) - lower[k]) * rates[k];
  }
  return Math.max(0, tax - s.creditUsd);
}

/** Marginal rate of a bracket schedule at a given income (0 below the deduction or where the credit absorbs the tax). */
export function bracketMarginalRate(income: number, s: BracketSchedule): number {
  if (bracketTax(income, s) <= 0) return 0;
  const taxable = income - s.deductionUsd;
  if (taxable >= s.topUpperBoundUsd) return 0;
  let rate = s.marginalRates[0];
  for (let k = 0; k < s.lowerBoundsUsd.length; k++) if (taxable >= s.lowerBoundsUsd[k]) rate = s.marginalRates[k];
  return rate;
}

/** Average tax rate T(x)/x of a bracket schedule (0 at zero income). */
export function bracketAverageRate(income: number, s: BracketSchedule): number {
  return income > 0 ? bracketTax(income, s) / income : 0;
}

/** How each household's income and wealth are taxed in one year. */
export interface TaxSystem {
  /** Writes the income tax of each household into `out`. */
  incomeTax(income: Float64Array, out: Float64Array): unknown;
  /** Writes the wealth tax of each household into `out`. */
  wealthTax(assets: Float64Array, out: Float64Array): unknown;
}

/** HSV tax of every amount, written into `out`: hsvTax over a whole array (see powers.ts). */
export function hsvTaxInto(amounts: Float64Array, tau: number, xi: number, out: Float64Array): Float64Array {
  return subtractScaledPowerInto(amounts, xi, hsvFactor(tau, xi), out);
}

/** (1 - tau)/(1 - xi): T(x) = x - factor x^(1 - xi). */
export function hsvFactor(tau: number, xi: number): number {
  return (1 - tau) / (1 - xi);
}

/** HSV taxes on income (tau, xi) and on wealth (tauA, xiA): the learned government's instrument. */
export function hsvTaxSystem(tau: number, xi: number, tauA: number, xiA: number): TaxSystem {
  return {
    incomeTax: (income, out) => hsvTaxInto(income, tau, xi, out),
    wealthTax: (assets, out) => hsvTaxInto(assets, tauA, xiA, out),
  };
}

/** A bracket schedule on income and no wealth tax (the US federal baseline); `schedule` says which (the equilibrium layer freezes it). */
export function bracketTaxSystem(schedule: BracketSchedule): TaxSystem & { readonly schedule: BracketSchedule } {
  validateBracketSchedule(schedule);
  return {
    schedule,
    incomeTax(income, out) {
      for (let i = 0; i < income.length; i++) out[i] = bracketTax(income[i], schedule);
    },
    wealthTax(_assets, out) {
      out.fill(0);
    },
  };
}

/** No tax at all. */
export const NO_TAX: TaxSystem = {
  incomeTax(_income, out) {
    out.fill(0);
  },
  wealthTax(_assets, out) {
    out.fill(0);
  },
};
