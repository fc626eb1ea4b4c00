/**
 * The stationary household problem of a preset with cash on hand (the `aiyagari` preset), on
 * exactly the simulator's budget (economy/householdBudget.ts): with ability e, wealth a, work share
 * h (hours hMax h) and the year's BudgetTerms,
 *
 *   z = W e hMax h + r a,   y = (z - T(z)) (1 - theta) + S   (postTaxIncomeOf; no tax on z <= 0 with untaxedLosses)
 *   x = y + (a - T_a(a))                                  (consumptionBaseOf with cashOnHand)
 *   c = (1 - p) x / (1 + tau_c),   a' = p x,
 *   reward u(c) - w h^(1+gamma) / (1+gamma)               (crraUtility, laborDisutility)
 *   V(i, a) = max_{p, h} reward + beta E[V(i', a') | i]
 *
 * Solved by the endogenous grid method with a labour step (Carroll 2006; Barillas and
 * Fernandez-Villaverde 2007). Iterated on V_a. One step: for every node i and grid point a'_k the
 * Euler equation u'(c) / (1 + tau_c) = beta E[V_a(i', a'_k) | i] gives c_k, hence the cash on hand
 * x_k = (1 + tau_c) c_k + a'_k at which a'_k is chosen: a'(x) and c(x) on [x_0, inf), a' = 0 below.
 * With separable utility the split of x does not depend on how x was earned, so at each state the
 * work share solves the labour condition
 *
 *   w h^gamma = G'(x(a, h)) W e hMax (1 - T'(z)) (1 - theta),   G'(x) = u'(c(x)) / (1 + tau_c),
 *
 * (under a convex tax the left side rises in h, the right falls: a bracketed root, by Newton's
 * method safeguarded by bisection; the share is clipped to [lo, hi] as the economy clips it; where
 * the marginal rate falls with income there can be several roots, and the one worth most is kept,
 * mostValuableShare). Then a' and c at that x,
 * and the envelope condition V_a = G'(x) (1 + r (1 - T'(z)) (1 - theta) - T_a'(a)).
 * Marginal tax rates are read at max(amount, 1 USD): an HSV tax with xi > 0 has an infinite one at
 * 0 exactly (the simulator's clipped actions always carry xi >= 5e-5).
 * Arrays are node-major: state (i, j) at i * N + j.
 */
import type { EconomyConfig } from '../economy/config.js';
import { consumptionBaseOf, laborDisutility, postTaxIncomeOf, postTaxWealthOf, preferencesOf, crraUtility, type BudgetTerms, type Preferences } from '../economy/householdBudget.js';
import { marginalTaxRate } from '../economy/marginalTax.js';
import { rouwenhorst, type AbilityGrid } from './abilityGrid.js';
import { bracketIndex, logSpacedAssetGrid } from './assetGrid.js';
import { egmScratch, type EgmScratch } from './endogenousGrid.js';
import { PlanTerms } from './planTerms.js';
import { cashValueGain } from './cashValue.js';
import { MAX_BRACKETS } from '../economy/tax.js';

// The budget's functions bound once: a module loader that exports through getters (tsx's) would
// otherwise run a getter at every call in the hot loops below (a third of the time, profiled).
const incomeAfterTax = postTaxIncomeOf;
const wealthAfterTaxOf = postTaxWealthOf;
const baseOf = consumptionBaseOf;
const marginalRate = marginalTaxRate;
const pieceHolding = bracketIndex;
const disutility = laborDisutility;

export interface LaborProblem {
  beta: number;
  preferences: Preferences;
  chain: AbilityGrid;
  /** Wealth grid (USD), ascending, the first 0. */
  assets: Float64Array;
  maxHoursPerYear: number;
  /** Bounds of the work share (the economy's action clip). */
  shareLow: number;
  shareHigh: number;
}

/** The grids of the preset's household problem. */
export interface LaborGridOptions {
  /** Rouwenhorst nodes of log ability (default 21). */
  abilityNodes?: number;
  /** Wealth points (default 100). */
  wealthPoints?: number;
  /** Top of the log-spaced wealth grid, USD (default 2e9). */
  wealthMax?: number;
  /** Where the wealth grid bends, USD (default 10,000). */
  wealthPivot?: number;
}

/** The household problem of a preset's config on its grids: the simulator's preferences, ability process and share clip. */
export function laborProblemOf(config: EconomyConfig, grid: LaborGridOptions = {}): LaborProblem {
  return {
    beta: config.discountFactor,
    preferences: preferencesOf(config),
    chain: rouwenhorst(grid.abilityNodes ?? 21, config.abilityPersistence, config.abilityShockSd, config.abilityLogMean),
    assets: logSpacedAssetGrid(grid.wealthMax ?? 2e9, grid.wealthPoints ?? 100, 0, grid.wealthPivot ?? 1e4),
    maxHoursPerYear: config.maxHoursPerYear,
    shareLow: config.actionClipLow,
    shareHigh: config.actionClipHigh,
  };
}

export interface LaborPolicy {
  assetsNext: Float64Array;
  consumption: Float64Array;
  workShare: Float64Array;
  cashOnHand: Float64Array;
  income: Float64Array;
  marginalValue: Float64Array;
}

export function emptyLaborPolicy(states: number): LaborPolicy {
  return {
    assetsNext: new Float64Array(states),
    consumption: new Float64Array(states),
    workShare: new Float64Array(states),
    cashOnHand: new Float64Array(states),
    income: new Float64Array(states),
    marginalValue: new Float64Array(states),
  };
}

export class LaborEgmError extends Error {}

/** u'(c) of the preferences' CRRA utility with its consumption unit s: (1/s) (c/s)^-sigma. */
export function marginalUtilityUsd(c: number, preferences: Preferences): number {
  const s = preferences.consumptionScaleUsd;
  return preferences.crra === 1 ? 1 / c : Math.pow(c / s, -preferences.crra) / s;
}

function inverseMarginalUtility(mu: number, preferences: Preferences): number {
  const s = preferences.consumptionScaleUsd;
  return preferences.crra === 1 ? 1 / mu : s * Math.pow(s * mu, -1 / preferences.crra);
}

/** T'(z) + theta (1 - T'(z)) as the budget applies it (no income tax on losses with untaxedLosses), at max(z, 1 USD). */
export function marginalIncomeTax(terms: BudgetTerms, income: number): number {
  const rate = terms.untaxedLosses && income <= 0 ? 0 : marginalRate(terms.tax.income, Math.max(income, 1));
  return rate + terms.incomeSurchargeRate * (1 - rate);
}

/** T_a'(a) at max(a, 1 USD). */
export function marginalWealthTax(terms: BudgetTerms, assets: number): number {
  return marginalRate(terms.tax.wealth, Math.max(assets, 1));
}

/** Cash on hand at (ability, wealth, work share): the simulator's budget functions. */
export function cashOnHandOf(terms: BudgetTerms, maxHoursPerYear: number, ability: number, assets: number, workShare: number): number {
  const income = terms.wageRate * ability * maxHoursPerYear * workShare + terms.interestRate * assets;
  return baseOf(terms, incomeAfterTax(terms, income), wealthAfterTaxOf(terms, assets));
}

/** A guess of V_a: consume a tenth of cash on hand at half the work share range. */
export function initialLaborMarginalValue(problem: LaborProblem, terms: BudgetTerms, out: Float64Array): void {
  const { chain, assets } = problem;
  const n = assets.length;
  const tc = 1 + terms.consumptionTaxRate;
  const h = 0.5 * (problem.shareLow + problem.shareHigh);
  for (let i = 0; i < chain.ability.length; i++) {
    for (let j = 0; j < n; j++) {
      const x = cashOnHandOf(terms, problem.maxHoursPerYear, chain.ability[i], assets[j], h);
      const z = terms.wageRate * chain.ability[i] * problem.maxHoursPerYear * h + terms.interestRate * assets[j];
      const slope = 1 + terms.interestRate * (1 - marginalIncomeTax(terms, z)) - marginalWealthTax(terms, assets[j]);
      out[i * n + j] = (marginalUtilityUsd((0.1 * x) / tc, problem.preferences) / tc) * slope;
    }
  }
}

/** The step's scratch: the exogenous-labour step's (endogenousGrid.ts: E[V_a | i] and one node's endogenous grid), and the year's terms as the labour condition reads them. */
export type LaborScratch = EgmScratch & { repairs: number; year: PlanTerms };
export const laborScratch = (problem: LaborProblem): LaborScratch => ({ ...egmScratch(problem), repairs: 0, year: new PlanTerms() });

/**
 * One backward step from next year's V_a (policy.marginalValue, overwritten) to this year's policy.
 * policy.workShare holds the last step's shares (the Newton starts). Returns the largest change of
 * any a' relative to (a' + 1,000 USD). With `lastYear` there is no next year (V_T+1 = 0, a finite
 * episode's end): a' = 0 and the labour condition at c = x / (1 + tau_c); V_a is not read.
 * With `repair`, an endogenous grid that is not increasing (a continuation value not concave: a
 * schedule whose marginal rates fall with income, such as Saez's) is made increasing instead of
 * refused, a' jumping where it folds back; scratch.repairs counts the points moved.
 */
export function laborEgmStep(problem: LaborProblem, terms: BudgetTerms, policy: LaborPolicy, scratch: LaborScratch, lastYear = false, repair = false): number {
  const { beta, preferences, chain, assets, maxHoursPerYear: hMax, shareLow, shareHigh } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const P = chain.transition;
  const tc = 1 + terms.consumptionTaxRate;
  const { expected: EVa, endogenousX: xEndo } = scratch;
  const Va = policy.marginalValue;
  const W = terms.wageRate, r = terms.interestRate;
  const aTop = assets[n - 1];
  const year = scratch.year.set(terms);

  EVa.fill(0);
  for (let i = 0; i < m && !lastYear; i++) {
    for (let l = chain.rowStart[i]; l < chain.rowEnd[i]; l++) {
      const p = P[i * m + l];
      if (p === 0) continue;
      for (let k = 0; k < n; k++) EVa[i * n + k] += p * Va[l * n + k];
    }
  }

  let change = 0;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    // no future: every cash on hand lies below the endogenous grid, so a' = 0 (labourGap)
    if (lastYear) xEndo.fill(Infinity);
    for (let k = 0; k < n && !lastYear; k++) {
      const ck = inverseMarginalUtility(tc * beta * EVa[row + k], preferences);
      xEndo[k] = tc * ck + assets[k];
      if (k > 0 && !(xEndo[k] > xEndo[k - 1]) && repair && xEndo[k] === xEndo[k]) {
        // the crude upper envelope: a' jumps from a'_k-1 to a'_k at x_k-1 (repairs counts them)
        xEndo[k] = xEndo[k - 1] * (1 + 1e-12) + 1e-9;
        scratch.repairs++;
      }
      if (k > 0 && !(xEndo[k] > xEndo[k - 1])) {
        throw new LaborEgmError(`the endogenous grid is not increasing at ability node ${i}, wealth point ${k} (${xEndo[k - 1]} then ${xEndo[k]}): the continuation value is not concave there`);
      }
    }
    const e = chain.ability[i];
    const wageIncome = W * e * hMax;
    G.wageIncome = wageIncome;
    for (let j = 0; j < n; j++) {
      const s = row + j;
      const a = assets[j];
      G.a = a;
      G.wealthAfterTax = year.postTaxWealth(a);
      // F(h) = w h^gamma - G'(x(h)) dx/dh rises in h under a convex tax: one root, by Newton from
      // last step's share; a tax whose marginal rate falls within reach can give several, and the
      // one worth most is kept
      const h = year.nonConvex && fallingRateInReach(problem, year)
        ? mostValuableShare(problem, year, xEndo, tc)
        : solveShare(Math.min(Math.max(policy.workShare[s], shareLow), shareHigh), shareLow, shareHigh, problem, year, xEndo, tc);
      const f = G.f;
      let x = G.x, aNext = G.aNext, c = G.c;
      const z = G.z;
      if (aNext > aTop) {
        aNext = aTop;
        c = (x - aNext) / tc;
      }
      if (!(c > 0)) throw new LaborEgmError(`consumption is not positive at ability node ${i}, wealth ${a} (cash on hand ${x}): the budget leaves nothing to consume`);
      const d = Math.abs(aNext - policy.assetsNext[s]) / (aNext + 1000);
      if (d > change || Number.isNaN(d)) change = Number.isNaN(d) ? Infinity : d;
      policy.assetsNext[s] = aNext;
      policy.consumption[s] = c;
      policy.workShare[s] = h;
      policy.cashOnHand[s] = x;
      policy.income[s] = z;
      const mu = marginalUtilityUsd(c, preferences) / tc;
      const disutilitySlope = preferences.laborDisutilityWeight * Math.pow(h, preferences.inverseFrisch);
      if (h > shareLow && h < shareHigh && Math.abs(f) > 1e-6 * disutilitySlope && r !== 0) {
        // bunching at a kink of the income tax: income z stays at the kink as wealth grows (hours
        // move by -r / (W e hMax) per unit), so V_a = G'(x) (1 - T_a'(a)) + v'(h) r / (W e hMax).
        // At r < 0 too: the formula below would take the rate of whichever side of the kink the
        // last Newton step landed on, a jump in V_a that kept the path under Saez from settling
        Va[s] = mu * (1 - year.marginalWealthTax(a)) + (disutilitySlope * r) / wageIncome;
      } else {
        Va[s] = mu * (1 + r * (1 - G.marginalIncomeTax) - year.marginalWealthTax(a));
      }
    }
  }
  return change;
}

/** The labour condition's scratch: the state's terms in, the budget at the last share out. */
const G = { wageIncome: 0, a: 0, wealthAfterTax: 0, x: 0, aNext: 0, c: 0, z: 0, marginalIncomeTax: 0, df: 0, f: 0 };

/**
 * The root of F in [lo, hi] (F(lo) <= 0 < F(hi), or a bound of the share) by Newton's method from h,
 * kept in the bracket (bisection when Newton leaves it). G holds the budget at the share returned
 * and G.f its F.
 */
function solveShare(h: number, lo: number, hi: number, problem: LaborProblem, year: PlanTerms, xEndo: Float64Array, tc: number): number {
  const { shareLow, shareHigh } = problem;
  let f = labourGap(h, problem, year, xEndo, tc);
  for (let it = 0; it < 200; it++) {
    if (f > 0) hi = h;
    else lo = h;
    if (f > 0 && h === shareLow) break;
    if (f <= 0 && h === shareHigh) break;
    let next = h - f / G.df;
    if (!(next > lo && next < hi)) {
      // out of the bracket: try its end once if it is a bound of the share, else bisect
      if (next <= lo && lo === shareLow && h !== shareLow) next = shareLow;
      else if (next >= hi && hi === shareHigh && h !== shareHigh) next = shareHigh;
      else next = 0.5 * (lo + hi);
    }
    if (Math.abs(next - h) < 1e-12 || hi - lo < 1e-14) break;
    h = next;
    f = labourGap(h, problem, year, xEndo, tc);
  }
  G.f = f;
  return h;
}

/** Cells of the scan for the roots of F at a state where it may have several. */
const SCAN_CELLS = 16;
/** How far either side of a falling rate's income F is read (in share; z moves by W e hMax times it). */
const KINK_SIDE = 1e-9;
const scanShares = new Float64Array(SCAN_CELLS + 1 + 2 * (MAX_BRACKETS + 1));
const scanGaps = new Float64Array(scanShares.length);

/** Whether the share that earns one of the incomes where the tax's marginal rate falls lies inside the share's range at the state in G. */
function fallingRateInReach(problem: LaborProblem, year: PlanTerms): boolean {
  if (year.fallingRateCount === 0) return true; // a rate falling everywhere (HSV with xi < 0)
  for (let k = 0; k < year.fallingRateCount; k++) {
    const h = (year.fallingRateIncomesUsd[k] - year.interestRate * G.a) / G.wageIncome;
    if (h - KINK_SIDE > problem.shareLow && h + KINK_SIDE < problem.shareHigh) return true;
  }
  return false;
}

/**
 * The work share worth most at the state in G when F may have several roots. dV/dh = -F, so the
 * local maxima of the value are where F crosses from <= 0 to > 0 (and shareLow if F > 0 there,
 * shareHigh if F <= 0 there). F is read on a coarse grid and on both sides of every income where
 * the marginal rate falls (F jumps down there; between, it rises where the continuation value
 * is concave, so no root hides between two reads), each crossing refined by solveShare from the secant, and the roots compared by value,
 * V(h2) - V(h1) = G(x(h2)) - G(x(h1)) - (v(h2) - v(h1)) (cashValue.ts). The choice does not
 * depend on last step's share: a plan that hops between roots with it moves the path's wage and
 * keeps the transition's fixed point from settling. Ties go to the smaller share.
 */
function mostValuableShare(problem: LaborProblem, year: PlanTerms, xEndo: Float64Array, tc: number): number {
  const { shareLow, shareHigh } = problem;
  // the grid and the kinks' sides, merged in ascending order
  let m = 0, k = 0;
  const add = (h: number): void => {
    if (m === 0 || h > scanShares[m - 1]) scanShares[m++] = h;
  };
  for (let i = 0; i <= SCAN_CELLS; i++) {
    const g = i === SCAN_CELLS ? shareHigh : shareLow + ((shareHigh - shareLow) * i) / SCAN_CELLS;
    for (; k < year.fallingRateCount; k++) {
      const h = (year.fallingRateIncomesUsd[k] - year.interestRate * G.a) / G.wageIncome;
      if (h >= g) break;
      if (h - KINK_SIDE > shareLow && h + KINK_SIDE < shareHigh) {
        add(h - KINK_SIDE);
        add(h + KINK_SIDE);
      }
    }
    add(g);
  }
  for (let i = 0; i < m; i++) scanGaps[i] = labourGap(scanShares[i], problem, year, xEndo, tc);

  best = NaN;
  bestX = NaN;
  if (scanGaps[0] > 0) consider(solveShare(shareLow, shareLow, shareHigh, problem, year, xEndo, tc), problem, xEndo, tc);
  for (let i = 0; i + 1 < m; i++) {
    const f0 = scanGaps[i], f1 = scanGaps[i + 1];
    if (!(f0 <= 0 && f1 > 0)) continue;
    const h0 = scanShares[i], h1 = scanShares[i + 1];
    const start = Math.min(Math.max(h0 + ((h1 - h0) * -f0) / (f1 - f0), h0), h1);
    consider(solveShare(start, h0, h1, problem, year, xEndo, tc), problem, xEndo, tc);
  }
  if (scanGaps[m - 1] <= 0) consider(solveShare(shareHigh, shareLow, shareHigh, problem, year, xEndo, tc), problem, xEndo, tc);
  if (best !== best) best = solveShare(0.5 * (shareLow + shareHigh), shareLow, shareHigh, problem, year, xEndo, tc); // F NaN somewhere: as before
  G.f = labourGap(best, problem, year, xEndo, tc);
  return best;
}

/** mostValuableShare's best root so far and its cash on hand. */
let best = NaN, bestX = NaN;

/** Keeps the root h (G.x its cash on hand) if it is worth more than the best so far. */
function consider(h: number, problem: LaborProblem, xEndo: Float64Array, tc: number): void {
  const x = G.x, preferences = problem.preferences;
  if (best !== best || cashValueGain(bestX, x, problem.assets, xEndo, tc, preferences) - (disutility(h, preferences) - disutility(best, preferences)) > 0) {
    best = h;
    bestX = x;
  }
}

/** F(h) = w h^gamma - G'(x(h)) dx/dh at the state in G; G.df an estimate of its slope (the tax's curvature left out). */
function labourGap(h: number, problem: LaborProblem, year: PlanTerms, xEndo: Float64Array, tc: number): number {
  const { preferences, assets } = problem;
  const n = assets.length;
  const z = G.wageIncome * h + year.interestRate * G.a;
  const x = year.base(year.postTaxIncome(z), G.wealthAfterTax);
  const marginalTax = year.marginalIncomeTax;
  let aNext = 0, slope = 0;
  if (x > xEndo[0]) {
    const lo = x >= xEndo[n - 1] ? n - 2 : pieceHolding(xEndo, x);
    slope = (assets[lo + 1] - assets[lo]) / (xEndo[lo + 1] - xEndo[lo]);
    aNext = assets[lo] + slope * (x - xEndo[lo]);
  }
  const c = (x - aNext) / tc;
  const mu = marginalUtilityUsd(c, preferences) / tc;
  const dxdh = G.wageIncome * (1 - marginalTax);
  const gamma = preferences.inverseFrisch, weight = preferences.laborDisutilityWeight;
  const hg = gamma === 2 ? h * h : Math.pow(h, gamma);
  G.df = (gamma === 0 ? 0 : (gamma * weight * hg) / h) + ((preferences.crra * mu) / c) * ((1 - slope) / tc) * dxdh * dxdh;
  G.x = x;
  G.aNext = aNext;
  G.c = c;
  G.z = z;
  G.marginalIncomeTax = marginalTax;
  return weight * hg - mu * dxdh;
}

/** Steps of the plain iteration before it is damped. */
const DAMP_AFTER = 400;

/** Iterates laborEgmStep until no a' moves by more than `tolerance` relative; returns the steps taken. */
export function solveLaborHousehold(problem: LaborProblem, terms: BudgetTerms, policy: LaborPolicy, tolerance: number, scratch = laborScratch(problem), maxIterations = 20_000): number {
  let previous: Float64Array | null = null;
  for (let it = 1; it <= maxIterations; it++) {
    // Kinked taxes (bracket schedules) can make the plain iteration chatter at states that bunch at
    // a kink; after DAMP_AFTER steps the marginal values move halfway to each step's, and ever less
    // (a quarter after 5 DAMP_AFTER, a tenth after 15) where the chatter persists
    if (it > DAMP_AFTER) (previous ??= new Float64Array(policy.marginalValue.length)).set(policy.marginalValue);
    const change = laborEgmStep(problem, terms, policy, scratch);
    if (change < tolerance) return it;
    // a chatter of a few times the tolerance at states bunching at a kink of a bracket schedule
    // that heavy damping has not removed: as good as the grid gets
    if (it > 5 * DAMP_AFTER && change < 100 * tolerance) return it;
    if (previous) {
      const w = it > 15 * DAMP_AFTER ? 0.1 : it > 5 * DAMP_AFTER ? 0.25 : 0.5;
      const Va = policy.marginalValue;
      for (let s = 0; s < Va.length; s++) Va[s] = w * Va[s] + (1 - w) * previous[s];
    }
  }
  throw new LaborEgmError(`the household's policy did not converge to ${tolerance} in ${maxIterations} iterations (beta (1 + r) too close to 1?)`);
}

/** The year's reward of a state under the policy: u(c) - v(h). */
export function stateReward(policy: LaborPolicy, s: number, preferences: Preferences): number {
  return crraUtility(policy.consumption[s], preferences) - laborDisutility(policy.workShare[s], preferences);
}
