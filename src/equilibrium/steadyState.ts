/**
 * The stationary equilibrium of an Aiyagari economy: households solve their consumption-saving
 * problem against constant prices (endogenousGrid.ts), their distribution is stationary
 * (lottery.ts), the firm pays marginal products (economy/firm.ts), and the interest rate clears the
 * capital market: households' assets = the firm's capital + public debt,
 *
 *   f(r) = (A(r) - K(r) - B) / K(r) = 0,   K(r) = L (alpha A_tfp / (r + delta))^(1 / (1 - alpha)),   W(r) from K(r) / L.
 *
 * r is found by Brent's method (rootFinding.ts) on a bracket searched outward from a first guess;
 * every evaluation starts the household's policy and the distribution from the previous ones
 * (warmStart.ts), and on fine grids a pass on a coarse subgrid comes first, so that the fine grid
 * needs a few close evaluations. Without taxes r stays below 1/beta - 1, at and above which wealth
 * has no stationary distribution (households save without bound).
 */
import { checkCobbDouglas, capitalPerLabor, output, wageAtInterestRate, type CobbDouglas } from '../economy/firm.js';
import { NO_TAX, type TaxSchedule } from '../economy/tax.js';
import { markovChain, rouwenhorst, stationaryDistribution, withMeanAbility, type AbilityGrid } from './abilityGrid.js';
import { checkAssetGrid } from './assetGrid.js';
import { cashOnHandGrid, type StationaryBudget } from './cashOnHand.js';
import { egmScratch, emptyPolicy, initialMarginalValue, marginalValueOf, savingShare, solveHousehold, type CashOnHand, type HouseholdPolicy, type HouseholdProblem } from './endogenousGrid.js';
import { coarseIndices, refinePolicy, SecantWarmStart, spreadDistribution } from './warmStart.js';
import { eulerResiduals, type EulerResiduals } from './eulerResidual.js';
import { householdAggregates, initialDistribution, stationaryWealthDistribution, type HouseholdAggregates } from './lottery.js';
import { brent, RootFindingError } from './rootFinding.js';

/** The economy of a steady state. Fields are checked by checkSteadyStateEconomy. */
export interface SteadyStateEconomy {
  /** beta in (0, 1). */
  beta: number;
  /** sigma > 0, default 1 (log utility). */
  crra?: number;
  /** alpha in (0, 1). */
  alpha: number;
  /** A > 0. */
  tfp: number;
  /** delta in [0, 1]. */
  depreciationRate: number;
  /** The ability chain: node values (ascending, > 0) and a row-stochastic transition matrix, row-major. */
  ability: { values: ArrayLike<number>; transition: ArrayLike<number> };
  /** The wealth grid: ascending, the first point 0 (the borrowing limit a' >= 0). */
  assets: ArrayLike<number>;
  /** Hours h per ability node (or one for all), >= 0; default 1. */
  hours?: number | ArrayLike<number>;
  /** Public debt B held by households beside capital; default 0. */
  debt?: number;
  /** Taxes on income and wealth (tax.ts); default none. */
  tax?: TaxSchedule;
  /** tau_c >= 0, default 0. */
  consumptionTaxRate?: number;
  /** Lump-sum transfer per household, default 0. */
  transfer?: number;
}

export interface SteadyStateIteration {
  /** Evaluations of the market so far (this one included). */
  iteration: number;
  phase: 'bracket' | 'brent';
  /** Wealth points of the grid evaluated on (a coarse pass comes first on fine grids). */
  points: number;
  interestRate: number;
  /** (A - K - B) / K. */
  residual: number;
  assets: number;
  capital: number;
  egmIterations: number;
  lotteryIterations: number;
  seconds: number;
}

export interface SteadyStateOptions {
  /** Search r only in [low, high] (both ends must bracket the root); default: searched from the first guess. */
  bracket?: [number, number];
  /** First guess of r when no bracket is given; default 1/beta - 1 - (1/beta - 1 + delta) / 4. */
  initialInterestRate?: number;
  /** Stop when |A - K - B| / K is at most this (default 1e-8). */
  marketTolerance?: number;
  /** The household's policy: stop when no a' moves by more than this (default 1e-10). */
  policyTolerance?: number;
  /** The distribution: stop when no cell moves by more than this (default 1e-12). */
  distributionTolerance?: number;
  /** Most evaluations of the market on each grid (default 60). */
  maxIterations?: number;
  /**
   * On grids of 200 wealth points or more, solve first on every (N / 100)-th point and start the
   * fine grid from there (default true; not with a bracket).
   */
  coarseGrid?: boolean;
  onIteration?: (step: SteadyStateIteration) => void;
}

export interface SteadyState {
  interestRate: number;
  wage: number;
  capital: number;
  output: number;
  /** Effective labour L = sum pi(e) e h. */
  labor: number;
  /** Households' assets sum D a'. */
  assets: number;
  debt: number;
  consumption: number;
  /** (assets - capital - debt) / capital. */
  marketResidual: number;
  /** Evaluations of the market (coarse pass included), and their (r, residual, grid's wealth points) in order. */
  iterations: number;
  residualHistory: { interestRate: number; residual: number; points: number }[];
  egmIterations: number;
  lotteryIterations: number;
  seconds: number;
  chain: AbilityGrid;
  /** Stationary distribution of the chain. */
  abilityDistribution: Float64Array;
  assetGrid: Float64Array;
  /** Node-major (ability i, wealth j) at i * N + j. */
  policy: HouseholdPolicy & { savingShare: Float64Array; cashOnHand: Float64Array };
  /** Mass at the start of a period over (ability, wealth), node-major; sums to 1. */
  distribution: Float64Array;
  /** Mass on the grid's top point: should be ~0, else the grid is too short. */
  massAtTop: number;
  euler: EulerResiduals;
}

export class SteadyStateInputError extends RangeError {}

interface Checked {
  problem: HouseholdProblem;
  firm: CobbDouglas;
  hours: Float64Array;
  debt: number;
  tax: TaxSchedule;
  transfer: number;
}

function fail(message: string): never {
  throw new SteadyStateInputError(message);
}

/** Checks every field; throws a SteadyStateInputError naming the field and the values allowed. */
export function checkSteadyStateEconomy(economy: SteadyStateEconomy): Checked {
  const { beta } = economy;
  if (!(beta > 0 && beta < 1)) fail(`beta must be in (0, 1), got ${beta}`);
  const crra = economy.crra ?? 1;
  if (!(crra > 0) || !Number.isFinite(crra)) fail(`crra must be a finite number > 0 (1 is log utility), got ${crra}`);
  const firm: CobbDouglas = { tfp: economy.tfp, alpha: economy.alpha, depreciationRate: economy.depreciationRate };
  const chain = rethrow(() => {
    checkCobbDouglas(firm);
    if (!economy.ability || !economy.ability.values || !economy.ability.transition) fail('ability must be { values, transition }: the chain\'s nodes and its row-major transition matrix');
    return markovChain(economy.ability.values, economy.ability.transition, 'ability');
  });
  const assets = rethrow(() => checkAssetGrid(economy.assets ?? [], 'assets'));
  const m = chain.ability.length;
  const h = economy.hours ?? 1;
  const hours = typeof h === 'number' ? new Float64Array(m).fill(h) : Float64Array.from(h);
  if (hours.length !== m) fail(`hours must be one number or one per ability node (${m}), got ${hours.length}`);
  for (let i = 0; i < m; i++) if (!(hours[i] >= 0) || !Number.isFinite(hours[i])) fail(`hours[${i}] must be a finite number >= 0, got ${hours[i]}`);
  const debt = economy.debt ?? 0;
  if (!Number.isFinite(debt)) fail(`debt must be a finite number, got ${debt}`);
  const consumptionTaxRate = economy.consumptionTaxRate ?? 0;
  if (!(consumptionTaxRate >= 0) || !Number.isFinite(consumptionTaxRate)) fail(`consumptionTaxRate must be a finite number >= 0, got ${consumptionTaxRate}`);
  const transfer = economy.transfer ?? 0;
  if (!Number.isFinite(transfer)) fail(`transfer must be a finite number, got ${transfer}`);
  return { problem: { beta, crra, chain, assets, consumptionTaxRate }, firm, hours, debt, tax: economy.tax ?? NO_TAX, transfer };
}

function rethrow<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RangeError && !(error instanceof SteadyStateInputError)) throw new SteadyStateInputError(error.message);
    throw error;
  }
}

function checkOptions(options: SteadyStateOptions, delta: number): void {
  const positive = ['marketTolerance', 'policyTolerance', 'distributionTolerance'] as const;
  for (const key of positive) {
    const v = options[key];
    if (v !== undefined && !(v > 0 && Number.isFinite(v))) fail(`${key} must be a finite number > 0, got ${v}`);
  }
  if (options.maxIterations !== undefined && !(Number.isInteger(options.maxIterations) && options.maxIterations >= 2)) {
    fail(`maxIterations must be an integer >= 2, got ${options.maxIterations}`);
  }
  if (options.bracket) {
    const [lo, hi] = options.bracket;
    if (!(lo > -delta && hi > lo && Number.isFinite(hi))) fail(`bracket must be [low, high] with -depreciationRate (${-delta}) < low < high, finite; got [${lo}, ${hi}]`);
  }
  if (options.initialInterestRate !== undefined && !(options.initialInterestRate > -delta && Number.isFinite(options.initialInterestRate))) {
    fail(`initialInterestRate must be a finite number > -depreciationRate (${-delta}), got ${options.initialInterestRate}`);
  }
}

/** A Rouwenhorst chain for log e with persistence rho and stationary sd, scaled to mean ability 1 (the toolkit's convention). */
export function rouwenhorstAbility(nodes: number, persistence: number, stationarySd: number): { values: Float64Array; transition: Float64Array } {
  const grid = withMeanAbility(rouwenhorst(nodes, persistence, stationarySd * Math.sqrt(1 - persistence * persistence)));
  return { values: grid.ability, transition: grid.transition };
}

/** How one grid's search is set up. */
interface Search {
  marketTolerance: number;
  policyTolerance: number;
  distributionTolerance: number;
  maxIterations: number;
  bracket?: [number, number];
  initialInterestRate?: number;
  /** A guess of d residual / d r (from a coarser grid): sizes the first step. */
  slope?: number;
  /** Where the first evaluation starts (from a coarser grid); else a tenth of cash on hand consumed, wealth uniform. */
  consumption?: Float64Array;
  distribution?: Float64Array;
}

/** What the evaluations of every grid share: the count, the history, the progress callback, the clock. */
interface Run {
  started: number;
  history: { interestRate: number; residual: number; points: number }[];
  egmIterations: number;
  lotteryIterations: number;
  onIteration?: (step: SteadyStateIteration) => void;
}

/** The best evaluation of one grid: the steady state on it. */
interface GridSolution {
  residual: number;
  r: number;
  wage: number;
  capital: number;
  assets: number;
  consumption: number;
  policy: HouseholdPolicy;
  coh: CashOnHand;
  distribution: Float64Array;
}

/** Below this many wealth points the coarse pass does not pay (about 100 points cost a fifth of 500). */
const COARSE_FROM_POINTS = 200;
const COARSE_POINTS = 100;

export function solveSteadyState(economy: SteadyStateEconomy, options: SteadyStateOptions = {}): SteadyState {
  const started = performance.now();
  const checked = checkSteadyStateEconomy(economy);
  checkOptions(options, checked.firm.depreciationRate);
  const { problem, firm, hours, debt, tax, transfer } = checked;
  const { chain, assets } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const pi = stationaryDistribution(chain);
  let labor = 0;
  for (let i = 0; i < m; i++) labor += pi[i] * chain.ability[i] * hours[i];
  if (!(labor > 0)) fail(`effective labour sum pi(e) e h must be > 0 (some hours at an ability with mass), got ${labor}`);

  const run: Run = { started, history: [], egmIterations: 0, lotteryIterations: 0, onIteration: options.onIteration };
  const search: Search = {
    marketTolerance: options.marketTolerance ?? 1e-8,
    policyTolerance: options.policyTolerance ?? 1e-10,
    distributionTolerance: options.distributionTolerance ?? 1e-12,
    maxIterations: options.maxIterations ?? 60,
    bracket: options.bracket,
    initialInterestRate: options.initialInterestRate,
  };
  // On a fine grid, first the same economy on every k-th wealth point: its r, the residual's slope
  // there, its policy and distribution carried over, leave the fine grid a few close evaluations.
  const every = options.coarseGrid === false || n < COARSE_FROM_POINTS || options.bracket ? 1 : Math.round(n / COARSE_POINTS);
  if (every > 1) {
    const indices = coarseIndices(n, every);
    const coarseAssets = Float64Array.from(indices, (j) => assets[j]);
    const coarse = solveOnGrid({ ...checked, problem: { ...problem, assets: coarseAssets } }, labor, pi, run, {
      ...search,
      // the fine grid's root lies a discretisation error away: no need to pin the coarse one down
      marketTolerance: Math.max(search.marketTolerance, 1e-5),
      policyTolerance: Math.max(search.policyTolerance, 1e-8),
      distributionTolerance: Math.max(search.distributionTolerance, 1e-10),
    });
    search.initialInterestRate = coarse.r;
    search.slope = residualSlope(run.history.filter((h) => h.points === coarseAssets.length));
    search.consumption = refinePolicy(coarse.policy.consumption, indices, assets, m);
    search.distribution = spreadDistribution(coarse.distribution, indices, assets, m);
  }
  const best = solveOnGrid(checked, labor, pi, run, search);

  const budget: StationaryBudget = { wage: best.wage, interestRate: best.r, hours, tax, consumptionTaxRate: problem.consumptionTaxRate, transfer };
  let massAtTop = 0;
  for (let i = 0; i < m; i++) massAtTop += best.distribution[i * n + n - 1];
  return {
    interestRate: best.r,
    wage: best.wage,
    capital: best.capital,
    output: output(firm, best.capital, labor),
    labor,
    assets: best.assets,
    debt,
    consumption: best.consumption,
    marketResidual: best.residual,
    iterations: run.history.length,
    residualHistory: run.history,
    egmIterations: run.egmIterations,
    lotteryIterations: run.lotteryIterations,
    seconds: (performance.now() - started) / 1000,
    chain,
    abilityDistribution: pi,
    assetGrid: assets,
    policy: { ...best.policy, savingShare: savingShare(best.policy, best.coh), cashOnHand: best.coh.x },
    distribution: best.distribution,
    massAtTop,
    euler: eulerResiduals(problem, budget, best.policy, best.distribution),
  };
}

/** d residual / d r from the two evaluations nearest the root (NaN if they do not tell). */
function residualSlope(history: { interestRate: number; residual: number }[]): number {
  const sorted = [...history].sort((a, b) => Math.abs(a.residual) - Math.abs(b.residual));
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].interestRate !== sorted[0].interestRate) return (sorted[k].residual - sorted[0].residual) / (sorted[k].interestRate - sorted[0].interestRate);
  }
  return NaN;
}

/** The capital market cleared on one wealth grid: Brent on a bracket of r, every evaluation warm-started. */
function solveOnGrid(checked: Checked, labor: number, pi: Float64Array, run: Run, search: Search): GridSolution {
  const { problem, firm, hours, debt, tax, transfer } = checked;
  const { chain, assets } = problem;
  const n = assets.length;
  const states = chain.ability.length * n;
  const { marketTolerance, policyTolerance, distributionTolerance, maxIterations } = search;
  const egmOptions = { tolerance: policyTolerance };
  const lotteryOptions = { tolerance: distributionTolerance };

  // the state every evaluation warm-starts from, and the best one seen
  const coh: CashOnHand = { x: new Float64Array(states), slope: new Float64Array(states) };
  const policy = emptyPolicy(states);
  const scratch = egmScratch(problem);
  const distribution = search.distribution ? Float64Array.from(search.distribution) : initialDistribution(chain, n);
  let first = true;
  const warmStart = new SecantWarmStart(pi, n);
  const best: GridSolution = {
    residual: Infinity, r: NaN, wage: NaN, capital: NaN, assets: NaN, consumption: NaN,
    policy: emptyPolicy(states), coh: { x: new Float64Array(states), slope: new Float64Array(states) }, distribution: new Float64Array(states),
  };
  let evaluations = 0;
  let phase: SteadyStateIteration['phase'] = 'bracket';

  const market = (r: number): number => {
    if (++evaluations > maxIterations) throw new RootFindingError(`no steady state in ${maxIterations} evaluations of the market (last r = ${r}); raise maxIterations or give a bracket`);
    const wage = wageAtInterestRate(firm, r);
    const capital = labor * capitalPerLabor(firm, r);
    const budget: StationaryBudget = { wage, interestRate: r, hours, tax, consumptionTaxRate: problem.consumptionTaxRate, transfer };
    cashOnHandGrid(budget, chain.ability, assets, coh.x, coh.slope);
    if (first && search.consumption) marginalValueOf(problem, coh, search.consumption, policy.marginalValue);
    else if (first) initialMarginalValue(problem, coh, policy.marginalValue);
    else warmStart.extrapolate(r, policy.marginalValue, distribution);
    first = false;
    // Far from the root a coarse answer tells the sign as well. Measured on the textbook case, an
    // error of t in the policy moves (A - K - B) / K by about t, one of t in the distribution by
    // about 400 t (the chain's persistence makes the distribution's slowest mode decay slowly). So
    // solve first to tolerances worth a thousandth of the best residual yet, then, where the answer
    // turns out smaller, tighten to a thousandth of it, down to the final tolerances. (Brent needs
    // only the signs right; a value a tenth off costs it a step at most.)
    let size = Math.abs(best.residual);
    let egm = 0, lottery = 0, residual = NaN;
    let aggregates: HouseholdAggregates;
    for (;;) {
      egmOptions.tolerance = Math.max(policyTolerance, Math.min(1e-4, 1e-3 * size));
      lotteryOptions.tolerance = Math.max(distributionTolerance, Math.min(1e-7, 1e-6 * size));
      egm += solveHousehold(problem, coh, policy, egmOptions, scratch);
      lottery += stationaryWealthDistribution(chain, assets, policy.assetsNext, distribution, lotteryOptions);
      aggregates = householdAggregates(chain, hours, distribution, policy.assetsNext, policy.consumption);
      residual = (aggregates.assets - capital - debt) / capital;
      if (egmOptions.tolerance === policyTolerance && lotteryOptions.tolerance === distributionTolerance) break;
      // an answer within the market's tolerance is only taken at the final tolerances
      if (Math.abs(residual) > marketTolerance && Math.abs(residual) >= 0.5 * size) break;
      size = Math.abs(residual) > marketTolerance ? Math.abs(residual) : 0;
    }
    run.egmIterations += egm;
    run.lotteryIterations += lottery;
    run.history.push({ interestRate: r, residual, points: n });
    warmStart.remember(r, policy.marginalValue, distribution);
    if (Math.abs(residual) < Math.abs(best.residual)) {
      Object.assign(best, { residual, r, wage, capital, assets: aggregates.assets, consumption: aggregates.consumption });
      best.policy.assetsNext.set(policy.assetsNext);
      best.policy.consumption.set(policy.consumption);
      best.policy.marginalValue.set(policy.marginalValue);
      best.coh.x.set(coh.x);
      best.coh.slope.set(coh.slope);
      best.distribution.set(distribution);
    }
    run.onIteration?.({
      iteration: run.history.length,
      phase,
      points: n,
      interestRate: r,
      residual,
      assets: aggregates.assets,
      capital,
      egmIterations: egm,
      lotteryIterations: lottery,
      seconds: (performance.now() - run.started) / 1000,
    });
    return residual;
  };

  const [low, high, fLow, fHigh] = findBracket(market, problem, firm.depreciationRate, tax, search);
  phase = 'brent';
  if (Math.abs(fLow) > marketTolerance && Math.abs(fHigh) > marketTolerance) {
    // r to 1e-13 is far finer than any use; it also stops a search that the tolerances' noise stalls
    brent(market, low, high, fLow, fHigh, { fTolerance: marketTolerance, xTolerance: 1e-13, maxIterations });
  }
  if (!(Math.abs(best.residual) <= marketTolerance)) {
    throw new RootFindingError(
      `the capital market did not clear to ${marketTolerance}: best |A - K - B| / K = ${Math.abs(best.residual)} at r = ${best.r} ` +
        '(tighten policyTolerance and distributionTolerance, whose errors move it, or loosen marketTolerance)',
    );
  }
  return best;
}

/**
 * A bracket [low, high] of r with the market residual changing sign, searched from a first guess
 * with steps that double, never past -delta (where capital demand is infinite) nor, without taxes,
 * past 1/beta - 1 (where households' wealth has no stationary distribution). Returns the ends and
 * their residuals.
 */
function findBracket(market: (r: number) => number, problem: HouseholdProblem, delta: number, tax: TaxSchedule, search: Search): [number, number, number, number] {
  const { marketTolerance } = search;
  if (search.bracket) {
    const [lo, hi] = search.bracket;
    const fLo = market(lo);
    const fHi = market(hi);
    if (Math.sign(fLo) === Math.sign(fHi) && Math.abs(fLo) > marketTolerance && Math.abs(fHi) > marketTolerance) {
      fail(`bracket [${lo}, ${hi}] does not contain the steady state: (A - K - B) / K is ${fLo} and ${fHi} at its ends`);
    }
    return [lo, hi, fLo, fHi];
  }
  const completeMarkets = 1 / problem.beta - 1;
  const taxed = tax.income.kind !== 'none' || tax.wealth.kind !== 'none';
  const floor = -delta;
  const ceiling = taxed ? Infinity : completeMarkets;
  let r = search.initialInterestRate ?? completeMarkets - 0.25 * (completeMarkets + delta);
  if (!taxed && r >= ceiling) r = ceiling - 0.25 * (ceiling - floor);
  let f = market(r);
  let step = 0.1 * (completeMarkets + delta);
  // with a slope from a coarser grid, a Newton step a little long, to land just past the root
  if (search.slope! > 0) step = Math.min(step, (1.2 * Math.abs(f)) / search.slope!);
  for (let tries = 0; Math.abs(f) > marketTolerance; tries++) {
    // assets short of demand: r must rise; in excess: fall
    const next = f < 0 ? r + Math.min(step, 0.5 * (ceiling - r)) : r - Math.min(step, 0.5 * (r - floor));
    if (tries >= 40 || next === r) {
      throw new RootFindingError(
        f < 0
          ? `households hold less than the firm's capital at every r tried up to ${r} (1/beta - 1 = ${completeMarkets}): the wealth grid's top (${problem.assets[problem.assets.length - 1]}) may be too low, or give a bracket`
          : `households hold more than the firm's capital at every r tried down to ${r} (-depreciationRate = ${floor}); give a bracket`,
      );
    }
    const fNext = market(next);
    if (Math.sign(fNext) !== Math.sign(f) || Math.abs(fNext) <= marketTolerance) return r < next ? [r, next, f, fNext] : [next, r, fNext, f];
    r = next;
    f = fNext;
    step *= 2;
  }
  return [r, r, f, f];
}
