/**
 * The perfect-foresight transition of the Aiyagari economy over T periods (issue 27): from any
 * initial distribution of households over (ability node, wealth point) to a terminal steady state,
 * under exogenous paths of TFP and of the government's instruments, or a government that reacts
 * to each period's aggregates.
 *
 * Timing (the sequence-space Jacobian toolkit's): K_t is the capital households' savings of period
 * t finance (capital at the END of period t), used in production in t + 1; K_-1 = sum D_0 a - B_-1
 * comes from the initial distribution and the initial debt. Period t's prices are the firm's,
 *
 *   r_t = alpha Z_t (K_t-1 / L_t)^(alpha - 1) - delta,   W_t = (1 - alpha) Z_t (K_t-1 / L_t)^alpha,
 *
 * L_t = sum_i mass_t(i) e_i h_i (the chain's own marginal, exogenous). Households solve backward
 * from the terminal steady state's marginal values (one EGM step per period with that period's
 * prices and instruments), the distribution moves forward from D_0 by Young's lottery, and the
 * capital market clears when
 *
 *   H_t = A_t - K_t - B_t = 0,   A_t = sum D_t a'_t,   t = 0 .. T - 1,
 *
 * B_t the public debt households hold at the end of t. Unknown: the path K_0 .. K_T-1, solved by
 * quasi-Newton with the household block's sequence-space Jacobian at the terminal steady state
 * (jacobian.ts, the fake-news algorithm, taken in K through the firm's prices and a reacting
 * government's instruments), as the toolkit's `solve_impulse_nonlinear`, with backtracking and
 * Broyden updates of the inverse when a step leaves over a tenth of the residual; or by a damped
 * fixed point K <- K + lambda H.
 * A reacting government's instruments are recomputed at every evaluation from that evaluation's
 * prices and the previous evaluation's distribution: at the fixed point both are the equilibrium's.
 *
 * The government's budget: spending is what its budget leaves,
 *   G_t = R_t + B_t - (1 + r_t) B_t-1 - transfer_t,  R_t = sum D_t (T(z) + T_a(a) + tau_c c),
 * or, when spending is given, debt follows from it (B_t = (1 + r_t) B_t-1 + G_t + transfer_t - R_t).
 * Either way the goods market Y_t = C_t + K_t - (1 - delta) K_t-1 + G_t clears by Walras' law.
 */
import { NO_TAX, type TaxSchedule } from '../economy/tax.js';
import { cashOnHandGrid, type StationaryBudget } from './cashOnHand.js';
import { egmScratch, egmStep, type CashOnHand, type HouseholdPolicy, type HouseholdProblem } from './endogenousGrid.js';
import { DenseLU, householdJacobians } from './jacobian.js';
import { forwardStep, lotteryOf, type Lottery } from './lottery.js';
import { checkSteadyStateEconomy, type SteadyState, type SteadyStateEconomy } from './steadyState.js';

/** The government's instruments in one period; any left out keep the terminal economy's value. */
export interface TransitionInstruments {
  tax?: TaxSchedule;
  consumptionTaxRate?: number;
  /** Lump-sum transfer per household. */
  transfer?: number;
  /** B_t, debt held by households at the end of the period. Not with `spending`. */
  debt?: number;
  /** G_t; debt then follows from the budget. Not with `debt`. */
  spending?: number;
}

/** What a reacting government sees in period t (before households choose). */
export interface PeriodAggregates {
  period: number;
  /** K_t-1: the capital producing this period's output. */
  capital: number;
  labor: number;
  output: number;
  interestRate: number;
  wage: number;
  tfp: number;
  /** B_t-1: debt at the start of the period. */
  debt: number;
  /** Mean wealth at the start of the period, and per ability node (conditional means), with each node's mass. */
  meanWealth: number;
  meanWealthByNode: Float64Array;
  massByNode: Float64Array;
}

export type ReactingGovernment = (aggregates: PeriodAggregates) => TransitionInstruments;

export interface TransitionProblem {
  /** The economy (its instruments are the terminal ones, and the default of every period). */
  economy: SteadyStateEconomy;
  /** Its steady state (solveSteadyState(economy)): where the path ends. */
  terminal: SteadyState;
  /** T >= 2. */
  years: number;
  /** D_0 over (ability node, wealth point), node-major, >= 0, summing to 1; default the terminal steady state's. */
  initialDistribution?: ArrayLike<number>;
  /** B_-1, debt at the start of period 0; default the first period's debt (else the economy's). */
  initialDebt?: number;
  /** Per-period inputs (length T each); default the economy's values. */
  paths?: {
    tfp?: ArrayLike<number>;
    debt?: ArrayLike<number>;
    spending?: ArrayLike<number>;
    transfer?: ArrayLike<number>;
    consumptionTaxRate?: ArrayLike<number>;
    tax?: TaxSchedule[];
  };
  /** Instruments as a function of the period's aggregates; they override `paths`. */
  government?: ReactingGovernment;
}

export interface TransitionIteration {
  iteration: number;
  method: 'damped' | 'newton';
  /** max_t |A_t - K_t - B_t| / K_ss at the guess evaluated. */
  maxResidual: number;
  /** The Newton step's length factor (1, halved on backtracking); the damping for damped steps. */
  step: number;
  seconds: number;
}

export interface TransitionOptions {
  /** Stop when max_t |H_t| / K_ss is at most this (default 1e-10). */
  tolerance?: number;
  /** 'newton' (default): quasi-Newton with the fake-news Jacobian; 'damped': K <- K + damping H only. */
  method?: 'newton' | 'damped';
  /** Damped steps before Newton starts (default 0). */
  dampedIterations?: number;
  /** lambda of the damped step, in (0, 1] (default 0.2). */
  damping?: number;
  /** Most evaluations of the path (default 50 with Newton, 2,000 damped). */
  maxIterations?: number;
  /** First guess of K_0 .. K_T-1; default the terminal K. */
  initialGuess?: ArrayLike<number>;
  /** Finite-difference step of the Jacobian in K (default 1e-4 K_ss). */
  jacobianStep?: number;
  /**
   * Update the Jacobian's inverse by Broyden's method after a Newton step that leaves more than a
   * tenth of the residual (a reacting government, whose reaction the steady state's Jacobian
   * leaves out; default true).
   */
  broyden?: boolean;
  /** Keep each period's policy and distribution in the result (default true). */
  keepPolicies?: boolean;
  onIteration?: (step: TransitionIteration) => void;
}

export interface Transition {
  years: number;
  /** Per period t = 0 .. T - 1. */
  interestRate: Float64Array;
  wage: Float64Array;
  /** K_t: capital at the end of period t (used in t + 1): the toolkit's K. */
  capital: Float64Array;
  /** K_t-1: capital producing Y_t. */
  capitalInUse: Float64Array;
  labor: Float64Array;
  output: Float64Array;
  consumption: Float64Array;
  /** A_t = sum D_t a'_t. */
  assets: Float64Array;
  /** B_t and G_t, transfers, revenue R_t. */
  debt: Float64Array;
  spending: Float64Array;
  transfer: Float64Array;
  revenue: Float64Array;
  tfp: Float64Array;
  /** (A_t - K_t - B_t) / K_ss. */
  marketResidual: Float64Array;
  maxMarketResidual: number;
  /** max_t |Y_t - C_t - I_t - G_t| / Y_t. */
  maxGoodsResidual: number;
  iterations: number;
  residualHistory: TransitionIteration[];
  seconds: number;
  jacobianSeconds: number;
  /** Per period: a'_t and c_t over (node, wealth point), and D_t at the period's start (when kept). */
  policies?: { assetsNext: Float64Array; consumption: Float64Array }[];
  distributions?: Float64Array[];
  /** The instruments in force each period. */
  instruments: TransitionInstruments[];
}

export class TransitionInputError extends RangeError {}
export class TransitionError extends Error {}

function fail(message: string): never {
  throw new TransitionInputError(message);
}

function checkPath(name: string, path: ArrayLike<number> | undefined, T: number, test: (v: number) => boolean, what: string): Float64Array | undefined {
  if (path === undefined) return undefined;
  if (path.length !== T) fail(`${name} must have one value per period (years = ${T}), got ${path.length}`);
  const out = Float64Array.from(path);
  for (let t = 0; t < T; t++) if (!test(out[t])) fail(`${name}[${t}] must be ${what}, got ${out[t]}`);
  return out;
}

const finite = (v: number): boolean => Number.isFinite(v);

interface Setup {
  T: number;
  problem: HouseholdProblem;
  hours: Float64Array;
  alpha: number;
  delta: number;
  tfp: Float64Array;
  labor: Float64Array;
  massByNode: Float64Array[];
  D0: Float64Array;
  initialDebt: number;
  capitalBefore: number;
  base: Required<Omit<TransitionInstruments, 'spending' | 'debt'>> & { debt: number };
  paths: TransitionProblem['paths'];
  government?: ReactingGovernment;
}

function checkInstruments(where: string, ins: TransitionInstruments): void {
  if (ins === null || typeof ins !== 'object') fail(`${where} must be an object of instruments, got ${ins}`);
  if (ins.debt !== undefined && ins.spending !== undefined) fail(`${where}: give debt or spending, not both (the budget sets the other)`);
  for (const key of ['debt', 'spending', 'transfer'] as const) {
    const v = ins[key];
    if (v !== undefined && !Number.isFinite(v)) fail(`${where}.${key} must be a finite number, got ${v}`);
  }
  const tc = ins.consumptionTaxRate;
  if (tc !== undefined && !(tc >= 0 && Number.isFinite(tc))) fail(`${where}.consumptionTaxRate must be a finite number >= 0, got ${tc}`);
  if (ins.tax !== undefined && !(ins.tax && ins.tax.income && ins.tax.wealth)) fail(`${where}.tax must be a TaxSchedule { income, wealth }`);
}

function setUp(input: TransitionProblem): Setup {
  if (!input || typeof input !== 'object') fail('the transition problem must be an object { economy, terminal, years, ... }');
  const checked = (() => {
    try {
      return checkSteadyStateEconomy(input.economy);
    } catch (error) {
      throw new TransitionInputError(`economy: ${(error as Error).message}`);
    }
  })();
  const { problem, firm, hours } = checked;
  const { chain, assets } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const states = m * n;
  const T = input.years;
  if (!(Number.isInteger(T) && T >= 2)) fail(`years must be an integer >= 2, got ${T}`);
  const terminal = input.terminal;
  if (!terminal || !terminal.policy || !terminal.distribution) fail('terminal must be the economy\'s steady state (solveSteadyState(economy))');
  if (terminal.distribution.length !== states || terminal.assetGrid.length !== n) {
    fail(`terminal must be solved on the economy's grid: ${m} ability nodes x ${n} wealth points, got ${terminal.distribution.length} states`);
  }
  if (!(Math.abs(terminal.marketResidual) < 1e-6)) fail(`terminal's capital market must clear (|residual| < 1e-6), got ${terminal.marketResidual}`);

  const D0 = Float64Array.from(input.initialDistribution ?? terminal.distribution);
  if (D0.length !== states) fail(`initialDistribution must have one mass per state: ${m} ability nodes x ${n} wealth points = ${states}, got ${D0.length}`);
  let total = 0;
  for (let s = 0; s < states; s++) {
    if (!(D0[s] >= 0) || !Number.isFinite(D0[s])) fail(`initialDistribution[${s}] must be a finite mass >= 0, got ${D0[s]}`);
    total += D0[s];
  }
  if (!(Math.abs(total - 1) <= 1e-8)) fail(`initialDistribution must sum to 1, got ${total}`);

  const p = input.paths ?? {};
  if (typeof p !== 'object') fail('paths must be an object of per-period arrays');
  const tfp = checkPath('paths.tfp', p.tfp, T, (v) => v > 0 && Number.isFinite(v), 'a finite number > 0') ?? new Float64Array(T).fill(firm.tfp);
  checkPath('paths.debt', p.debt, T, finite, 'a finite number');
  checkPath('paths.spending', p.spending, T, finite, 'a finite number');
  checkPath('paths.transfer', p.transfer, T, finite, 'a finite number');
  checkPath('paths.consumptionTaxRate', p.consumptionTaxRate, T, (v) => v >= 0 && Number.isFinite(v), 'a finite number >= 0');
  if (p.debt && p.spending) fail('paths: give debt or spending, not both (the government\'s budget sets the other)');
  if (p.tax !== undefined) {
    if (!Array.isArray(p.tax) || p.tax.length !== T) fail(`paths.tax must have one TaxSchedule per period (years = ${T}), got ${Array.isArray(p.tax) ? p.tax.length : typeof p.tax}`);
    p.tax.forEach((tax, t) => checkInstruments(`paths.tax[${t}]`, { tax }));
  }
  if (input.government !== undefined && typeof input.government !== 'function') fail('government must be a function from the period\'s aggregates to its instruments');

  // the ability marginal moves by the chain alone: labour is exogenous
  const massByNode: Float64Array[] = [];
  const labor = new Float64Array(T);
  let mass = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mass[i] += D0[i * n + j];
  for (let t = 0; t < T; t++) {
    massByNode.push(mass);
    let l = 0;
    for (let i = 0; i < m; i++) l += mass[i] * chain.ability[i] * hours[i];
    if (!(l > 0)) fail(`effective labour in period ${t} must be > 0 (hours at an ability with mass), got ${l}`);
    labor[t] = l;
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) next[k] += mass[i] * chain.transition[i * m + k];
    mass = next;
  }
  const debtDefault = checked.debt;
  const initialDebt = input.initialDebt ?? (p.debt ? p.debt[0] : debtDefault);
  if (!Number.isFinite(initialDebt)) fail(`initialDebt must be a finite number, got ${initialDebt}`);
  let wealth0 = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) wealth0 += D0[i * n + j] * assets[j];
  const capitalBefore = wealth0 - initialDebt;
  if (!(capitalBefore > 0)) fail(`initial capital K_-1 = sum D_0 a - initialDebt must be > 0, got ${capitalBefore} (mean wealth ${wealth0}, initialDebt ${initialDebt})`);

  return {
    T, problem, hours, alpha: firm.alpha, delta: firm.depreciationRate, tfp, labor, massByNode, D0, initialDebt, capitalBefore,
    base: { tax: checked.tax ?? NO_TAX, consumptionTaxRate: problem.consumptionTaxRate, transfer: checked.transfer, debt: debtDefault },
    paths: p, government: input.government,
  };
}

/** Prices of period t from K_t-1. */
function prices(setup: Setup, t: number, capitalBefore: number): { r: number; w: number; y: number } {
  const { alpha, delta } = setup;
  const z = setup.tfp[t];
  const kl = capitalBefore / setup.labor[t];
  const y = z * Math.pow(kl, alpha) * setup.labor[t];
  return { r: (alpha * y) / capitalBefore - delta, w: ((1 - alpha) * y) / setup.labor[t], y };
}

const TINY_MASS = 1e-300;

/** One evaluation of the path: every period's prices, instruments, policies and aggregates. */
interface Evaluation {
  residual: Float64Array;
  r: Float64Array;
  w: Float64Array;
  y: Float64Array;
  assets: Float64Array;
  consumption: Float64Array;
  debt: Float64Array;
  spending: Float64Array;
  transfer: Float64Array;
  revenue: Float64Array;
  instruments: TransitionInstruments[];
  /** Mean wealth per node at each period's start (for the government of the next evaluation). */
  meanWealthByNode: Float64Array[];
  goodsResidual: number;
  maxResidual: number;
}

/** Arrays reused across evaluations: T x S policies and distributions. */
class Workspace {
  readonly assetsNext: Float64Array;
  readonly consumption: Float64Array;
  readonly cashX: Float64Array;
  readonly distributions: Float64Array;
  readonly coh: CashOnHand;
  readonly policy: HouseholdPolicy;
  readonly lottery: Lottery;
  readonly scratch: Float64Array;

  constructor(readonly T: number, readonly states: number, nodes: number) {
    this.assetsNext = new Float64Array(T * states);
    this.consumption = new Float64Array(T * states);
    this.cashX = new Float64Array(T * states);
    this.distributions = new Float64Array((T + 1) * states);
    this.coh = { x: new Float64Array(states), slope: new Float64Array(states) };
    this.policy = { assetsNext: new Float64Array(states), consumption: new Float64Array(states), marginalValue: new Float64Array(states) };
    this.lottery = { lower: new Int32Array(states), lowerWeight: new Float64Array(states) };
    this.scratch = new Float64Array(states);
    void nodes;
  }
}

function instrumentsOf(setup: Setup, t: number, aggregates: () => PeriodAggregates): TransitionInstruments {
  const p = setup.paths ?? {};
  const ins: TransitionInstruments = {
    tax: p.tax ? p.tax[t] : setup.base.tax,
    consumptionTaxRate: p.consumptionTaxRate ? p.consumptionTaxRate[t] : setup.base.consumptionTaxRate,
    transfer: p.transfer ? p.transfer[t] : setup.base.transfer,
  };
  if (p.spending) ins.spending = p.spending[t];
  else ins.debt = p.debt ? p.debt[t] : setup.base.debt;
  if (setup.government) {
    const reaction = setup.government(aggregates());
    checkInstruments(`government(period ${t})`, reaction);
    for (const [key, value] of Object.entries(reaction)) if (value !== undefined) (ins as Record<string, unknown>)[key] = value;
    if (reaction.spending !== undefined && reaction.debt === undefined) delete ins.debt;
    if (reaction.debt !== undefined && reaction.spending === undefined) delete ins.spending;
  }
  return ins;
}

function evaluate(setup: Setup, terminal: SteadyState, K: Float64Array, ws: Workspace, previous: Evaluation | undefined): Evaluation {
  const { T, problem, hours } = setup;
  const { chain, assets } = problem;
  const m = chain.ability.length;
  const n = assets.length;
  const S = m * n;
  const r = new Float64Array(T), w = new Float64Array(T), y = new Float64Array(T);
  const instruments: TransitionInstruments[] = new Array(T);
  for (let t = 0; t < T; t++) {
    const before = t === 0 ? setup.capitalBefore : K[t - 1];
    if (!(before > 0)) throw new TransitionError(`the capital path left the positive numbers (K_${t - 1} = ${before}): the solver diverged`);
    const pr = prices(setup, t, before);
    r[t] = pr.r;
    w[t] = pr.w;
    y[t] = pr.y;
    instruments[t] = instrumentsOf(setup, t, () => {
      const means = t === 0 ? meansAt(setup.D0, m, n, assets) : previous ? previous.meanWealthByNode[t] : meansAt(terminal.distribution, m, n, assets);
      const mass = setup.massByNode[t];
      let meanWealth = 0;
      for (let i = 0; i < m; i++) meanWealth += mass[i] * means[i];
      return {
        period: t, capital: before, labor: setup.labor[t], output: pr.y, interestRate: pr.r, wage: pr.w, tfp: setup.tfp[t],
        debt: t === 0 ? setup.initialDebt : previous ? previous.debt[t - 1] : setup.base.debt, meanWealth, meanWealthByNode: means, massByNode: mass,
      };
    });
  }

  // backward: V_a from the terminal steady state, one EGM step per period
  const { policy, coh } = ws;
  policy.marginalValue.set(terminal.policy.marginalValue);
  const scratch = egmScratch(problem);
  for (let t = T - 1; t >= 0; t--) {
    const ins = instruments[t];
    const budget: StationaryBudget = { wage: w[t], interestRate: r[t], hours, tax: ins.tax!, consumptionTaxRate: ins.consumptionTaxRate!, transfer: ins.transfer! };
    cashOnHandGrid(budget, chain.ability, assets, coh.x, coh.slope);
    const periodProblem = ins.consumptionTaxRate === problem.consumptionTaxRate ? problem : { ...problem, consumptionTaxRate: ins.consumptionTaxRate! };
    egmStep(periodProblem, coh, policy, scratch);
    ws.assetsNext.set(policy.assetsNext, t * S);
    ws.consumption.set(policy.consumption, t * S);
    ws.cashX.set(coh.x, t * S);
  }

  // forward: D_0 given, the lottery of each period's a'
  const D = ws.distributions;
  D.set(setup.D0, 0);
  const residual = new Float64Array(T), A = new Float64Array(T), C = new Float64Array(T);
  const debt = new Float64Array(T), spending = new Float64Array(T), transfer = new Float64Array(T), revenue = new Float64Array(T);
  const meanWealthByNode: Float64Array[] = [];
  const Kss = terminal.capital;
  let debtBefore = setup.initialDebt;
  let maxResidual = 0, goodsResidual = 0;
  for (let t = 0; t < T; t++) {
    const Dt = D.subarray(t * S, (t + 1) * S);
    const ap = ws.assetsNext.subarray(t * S, (t + 1) * S);
    const c = ws.consumption.subarray(t * S, (t + 1) * S);
    const x = ws.cashX.subarray(t * S, (t + 1) * S);
    const ins = instruments[t];
    const tr = ins.transfer!;
    const tc = ins.consumptionTaxRate!;
    let a = 0, cons = 0, taxes = 0;
    const means = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const e = chain.ability[i] * hours[i];
      let nodeWealth = 0, nodeMass = 0;
      for (let j = 0; j < n; j++) {
        const s = i * n + j;
        const d = Dt[s];
        if (d === 0) continue;
        nodeMass += d;
        nodeWealth += d * assets[j];
        a += d * ap[s];
        cons += d * c[s];
        // x = z - T(z) + transfer + a - T_a(a): taxes paid are z + transfer + a - x
        taxes += d * (w[t] * e + r[t] * assets[j] + tr + assets[j] - x[s] + tc * c[s]);
      }
      means[i] = nodeMass > 0 ? nodeWealth / nodeMass : 0;
    }
    meanWealthByNode.push(means);
    A[t] = a;
    C[t] = cons;
    revenue[t] = taxes;
    transfer[t] = tr;
    if (ins.spending !== undefined) {
      spending[t] = ins.spending;
      debt[t] = (1 + r[t]) * debtBefore + ins.spending + tr - taxes;
    } else {
      debt[t] = ins.debt!;
      spending[t] = taxes + debt[t] - (1 + r[t]) * debtBefore - tr;
    }
    residual[t] = (a - K[t] - debt[t]) / Kss;
    if (Math.abs(residual[t]) > maxResidual || Number.isNaN(residual[t])) maxResidual = Number.isNaN(residual[t]) ? Infinity : Math.abs(residual[t]);
    const before = t === 0 ? setup.capitalBefore : K[t - 1];
    // the goods market at the households' own capital, A_t - B_t
    const goods = Math.abs(y[t] - cons - (a - debt[t] - (1 - setup.delta) * (t === 0 ? before : A[t - 1] - debt[t - 1])) - spending[t]) / y[t];
    if (goods > goodsResidual) goodsResidual = goods;
    debtBefore = debt[t];
    lotteryOf(assets, ap, m, ws.lottery);
    const Dnext = D.subarray((t + 1) * S, (t + 2) * S);
    forwardStep(chain, ws.lottery, Dt, Dnext, ws.scratch);
    // masses below 1e-300 (far out on the wealth grid) become subnormal numbers, slow to multiply
    // on every later step; they move no aggregate by more than 1e-296
    for (let s = 0; s < S; s++) if (Dnext[s] < TINY_MASS) Dnext[s] = 0;
  }
  return { residual, r, w, y, assets: A, consumption: C, debt, spending, transfer, revenue, instruments, meanWealthByNode, goodsResidual, maxResidual };
}

/** Mean wealth per ability node of a distribution. */
function meansAt(D: Float64Array, m: number, n: number, assets: Float64Array): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let mass = 0, wealth = 0;
    for (let j = 0; j < n; j++) {
      mass += D[i * n + j];
      wealth += D[i * n + j] * assets[j];
    }
    out[i] = mass > 0 ? wealth / mass : 0;
  }
  return out;
}

/**
 * dH/dK at the terminal steady state: H_t = A_t(r, W) - K_t - B_t, with r_s and W_s functions of
 * K_s-1. The household's Jacobian is taken in K directly: cash on hand at the prices of K_ss + h.
 */
function capitalJacobian(setup: Setup, terminal: SteadyState, economy: SteadyStateEconomy, step: number): Float64Array {
  const { T, problem, hours, alpha, delta } = setup;
  const { chain, assets } = problem;
  const S = terminal.distribution.length;
  const L = terminal.labor;
  const Z = economy.tfp;
  const priceAt = (K: number) => {
    const y = Z * Math.pow(K, alpha) * Math.pow(L, 1 - alpha);
    return { r: (alpha * y) / K - delta, w: ((1 - alpha) * y) / L };
  };
  const base = setup.base;
  const pi = setup.massByNode[T - 1];
  const means = meansAt(terminal.distribution, chain.ability.length, assets.length, assets);
  // the instruments at steady-state aggregates with capital K: a reacting government's reaction is part of the input
  const instrumentsAt = (K: number): TransitionInstruments => {
    const ins: TransitionInstruments = { tax: base.tax, consumptionTaxRate: base.consumptionTaxRate, transfer: base.transfer, debt: base.debt };
    if (!setup.government) return ins;
    const pr = priceAt(K);
    let meanWealth = 0;
    for (let i = 0; i < pi.length; i++) meanWealth += pi[i] * means[i];
    const reaction = setup.government({
      period: T - 1, capital: K, labor: L, output: Z * Math.pow(K, alpha) * Math.pow(L, 1 - alpha), interestRate: pr.r, wage: pr.w, tfp: Z,
      debt: base.debt, meanWealth, meanWealthByNode: means, massByNode: pi,
    });
    checkInstruments(`government (steady state, capital ${K})`, reaction);
    for (const [key, value] of Object.entries(reaction)) if (value !== undefined) (ins as Record<string, unknown>)[key] = value;
    return ins;
  };
  const cohAt = (K: number, ins: TransitionInstruments): CashOnHand => {
    const pr = K === terminal.capital ? { r: terminal.interestRate, w: terminal.wage } : priceAt(K);
    const coh = { x: new Float64Array(S), slope: new Float64Array(S) };
    const budget: StationaryBudget = { wage: pr.w, interestRate: pr.r, hours, tax: ins.tax!, consumptionTaxRate: ins.consumptionTaxRate!, transfer: ins.transfer! };
    cashOnHandGrid(budget, chain.ability, assets, coh.x, coh.slope);
    return coh;
  };
  const K = terminal.capital;
  const atSteady = instrumentsAt(K);
  const shocked = instrumentsAt(K + step);
  // the terminal steady state's own prices at K_ss (priceAt(K_ss) equals them to rounding)
  const J = householdJacobians(
    { problem: { ...problem, consumptionTaxRate: atSteady.consumptionTaxRate! }, cashOnHand: cohAt(K, atSteady), marginalValue: terminal.policy.marginalValue, distribution: terminal.distribution },
    [{ name: 'K', cashOnHand: cohAt(K + step, shocked), step, problem: { ...problem, consumptionTaxRate: shocked.consumptionTaxRate! } }],
    T,
  ).K;
  // a debt that reacts to this period's capital: dB_t / dK_t-1 (a spending rule's debt is left to Broyden)
  const debtSlope = atSteady.debt !== undefined && shocked.debt !== undefined ? (shocked.debt - atSteady.debt) / step : 0;
  // H_t depends on K_u through prices at u + 1: column u of dH/dK is column u + 1 of J, minus e_u
  const H = new Float64Array(T * T);
  for (let t = 0; t < T; t++) {
    for (let u = 0; u + 1 < T; u++) H[t * T + u] = J[t * T + u + 1];
    H[t * T + t] -= 1;
    if (t > 0) H[t * T + t - 1] -= debtSlope;
  }
  return H;
}

/**
 * One evaluation of a guessed capital path K_0 .. K_T-1 (no solving): every period's prices,
 * instruments, policies and aggregates, and the market residuals (A_t - K_t - B_t) / K_ss.
 */
export function evaluateTransition(input: TransitionProblem, capital: ArrayLike<number>): { marketResidual: Float64Array; assets: Float64Array; interestRate: Float64Array; wage: Float64Array; debt: Float64Array; maxMarketResidual: number } {
  const setup = setUp(input);
  const K = checkPath('capital', capital, setup.T, (v) => v > 0 && Number.isFinite(v), 'a finite number > 0')!;
  const S = input.terminal.distribution.length;
  const e = evaluate(setup, input.terminal, K, new Workspace(setup.T, S, setup.problem.chain.ability.length), undefined);
  return { marketResidual: e.residual, assets: e.assets, interestRate: e.r, wage: e.w, debt: e.debt, maxMarketResidual: e.maxResidual };
}

/** d H_t / d K_u at the terminal steady state (row-major T x T), H_t = A_t - K_t - B_t (the government's reaction left out). */
export function transitionJacobian(input: TransitionProblem, step = 1e-4 * input.terminal.capital): Float64Array {
  return capitalJacobian(setUp(input), input.terminal, input.economy, step);
}

/** A Newton step that leaves more than this share of the residual triggers a Broyden update. */
const BROYDEN_RATIO = 0.1;

function broydenUpdate(inverse: Float64Array, T: number, scale: number, direction: Float64Array, before: Float64Array, after: Float64Array, Kss: number): void {
  const dK = Float64Array.from(direction, (v) => v * scale);
  const dH = new Float64Array(T);
  for (let t = 0; t < T; t++) dH[t] = (after[t] - before[t]) * Kss;
  const u = new Float64Array(T); // Binv dH
  const v = new Float64Array(T); // dK' Binv
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let k = 0; k < T; k++) s += inverse[t * T + k] * dH[k];
    u[t] = s;
  }
  let denominator = 0;
  for (let t = 0; t < T; t++) {
    denominator += dK[t] * u[t];
    const w = dK[t];
    if (w === 0) continue;
    for (let k = 0; k < T; k++) v[k] += w * inverse[t * T + k];
  }
  if (!(Math.abs(denominator) > 0) || !Number.isFinite(denominator)) return;
  for (let t = 0; t < T; t++) {
    const f = (dK[t] - u[t]) / denominator;
    if (f === 0) continue;
    for (let k = 0; k < T; k++) inverse[t * T + k] += f * v[k];
  }
}

export function solveTransition(input: TransitionProblem, options: TransitionOptions = {}): Transition {
  const started = performance.now();
  const setup = setUp(input);
  const { T } = setup;
  const terminal = input.terminal;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(tolerance > 0 && Number.isFinite(tolerance))) fail(`options.tolerance must be a finite number > 0, got ${tolerance}`);
  const method = options.method ?? 'newton';
  if (method !== 'newton' && method !== 'damped') fail(`options.method must be 'newton' or 'damped', got ${method}`);
  const damping = options.damping ?? 0.2;
  if (!(damping > 0 && damping <= 1)) fail(`options.damping must be in (0, 1], got ${damping}`);
  const dampedIterations = method === 'damped' ? Infinity : options.dampedIterations ?? 0;
  if (!(dampedIterations >= 0)) fail(`options.dampedIterations must be >= 0, got ${dampedIterations}`);
  const maxIterations = options.maxIterations ?? (method === 'newton' ? 50 : 2000);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) fail(`options.maxIterations must be an integer >= 1, got ${maxIterations}`);
  const Kss = terminal.capital;
  const jacobianStep = options.jacobianStep ?? 1e-4 * Kss;
  if (!(jacobianStep > 0 && Number.isFinite(jacobianStep))) fail(`options.jacobianStep must be a finite number > 0, got ${jacobianStep}`);
  const K = options.initialGuess ? checkPath('options.initialGuess', options.initialGuess, T, (v) => v > 0 && Number.isFinite(v), 'a finite number > 0')! : new Float64Array(T).fill(Kss);

  const m = setup.problem.chain.ability.length;
  const S = m * setup.problem.assets.length;
  const ws = new Workspace(T, S, m);
  const history: TransitionIteration[] = [];
  const report = (method: TransitionIteration['method'], maxResidual: number, step: number): void => {
    const entry = { iteration: history.length + 1, method, maxResidual, step, seconds: (performance.now() - started) / 1000 };
    history.push(entry);
    options.onIteration?.(entry);
  };

  let current = evaluate(setup, terminal, K, ws, undefined);
  report(dampedIterations > 0 ? 'damped' : 'newton', current.maxResidual, 0);
  // the inverse of dH/dK, explicit so that Broyden's rank-one updates stay O(T^2)
  let inverse: Float64Array | undefined;
  const broyden = options.broyden ?? true;
  let jacobianSeconds = 0;
  let evaluations = 1;
  let damped = 0;
  const trial = new Float64Array(T);
  while (current.maxResidual > tolerance) {
    if (evaluations >= maxIterations) {
      throw new TransitionError(`the transition did not converge in ${maxIterations} evaluations: max |A_t - K_t - B_t| / K_ss = ${current.maxResidual} (tolerance ${tolerance})`);
    }
    if (damped < dampedIterations) {
      // K <- K + lambda H: more assets than capital raise capital
      for (let t = 0; t < T; t++) K[t] += damping * current.residual[t] * Kss;
      current = evaluate(setup, terminal, K, ws, current);
      evaluations++;
      damped++;
      report('damped', current.maxResidual, damping);
      continue;
    }
    if (!inverse) {
      const jStart = performance.now();
      inverse = new DenseLU(capitalJacobian(setup, terminal, input.economy, jacobianStep), T).inverse();
      jacobianSeconds = (performance.now() - jStart) / 1000;
    }
    // Newton direction: dK = -(dH/dK)^-1 H (H in units of K: residual * K_ss)
    const dK = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let v = 0;
      for (let u = 0; u < T; u++) v -= inverse[t * T + u] * current.residual[u];
      dK[t] = v * Kss;
    }
    let scale = 1;
    let accepted: Evaluation | undefined;
    for (let tries = 0; tries < 8 && evaluations < maxIterations; tries++) {
      for (let t = 0; t < T; t++) trial[t] = K[t] + scale * dK[t];
      let next: Evaluation | undefined;
      try {
        next = evaluate(setup, terminal, trial, ws, current);
      } catch (error) {
        if (!(error instanceof TransitionError) && !(error instanceof RangeError)) throw error;
      }
      evaluations++;
      if (next) report('newton', next.maxResidual, scale);
      // accept any decrease (a quasi-Newton step that does not shrink the error is halved)
      if (next && next.maxResidual < current.maxResidual) {
        accepted = next;
        break;
      }
      scale /= 2;
    }
    if (!accepted) {
      throw new TransitionError(`no Newton step reduced the market residual (max ${current.maxResidual}); try dampedIterations or method 'damped'`);
    }
    if (broyden && accepted.maxResidual > BROYDEN_RATIO * current.maxResidual) {
      // the steady state's Jacobian misses something (a government's reaction, nonlinearity): the
      // good Broyden update of the inverse with this step, Binv += (dK - Binv dH) dK' Binv / (dK' Binv dH)
      broydenUpdate(inverse, T, scale, dK, current.residual, accepted.residual, Kss);
    }
    K.set(trial);
    current = accepted;
  }
  // the kept evaluation is the last one run, which is `current` (rejected trials never follow an accepted one)
  const keep = options.keepPolicies ?? true;
  const capitalInUse = new Float64Array(T);
  for (let t = 0; t < T; t++) capitalInUse[t] = t === 0 ? setup.capitalBefore : K[t - 1];
  const result: Transition = {
    years: T,
    interestRate: current.r,
    wage: current.w,
    capital: Float64Array.from(K),
    capitalInUse,
    labor: setup.labor,
    output: current.y,
    consumption: current.consumption,
    assets: current.assets,
    debt: current.debt,
    spending: current.spending,
    transfer: current.transfer,
    revenue: current.revenue,
    tfp: setup.tfp,
    marketResidual: current.residual,
    maxMarketResidual: current.maxResidual,
    maxGoodsResidual: current.goodsResidual,
    iterations: evaluations,
    residualHistory: history,
    seconds: 0,
    jacobianSeconds,
    instruments: current.instruments,
  };
  if (keep) {
    result.policies = Array.from({ length: T }, (_, t) => ({
      assetsNext: ws.assetsNext.slice(t * S, (t + 1) * S),
      consumption: ws.consumption.slice(t * S, (t + 1) * S),
    }));
    result.distributions = Array.from({ length: T }, (_, t) => ws.distributions.slice(t * S, (t + 1) * S));
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

