/**
 * The followers' rational-expectations equilibrium over an episode of a cash-on-hand preset
 * (`aiyagari`), from the survey households, under any government of the harness: what `smfg
 * equilibrium` computes without --steady-state.
 *
 * The unknown is what every household takes as given each year t = 1 .. T: the budget terms of
 * householdBudget.ts (the firm's wage and interest rate, the government's tax schedule, consumption
 * tax and transfer, the fiscal rule's surcharge). Given a path of them,
 *
 *  1. the households' policy: backward from the episode's end (no value after year T, as the game
 *     scores it) by the endogenous grid method with the labour condition, one step a year with
 *     that year's terms (presetHousehold.ts), on 21 ability nodes x 100 wealth points by default;
 *     the shares become a table per year (policies/equilibriumHouseholds.ts);
 *  2. the path it produces: N households (the seed's survey draw) play the table in the real
 *     simulator with the government of the harness, which sees the economy each year as it does
 *     in training and evaluation (a learned leader, Saez, a bracket schedule, constant:...); the
 *     simulator's markets clear every year by construction (firm prices, K + B = sum a,
 *     Y = C + I + G) and the year's terms are read off (meanField.ts);
 *  3. the fixed point: the path expected is moved towards the path realised, by Anderson
 *     acceleration (type II, the last few steps' residuals) safeguarded by plain damping whenever
 *     it fails to shrink the residual.
 *
 * It stops when no year's realised terms differ from the expected ones by more than the tolerance:
 * rates (interest, surcharge, consumption tax, every marginal rate and HSV parameter) absolutely,
 * the wage relative to itself, the transfer and bracket thresholds relative to a full year's wage
 * of ability 1 (W hMax). At that point the households' plans are made on the prices their own play
 * produces: the equilibrium of the N-household economy on that seed. Its households play on any seed
 * and N (the table is a policy); `smfg exploit` measures how far from their best response they are.
 */
import type { YearResult } from '../economy/economy.js';
import { makeConfig, type EconomyConfig } from '../economy/config.js';
import { MAX_BRACKETS, validateBracketSchedule } from '../economy/tax.js';
import { BUDGET_TERM_SLOTS, readBudgetTerms, SURCHARGE_CLIP, TERM, writeBudgetTerms, type BudgetTerms } from '../economy/householdBudget.js';
import { summarizeEpisode, type EpisodeMetrics } from '../economy/metrics.js';
import { createEconomy } from '../data/defaults.js';
import { equilibriumHouseholds, type EquilibriumPolicyFile } from '../policies/equilibriumHouseholds.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { governmentByName } from '../policies/registry.js';
import { freezeMeanField } from './meanField.js';
import { emptyLaborPolicy, LaborEgmError, laborEgmStep, laborProblemOf, laborScratch, type LaborProblem } from './presetHousehold.js';
import { checkPresetConfig } from './presetSteadyState.js';
import { Anderson } from './anderson.js';

export interface PresetTransitionOptions {
  /** A government of the harness (governmentByName). */
  government: string;
  /** The economy: preset, task, n and seed of the simulated households, any other field. */
  config: Partial<EconomyConfig>;
  /** Years of the episode (default config.episodeYears). */
  years?: number;
  abilityNodes?: number;
  wealthPoints?: number;
  /** Top of the wealth grid, USD (default 2e9). */
  wealthMax?: number;
  /** Stop when the largest difference between realised and expected terms is at most this (default 1e-6). */
  tolerance?: number;
  /** Most evaluations of the path (default 300). */
  maxIterations?: number;
  /** The plain damping, in (0, 1] (default 0.5). */
  damping?: number;
  /** The path to start from (a neighbouring solution's terms, length >= 1, the last held); default the path of a first guess at the households. */
  initialTerms?: readonly BudgetTerms[];
  /** Past steps Anderson acceleration combines (default 5; 0: damping only). */
  memory?: number;
  onIteration?: (step: TransitionStep) => void;
}

export interface TransitionStep {
  iteration: number;
  /** The largest difference between realised and expected terms (see the module's comment). */
  residual: number;
  /** The year (1-based) where it is largest, and which term. */
  worstYear: number;
  worstTerm: string;
  /** Years the realised episode lasted, and why it ended. */
  yearsAlive: number;
  endReason: string;
  /** Endogenous-grid points made increasing in the plan (a non-concave continuation value; 0 under most governments). */
  repairs: number;
  /** How the next guess was made: 'anderson' or 'damped'. */
  update: 'anderson' | 'damped' | 'none';
  seconds: number;
}

export interface PresetTransition {
  config: EconomyConfig;
  government: string;
  years: number;
  converged: boolean;
  residual: number;
  iterations: number;
  seconds: number;
  history: TransitionStep[];
  /** The terms the households planned on, per year (the fixed point's). */
  terms: BudgetTerms[];
  /** The episode the equilibrium households play with the government (N = config.n, config.seed). */
  trajectory: YearResult[];
  metrics: EpisodeMetrics;
  /** The households' policy, a table per year. */
  policy: EquilibriumPolicyFile;
  /** Accounting along the played path: max_t |Y - C - I - G| / Y and |sum a - K - B| / (K + B). */
  goodsResidual: number;
  capitalResidual: number;
}

export class PresetTransitionError extends Error {}

/** The simulated households when config.n is not given. */
export const DEFAULT_HOUSEHOLDS = 1000;

/**
 * Years the households plan beyond the episode, at its last year's terms. The economy does not end
 * for them: planning to consume all wealth in year T would take the capital below the public debt
 * and end the simulated episode in its last years (K = sum a - B < 0). beta^200 = 0.006 at 0.975.
 */
export const YEARS_AFTER = 200;

/**
 * The households' best plans against a path of terms: one EGM step a year backward from
 * `yearsAfter` years past the episode's end. Shares per (year, node, wealth point), float32 as the
 * saved table holds them.
 */
export function planAgainst(problem: LaborProblem, terms: readonly BudgetTerms[], yearsAfter = YEARS_AFTER): { savingShare: Float32Array; workShare: Float32Array; repairs: number } {
  const T = terms.length;
  const states = problem.chain.ability.length * problem.assets.length;
  const policy = emptyLaborPolicy(states);
  policy.workShare.fill(0.5 * (problem.shareLow + problem.shareHigh));
  const scratch = laborScratch(problem);
  const savingShare = new Float32Array(T * states), workShare = new Float32Array(T * states);
  for (let t = T + yearsAfter - 1; t >= 0; t--) {
    laborEgmStep(problem, terms[Math.min(t, T - 1)], policy, scratch, t === T + yearsAfter - 1, true);
    if (t >= T) continue;
    for (let s = 0; s < states; s++) {
      savingShare[t * states + s] = policy.cashOnHand[s] > 0 ? policy.assetsNext[s] / policy.cashOnHand[s] : 0;
      workShare[t * states + s] = policy.workShare[s];
      if (!(savingShare[t * states + s] >= 0 && workShare[t * states + s] >= 0)) {
        throw new LaborEgmError(`the plan has no shares in year ${t + 1} at ability node ${Math.floor(s / problem.assets.length)}, wealth ${problem.assets[s % problem.assets.length]} (saving ${savingShare[t * states + s]}, work ${workShare[t * states + s]})`);
      }
    }
  }
  return { savingShare, workShare, repairs: scratch.repairs };
}

/** A path of terms from year-major slots (writeBudgetTerms, BUDGET_TERM_SLOTS a year), as a saved folder holds them. */
export function readTermsPath(slots: ArrayLike<number>): BudgetTerms[] {
  const x = slots instanceof Float64Array ? slots : Float64Array.from(slots);
  return Array.from({ length: Math.floor(x.length / BUDGET_TERM_SLOTS) }, (_, t) => readBudgetTerms(x.subarray(t * BUDGET_TERM_SLOTS, (t + 1) * BUDGET_TERM_SLOTS)));
}

/** The scale each term's difference is measured in (see the module's comment); slot by slot. */
function termScales(terms: BudgetTerms, maxHoursPerYear: number): Float64Array {
  const scale = new Float64Array(BUDGET_TERM_SLOTS).fill(1);
  const yearlyWage = Math.max(terms.wageRate * maxHoursPerYear, 1);
  scale[TERM.wageRate] = Math.max(terms.wageRate, 1e-12);
  scale[TERM.transferUsd] = yearlyWage;
  // a bracket schedule's deduction, credit, top bound and lower bounds are USD; its rates are rates
  for (const [offset, rule] of [[TERM.incomeTax, terms.tax.income], [TERM.wealthTax, terms.tax.wealth]] as const) {
    if (rule.kind !== 'brackets') continue;
    for (let k = 1; k <= 3; k++) scale[offset + k] = yearlyWage;
    for (let k = 0; k < MAX_BRACKETS; k++) scale[offset + 5 + k] = yearlyWage;
  }
  return scale;
}

const SLOT_NAMES: string[] = (() => {
  const names = new Array<string>(BUDGET_TERM_SLOTS).fill('');
  for (const [name, slot] of Object.entries(TERM)) names[slot] = name;
  for (let k = 0; k < BUDGET_TERM_SLOTS; k++) {
    if (names[k]) continue;
    names[k] = k < TERM.wealthTax ? 'incomeTax' : 'wealthTax';
  }
  return names;
})();

/** The slots that say what a term is: each tax rule's kind and bracket count. */
const STRUCTURE_SLOTS = [TERM.incomeTax, TERM.incomeTax + 4, TERM.wealthTax, TERM.wealthTax + 4];
/** ... and the budget's flags: never averaged, always the realised ones. */
const FIXED_SLOTS = [...STRUCTURE_SLOTS, TERM.cashOnHand, TERM.untaxedLosses];

function structureMatches(a: Float64Array, b: Float64Array, offset: number): boolean {
  return STRUCTURE_SLOTS.every((k) => a[offset + k] === b[offset + k]);
}

/** Whether a year's terms are a budget households can face: positive wage, rates in range, a valid schedule. */
function plausibleTerms(terms: BudgetTerms): boolean {
  if (!(terms.wageRate > 0) || !(terms.ration > 0 && terms.ration <= 1) || !(terms.consumptionTaxRate >= 0) || !(terms.transferUsd >= 0)) return false;
  // the fiscal rule never sets a surcharge outside its clip: an extrapolated one there is no fixed point
  if (!(terms.incomeSurchargeRate >= -SURCHARGE_CLIP && terms.incomeSurchargeRate <= SURCHARGE_CLIP)) return false;
  for (const rule of [terms.tax.income, terms.tax.wealth]) {
    if (rule.kind === 'hsv' && !(rule.tau >= 0 && rule.tau < 1 && rule.xi >= 0)) return false;
    if (rule.kind === 'brackets') {
      try {
        validateBracketSchedule(rule.schedule);
      } catch {
        return false;
      }
    }
  }
  return true;
}

/** Households that save a fixed share of cash on hand and work half the time: the first path's. */
function firstGuessHouseholds(): HouseholdPolicy {
  return {
    name: 'first guess (save 85 % of cash on hand, work half the time)',
    act(economy, out) {
      out.savingShare.fill(0.85, 0, economy.n);
      out.workShare.fill(0.5, 0, economy.n);
    },
  };
}

export function solvePresetTransition(options: PresetTransitionOptions): PresetTransition {
  const started = performance.now();
  const given = { ...options.config, n: options.config.n ?? DEFAULT_HOUSEHOLDS };
  if (options.years !== undefined) given.episodeYears = options.years;
  const config = makeConfig(given);
  checkPresetConfig(config);
  const T = config.episodeYears;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 300;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`maxIterations must be an integer >= 1, got ${maxIterations}`);
  const damping = options.damping ?? 0.5;
  if (!(damping > 0 && damping <= 1)) throw new RangeError(`damping must lie in (0, 1], got ${damping}`);
  const problem = laborProblemOf(config, options);
  const { chain, assets } = problem;
  const government = governmentByName(options.government);
  const tableOf = (shares: { savingShare: Float32Array; workShare: Float32Array }, terms: readonly BudgetTerms[]): EquilibriumPolicyFile => ({
    kind: 'equilibrium-households',
    version: 1,
    solution: 'transition',
    preset: config.preset,
    government: options.government,
    years: T,
    logAbility: Array.from(chain.logAbility),
    assets: Array.from(assets),
    savingShare: shares.savingShare,
    workShare: shares.workShare,
    interestRate: terms[0].interestRate,
    wage: terms[0].wageRate,
    provenance: {},
  });
  // a fresh economy each time: a reset one would go on drawing abilities from where its last episode left its generator
  const play = (households: HouseholdPolicy) => {
    const economy = createEconomy(config);
    try {
      return freezeMeanField(economy, government(config.seed), households);
    } finally {
      economy.close();
    }
  };

  // the expectations to start from: a given path, or the path of a first guess at the households' behaviour
  let field = options.initialTerms ? null : play(firstGuessHouseholds());
  if (field && field.years.length === 0) throw new PresetTransitionError('the first guess ended the economy before its first year');
  const startTerms = options.initialTerms ?? field!.years.map((y) => y.budget);
  if (startTerms.length === 0) throw new RangeError('initialTerms must hold at least one year');
  const slots = BUDGET_TERM_SLOTS;
  const toSlots = (terms: readonly BudgetTerms[]): Float64Array => {
    const x = new Float64Array(T * slots);
    for (let t = 0; t < T; t++) writeBudgetTerms(terms[Math.min(t, terms.length - 1)], x.subarray(t * slots, (t + 1) * slots));
    return x;
  };
  let expected = toSlots(startTerms);
  const scale = termScales(startTerms[0], config.maxHoursPerYear);
  const anderson = new Anderson(options.memory ?? 5, damping);
  const history: TransitionStep[] = [];
  let best: { residual: number; expected: Float64Array; field: ReturnType<typeof play> | null; table: EquilibriumPolicyFile | null } = { residual: Infinity, expected, field, table: null };
  let previousResidual = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const terms = readTermsPath(expected);
    const plan = planAgainst(problem, terms);
    const table = tableOf(plan, terms);
    field = play(equilibriumHouseholds(table));
    const realised = toSlots(field.years.map((y) => y.budget));
    // residual f = g(x) - x, scaled; the worst term
    const f = new Float64Array(T * slots);
    let residual = 0, worst = 0;
    let structural = false;
    for (let t = 0; t < T; t++) {
      const o = t * slots;
      if (!structureMatches(expected, realised, o)) structural = true;
      for (let k = 0; k < slots; k++) {
        // equal entries differ by nothing, infinite ones (a top bracket's bound) included
        const d = realised[o + k] === expected[o + k] ? 0 : (realised[o + k] - expected[o + k]) / scale[k];
        f[o + k] = d;
        if (Math.abs(d) > residual || Number.isNaN(d)) {
          residual = Number.isNaN(d) ? Infinity : Math.abs(d);
          worst = o + k;
        }
      }
    }
    // an episode that ended early was not played to the end: its missing years count in full
    if (field.years.length < T) residual = Math.max(residual, 1);
    if (residual < best.residual || best.table === null) best = { residual, expected, field, table };
    let update: TransitionStep['update'] = 'none';
    if (residual > tolerance && iteration < maxIterations) {
      let next: Float64Array | null = null;
      if (structural || field.years.length < T || residual > 2 * previousResidual) anderson.reset();
      else {
        const scaledX = new Float64Array(T * slots);
        for (let k = 0; k < scaledX.length; k++) scaledX[k] = expected[k] / scale[k % slots];
        const scaledNext = anderson.next(scaledX, f);
        if (scaledNext) {
          next = new Float64Array(T * slots);
          for (let k = 0; k < next.length; k++) next[k] = scaledNext[k] * scale[k % slots];
          update = 'anderson';
        }
      }
      if (!next) {
        // the plain damped step; where the tax rule's kind differs, the realised one
        next = new Float64Array(T * slots);
        for (let t = 0; t < T; t++) {
          const o = t * slots;
          const same = structureMatches(expected, realised, o);
          for (let k = 0; k < slots; k++) next[o + k] = same ? expected[o + k] + damping * (realised[o + k] - expected[o + k]) : realised[o + k];
        }
        update = 'damped';
      }
      // the slots that say what a term is (kinds, counts, flags) are the realised ones, and so
      // are infinite entries (a top bracket's bound), which no average keeps finite
      for (let t = 0; t < T; t++) {
        const o = t * slots;
        for (const k of FIXED_SLOTS) next[o + k] = realised[o + k];
      }
      for (let k = 0; k < next.length; k++) if (!Number.isFinite(next[k])) next[k] = realised[k];
      // an extrapolated year that is no budget (a rate outside [0, 1], brackets out of order): the realised one
      for (let t = 0; t < T; t++) {
        const year = next.subarray(t * slots, (t + 1) * slots);
        if (!plausibleTerms(readBudgetTerms(year))) year.set(realised.subarray(t * slots, (t + 1) * slots));
      }
      expected = next;
    }
    previousResidual = residual;
    const step: TransitionStep = {
      iteration,
      residual,
      worstYear: Math.floor(worst / slots) + 1,
      worstTerm: SLOT_NAMES[worst % slots],
      yearsAlive: field.years.length,
      endReason: field.endReason,
      repairs: plan.repairs,
      update,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(step);
    options.onIteration?.(step);
    if (residual <= tolerance) break;
  }
  // the loop ran at least once: the best evaluation has its episode and table
  const final = { ...best, field: best.field!, table: best.table! };
  const trajectory = final.field.trajectory;
  let goodsResidual = 0, capitalResidual = 0;
  for (const y of trajectory) {
    goodsResidual = Math.max(goodsResidual, Math.abs(y.gdp - y.meanConsumption * config.n - y.investment - y.governmentSpending) / y.gdp);
    capitalResidual = Math.max(capitalResidual, Math.abs(y.totalAssetsNext - y.capitalNext - y.debtNext) / (y.capitalNext + y.debtNext));
  }
  const terms = readTermsPath(final.expected);
  const policy = final.table;
  if (final.field.years.length > 0) policy.initialObservation = Array.from(final.field.years[0].globalObservation);
  policy.terms = Array.from(final.expected);
  policy.provenance = { command: 'smfg equilibrium', households: config.n, seed: config.seed, residual: final.residual, converged: final.residual <= tolerance, written: new Date().toISOString() };
  return {
    config,
    government: options.government,
    years: T,
    converged: final.residual <= tolerance,
    residual: final.residual,
    iterations: history.length,
    seconds: (performance.now() - started) / 1000,
    history,
    terms,
    trajectory,
    metrics: summarizeEpisode(trajectory),
    policy,
    goodsResidual,
    capitalResidual,
  };
}
