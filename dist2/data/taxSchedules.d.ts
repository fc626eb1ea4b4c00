/**
 * Real income tax schedules from data/tax-schedules/ (bracket tables by year and filing status,
 * standard deductions), turned into BracketSchedules the economy can apply.
 */
import { type BracketSchedule } from '../economy/tax.js';
import { type Table } from './frames.js';
export interface ScheduleKey {
    country: string;
    year: number;
    filingStatus: string;
}
export interface BracketRow {
    country: string;
    year: number;
    filingStatus: string;
    bracketIndex: number;
    lowerBoundUsd: number;
    upperBoundUsd: number;
    marginalRate: number;
}
export interface DeductionRow {
    country: string;
    year: number;
    filingStatus: string;
    standardDeductionUsd: number;
    personalExemptionUsd: number;
}
/** Every bracket row of every shipped schedule, checked: no negative bounds, no gaps or overlaps, rates in [0, 1]. */
export declare function loadBracketRows(dir?: string): BracketRow[];
export declare function loadDeductionRows(dir?: string): DeductionRow[];
/** The (country, year, filing status) combinations that exist. */
export declare function availableSchedules(rows?: BracketRow[]): ScheduleKey[];
export interface ScheduleOptions {
    /** Deduction before the brackets: the standard deduction plus one personal exemption (default), or a number in USD. */
    deductionUsd?: number;
    /** Non-refundable credit (USD); 0 by default. */
    creditUsd?: number;
    /** Upper bound of the top bracket (Infinity by default; the authors used 1e9). */
    topUpperBoundUsd?: number;
    dir?: string;
}
/** A real schedule as a BracketSchedule; an unknown combination gets an error listing those that exist. */
export declare function loadBracketSchedule(key: ScheduleKey, options?: ScheduleOptions): BracketSchedule;
/**
 * The schedule exactly as the authors apply it to every household: 2022 single filer, personal
 * allowance 12,950 (the standard deduction), a flat credit of 559.98, top bracket capped at 1e9.
 */
export declare function authorsUsFederal2022(dir?: string): BracketSchedule;
/** Every bracket of every shipped schedule as a data frame (one row per bracket). */
export declare function bracketsTable(dir?: string): Table;
/** Standard deductions and personal exemptions as a data frame. */
export declare function deductionsTable(dir?: string): Table;
