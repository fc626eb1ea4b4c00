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

export function initialAggregates(macro: MacroCalibration, config: EconomyConfig): InitialAggregates {
  const realGdp = macro.gdpBillionUsd * 1e9;
  const units = config.macroUnit === 'perHousehold' ? macro.householdsThousands * 1e3 : macro.populationThousands * 1e3;
  const gdpPerHouseholdUsd = realGdp / units;
  const gdpUsd = gdpPerHouseholdUsd * config.n;
  return {
    gdpPerHouseholdUsd,
    gdpUsd,
    debtUsd: macro.debtPercentOfGdp * 0.01 * gdpUsd,
    capitalUsd: macro.capitalPercentOfGdp * 0.01 * gdpUsd,
    laborHours: ((macro.totalHoursMillions * 1e6) / units) * config.n,
  };
}

/** Throws naming the field when a calibration is unusable. */
export function validateMacroCalibration(macro: MacroCalibration, source = 'macro calibration'): MacroCalibration {
  const positive: (keyof MacroCalibration)[] = [
    'gdpBillionUsd',
    'populationThousands',
    'householdsThousands',
    'capitalPercentOfGdp',
    'totalHoursMillions',
  ];
  for (const field of [...positive, 'debtPercentOfGdp', 'year'] as const) {
    const value = macro[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${source}: ${field} must be a finite number, got ${JSON.stringify(value)}`);
  }
  for (const field of positive) {
    if (!((macro[field] as number) > 0)) throw new RangeError(`${source}: ${field} must be > 0, got ${macro[field]}`);
  }
  if (macro.debtPercentOfGdp < 0) throw new RangeError(`${source}: debtPercentOfGdp must be >= 0, got ${macro.debtPercentOfGdp}`);
  return macro;
}
