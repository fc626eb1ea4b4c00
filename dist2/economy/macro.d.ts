/**
 * Macro calibration: the aggregates of the real economy that scale the simulated one at reset.
 * Stored in the units of their sources (billions, thousands, percent) and converted here with
 * the same floating-point operations as the authors' code, so the paper preset matches it bit
 * for bit.
 */
import type { EconomyConfig } from './config.js';
export interface MacroCalibration {
    year: number;
    /** Nominal GDP, billions of USD. */
    gdpBillionUsd: number;
    /** Population, thousands of people. */
    populationThousands: number;
    /** Number of households, thousands (used when macroUnit = 'perHousehold'). */
    householdsThousands: number;
    /** Gross public debt, percent of GDP. */
    debtPercentOfGdp: number;
    /** Capital stock at reset, percent of GDP (the authors' 18.3). */
    capitalPercentOfGdp: number;
    /** Total hours worked in the year, millions. */
    totalHoursMillions: number;
    /** Where each number comes from. */
    sources: Record<string, string>;
}
/** Reset-time aggregates of an economy of n households. */
export interface InitialAggregates {
    /** GDP per unit (person or household), USD per year. */
    gdpPerHouseholdUsd: number;
    gdpUsd: number;
    debtUsd: number;
    /** Capital by the gdpShare rule (the initialCapital = 'householdAssets' rule is applied by the economy). */
    capitalUsd: number;
    laborHours: number;
}
export declare function initialAggregates(macro: MacroCalibration, config: EconomyConfig): InitialAggregates;
/** Throws naming the field when a calibration is unusable. */
export declare function validateMacroCalibration(macro: MacroCalibration, source?: string): MacroCalibration;
