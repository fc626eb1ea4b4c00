/**
 * Speed of the equilibrium solvers of preset `aiyagari` (21 ability nodes x 100 wealth points, the
 * defaults): the free market's steady state (runSteadyState: the reset economy that gives TFP and
 * the solver; one warm-up run, then the median of `runs`), and the equilibrium path from the survey
 * households under a government (solvePresetTransition; one run, each of its evaluations a plan of
 * T + 200 EGM steps and an episode of N households in the simulator). Each case has its target.
 */
import { runSteadyState } from '../../equilibrium/presetEquilibrium.js';
import { solvePresetTransition } from '../../equilibrium/presetTransition.js';
import { median } from '../../statistics.js';

export interface EquilibriumBenchRow {
  case: 'steady state' | 'equilibrium path';
  government: string;
  /** Simulated households and years (the path only). */
  n: number | null;
  years: number | null;
  abilityNodes: number;
  wealthPoints: number;
  /** Seconds of each timed run, and their median. */
  runs: number[];
  seconds: number;
  /** The steady state's solver alone (no reset economy), median; null for the path. */
  solverSeconds: number | null;
  /** The target; null for a path of another size than the target's (N = 1,000, 300 years). */
  targetSeconds: number | null;
  /** Market evaluations (steady state) or evaluations of the path. */
  evaluations: number;
  converged: boolean;
  /** The market residual (steady state) or the largest planned-vs-realised difference (path). */
  residual: number;
}

/** The targets: 2 s for the steady state, 20 s for the 300-year path at N = 1,000. */
export const EQUILIBRIUM_TARGET_SECONDS = { steadyState: 2, path: 20 } as const;

const GRID = { abilityNodes: 21, wealthPoints: 100 } as const;

export function benchSteadyState(options: { government?: string; runs?: number } = {}): EquilibriumBenchRow {
  const government = options.government ?? 'free-market';
  const solve = () => runSteadyState({ government, config: { preset: 'aiyagari' }, ...GRID });
  solve();
  const runs: number[] = [], solver: number[] = [];
  let last = null as ReturnType<typeof solve> | null;
  for (let k = 0; k < Math.max(1, options.runs ?? 3); k++) {
    const started = performance.now();
    last = solve();
    runs.push((performance.now() - started) / 1000);
    solver.push(last.solution.seconds);
  }
  const s = last!.solution;
  return {
    case: 'steady state',
    government,
    n: null,
    years: null,
    ...GRID,
    runs,
    seconds: median(runs),
    solverSeconds: median(solver),
    targetSeconds: EQUILIBRIUM_TARGET_SECONDS.steadyState,
    evaluations: s.iterations,
    converged: Math.abs(s.marketResidual) <= 1e-8,
    residual: s.marketResidual,
  };
}

export function benchTransition(options: { government?: string; n?: number; years?: number; seed?: number } = {}): EquilibriumBenchRow {
  const government = options.government ?? 'us-federal-2022';
  const n = options.n ?? 1000, years = options.years ?? 300;
  const started = performance.now();
  const run = solvePresetTransition({ government, config: { preset: 'aiyagari', n, seed: options.seed ?? 1 }, years, ...GRID });
  const seconds = (performance.now() - started) / 1000;
  return {
    case: 'equilibrium path',
    government,
    n,
    years,
    ...GRID,
    runs: [seconds],
    seconds,
    solverSeconds: null,
    targetSeconds: n === 1000 && years === 300 ? EQUILIBRIUM_TARGET_SECONDS.path : null,
    evaluations: run.iterations,
    converged: run.converged,
    residual: run.residual,
  };
}
