import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../src/economy/config.js';
import { crraUtility, laborDisutility, NEUTRAL_TERMS, type BudgetTerms, type Preferences } from '../src/economy/householdBudget.js';
import { cashValueGain } from '../src/equilibrium/cashValue.js';
import { cashOnHandOf, emptyLaborPolicy, initialLaborMarginalValue, laborEgmStep, laborProblemOf, laborScratch, marginalUtilityUsd } from '../src/equilibrium/presetHousehold.js';

// three ability nodes, a short wealth grid: the preset's preferences (log utility, w = 10, gamma = 2)
const problem = laborProblemOf(makeConfig({ preset: 'aiyagari', n: 10 }), { abilityNodes: 3, wealthPoints: 20 });
const node = 1;
const wageIncome = 100_000; // W e hMax at the middle node: the work share earns this many USD per unit
const wageRate = wageIncome / (problem.chain.ability[node] * problem.maxHoursPerYear);

/**
 * A schedule whose rate falls from `low` to 0 at `kinkShare` x 100,000 USD. With the last year's
 * plan (a' = 0) at zero wealth the labour condition is 10 h^2 = 1/h below the kink (h = 0.464) and
 * 10 h^2 (h - low kinkShare) = 1 above it: two roots, the lower worth more with (0.6, 0.6) and the
 * upper with (0.7, 0.55).
 */
function termsWith(low: number, kinkShare: number): BudgetTerms {
  const schedule = { name: 'falling', lowerBoundsUsd: [0, kinkShare * wageIncome], marginalRates: [low, 0], topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 };
  return { ...NEUTRAL_TERMS, wageRate, interestRate: 0.01, consumptionTaxRate: 0.065, cashOnHand: true, untaxedLosses: true, tax: { income: { kind: 'brackets', schedule }, wealth: { kind: 'none' } } };
}

/** The last year's value of the share h at zero wealth: u(x / (1 + tau_c)) - v(h). */
function lastYearValue(terms: BudgetTerms, h: number): number {
  const x = cashOnHandOf(terms, problem.maxHoursPerYear, problem.chain.ability[node], 0, h);
  return crraUtility(x / (1 + terms.consumptionTaxRate), problem.preferences) - laborDisutility(h, problem.preferences);
}

/** The plan's shares after one step from the given starting shares. */
function sharesFrom(terms: BudgetTerms, start: number, lastYear: boolean): Float64Array {
  const states = problem.chain.ability.length * problem.assets.length;
  const policy = emptyLaborPolicy(states);
  if (!lastYear) initialLaborMarginalValue(problem, terms, policy.marginalValue);
  policy.workShare.fill(start);
  laborEgmStep(problem, terms, policy, laborScratch(problem), lastYear, true);
  return policy.workShare;
}

for (const [low, kinkShare, winner] of [[0.6, 0.6, 'lower'], [0.7, 0.55, 'upper']] as const) {
  test(`a falling marginal rate gives two roots; the plan keeps the one worth more (the ${winner}) from any start`, () => {
    const terms = termsWith(low, kinkShare);
    // the value's local maxima on a fine grid: one on each side of the kink
    const grid = Array.from({ length: 20_001 }, (_, k) => problem.shareLow + ((problem.shareHigh - problem.shareLow) * k) / 20_000);
    const values = grid.map((h) => lastYearValue(terms, h));
    const peaks = grid.filter((_, k) => k > 0 && k < grid.length - 1 && values[k] > values[k - 1] && values[k] >= values[k + 1]);
    assert.equal(peaks.length, 2, `two local maxima (${peaks})`);
    assert.ok(peaks[0] < kinkShare && peaks[1] > kinkShare);
    const best = grid[values.indexOf(Math.max(...values))];
    assert.ok(winner === 'lower' ? best < kinkShare : best > kinkShare);

    const s = node * problem.assets.length; // zero wealth
    const fromBelow = sharesFrom(terms, 0.2, true), fromAbove = sharesFrom(terms, 0.9, true);
    assert.equal(fromBelow[s], fromAbove[s]);
    assert.ok(Math.abs(fromBelow[s] - best) < 1e-4, `the share ${fromBelow[s]} maximises the value (grid: ${best})`);
    assert.ok(lastYearValue(terms, fromBelow[s]) >= Math.max(...values) - 1e-12);

    // with a continuation (a' > 0) too: every state's share does not depend on where it started
    const a = sharesFrom(terms, 0.2, false), b = sharesFrom(terms, 0.9, false);
    for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-9, `state ${k}: ${a[k]} against ${b[k]}`);
  });
}

test('cashValueGain is the integral of u\'(c(x)) / (1 + tau_c) along the piecewise-linear policy', () => {
  const assets = Float64Array.from([0, 1_000, 5_000, 20_000, 80_000]);
  const xEndo = Float64Array.from([3_000, 6_000, 13_000, 34_000, 110_000]);
  const tc = 1.065;
  for (const preferences of [problem.preferences, { ...problem.preferences, crra: 2.5 }] as Preferences[]) {
    // c(x) as labourGap interpolates it: a' = 0 below the grid, the last piece extended
    const consumption = (x: number): number => {
      if (x <= xEndo[0]) return x / tc;
      let k = 0;
      while (k < xEndo.length - 2 && xEndo[k + 1] <= x) k++;
      return (x - (assets[k] + ((assets[k + 1] - assets[k]) / (xEndo[k + 1] - xEndo[k])) * (x - xEndo[k]))) / tc;
    };
    for (const [x1, x2] of [[1_000, 2_500], [2_000, 50_000], [40_000, 200_000], [9_000, 9_000.5], [120_000, 4_000]]) {
      // Simpson on each piece between the policy's points
      const cuts = [x1, ...Array.from(xEndo).filter((x) => x > Math.min(x1, x2) && x < Math.max(x1, x2)), x2].sort((p, q) => (x1 < x2 ? p - q : q - p));
      let integral = 0;
      for (let k = 0; k + 1 < cuts.length; k++) {
        const steps = 2_000, dx = (cuts[k + 1] - cuts[k]) / steps;
        for (let i = 0; i < steps; i += 2) {
          const f = (j: number) => marginalUtilityUsd(consumption(cuts[k] + j * dx), preferences) / tc;
          integral += (dx / 3) * (f(i) + 4 * f(i + 1) + f(i + 2));
        }
      }
      const gain = cashValueGain(x1, x2, assets, xEndo, tc, preferences);
      assert.ok(Math.abs(gain - integral) <= 1e-9 * Math.abs(integral) + 1e-15, `crra ${preferences.crra}, ${x1} to ${x2}: ${gain} against ${integral}`);
    }
  }
});
