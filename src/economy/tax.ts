/**
 * The taxes of the economy, as plain data: a TaxSchedule is one year's tax on income and on
 * wealth, each a TaxRule (the HSV family, a bracket schedule, or none). Every government returns
 * one (its action's HSV taxes, US federal brackets, Saez's brackets as they stand that year), and
 * everything that taxes evaluates the same data: the simulator over arrays on either thread
 * (taxDueInto, through the slots of writeTaxRule), the dynamic program one amount at a time
 * (taxDue), reports and recordings (it is JSON).
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

/** One tax on an amount (income or wealth, USD per year). */
export type TaxRule =
  | { kind: 'none' }
  /** Heathcote-Storesletten-Violante: level tau, progressivity xi (hsvTax). */
  | { kind: 'hsv'; tau: number; xi: number }
  | { kind: 'brackets'; schedule: BracketSchedule };

/** One year's taxes: on income, and on wealth. */
export interface TaxSchedule {
  income: TaxRule;
  wealth: TaxRule;
}

const NONE: TaxRule = { kind: 'none' };

/** No tax at all (the exact free market). */
export const NO_TAX: TaxSchedule = { income: NONE, wealth: NONE };

/** HSV taxes on income (tau, xi) and on wealth (tauA, xiA): what a government's action sets. */
export function hsvSchedule(tau: number, xi: number, tauA: number, xiA: number): TaxSchedule {
  return { income: { kind: 'hsv', tau, xi }, wealth: { kind: 'hsv', tau: tauA, xi: xiA } };
}

/** A bracket schedule on income and no wealth tax (US federal, Saez). */
export function bracketSchedule(schedule: BracketSchedule): TaxSchedule {
  return { income: { kind: 'brackets', schedule: validateBracketSchedule(schedule) }, wealth: NONE };
}

/** Tax due on one amount. */
export function taxDue(rule: TaxRule, amount: number): number {
  switch (rule.kind) {
    case 'none':
      return 0;
    case 'hsv':
      return hsvTax(amount, rule.tau, rule.xi);
    case 'brackets':
      return bracketTax(amount, rule.schedule);
  }
}

/**
 * Tax due on every amount, written into `out` (the array form of taxDue). The simulator's phases
 * call subtractScaledPowerInto themselves for HSV (see there: a wrapper costs it a third).
 */
export function taxDueInto(rule: TaxRule, amounts: Float64Array, out: Float64Array): void {
  switch (rule.kind) {
    case 'none':
      out.fill(0);
      return;
    case 'hsv':
      hsvTaxInto(amounts, rule.tau, rule.xi, out);
      return;
    case 'brackets': {
      const schedule = rule.schedule;
      for (let i = 0; i < amounts.length; i++) out[i] = bracketTax(amounts[i], schedule);
      return;
    }
  }
}

/** HSV tax of every amount, written into `out`: hsvTax over a whole array (see powers.ts). */
export function hsvTaxInto(amounts: Float64Array, tau: number, xi: number, out: Float64Array): Float64Array {
  return subtractScaledPowerInto(amounts, xi, hsvFactor(tau, xi), out);
}

/** (1 - tau)/(1 - xi): T(x) = x - factor x^(1 - xi). */
export function hsvFactor(tau: number, xi: number): number {
  return (1 - tau) / (1 - xi);
}

/** Most brackets a schedule may have in the simulator's shared slots. */
export const MAX_BRACKETS = 32;
/** Slots one rule takes in a Float64Array (writeTaxRule). */
export const TAX_RULE_SLOTS = 5 + 2 * MAX_BRACKETS;
const KIND_CODES = { none: 0, hsv: 1, brackets: 2 } as const;

/** Throws, naming the schedule, when a rule does not fit the simulator's shared slots (checked before a step changes anything). */
export function checkSharedSlots(tax: TaxSchedule): void {
  for (const rule of [tax.income, tax.wealth]) {
    if (rule.kind === 'brackets' && rule.schedule.lowerBoundsUsd.length > MAX_BRACKETS) {
      throw new RangeError(`tax schedule '${rule.schedule.name}': at most ${MAX_BRACKETS} brackets, got ${rule.schedule.lowerBoundsUsd.length}`);
    }
  }
}

/**
 * Writes a rule into `slots` from `offset` (TAX_RULE_SLOTS numbers), so that the simulator's
 * worker thread, which shares only typed arrays, taxes with the same rule.
 */
export function writeTaxRule(rule: TaxRule, slots: Float64Array, offset: number): void {
  slots[offset] = KIND_CODES[rule.kind];
  if (rule.kind === 'hsv') {
    slots[offset + 1] = rule.tau;
    slots[offset + 2] = rule.xi;
  } else if (rule.kind === 'brackets') {
    const s = rule.schedule;
    const count = s.lowerBoundsUsd.length;
    checkSharedSlots({ income: rule, wealth: NONE });
    slots[offset + 1] = s.deductionUsd;
    slots[offset + 2] = s.creditUsd;
    slots[offset + 3] = s.topUpperBoundUsd;
    slots[offset + 4] = count;
    for (let k = 0; k < count; k++) {
      slots[offset + 5 + k] = s.lowerBoundsUsd[k];
      slots[offset + 5 + MAX_BRACKETS + k] = s.marginalRates[k];
    }
  }
}

/** The rule writeTaxRule wrote. */
export function readTaxRule(slots: Float64Array, offset: number): TaxRule {
  switch (slots[offset]) {
    case KIND_CODES.none:
      return NONE;
    case KIND_CODES.hsv:
      return { kind: 'hsv', tau: slots[offset + 1], xi: slots[offset + 2] };
    default: {
      const count = slots[offset + 4];
      const lowerBoundsUsd: number[] = [];
      const marginalRates: number[] = [];
      for (let k = 0; k < count; k++) {
        lowerBoundsUsd.push(slots[offset + 5 + k]);
        marginalRates.push(slots[offset + 5 + MAX_BRACKETS + k]);
      }
      const schedule = { name: 'shared', lowerBoundsUsd, marginalRates, topUpperBoundUsd: slots[offset + 3], deductionUsd: slots[offset + 1], creditUsd: slots[offset + 2] };
      return { kind: 'brackets', schedule };
    }
  }
}
