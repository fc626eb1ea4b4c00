/**
 * The household's stationary consumption-saving problem by the endogenous grid method (Carroll
 * 2006). State: ability node i (a Markov chain) and wealth a on a grid; the budget is cash on hand
 * x(i, a) with slope dx/da (cashOnHand.ts); CRRA utility u(c) = c^(1 - sigma) / (1 - sigma)
 * (log at sigma = 1); V(i, a) = max { u(c) + beta E[V(i', a') | i] : (1 + tau_c) c + a' = x, a' >= 0 }.
 *
 * Iterated on the marginal value V_a instead of V:
 *   Euler    u'(c) / (1 + tau_c) = beta E[V_a(i', a') | i]            (a' > 0)
 *   envelope V_a(i, a) = u'(c) / (1 + tau_c) dx/da(i, a).
 * One step: for every node i and every next-year wealth a'_k ON THE GRID, the Euler equation gives
 * c_k in closed form, hence the cash on hand x_k = (1 + tau_c) c_k + a'_k at which a'_k is optimal
 * (the endogenous grid); a'(x) is then linear between those points, read at each grid state's own
 * x(i, a_j), and 0 below x_0 (the constraint binds). No root finding, no maximisation: the budget
 * is only ever evaluated forward, so nonlinear taxes need nothing but their marginal rates in dx/da.
 * Arrays are node-major: state (i, j) at i * N + j.
 */
import type { AbilityGrid } from './abilityGrid.js';

export interface HouseholdProblem {
  /** beta in (0, 1). */
  beta: number;
  /** sigma > 0 (1 is log utility). */
  crra: number;
  chain: AbilityGrid;
  /** Wealth grid, ascending, assets[0] = 0 the borrowing limit. */
  assets: Float64Array;
  consumptionTaxRate: number;
}

/** Cash on hand and its slope at every state (cashOnHandGrid). */
export interface CashOnHand {
  x: Float64Array;
  slope: Float64Array;
}

export interface HouseholdPolicy {
  /** a'(i, a_j). */
  assetsNext: Float64Array;
  /** c(i, a_j). */
  consumption: Float64Array;
  /** V_a(i, a_j): the state the iteration runs on (and warm-starts from). */
  marginalValue: Float64Array;
}

export interface EgmOptions {
  /** Stop when no a' moved by more than this in one step (default 1e-10). */
  tolerance?: number;
  /** Default 20,000. */
  maxIterations?: number;
}

export class EgmError extends Error {}

/** u'(c) = c^-sigma. */
export function marginalUtility(c: number, crra: number): number {
  return crra === 1 ? 1 / c : Math.pow(c, -crra);
}

/** A policy of M x N states, zeroed. */
export function emptyPolicy(states: number): HouseholdPolicy {
  return { assetsNext: new Float64Array(states), consumption: new Float64Array(states), marginalValue: new Float64Array(states) };
}

/** A first guess of V_a: consume a tenth of cash on hand (the sequence-space toolkit's start too). */
export function initialMarginalValue(problem: HouseholdProblem, coh: CashOnHand, out: Float64Array): Float64Array {
  const guess = new Float64Array(out.length);
  for (let s = 0; s < out.length; s++) guess[s] = (0.1 * coh.x[s]) / (1 + problem.consumptionTaxRate);
  return marginalValueOf(problem, coh, guess, out);
}

/** V_a implied by a consumption policy through the envelope condition, u'(c) / (1 + tau_c) dx/da: a start from a known policy. */
export function marginalValueOf(problem: HouseholdProblem, coh: CashOnHand, consumption: Float64Array, out: Float64Array): Float64Array {
  const tc = 1 + problem.consumptionTaxRate;
  for (let s = 0; s < out.length; s++) out[s] = (marginalUtility(consumption[s], problem.crra) / tc) * coh.slope[s];
  return out;
}

/** Scratch arrays of one step: E[V_a | i] and the endogenous grid of one node. */
export interface EgmScratch {
  expected: Float64Array;
  endogenousX: Float64Array;
}

export function egmScratch(problem: Pick<HouseholdProblem, 'assets' | 'chain'>): EgmScratch {
  const n = problem.assets.length;
  return { expected: new Float64Array(problem.chain.ability.length * n), endogenousX: new Float64Array(n) };
}

/**
 * One backward step: from next year's V_a (policy.marginalValue, overwritten) to this year's
 * policy, in place. Returns the largest change of any a'.
 */
export function egmStep(problem: HouseholdProblem, coh: CashOnHand, policy: HouseholdPolicy, scratch: EgmScratch): number {
  const { beta, crra, chain, assets } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const P = chain.transition;
  const tc = 1 + problem.consumptionTaxRate;
  const Va = policy.marginalValue;
  const ap = policy.assetsNext;
  const c = policy.consumption;
  const EVa = scratch.expected;
  const xEndo = scratch.endogenousX;
  const aTop = assets[n - 1];
  const logUtility = crra === 1;
  const inverseCrra = -1 / crra;

  // E[V_a(i', a'_k) | i]; rows reach only nodes of non-negligible probability
  EVa.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let l = chain.rowStart[i]; l < chain.rowEnd[i]; l++) {
      const p = P[i * m + l];
      if (p === 0) continue;
      const from = l * n;
      for (let k = 0; k < n; k++) EVa[row + k] += p * Va[from + k];
    }
  }

  let change = 0;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    // the endogenous grid: the cash on hand at which a'_k is optimal
    for (let k = 0; k < n; k++) {
      const u = tc * beta * EVa[row + k];
      const ck = logUtility ? 1 / u : Math.pow(u, inverseCrra);
      xEndo[k] = tc * ck + assets[k];
      if (k > 0 && !(xEndo[k] > xEndo[k - 1])) {
        throw new EgmError(
          `the endogenous grid is not increasing at ability node ${i}, wealth point ${k} (${xEndo[k - 1]} then ${xEndo[k]}): ` +
            'the continuation value is not concave there (a regressive tax, or marginal values that are not finite)',
        );
      }
    }
    // a' at each state's own cash on hand (ascending in j: dx/da > 0), by a merge scan
    let k = 0;
    const x0 = xEndo[0];
    for (let j = 0; j < n; j++) {
      const s = row + j;
      const xj = coh.x[s];
      let next: number;
      if (xj <= x0) next = assets[0];
      else {
        while (k < n - 2 && xEndo[k + 1] < xj) k++;
        // linear in x between endogenous points, extrapolated past the last one
        next = assets[k] + ((assets[k + 1] - assets[k]) * (xj - xEndo[k])) / (xEndo[k + 1] - xEndo[k]);
        // the grid's top is a ceiling the household cannot save beyond
        if (next > aTop) next = aTop;
      }
      const d = Math.abs(next - ap[s]);
      if (d > change) change = d;
      ap[s] = next;
      const cj = (xj - next) / tc;
      c[s] = cj;
      Va[s] = ((logUtility ? 1 / cj : Math.pow(cj, -crra)) / tc) * coh.slope[s];
    }
  }
  return change;
}

/**
 * Iterates egmStep to the stationary policy. `policy` is the warm start (its marginalValue; pass
 * initialMarginalValue's guess the first time) and holds the result.
 */
export function solveHousehold(problem: HouseholdProblem, coh: CashOnHand, policy: HouseholdPolicy, options: EgmOptions = {}, scratch = egmScratch(problem)): number {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 20000;
  for (let it = 1; it <= maxIterations; it++) {
    if (egmStep(problem, coh, policy, scratch) < tolerance) return it;
  }
  throw new EgmError(`the household's policy did not converge to ${tolerance} in ${maxIterations} iterations (beta (1 + r) too close to 1?)`);
}

/** p = a' / x, the saving share of cash on hand: the household's action in the simulator. */
export function savingShare(policy: HouseholdPolicy, coh: CashOnHand, out = new Float64Array(coh.x.length)): Float64Array {
  for (let s = 0; s < out.length; s++) out[s] = policy.assetsNext[s] / coh.x[s];
  return out;
}
