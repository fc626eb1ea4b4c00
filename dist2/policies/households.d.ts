/**
 * Household policies that do not learn: fixed shares, uniform random shares, and the thrifty rule
 * of the authors' surviving recording (save 95-100 % of income, work a random share).
 * A household policy writes every household's raw saving and work share each year.
 */
import type { Economy, HouseholdActions } from '../economy/economy.js';
export interface HouseholdPolicy {
    name: string;
    reset?(economy: Economy): void;
    /** Fill the actions of all N households for this year. */
    act(economy: Economy, out: {
        savingShare: Float64Array;
        workShare: Float64Array;
    }): void;
}
export declare function newHouseholdActions(n: number): HouseholdActions & {
    savingShare: Float64Array;
    workShare: Float64Array;
};
export declare function fixedShares(savingShare: number, workShare: number): HouseholdPolicy;
/** Shares drawn uniformly each year from [savingLow, savingHigh] and [workLow, workHigh]. */
export declare function randomShares(seed: number, saving?: [number, number], work?: [number, number], name?: string): HouseholdPolicy;
/** The rule of the authors' surviving recording: save 95-100 % of income, work a uniform random share. */
export declare function thriftyHouseholds(seed: number): HouseholdPolicy;
