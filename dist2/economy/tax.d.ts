/**
 * Tax functions of the economy. A TaxSchedule turns pre-tax amounts (income or wealth, USD per
 * year) into tax due; the government either drives the HSV family with its action or replaces
 * it by a real bracket schedule.
 */
/**
 * Heathcote-Storesletten-Violante tax: T(x) = x - (1 - tau)/(1 - xi) x^(1 - xi).
 * tau sets the level, xi the progressivity (xi = 0 is a flat tax at rate tau).
 * x^(1 - xi) is evaluated as x exp(-xi ln x): twice as fast as Math.pow here and as accurate,
 * since the exponent's argument is small. Negative amounts give NaN, as in the authors' numpy.
 */
export declare function hsvTax(x: number, tau: number, xi: number): number;
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
export declare function validateBracketSchedule(s: BracketSchedule): BracketSchedule;
/**
 * Tax due under a bracket schedule, computed bracket by bracket in ascending order as the
 * authors do: sum_k rate_k * max(0, min(taxable, upper_k) - lower_k), minus the credit, floored at 0.
 */
export declare function bracketTax(income: number, s: BracketSchedule): number;
/** Marginal rate of a bracket schedule at a given income (0 below the deduction or where the credit absorbs the tax). */
export declare function bracketMarginalRate(income: number, s: BracketSchedule): number;
/** Average tax rate T(x)/x of a bracket schedule (0 at zero income). */
export declare function bracketAverageRate(income: number, s: BracketSchedule): number;
/** How each household's income and wealth are taxed in one year. */
export interface TaxSystem {
    /** Writes the income tax of each household into `out`. */
    incomeTax(income: Float64Array, out: Float64Array): void;
    /** Writes the wealth tax of each household into `out`. */
    wealthTax(assets: Float64Array, out: Float64Array): void;
}
/** HSV taxes on income (tau, xi) and on wealth (tauA, xiA): the learned government's instrument. */
export declare function hsvTaxSystem(tau: number, xi: number, tauA: number, xiA: number): TaxSystem;
/** A bracket schedule on income and no wealth tax (the US federal baseline). */
export declare function bracketTaxSystem(schedule: BracketSchedule): TaxSystem;
/** No tax at all. */
export declare const NO_TAX: TaxSystem;
