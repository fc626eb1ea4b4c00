/**
 * One year's taxes as plain data, so that a household's dynamic program can tax any income or
 * wealth it might have (not only the N amounts the played year saw): the HSV family of the
 * government's action, a bracket schedule (US federal), the adaptive Saez schedule as it stood
 * that year, or none (exact free market).
 */
import { bracketTax, hsvTax, type BracketSchedule, type TaxSystem, NO_TAX } from '../economy/tax.js';
import type { GovernmentInstruments } from '../economy/government.js';
import { SaezGovernment } from '../policies/saez.js';
import type { GovernmentPolicy } from '../policies/government.js';

export type FrozenTax =
  | { kind: 'hsv'; tau: number; xi: number; tauA: number; xiA: number }
  | { kind: 'none' }
  | { kind: 'brackets'; schedule: BracketSchedule }
  /** Saez: tax = sum_b rate_b min(width_b, max(0, z - cutoff_b)); no wealth tax. */
  | { kind: 'saez'; cutoffsUsd: number[]; rates: number[] };

export class UnfreezableTaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnfreezableTaxError';
  }
}

/**
 * The tax of a year as the economy will apply it: `taxSystem` from the government's decision
 * (undefined: the HSV taxes of the action, or none under the exact free market). Call right after
 * decide(): a Saez government's schedule is read from the government itself.
 */
export function freezeTax(government: GovernmentPolicy, taxSystem: TaxSystem | undefined, instruments: GovernmentInstruments, exactFreeMarket: boolean): FrozenTax {
  if (taxSystem === undefined) {
    if (exactFreeMarket && instruments.allZero) return { kind: 'none' };
    return { kind: 'hsv', tau: instruments.tau, xi: instruments.xi, tauA: instruments.tauA, xiA: instruments.xiA };
  }
  if (taxSystem === NO_TAX) return { kind: 'none' };
  if (government instanceof SaezGovernment) return { kind: 'saez', cutoffsUsd: government.bracketCutoffs, rates: government.marginalRates };
  const schedule = (taxSystem as { schedule?: BracketSchedule }).schedule;
  if (schedule) return { kind: 'brackets', schedule };
  throw new UnfreezableTaxError(
    `government '${government.name}' uses a tax system the equilibrium layer cannot freeze; supported: the HSV taxes of the action, bracket schedules (bracketTaxSystem), Saez, none`,
  );
}

/** Income after income tax, z - T(z). */
export function postTaxIncome(z: number, tax: FrozenTax): number {
  switch (tax.kind) {
    case 'hsv':
      return z - hsvTax(z, tax.tau, tax.xi);
    case 'none':
      return z;
    case 'brackets':
      return z - bracketTax(z, tax.schedule);
    case 'saez':
      return z - saezTax(z, tax.cutoffsUsd, tax.rates);
  }
}

/** Wealth after wealth tax, a - T_a(a) (only the HSV family taxes wealth). */
export function postTaxWealth(a: number, tax: FrozenTax): number {
  return tax.kind === 'hsv' ? a - hsvTax(a, tax.tauA, tax.xiA) : a;
}

function saezTax(z: number, cutoffs: number[], rates: number[]): number {
  let tax = 0;
  for (let b = 0; b < cutoffs.length; b++) {
    const width = b + 1 < cutoffs.length ? cutoffs[b + 1] - cutoffs[b] : Infinity;
    tax += rates[b] * Math.min(width, Math.max(0, z - cutoffs[b]));
  }
  return tax;
}
