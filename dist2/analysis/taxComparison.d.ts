/**
 * Comparing tax schedules where it matters: tax due, average and marginal rates at the incomes
 * of US households (survey-weighted SCF 2022 quantiles), as data frames and figures.
 */
import type { HouseholdPool } from '../economy/households.js';
import { type BracketSchedule } from '../economy/tax.js';
import { type Table } from '../data/frames.js';
import { type Figure } from './figures.js';
/** Income quantiles of the survey households, weighted by WGT (representative) or not. */
export declare function incomeQuantiles(pool: HouseholdPool, probabilities: number[], weighted?: boolean): number[];
export declare const DEFAULT_QUANTILES: number[];
/** One row per (schedule, income): tax due, average rate, marginal rate. */
export declare function scheduleComparisonTable(schedules: BracketSchedule[], incomesUsd: number[], labels?: string[]): Table;
/** Incomes from 0 to `maxUsd` (linear) for drawing schedules. */
export declare function incomeGrid(maxUsd: number, points?: number): number[];
/** Average or marginal rate of several schedules over an income grid, with optional markers (e.g. quantiles). */
export declare function scheduleFigure(schedules: BracketSchedule[], rate: 'average' | 'marginal', options?: {
    maxIncomeUsd?: number;
    markers?: {
        name: string;
        incomeUsd: number[];
    };
}): Figure;
