/**
 * Replay a recording of the authors' economy through ours: inject the recorded households,
 * abilities and actions, reset where the recording reset, and measure the largest relative error
 * of every recorded column.
 */
import { Economy, type YearResult } from '../../economy/economy.js';
import { bracketSchedule } from '../../economy/tax.js';
import type { MacroCalibration } from '../../economy/macro.js';
import { readRecording, type Recording } from '../../data/recording.js';
import { authorsUsFederal2022 } from '../../data/taxSchedules.js';
import { loadMacroCalibration } from '../../data/macro.js';
import { GLOBAL_OBSERVATION_NAMES } from '../../economy/observations.js';

/** Our value for each aggregate column of expected_aggregates.csv. */
const AGGREGATE_COLUMNS: Record<string, (y: YearResult) => number> = {
  t_in_episode: (y) => y.year,
  GDP: (y) => y.gdp,
  per_household_gdp: (y) => y.gdpPerHousehold,
  WageRate: (y) => y.wageRate,
  Kt: (y) => y.capital,
  Bt: (y) => y.debt,
  Lt: (y) => y.labor,
  Kt_next: (y) => y.capitalNext,
  Bt_next: (y) => y.debtNext,
  income_gini: (y) => y.incomeGini,
  wealth_gini: (y) => y.wealthGini,
  mean_consumption: (y) => y.meanConsumption,
  mean_work_frac: (y) => y.meanWorkShare,
  mean_ht_hours: (y) => y.meanHours,
  gov_reward: (y) => y.governmentReward,
  mean_house_reward: (y) => y.meanHouseholdReward,
  done: (y) => (y.done ? 1 : 0),
  mean_income: (y) => y.meanIncome,
  mean_post_income: (y) => y.meanPostTaxIncome,
  mean_income_tax: (y) => y.meanIncomeTax,
  mean_asset_tax: (y) => y.meanWealthTax,
  sum_tax: (y) => y.totalTax,
  Gt: (y) => y.governmentSpending,
  sum_at: (y) => y.totalAssets,
  sum_at_next: (y) => y.totalAssetsNext,
  consumption_tax_rate: (y) => y.consumptionTaxRate,
  n_superstar: (y) => y.superstars,
  mean_e: (y) => y.meanAbility,
};

/** Our array for each per-household column of expected_households.csv. */
const HOUSEHOLD_COLUMNS: Record<string, (e: Economy) => Float64Array> = {
  at: (e) => e.assets,
  at_next: (e) => e.assetsNext,
  income: (e) => e.income,
  income_tax: (e) => e.incomeTax,
  asset_tax: (e) => e.wealthTax,
  consumption: (e) => e.consumption,
  house_reward: (e) => e.householdReward,
  ht: (e) => e.hours,
};

export interface ColumnError {
  file: 'expected_aggregates.csv' | 'expected_households.csv' | 'meta.json';
  column: string;
  maxRelativeError: number;
  /** Step (and household) where the largest error occurs. */
  step: number;
  household: number | null;
  expected: number;
  actual: number;
}

export interface ReplayReport {
  folder: string;
  n: number;
  steps: number;
  columns: ColumnError[];
  maxRelativeError: number;
  /** Recorded columns we do not model (listed, not compared). */
  skippedColumns: string[];
}

/** |a - b| / max(|a|, |b|), 0 when both are 0; NaN-safe (NaN vs NaN counts as equal). */
export function relativeError(actual: number, expected: number): number {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected) ? 0 : Infinity;
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}

export interface ReplayOptions {
  macro?: MacroCalibration;
  /** Called after each step (for progress). */
  onStep?: (step: number, steps: number) => void;
}

export function replayRecording(recordingOrFolder: Recording | string, options: ReplayOptions = {}): ReplayReport {
  const rec = typeof recordingOrFolder === 'string' ? readRecording(recordingOrFolder) : recordingOrFolder;
  const economy = new Economy(
    { n: rec.n, preset: 'paper', task: 'gdp' },
    { ...rec.households, poolRow: rec.households.scfRow },
    options.macro ?? loadMacroCalibration(),
  );
  const taxSchedule = rec.taxModule === 'us_federal' ? bracketSchedule(authorsUsFederal2022()) : undefined;

  const errors = new Map<string, ColumnError>();
  const record = (file: ColumnError['file'], column: string, step: number, household: number | null, actual: number, expected: number): void => {
    const err = relativeError(actual, expected);
    const key = `${file}:${column}`;
    const current = errors.get(key);
    if (!current || err > current.maxRelativeError) errors.set(key, { file, column, maxRelativeError: err, step, household, expected, actual });
  };

  for (let s = 0; s < rec.steps; s++) {
    if (rec.resets.has(s)) {
      const observation = economy.reset({ abilities: rec.resetAbilities.get(s) });
      const expected = rec.firstResetGlobalObservation;
      if (expected && s === Math.min(...rec.resets)) {
        GLOBAL_OBSERVATION_NAMES.forEach((name, k) => record('meta.json', `first_reset_global_obs ${name}`, s, null, observation.global[k], expected[k]));
      }
    }
    const year = economy.step(rec.governmentActions[s], { savingShare: rec.savingShare[s], workShare: rec.workShare[s] }, { abilities: rec.abilities[s], taxSchedule });
    for (const [column, expected] of rec.expectedAggregates) {
      const ours = AGGREGATE_COLUMNS[column];
      if (ours) record('expected_aggregates.csv', column, s, null, ours(year), expected[s]);
    }
    for (const [column, expected] of rec.expectedHouseholds) {
      const ours = HOUSEHOLD_COLUMNS[column];
      if (!ours) continue;
      const actual = ours(economy);
      for (let h = 0; h < rec.n; h++) record('expected_households.csv', column, s, h, actual[h], expected[s][h]);
    }
    options.onStep?.(s + 1, rec.steps);
  }
  const columns = [...errors.values()];
  const skippedColumns = [
    ...[...rec.expectedAggregates.keys()].filter((c) => !AGGREGATE_COLUMNS[c] && c !== 'episode'),
    ...[...rec.expectedHouseholds.keys()].filter((c) => !HOUSEHOLD_COLUMNS[c]),
  ];
  return {
    folder: rec.folder,
    n: rec.n,
    steps: rec.steps,
    columns,
    maxRelativeError: columns.reduce((m, c) => Math.max(m, c.maxRelativeError), 0),
    skippedColumns,
  };
}
