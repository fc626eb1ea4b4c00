/**
 * The accuracy of a stationary household policy: the Euler equation's residual at each grid state
 * where saving is interior (0 < a' < the grid's top), in units of consumption (Judd 1992):
 *
 *   c_E = u'^-1( (1 + tau_c) beta E[ u'(c(i', a')) dx/da(i', a') / (1 + tau_c) | i ] ),   residual = |c_E / c - 1|,
 *
 * with next year's consumption c(i', a') interpolated linearly on the wealth grid at the policy's
 * own a' (off the grid) and dx/da from the budget there. The endogenous grid method satisfies the
 * equation exactly at its own points; what remains is the interpolation between them.
 */
import type { HouseholdPolicy, HouseholdProblem } from './endogenousGrid.js';
import { cashOnHandAt, type StationaryBudget } from './cashOnHand.js';
import { bracketIndex } from './assetGrid.js';

export interface EulerResiduals {
  /** Largest residual over interior states. */
  max: number;
  /** Mean residual over interior states weighted by the distribution (if given), else unweighted. */
  mean: number;
  /** log10 of the largest and of the mean (the literature's unit). */
  log10Max: number;
  log10Mean: number;
  /** Interior states counted, and the mass on them. */
  states: number;
  mass: number;
}

export function eulerResiduals(problem: HouseholdProblem, budget: StationaryBudget, policy: HouseholdPolicy, distribution?: Float64Array): EulerResiduals {
  const { beta, crra, chain, assets } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const tc = 1 + problem.consumptionTaxRate;
  const uPrime = (c: number) => (crra === 1 ? 1 / c : Math.pow(c, -crra));
  const pair = new Float64Array(2);
  let max = 0, sum = 0, weight = 0, states = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const s = i * n + j;
      const next = policy.assetsNext[s];
      if (!(next > assets[0]) || !(next < assets[n - 1])) continue;
      const k = bracketIndex(assets, next);
      const t = (next - assets[k]) / (assets[k + 1] - assets[k]);
      let expected = 0;
      for (let l = chain.rowStart[i]; l < chain.rowEnd[i]; l++) {
        const p = chain.transition[i * m + l];
        if (p === 0) continue;
        const cNext = (1 - t) * policy.consumption[l * n + k] + t * policy.consumption[l * n + k + 1];
        cashOnHandAt(budget, chain.ability[l], budget.hours[l], next, pair);
        expected += p * (uPrime(cNext) / tc) * pair[1];
      }
      const u = tc * beta * expected;
      const cEuler = crra === 1 ? 1 / u : Math.pow(u, -1 / crra);
      const residual = Math.abs(cEuler / policy.consumption[s] - 1);
      const w = distribution ? distribution[s] : 1;
      if (residual > max) max = residual;
      sum += w * residual;
      weight += w;
      states++;
    }
  }
  const mean = weight > 0 ? sum / weight : 0;
  return { max, mean, log10Max: Math.log10(max), log10Mean: Math.log10(mean), states, mass: distribution ? weight : NaN };
}
