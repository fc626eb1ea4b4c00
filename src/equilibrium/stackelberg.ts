/**
 * The leader's optimum against rational followers (issue 28), over stationary policies: the raw
 * government action held every year that maximises the government's objective of the task (its
 * reward summed over the episode, as training scores a leader) when, at every candidate, the
 * households play their rational-expectations equilibrium from the survey households
 * (presetTransition.ts). A Ramsey problem over the equilibrium map, solved derivative-free:
 * Nelder-Mead in the action box from several starts (multiStart.ts), each start's optimum reported
 * so that agreement between them is the evidence of convergence.
 *
 * The search may run on a coarser household grid and fewer simulated households than the final
 * check (options.search); the optimum found is then solved again on the full settings and its
 * value reported there. A candidate whose equilibrium is not found (the solver's error, no
 * convergence, an episode that ends early) is worth -Infinity: the leader cannot choose it.
 * Each candidate's path starts from the last converged candidate's (a warm start).
 *
 * And over time-varying paths (solveStackelbergPath): the episode cut into P equal spans, each
 * holding its own action (`path:` governments), searched by compass search (compassSearch.ts) from
 * a stationary action, usually the stationary optimum: the path family contains it, so the path's
 * optimum is worth at least as much, and how much more says what timing is worth to the leader.
 */
import type { EconomyConfig, GovernmentTask } from '../economy/config.js';
import { GOVERNMENT_ACTION_NAMES } from '../economy/government.js';
import type { BudgetTerms } from '../economy/householdBudget.js';
import { maximiseFromStarts, type MultiStartResult, type StartResult } from './multiStart.js';
import { maximiseCompass } from './compassSearch.js';
import { LaborEgmError } from './presetHousehold.js';
import { PresetTransitionError, solvePresetTransition, type PresetTransition } from './presetTransition.js';

export type InstrumentName = (typeof GOVERNMENT_ACTION_NAMES)[number];

export interface SolverSettings {
  /** Simulated households. */
  n: number;
  abilityNodes: number;
  wealthPoints: number;
  /** Of the equilibrium path (presetTransition's tolerance). */
  tolerance: number;
}

export interface StackelbergOptions {
  task: GovernmentTask;
  /** The economy (preset aiyagari, seed, any field); n comes from the settings. */
  config: Partial<EconomyConfig>;
  years?: number;
  /** The raw action's entries searched (default all six); the others hold `fixedAction`'s values. */
  instruments?: InstrumentName[];
  /** The raw action of the entries not searched (default 0 each: no tax, spending or transfer). */
  fixedAction?: number[];
  /** Where the search evaluates (default n 1,000, 21 nodes, 50 points, tolerance 1e-5). */
  search?: Partial<SolverSettings>;
  /** Where the optimum is solved again and reported (default n 1,000, 21 nodes, 100 points, 1e-6). */
  final?: Partial<SolverSettings>;
  starts?: number;
  /** Explicit starts (points over `instruments`, raw action units). */
  startPoints?: number[][];
  /** Most evaluations per start (default 120). */
  maxEvaluations?: number;
  /** Nelder-Mead's value tolerance, relative (default 1e-6). */
  valueTolerance?: number;
  /** Nelder-Mead's step tolerance, share of the box (default 1e-3). */
  stepTolerance?: number;
  seed?: number;
  /** After each candidate: its raw action (stationary), or its point, the pieces' searched entries piece by piece (path). */
  onEvaluation?: (evaluation: { count: number; action: number[]; value: number; iterations: number; seconds: number }) => void;
  onStart?: (start: StartResult, index: number, of: number) => void;
}

/** What a search of either family reports about its optimum and its own work. */
export interface SearchOutcome {
  /** The optimum's value on the search settings, and solved again on the final ones. */
  searchValue: number;
  value: number;
  evaluations: number;
  infeasible: number;
  /** Candidates passed over because the final settings found no equilibrium there. */
  rejected: { point: number[]; reason: string }[];
  search: SolverSettings;
  final: SolverSettings;
  /** The followers' equilibrium at the optimum (final settings). */
  equilibrium: PresetTransition;
  seconds: number;
}

export interface StackelbergResult extends SearchOutcome {
  task: GovernmentTask;
  instruments: InstrumentName[];
  /** The optimum's raw action (all six entries; `constant:` takes it): the best start whose optimum solves on the final settings. */
  action: number[];
  starts: StartResult[];
  valueSpread: number;
  pointSpread: number;
  /** Whether the action is a start's optimum (false: the best other candidate of the search whose equilibrium the final settings found). */
  optimumOfAStart: boolean;
}

// the search keeps the final check's ability nodes: 11 span a narrower range of log ability (+-sigma sqrt(nodes - 1))
// and never meet the high-ability households whose budget folds under steep schedules (the gdp task's optima)
// and the final check's households: another N is another draw of survey households, whose first
// years set another output growth (the gdp task's optimum at N = 300 was worth 27.4 there and 1.1
// on 1,000 households)
const SEARCH: SolverSettings = { n: 1000, abilityNodes: 21, wealthPoints: 50, tolerance: 1e-5 };
const FINAL: SolverSettings = { n: 1000, abilityNodes: 21, wealthPoints: 100, tolerance: 1e-6 };
/** Candidates beyond the starts' optima the final check tries, best first. */
const FALLBACK_CANDIDATES = 10;

export class StackelbergInputError extends RangeError {}

/** `constant:<u0>,...` for a raw action, every digit kept. */
export const constantGovernmentName = (action: ArrayLike<number>): string => `constant:${Array.from(action, (x) => String(x)).join(',')}`;

export function solveStackelberg(options: StackelbergOptions): StackelbergResult {
  const started = performance.now();
  const { instruments, low, high, actionOf, search, final } = searchSpace(options);
  const candidates = candidateSolver(options, search, (point) => constantGovernmentName(actionOf(point)), actionOf);
  const found: MultiStartResult = maximiseFromStarts(candidates.objective, {
    lower: low,
    upper: high,
    starts: options.starts ?? 3,
    startPoints: options.startPoints,
    seed: options.seed ?? 1,
    maxEvaluations: options.maxEvaluations ?? 120,
    valueTolerance: options.valueTolerance ?? 1e-6,
    stepTolerance: options.stepTolerance ?? 1e-3,
    restarts: 1,
    onStart: options.onStart,
  });
  if (!Number.isFinite(found.value)) throw new PresetTransitionError('no candidate of the search had an equilibrium: every start was infeasible');
  const starts = [...found.starts].filter((s) => Number.isFinite(s.value)).sort((a, b) => b.value - a.value);
  const checked = candidates.finalCheck(starts, final);
  return {
    task: options.task,
    instruments,
    action: actionOf(checked.point),
    optimumOfAStart: checked.fromStart,
    starts: found.starts,
    valueSpread: found.valueSpread,
    pointSpread: found.pointSpread,
    ...candidates.outcome(checked, found.evaluations, final, started),
  };
}

export interface StackelbergPathOptions extends Omit<StackelbergOptions, 'starts' | 'startPoints' | 'onStart' | 'valueTolerance'> {
  /** Equal spans of the episode, each with its own action (at least 2). */
  pieces: number;
  /** The raw action (six entries) every piece starts from: the stationary optimum, usually (default the box's centre on the instruments, fixedAction elsewhere). */
  from?: number[];
  /** Compass search's first step, a share of the box (default 0.05); it stops below stepTolerance (default 2.5e-3). */
  initialStep?: number;
  onSweep?: (sweep: { step: number; value: number; improved: boolean; evaluations: number }) => void;
}

export interface StackelbergPathResult extends SearchOutcome {
  task: GovernmentTask;
  instruments: InstrumentName[];
  /** The optimum's raw actions, one per span of the episode (six entries each; `path:` and saved folders take them). */
  pieces: number[][];
  /** The optimum as a government name (`path:...`). */
  government: string;
  /** The start's value on the search settings (the stationary action's, when started from the stationary optimum). */
  startValue: number;
  /** Compass search's step fell below its tolerance (else its budget ran out first). */
  converged: boolean;
  /** The last step, a share of the box: no single move of it along any coordinate improved (when converged). */
  step: number;
  sweeps: number;
}

/** `path:<action>;<action>;...` for raw actions, every digit kept. */
export const pathGovernmentName = (pieces: readonly ArrayLike<number>[]): string => `path:${pieces.map((action) => Array.from(action, (x) => String(x)).join(',')).join(';')}`;

/** The leader's optimum over time-varying paths: P pieces of the searched instruments, by compass search from one start. */
export function solveStackelbergPath(options: StackelbergPathOptions): StackelbergPathResult {
  const started = performance.now();
  const P = options.pieces;
  if (!(Number.isInteger(P) && P >= 2)) throw new StackelbergInputError(`pieces must be an integer of at least 2 (spans of the episode, each with its own action), got ${P}`);
  const { instruments, index, low, high, actionOf, search, final } = searchSpace(options);
  const m = instruments.length;
  if (options.from !== undefined && (options.from.length !== GOVERNMENT_ACTION_NAMES.length || !options.from.every(Number.isFinite))) {
    throw new StackelbergInputError(`from must hold ${GOVERNMENT_ACTION_NAMES.length} finite numbers (the raw action: ${GOVERNMENT_ACTION_NAMES.join(', ')})`);
  }
  // the entries not searched hold the start's values in every piece
  const base = options.from ?? actionOf(low.map((lo, j) => (lo + high[j]) / 2));
  const piecesOf = (point: ArrayLike<number>): number[][] =>
    Array.from({ length: P }, (_, k) => {
      const action = [...base];
      index.forEach((entry, j) => (action[entry] = point[k * m + j]));
      return action;
    });
  const candidates = candidateSolver(options, search, (point) => pathGovernmentName(piecesOf(point)));
  const start = Array.from({ length: P * m }, (_, c) => base[index[c % m]]);
  const found = maximiseCompass(candidates.objective, start, {
    lower: Array.from({ length: P * m }, (_, c) => low[c % m]),
    upper: Array.from({ length: P * m }, (_, c) => high[c % m]),
    initialStep: options.initialStep ?? 0.05,
    stepTolerance: options.stepTolerance ?? 2.5e-3,
    maxEvaluations: options.maxEvaluations ?? 400,
    onSweep: options.onSweep,
  });
  if (!Number.isFinite(found.value)) throw new PresetTransitionError('the path search found no equilibrium: not even at its start');
  const checked = candidates.finalCheck([{ point: Array.from(found.point), value: found.value }], final);
  const pieces = piecesOf(checked.point);
  return {
    task: options.task,
    instruments,
    pieces,
    government: pathGovernmentName(pieces),
    startValue: found.startValue,
    converged: found.converged,
    step: found.step,
    sweeps: found.sweeps,
    ...candidates.outcome(checked, found.evaluations, final, started),
  };
}

/** The searched instruments, their box (the economy's clip of each raw entry), and the raw action of a point. */
function searchSpace(options: StackelbergOptions) {
  const instruments = options.instruments ?? [...GOVERNMENT_ACTION_NAMES];
  for (const name of instruments) {
    if (!GOVERNMENT_ACTION_NAMES.includes(name)) throw new StackelbergInputError(`instrument '${name}' is not one of ${GOVERNMENT_ACTION_NAMES.join(', ')}`);
  }
  if (instruments.length === 0) throw new StackelbergInputError('instruments: give at least one of ' + GOVERNMENT_ACTION_NAMES.join(', '));
  const fixed = options.fixedAction ?? new Array<number>(GOVERNMENT_ACTION_NAMES.length).fill(0);
  if (fixed.length !== GOVERNMENT_ACTION_NAMES.length || !fixed.every(Number.isFinite)) throw new StackelbergInputError(`fixedAction must hold ${GOVERNMENT_ACTION_NAMES.length} finite numbers (${GOVERNMENT_ACTION_NAMES.join(', ')})`);
  const index = instruments.map((name) => GOVERNMENT_ACTION_NAMES.indexOf(name));
  // the paper's five from actionClipLow, the transfer from 0
  const low = index.map((k) => (k < 5 ? 0.001 : 0));
  const high = index.map(() => 0.99);
  const actionOf = (point: ArrayLike<number>): number[] => {
    const action = [...fixed];
    index.forEach((k, j) => (action[k] = point[j]));
    return action;
  };
  return { instruments, index, low, high, actionOf, search: { ...SEARCH, ...options.search }, final: { ...FINAL, ...options.final } };
}

/**
 * The objective both families search (a candidate's government reward with its followers in
 * equilibrium, -Infinity without one) and the final check of their optimum.
 */
function candidateSolver(options: StackelbergOptions, search: SolverSettings, governmentOf: (point: ArrayLike<number>) => string, reported: (point: ArrayLike<number>) => number[] = (point) => Array.from(point)) {
  const solve = (point: ArrayLike<number>, settings: SolverSettings, initialTerms?: readonly BudgetTerms[]) =>
    solvePresetTransition({
      government: governmentOf(point),
      config: { ...options.config, task: options.task, n: settings.n },
      years: options.years,
      abilityNodes: settings.abilityNodes,
      wealthPoints: settings.wealthPoints,
      tolerance: settings.tolerance,
      maxIterations: 80,
      initialTerms,
    });
  let warm: readonly BudgetTerms[] | undefined;
  let count = 0, infeasible = 0;
  // every candidate with an equilibrium on the search's settings: where the final check looks when no optimum solves there
  const feasible: { point: number[]; value: number }[] = [];
  const objective = (point: Float64Array): number => {
    const t0 = performance.now();
    let value = -Infinity, iterations = 0;
    try {
      const run = solve(point, search, warm);
      iterations = run.iterations;
      if (run.converged && run.trajectory.length === run.years) {
        value = run.metrics.governmentReward;
        warm = run.terms;
        feasible.push({ point: Array.from(point), value });
      }
    } catch (error) {
      if (!(error instanceof LaborEgmError || error instanceof PresetTransitionError)) throw error;
    }
    if (value === -Infinity) infeasible++;
    count++;
    options.onEvaluation?.({ count, action: reported(point), value, iterations, seconds: (performance.now() - t0) / 1000 });
    return value;
  };

  /**
   * The final settings may find no equilibrium where the search's coarser ones did (an optimum at
   * the edge where the budget folds: more households set another surcharge, the finer grid meets
   * other states): then the next optimum in order of the search's value, and after them the best
   * other candidates the search evaluated (at most FALLBACK_CANDIDATES).
   */
  const finalCheck = (optima: { point: number[]; value: number }[], final: SolverSettings) => {
    const seen = new Set(optima.map((o) => o.point.join(',')));
    const others = feasible
      .filter((c) => !seen.has(c.point.join(',')) && (seen.add(c.point.join(',')), true))
      .sort((a, b) => b.value - a.value)
      .slice(0, FALLBACK_CANDIDATES);
    const rejected: { point: number[]; reason: string }[] = [];
    for (const candidate of [...optima.map((o) => ({ ...o, fromStart: true })), ...others.map((c) => ({ ...c, fromStart: false }))]) {
      let equilibrium: PresetTransition;
      try {
        equilibrium = solve(candidate.point, final);
      } catch (error) {
        if (!(error instanceof LaborEgmError || error instanceof PresetTransitionError)) throw error;
        rejected.push({ point: candidate.point, reason: (error as Error).message });
        continue;
      }
      if (!equilibrium.converged) {
        rejected.push({ point: candidate.point, reason: `not converged on the final settings (residual ${equilibrium.residual})` });
        continue;
      }
      return { point: candidate.point, searchValue: candidate.value, fromStart: candidate.fromStart, equilibrium, rejected };
    }
    throw new PresetTransitionError(`no optimum of the search nor the ${others.length} best other candidates have an equilibrium on the final settings: ${rejected.map((r) => `${r.point.map((x) => x.toFixed(4)).join(',')}: ${r.reason}`).join('; ')}`);
  };
  /** The outcome of a search whose optimum passed the final check, `started` its performance.now(). */
  const outcome = (checked: ReturnType<typeof finalCheck>, evaluations: number, final: SolverSettings, started: number): SearchOutcome => ({
    searchValue: checked.searchValue,
    value: checked.equilibrium.metrics.governmentReward,
    evaluations,
    infeasible,
    rejected: checked.rejected,
    search,
    final,
    equilibrium: checked.equilibrium,
    seconds: (performance.now() - started) / 1000,
  });
  return { objective, finalCheck, outcome };
}
