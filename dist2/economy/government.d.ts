/**
 * The government's action: a 5-vector, each entry clipped to [0.001, 0.99] then scaled into
 * the policy instruments (income tax level and progressivity, wealth tax level and
 * progressivity, spending share of GDP).
 */
import type { EconomyConfig } from './config.js';
export interface GovernmentInstruments {
    /** Income tax level tau. */
    tau: number;
    /** Income tax progressivity xi. */
    xi: number;
    /** Wealth tax level tau_a. */
    tauA: number;
    /** Wealth tax progressivity xi_a. */
    xiA: number;
    /** Public spending as a share of GDP, g. */
    spendingShare: number;
    /** Whether the raw action was all zeros (the free-market government). */
    allZero: boolean;
}
export declare const GOVERNMENT_ACTION_SIZE = 5;
export declare const GOVERNMENT_ACTION_NAMES: readonly ["tau", "xi", "tauA", "xiA", "spendingShare"];
export declare function decodeGovernmentAction(action: ArrayLike<number>, config: EconomyConfig): GovernmentInstruments;
