/**
 * Comparing tax schedules where it matters: tax due, average and marginal rates at the incomes
 * of US households (survey-weighted SCF 2022 quantiles), as data frames and figures.
 */
import type { HouseholdPool } from '../../economy/households.js';
import { bracketAverageRate, bracketMarginalRate, bracketTax, type BracketSchedule } from '../../economy/tax.js';
import { aq, type Table } from '../../data/frames.js';
import { taxScheduleFigure, type Figure } from './figures.js';

/** Income quantiles of the survey households, weighted by WGT (representative) or not. */
export function incomeQuantiles(pool: HouseholdPool, probabilities: number[], weighted = true): number[] {
  const order = Array.from(pool.incomeUsd.keys()).sort((a, b) => pool.incomeUsd[a] - pool.incomeUsd[b]);
  const weights = order.map((i) => (weighted ? pool.weight[i] : 1));
  const total = weights.reduce((s, w) => s + w, 0);
  return probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
    let cumulative = 0;
    for (let k = 0; k < order.length; k++) {
      cumulative += weights[k];
      if (cumulative >= p * total) return pool.incomeUsd[order[k]];
    }
    return pool.incomeUsd[order[order.length - 1]];
  });
}

export const DEFAULT_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

/** One row per (schedule, income): tax due, average rate, marginal rate. */
export function scheduleComparisonTable(schedules: BracketSchedule[], incomesUsd: number[], labels?: string[]): Table {
  const rows: Record<string, unknown>[] = [];
  for (const s of schedules) {
    incomesUsd.forEach((income, k) => {
      rows.push({
        schedule: s.name,
        point: labels?.[k] ?? '',
        income_usd: income,
        tax_usd: bracketTax(income, s),
        average_rate: bracketAverageRate(income, s),
        marginal_rate: bracketMarginalRate(income, s),
      });
    });
  }
  return aq.from(rows);
}

/** Incomes from 0 to `maxUsd` (linear) for drawing schedules. */
export function incomeGrid(maxUsd: number, points = 400): number[] {
  return Array.from({ length: points + 1 }, (_, k) => (maxUsd * k) / points);
}

/** Average or marginal rate of several schedules over an income grid, with optional markers (e.g. quantiles). */
export function scheduleFigure(
  schedules: BracketSchedule[],
  rate: 'average' | 'marginal',
  options: { maxIncomeUsd?: number; markers?: { name: string; incomeUsd: number[] } } = {},
): Figure {
  const grid = incomeGrid(options.maxIncomeUsd ?? 700_000);
  const f = rate === 'average' ? bracketAverageRate : bracketMarginalRate;
  return taxScheduleFigure(
    schedules.map((s) => ({ name: s.name, incomeUsd: grid, value: grid.map((x) => f(x, s)) })),
    { title: `${rate === 'average' ? 'Average' : 'Marginal'} income tax rate`, yTitle: `${rate} tax rate`, steps: rate === 'marginal', markers: options.markers },
  );
}
