/**
 * `npm run bench` (`smfg bench`) as tables: the economy's speed from N = 100 up (bench.ts), the
 * equilibrium solvers of preset aiyagari (equilibriumSpeed.ts), then the training figures (trainBench.ts): updates per second by method, N and update mode, one critic
 * step per TensorFlow.js engine, and the time to target per seed. Results go to `print`, progress
 * to `note` as each measurement ends.
 */
import type { Threads } from '../../economy/config.js';
import { useBestBackend } from '../../learning/backend.js';
import { computeDescription } from '../../learning/environment.js';
import { defaultsOf } from '../../learning/settings.js';
import { SMFRL_SETTINGS } from '../../learning/methods/smfrl.js';
import { METHOD_REGISTRY } from '../../learning/methods/index.js';
import { benchEconomy } from './economySpeed.js';
import { benchSteadyState, benchTransition, type EquilibriumBenchRow } from './equilibriumSpeed.js';
import { textTable } from '../report/textTable.js';

export interface BenchReportOptions {
  budgetMs: number;
  print: (text: string) => void;
  note: (text: string) => void;
}

export function benchEconomyReport(sizes: number[], threads: Threads, options: BenchReportOptions): void {
  options.print(`economy step() speed, paper preset, thrifty households, free market; medians; node ${process.version}`);
  const columns = ['N', 'us/household-step', 'household-steps/s', 'ms/step', 'ms/reset', 'x authors (8 us)', 'steps timed', 'threads'];
  const rows: (string | number)[][] = [];
  benchEconomy({
    sizes,
    budgetMs: options.budgetMs,
    threads,
    onRow: (r) => {
      rows.push([r.n, r.usPerHouseholdStep, Math.round(r.householdStepsPerSecond), r.msPerStep, r.msPerReset, r.speedupVsAuthors, r.steps, r.threading]);
      options.note(`  N = ${r.n}: ${r.usPerHouseholdStep.toFixed(3)} us per household-step`);
    },
  });
  options.print(textTable(columns, rows));
}

/**
 * The equilibrium solvers of preset aiyagari: the free market's steady state, then the path from the
 * survey households under US federal 2022 with `n` households over `years` years. A case over its
 * target is reported as such; the bench does not fail.
 */
export function benchEquilibriumReport(n: number, years: number, options: Pick<BenchReportOptions, 'print' | 'note'>): void {
  options.print(
    `\nequilibrium solvers, preset aiyagari, 21 ability nodes x 100 wealth points: the steady state (runSteadyState, with the reset economy that gives TFP; the solver alone beside it; median of 3 after a warm-up) and the path from the survey households (solvePresetTransition, seed 1, one run)`,
  );
  const rows: EquilibriumBenchRow[] = [];
  const steady = benchSteadyState();
  rows.push(steady);
  options.note(`  steady state, free market: ${steady.seconds.toFixed(2)} s (${steady.runs.map((s) => s.toFixed(2)).join(', ')})`);
  const path = benchTransition({ government: 'us-federal-2022', n, years });
  rows.push(path);
  options.note(`  equilibrium path, us-federal-2022, N = ${n}, ${years} years: ${path.seconds.toFixed(1)} s, ${path.evaluations} evaluations`);
  options.print(
    textTable(
      ['case', 'government', 'N', 'years', 'grid', 'seconds', 'solver s', 'target s', 'within target', 'evaluations', 'converged', 'residual'],
      rows.map((r) => [
        r.case,
        r.government,
        r.n,
        r.years,
        `${r.abilityNodes} x ${r.wealthPoints}`,
        Number(r.seconds.toFixed(2)),
        r.solverSeconds === null ? null : Number(r.solverSeconds.toFixed(2)),
        r.targetSeconds,
        r.targetSeconds === null ? '' : r.seconds <= r.targetSeconds ? 'yes' : 'no',
        r.evaluations,
        r.converged ? 'yes' : 'no',
        r.residual,
      ]),
    ),
  );
}

/**
 * The training figures; the epoch times and the time to target run `smfg train` from dist/ (npm
 * run build first), for each N in `epochNs` (every method) and in `targetNs` (each seed of `trainSeeds`).
 */
export async function benchTrainingReport(targetNs: number[], trainSeeds: number[], options: BenchReportOptions & { epochNs?: number[] }): Promise<void> {
  const { budgetMs, print, note } = options;
  await useBestBackend();
  // TensorFlow.js loads only for the training figures
  const { epochSeconds, smfrlUpdateSpeed, tfjsCriticSteps, timeToTarget, TARGET_RECIPE } = await import('./learningSpeed.js');
  const d = defaultsOf(SMFRL_SETTINGS);
  print(`\nupdates (one leader and one follower update), ${computeDescription()}; SMFRL sampled: ${d.householdsPerTransition} households of ${d.followerBatch} transitions, ${d.meanFieldSamples} for each mean response; full: all N`);
  const rows: (string | number)[][] = [];
  const cases = Object.values(METHOD_REGISTRY).flatMap((m) => (m.bench ?? []).map(({ n, update }) => [m.name, n, update] as const));
  for (const [method, n, update] of cases) {
    const r = smfrlUpdateSpeed(n, update, budgetMs, 300, method);
    rows.push([method, r.n, method === 'smfrl' ? r.update : '', r.updatesPerSecond, r.msPerUpdate, r.heapMegabytes]);
    note(`  ${method} N = ${n} ${update}: ${r.updatesPerSecond.toFixed(1)} updates/s`);
  }
  print(textTable(['method', 'N', 'update', 'updates/s', 'ms/update', 'resident MB'], rows));
  print('\none follower-critic step (13 -> 64 -> 64 -> 1, batch 256, Adam) per engine');
  const engines = [];
  for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
    const r = await tfjsCriticSteps(backend, budgetMs);
    engines.push(r ?? { engine: `TensorFlow.js ${backend} (not installed here)`, stepsPerSecond: NaN });
  }
  print(textTable(['engine', 'steps/s'], engines.map((e) => [e.engine, e.stepsPerSecond])));
  const epochNs = options.epochNs ?? [];
  if (epochNs.length > 0) {
    print('\none epoch of smfg train with each method\'s default settings (collection, updates, evaluation; the second epoch of a fresh process), and its ratio to SMFRL\'s at the same N');
    const epochRows: (string | number)[][] = [];
    for (const n of epochNs) {
      // SMFRL first: the others are given as its multiples
      const times = ['smfrl', ...Object.keys(METHOD_REGISTRY).filter((m) => m !== 'smfrl')].map((method) => {
        const r = epochSeconds(method, n);
        note(`  ${method} N = ${n}: ${r.secondsPerEpoch === null ? 'failed' : `${r.secondsPerEpoch.toFixed(1)} s per epoch`}`);
        return r;
      });
      const smfrl = times[0].secondsPerEpoch;
      for (const r of times) epochRows.push([r.method, n, r.secondsPerEpoch ?? 'failed', r.secondsPerEpoch !== null && smfrl ? (r.secondsPerEpoch / smfrl).toFixed(2) : '']);
    }
    print(textTable(['method', 'N', 's/epoch', 'x SMFRL'], epochRows));
  }
  if (targetNs.length === 0) return;
  print(`\ntime to target: smfg train --target-reward 3370 ${TARGET_RECIPE.join(' ')} from random networks, seconds since the process started (a fresh process per run)`);
  const targetRows: (string | number)[][] = [];
  for (const n of targetNs) {
    const runs = timeToTarget(n, trainSeeds, 3370, n >= 10000 ? 900 : n >= 1000 ? 300 : 120);
    // the median run, a run that missed counting as slower than any that reached
    const sorted = runs.map((r) => r.seconds ?? Infinity).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    targetRows.push([n, runs.map((r) => (r.seconds === null ? 'none' : r.seconds.toFixed(1))).join(' / '), Number.isFinite(median) ? median.toFixed(1) : 'none']);
    note(`  N = ${n}: ${targetRows[targetRows.length - 1][1]}`);
  }
  print(textTable(['N', `seconds (seeds ${trainSeeds.join(', ')})`, 'median'], targetRows));
}
