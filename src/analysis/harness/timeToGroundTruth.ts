/**
 * How long a training run takes to come within a tolerance of the Stackelberg ground truth's value
 * (issue 28). A run's evaluations play its leader with its own learned followers on its evaluation
 * economies (train.ts, evaluationSeeds); the ground truth is played on the same economies with its
 * followers in equilibrium (presetTransition.ts). The first evaluation whose mean government reward
 * is within the tolerance of the ground truth's mean, every episode alive, gives the time on the
 * run's clock (runSeconds: from the process start, evaluation included).
 *
 * The two sides differ in their followers: learned followers that are not at their best response
 * can do better or worse for the government than rational ones, so a run can pass the ground truth
 * while its leader, against rational followers, falls short of it (the regret, regret.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EconomyConfig, GovernmentTask } from '../../economy/config.js';
import { numberColumn, readCsv, stringColumn } from '../../data/csv.js';
import { PresetTransitionError, solvePresetTransition } from '../../equilibrium/presetTransition.js';
import { LaborEgmError } from '../../equilibrium/presetHousehold.js';
import { evaluationSeeds, readRunMetrics, withRunSeconds } from '../../learning/train.js';

/** A run folder or option that cannot be judged (the user's to fix). */
export class TimeToGroundTruthError extends Error {}

/** One evaluation of a run: its epoch, the run's clock then, the mean government reward, whether every episode lived. */
export interface RunEvaluation {
  epoch: number;
  runSeconds: number;
  governmentReward: number;
  allSurvived: boolean;
}

export interface RunAgainstTruth {
  run: string;
  method: string;
  seed: number;
  n: number;
  evaluationSeeds: number[];
  /** The ground truth's value with its followers in equilibrium on each evaluation economy (null: none found there), and their mean (null unless every one was found: the run's evaluations record only their mean). */
  truthValues: (number | null)[];
  truthMean: number | null;
  /** The reward an evaluation must reach: the mean less the tolerance times its magnitude. */
  target: number | null;
  /** Why the run could not be judged, or ''. */
  note: string;
  /** The first evaluation that reaches it (null: none did). */
  reached: { epoch: number; runSeconds: number; governmentReward: number } | null;
  /** The best evaluation with every episode alive: its reward and its gap to the truth's mean, relative to its magnitude (positive: short of it). */
  best: { epoch: number; runSeconds: number; governmentReward: number; gap: number | null } | null;
  /** The run's last evaluation and the clock when the run ended. */
  evaluations: number;
  lastRunSeconds: number;
}

export interface TimeToGroundTruthRecord {
  task: GovernmentTask;
  groundTruth: string;
  tolerance: number;
  runs: RunAgainstTruth[];
}

export interface TimeToGroundTruthOptions {
  task: GovernmentTask;
  /** smfg stackelberg --save's folder, or constant:<action>. */
  groundTruth: string;
  /** Training run folders (config.json and metrics.csv or metrics.jsonl). */
  runs: string[];
  /** Relative distance to the ground truth's value that counts as reached (default 0.01). */
  tolerance?: number;
  /** The followers' plans' grid for the ground truth's equilibria (default 21 x 100). */
  grid?: { abilityNodes?: number; wealthPoints?: number };
  onProgress?: (line: string) => void;
}

interface RunFacts {
  method: string;
  seed: number;
  n: number;
  evalEpisodes: number;
  task: string;
  preset: string;
  economy: Partial<EconomyConfig>;
  episodeYears: number;
}

function runFacts(run: string): RunFacts {
  const path = join(run, 'config.json');
  if (!existsSync(path)) throw new TimeToGroundTruthError(`${run} is not a training run: ${path} is missing`);
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')).config;
  } catch (error) {
    throw new TimeToGroundTruthError(`${path}: not JSON (${(error as Error).message})`);
  }
  const bad = (field: string, allowed: string) => new TimeToGroundTruthError(`${path}: config.${field} must be ${allowed}`);
  if (!config || typeof config !== 'object') throw bad('', 'an object');
  for (const field of ['seed', 'n', 'evalEpisodes'] as const) if (!Number.isInteger(config[field])) throw bad(field, 'an integer');
  for (const field of ['method', 'task', 'preset'] as const) if (typeof config[field] !== 'string') throw bad(field, 'a string');
  const economy = (config.economy ?? {}) as Partial<EconomyConfig>;
  return { method: config.method as string, seed: config.seed as number, n: config.n as number, evalEpisodes: config.evalEpisodes as number, task: config.task as string, preset: config.preset as string, economy, episodeYears: economy.episodeYears ?? 300 };
}

/**
 * A run's evaluations, from metrics.jsonl or metrics.csv (a shipped folder keeps only the csv), on
 * the run's clock as withRunSeconds gives it (reconstructed across resumes for logs older than it).
 */
export function runEvaluations(run: string): RunEvaluation[] {
  const evaluated = (rows: { epoch: number; runSeconds: number; evalGovernmentReward: number | null; evalAllSurvived: boolean | null }[]) =>
    rows.filter((r) => r.evalGovernmentReward !== null).map((r) => ({ epoch: r.epoch, runSeconds: r.runSeconds, governmentReward: r.evalGovernmentReward!, allSurvived: r.evalAllSurvived === true }));
  if (existsSync(join(run, 'metrics.jsonl'))) return evaluated(readRunMetrics(run));
  const csv = join(run, 'metrics.csv');
  if (!existsSync(csv)) throw new TimeToGroundTruthError(`${run}: neither metrics.jsonl nor metrics.csv`);
  const table = readCsv(csv);
  const optional = (name: string) => (table.columns.includes(name) ? numberColumn(table, name, { optional: true }) : null);
  const epoch = numberColumn(table, 'epoch', { integer: true });
  const processSeconds = numberColumn(table, 'processSeconds', { min: 0 });
  const trainSeconds = optional('trainSeconds');
  const runSeconds = optional('runSeconds');
  const reward = numberColumn(table, 'evalGovernmentReward', { optional: true });
  const alive = stringColumn(table, 'evalAllSurvived');
  const known = (column: Float64Array | null, r: number) => (column === null || Number.isNaN(column[r]) ? undefined : column[r]);
  const rows = Array.from(epoch, (e, r) => ({
    epoch: e,
    processSeconds: processSeconds[r],
    trainSeconds: known(trainSeconds, r),
    runSeconds: known(runSeconds, r),
    evalGovernmentReward: Number.isNaN(reward[r]) ? null : reward[r],
    evalAllSurvived: alive[r] === 'true',
  }));
  return evaluated(withRunSeconds(rows));
}

export function timeToGroundTruth(options: TimeToGroundTruthOptions): TimeToGroundTruthRecord {
  const tolerance = options.tolerance ?? 0.01;
  if (!(tolerance >= 0 && tolerance <= 1)) throw new TimeToGroundTruthError(`tolerance must be in [0, 1], got ${tolerance}`);
  if (options.runs.length === 0) throw new TimeToGroundTruthError('give at least one training run');
  const say = options.onProgress ?? (() => {});
  // the ground truth's value per evaluation economy, solved once for runs that share it
  const truthOn = new Map<string, { value: number | null; note: string }>();
  const truthValue = (facts: RunFacts, seed: number): { value: number | null; note: string } => {
    const key = `${facts.n} ${seed} ${facts.episodeYears} ${JSON.stringify(facts.economy)}`;
    const known = truthOn.get(key);
    if (known !== undefined) return known;
    say(`ground truth on the evaluation economy N = ${facts.n}, seed ${seed}: its followers' equilibrium...`);
    const config = { ...facts.economy, preset: 'aiyagari' as const, task: options.task, n: facts.n, seed, episodeYears: facts.episodeYears };
    let found: { value: number | null; note: string };
    try {
      const run = solvePresetTransition({ government: options.groundTruth, config, years: facts.episodeYears, maxIterations: 100, ...options.grid });
      found = run.converged ? { value: run.metrics.governmentReward, note: '' } : { value: null, note: `no equilibrium within 1e-6 on N = ${facts.n}, seed ${seed} (residual ${run.residual.toExponential(2)})` };
    } catch (error) {
      if (!(error instanceof PresetTransitionError || error instanceof LaborEgmError)) throw error;
      found = { value: null, note: `no equilibrium on N = ${facts.n}, seed ${seed}: ${error.message}` };
    }
    if (found.value === null) say(`the ground truth has ${found.note}`);
    truthOn.set(key, found);
    return found;
  };
  const runs = options.runs.map((run): RunAgainstTruth => {
    const facts = runFacts(run);
    if (facts.preset !== 'aiyagari') throw new TimeToGroundTruthError(`${run}: trained on preset '${facts.preset}'; the ground truth is on preset 'aiyagari'`);
    if (facts.task !== options.task) throw new TimeToGroundTruthError(`${run}: trained on task '${facts.task}', judged on '${options.task}'`);
    const evaluations = runEvaluations(run);
    const seeds = evaluationSeeds(facts.seed, facts.evalEpisodes);
    const truths = seeds.map((s) => truthValue(facts, s));
    const missing = truths.filter((t) => t.value === null);
    const truthMean = missing.length === 0 ? truths.reduce((a, t) => a + t.value!, 0) / truths.length : null;
    const target = truthMean === null ? null : truthMean - tolerance * Math.abs(truthMean);
    const alive = evaluations.filter((e) => e.allSurvived);
    const first = target === null ? undefined : alive.find((e) => e.governmentReward >= target);
    const best = alive.reduce<RunEvaluation | null>((b, e) => (b === null || e.governmentReward > b.governmentReward ? e : b), null);
    return {
      run,
      method: facts.method,
      seed: facts.seed,
      n: facts.n,
      evaluationSeeds: seeds,
      truthValues: truths.map((t) => t.value),
      truthMean,
      target,
      note: missing.length === 0 ? '' : `not judged: the ground truth has ${missing.map((t) => t.note).join('; ')}`,
      reached: first ? { epoch: first.epoch, runSeconds: first.runSeconds, governmentReward: first.governmentReward } : null,
      best: best ? { epoch: best.epoch, runSeconds: best.runSeconds, governmentReward: best.governmentReward, gap: truthMean === null ? null : (truthMean - best.governmentReward) / Math.abs(truthMean) } : null,
      evaluations: evaluations.length,
      lastRunSeconds: evaluations.length > 0 ? evaluations[evaluations.length - 1].runSeconds : 0,
    };
  });
  return { task: options.task, groundTruth: options.groundTruth, tolerance, runs };
}
