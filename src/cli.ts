#!/usr/bin/env node
/**
 * smfg: the command line of the workbench.
 *   smfg run        one episode under the free market and US federal 2022, metrics table
 *   smfg evaluate   a government against households over seeds: the paper's metrics, survival, 95 % intervals
 *   smfg exploit    the followers' exploitability: each household's exact best response to a frozen mean field
 *   smfg reproduce  the main job: the classical rows of the paper's table, then every notebook
 *   smfg train-bc   train the behaviour-cloned households on the SCF 2022
 *   smfg replay     replay a recording of the authors' economy and report the largest errors
 *   smfg bench      speed of the economy from N = 100 to 1,000,000
 *   smfg sweep      grids of train / evaluate runs, here or as Slurm job arrays (src/sweep/)
 */
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { ConfigError, PRESETS, GOVERNMENT_TASKS, THREAD_CHOICES, makeConfig, type Preset, type GovernmentTask, type Threads } from './economy/config.js';
import { DataFileError } from './data/csv.js';
import { projectRoot } from './data/paths.js';
import { replayRecording } from './analysis/verify/replay.js';
import { benchEconomy } from './analysis/bench/economySpeed.js';
import { runBaselines } from './analysis/harness/baselineRun.js';
import { EPISODE_METRIC_NAMES } from './economy/metrics.js';
import { ProgressBar } from './analysis/report/progress.js';
import { textTable, type Cell } from './analysis/report/textTable.js';
import { checkReports } from './analysis/report/notebookReports.js';
import { formatEstimate } from './analysis/report/format.js';
import { BOOTSTRAP_INTERVAL_NAME, WILSON_INTERVAL_NAME, type Estimate } from './statistics.js';
import { newRunFolder, writeCsv, writeJson } from './analysis/runs/runFolder.js';
import { comparisonTable, evaluate, paperTable, resolveSeeds, SUMMARY_CSV_COLUMNS, type Evaluation } from './analysis/harness/evaluate.js';
import { runComparison, headlineRatios, comparisonFigure, comparisonPaperTable } from './analysis/harness/comparison.js';
import { RETRAIN_METHODS, retrainPlan } from './analysis/runs/retrain.js';
import { saveFigurePng } from './analysis/report/browser.js';
import { BEST_RESPONSE_PREFIX, householdsOrBestResponse } from './equilibrium/bestRespondingHouseholds.js';
import { governmentByName, householdsByName, GOVERNMENT_NAMES, HOUSEHOLD_NAMES, UnknownPolicyError } from './policies/registry.js';
import { dataPath } from './data/paths.js';
import { SHIPPED_HOUSEHOLD_SAMPLE } from './data/households.js';
import { resolve } from 'node:path';
import { DEFAULT_TRAIN, METHODS, TrainConfigError, evaluationPlace, makeTrainConfig, resume as resumeTraining, train, type TrainProgress } from './learning/train.js';
import { METHOD_REGISTRY, settingFlags } from './learning/methods/index.js';
import { SettingsError, defaultsOf, parseFlag } from './learning/settings.js';
import { SMFRL_SETTINGS } from './learning/methods/smfrl.js';
import { CheckpointError } from './learning/checkpoint.js';
import { PolicyFolderError, isPolicyFolder, loadPolicy } from './learning/policyFolder.js';
import { computeDescription, trainingEnvironment } from './learning/environment.js';
import { useBestBackend } from './learning/backend.js';
import { sweepCommand } from './sweep/command.js';
import { exploit, ExploitOptionError, VALUE_BY, type SeedSolution, type ValueBy } from './equilibrium/exploit.js';
import { DEFAULT_DEVIATORS } from './equilibrium/deviations.js';
import { GridOptionError, GRID_DEFAULTS } from './equilibrium/grid.js';
import { PolicyQueryError } from './equilibrium/policyAdapter.js';
import { exploitFigure, exploitJson, exploitText } from './analysis/report/exploitReport.js';

class UsageError extends Error {}

type Options = Record<string, { type: 'string' | 'boolean'; help: string; default?: string }>;

const SETTING_FLAGS = settingFlags();
const COMMON: Options = { help: { type: 'boolean', help: 'show this help' } };
const RUN_OPTIONS: Options = {
  ...COMMON,
  n: { type: 'string', help: 'number of households', default: '100' },
  seed: { type: 'string', help: 'seed (integer >= 0)', default: '1' },
  preset: { type: 'string', help: `economy preset: ${PRESETS.join(' | ')}`, default: 'paper' },
  task: { type: 'string', help: `government objective: ${GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
  households: { type: 'string', help: `households: ${HOUSEHOLD_NAMES.join(' | ')}`, default: 'thrifty' },
  years: { type: 'string', help: 'episode length in years', default: '300' },
  quiet: { type: 'boolean', help: 'no progress bar' },
};
/** A government against households over seeds: what smfg evaluate and smfg exploit both take. */
const POLICY_PAIR_OPTIONS: Options = {
  ...COMMON,
  gov: { type: 'string', help: `government: a policy folder (smfg train) | ${GOVERNMENT_NAMES.join(' | ')}`, default: 'us-federal-2022' },
  households: { type: 'string', help: `households: a policy folder (smfg train) | ${BEST_RESPONSE_PREFIX}<policy folder> (every household's exact best response to that folder's followers under its government) | ${HOUSEHOLD_NAMES.join(' | ')}`, default: 'bc' },
  'any-n': { type: 'boolean', help: 'allow a policy folder trained with another N' },
  n: { type: 'string', help: 'number of households', default: '100' },
  seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list of integer seeds', default: '5' },
  preset: { type: 'string', help: `economy preset: ${PRESETS.join(' | ')}`, default: 'paper' },
  task: { type: 'string', help: `government objective: ${GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
  quiet: { type: 'boolean', help: 'no progress bar' },
};
const COMMANDS: Record<string, { summary: string; usage: string; options: Options }> = {
  run: { summary: 'one episode under the free market and under US federal 2022; prints the metrics', usage: 'smfg run [options]', options: RUN_OPTIONS },
  evaluate: {
    summary: "a government against households over seeds: the paper's metrics per episode; across seeds their mean with a 95 % percentile bootstrap interval, over all and over surviving episodes, and the survival share with a Wilson interval",
    usage: 'smfg evaluate --gov <name|policy folder> --households <name|policy folder|best-response:<policy folder>> [--n 100] [--seeds 5] [--episodes 1] [--json]',
    options: {
      ...POLICY_PAIR_OPTIONS,
      json: { type: 'boolean', help: 'print only the aggregate as one JSON object on stdout' },
      episodes: { type: 'string', help: 'episodes per seed', default: '1' },
    },
  },
  exploit: {
    summary: "the followers' exploitability: per seed, play an episode, freeze its mean field, solve one household's best response by backward induction over (ability, wealth) and value the households' policy on the same grid (a policy that acts on its own history, or --value-by simulation: play each household's best response in the real simulator instead); per household and averaged, the relative gain of best-responding (docs/equilibrium.md)",
    usage: 'smfg exploit --gov <name|policy folder> --households <name|policy folder|best-response:<policy folder>> [--n 100] [--seeds 5] [--value-by grid|simulation] [--json] [--figure file.json]',
    options: {
      ...POLICY_PAIR_OPTIONS,
      json: { type: 'boolean', help: 'print only the result as one JSON object on stdout' },
      years: { type: 'string', help: 'episode length in years', default: '300' },
      'ability-nodes': { type: 'string', help: 'Rouwenhorst nodes of log ability', default: String(GRID_DEFAULTS.abilityNodes) },
      'wealth-points': { type: 'string', help: 'wealth grid points per year', default: String(GRID_DEFAULTS.wealthPoints) },
      samples: { type: 'string', help: 'draws per state for households that draw their actions by a rule (random, thrifty); behaviour-cloned ones are integrated over 6 x 6 quantile pairs', default: '32' },
      'value-by': { type: 'string', help: `how the households' policy is valued: ${VALUE_BY.join(' | ')} (households that act on their own history, the AI Economist's, are always valued by simulation: each of --deviators households plays the best response in the real simulator)`, default: 'grid' },
      deviators: { type: 'string', help: 'households per seed that deviate when valuing by simulation', default: String(DEFAULT_DEVIATORS) },
      check: { type: 'string', help: 'households per seed whose best response is also played in the real simulator', default: '0' },
      figure: { type: 'string', help: "write the first seed's figure (best response beside the policy, Plotly JSON) to this file" },
    },
  },
  reproduce: {
    summary: "the main job: the paper's table (every method: classical governments with behaviour-cloned households and each shipped learned policy, N = 100 and 1000, over seeds), the comparison figure as PNG in reports/, then every notebook executed into reports/notebooks",
    usage: "smfg reproduce [--seeds 5] [--episodes 1] [--ns 100,1000] [--no-notebooks] [--retrain [--retrain-seeds 1,2,3] [--sweep-flags '--engine slurm ...']]",
    options: {
      ...COMMON,
      seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list', default: '5' },
      episodes: { type: 'string', help: 'episodes per seed', default: '1' },
      ns: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000' },
      'no-notebooks': { type: 'boolean', help: 'skip executing the notebooks' },
      retrain: { type: 'boolean', help: 'first retrain every learned method through smfg sweep (prints an estimate first), then collect the sweep' },
      'retrain-seeds': { type: 'string', help: 'training seeds of --retrain', default: '1,2,3' },
      'retrain-out': { type: 'string', help: 'the sweep folder of --retrain (default runs/retrain-<time>)' },
      'sweep-flags': { type: 'string', help: "flags for smfg sweep with --retrain, e.g. '--engine slurm --partition cpu --time 02:00:00'" },
      quiet: { type: 'boolean', help: 'no progress bar' },
    },
  },
  train: {
    summary: 'train a method (SMFRL) on the economy: progress per epoch, runs/<id>/ with metrics, checkpoints and the policy',
    usage: 'smfg train --method smfrl [--n 100] [--task gdp] [--seed 1] [--epochs 30] [--target-reward R] [--resume runs/<id>]',
    options: {
      ...COMMON,
      method: { type: 'string', help: `method: ${METHODS.map((m) => `${m} (${METHOD_REGISTRY[m].summary})`).join(' | ')}`, default: 'smfrl' },
      n: { type: 'string', help: 'number of households', default: '100' },
      task: { type: 'string', help: `government objective: ${GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
      preset: { type: 'string', help: `economy preset: ${PRESETS.join(' | ')}`, default: 'paper' },
      seed: { type: 'string', help: 'seed of the networks, noise and training economies', default: '1' },
      epochs: { type: 'string', help: 'most epochs', default: String(DEFAULT_TRAIN.epochs) },
      'steps-per-epoch': { type: 'string', help: 'years collected per epoch', default: String(DEFAULT_TRAIN.stepsPerEpoch) },
      'updates-per-epoch': { type: 'string', help: 'updates of each side per epoch', default: String(DEFAULT_TRAIN.updatesPerEpoch) },
      'eval-every': { type: 'string', help: 'evaluate every k epochs', default: String(DEFAULT_TRAIN.evalEvery) },
      'eval-episodes': { type: 'string', help: 'evaluation economies (seeds unlike training)', default: String(DEFAULT_TRAIN.evalEpisodes) },
      'exploit-every': { type: 'string', help: 'exploitability every k evaluations (0: never)', default: String(DEFAULT_TRAIN.exploitEvery) },
      'exploit-updates': { type: 'string', help: 'updates of one side alone when measuring exploitability', default: String(DEFAULT_TRAIN.exploitUpdates) },
      'target-reward': { type: 'string', help: 'stop at the first evaluation with this mean government reward, every episode alive' },
      'budget-s': { type: 'string', help: 'stop after this many seconds since the process started' },
      'replay-mb': { type: 'string', help: 'replay buffer memory, MB', default: String(DEFAULT_TRAIN.replayMegabytes) },
      'eval-inline': { type: 'boolean', help: 'evaluate on the main thread between epochs (default: on a worker thread while the next epoch trains, when there are 2 cores; same numbers)' },
      out: { type: 'string', help: 'run folder (default runs/<time>-train-<method>-n<N>-s<seed>)' },
      resume: { type: 'string', help: 'continue the run in this folder from its last checkpoint' },
      quiet: { type: 'boolean', help: 'no progress lines' },
      // every method's settings, from their schemas (methods/<method>.ts)
      ...Object.fromEntries([...SETTING_FLAGS].map(([flag, f]) => [flag, { type: 'string' as const, help: f.help }])),
    },
  },
  'train-bc': {
    summary: 'train the behaviour-cloned household policy on the SCF 2022 sample (TensorFlow.js) and save it',
    usage: 'smfg train-bc [--epochs 150] [--out data/models/bc-households] [--households <csv>]',
    options: {
      ...COMMON,
      epochs: { type: 'string', help: 'training epochs', default: '150' },
      out: { type: 'string', help: 'output folder', default: 'data/models/bc-households' },
      households: { type: 'string', help: 'survey CSV with INCOME, CONSUMPTION, LF, EDUC, ASSET (default: the shipped sample)' },
      seed: { type: 'string', help: 'seed', default: '2022' },
      quiet: { type: 'boolean', help: 'no progress bar' },
    },
  },
  replay: {
    summary: "replay a recording of the authors' economy; exits 1 when the largest relative error exceeds the tolerance",
    usage: 'smfg replay <folder> [--tolerance 1e-9]',
    options: { ...COMMON, tolerance: { type: 'string', help: 'largest allowed relative error', default: '1e-9' }, quiet: { type: 'boolean', help: 'no progress bar' } },
  },
  sweep: {
    summary: 'grids of smfg train / evaluate runs (methods x N x seeds x settings): a plan of exact commands run here or as one Slurm job array, resumable; status and collect (smfg sweep --help)',
    usage: 'smfg sweep train|evaluate|status|collect|template|cell ...',
    options: {},
  },
  bench: {
    summary: 'household-steps per second of step() and reset time, N = 100 ... 1,000,000',
    usage: 'smfg bench [--sizes 100,1000,10000,100000,1000000] [--budget-ms 2000] [--threads auto|single|two]',
    options: {
      ...COMMON,
      sizes: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000,10000,100000,1000000' },
      'budget-ms': { type: 'string', help: 'time budget per size, milliseconds', default: '2000' },
      threads: { type: 'string', help: "'auto' (two threads from N = 1,000 up), 'single' or 'two'", default: 'auto' },
      'no-training': { type: 'boolean', help: 'skip the training figures (updates per second per engine, time to target)' },
      'train-seeds': { type: 'string', help: 'comma-separated training seeds for the time to target', default: '1,2,3' },
      'target-ns': { type: 'string', help: 'N for the time to target (empty: skip)', default: '100,1000' },
    },
  },
};

function usage(): string {
  const lines = ['smfg: Dynamic Stackelberg Mean Field Games for tax policy', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'smfg <command> --help for the options of a command');
  return lines.join('\n');
}

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const lines = [`usage: ${c.usage}`, '', c.summary, '', 'options:'];
  for (const [flag, o] of Object.entries(c.options)) {
    lines.push(`  --${flag.padEnd(12)} ${o.help}${o.default !== undefined ? ` (default ${o.default})` : ''}`);
  }
  return lines.join('\n');
}

function parse(name: string, argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = COMMANDS[name].options;
  try {
    const parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type, default: o.default }])),
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    const allowed = Object.keys(options).map((k) => `--${k}`).join(', ');
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\nallowed options of 'smfg ${name}': ${allowed}`);
  }
}

function integerFlag(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got '${value}'`);
  return n;
}

function numberFlag(name: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}, got '${value}'`);
  return n;
}

function choiceFlag<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

function commandRun(values: Record<string, string | boolean | undefined>): number {
  const config = makeConfig({
    n: integerFlag('n', values.n as string, 1, 50_000_000),
    seed: integerFlag('seed', values.seed as string, 0),
    preset: choiceFlag<Preset>('preset', values.preset as string, PRESETS),
    task: choiceFlag<GovernmentTask>('task', values.task as string, GOVERNMENT_TASKS),
    episodeYears: integerFlag('years', values.years as string, 1, 100_000),
  });
  const households = choiceFlag('households', values.households as string, HOUSEHOLD_NAMES);
  const bars = new Map<string, ProgressBar>();
  const episodes = runBaselines({
    config,
    households,
    onYear: (government, year) => {
      if (values.quiet) return;
      if (!bars.has(government)) bars.set(government, new ProgressBar(government.padEnd(14).slice(0, 14), config.episodeYears));
      bars.get(government)!.update(year);
    },
  });
  const rows = episodes.map((e) => ({ government: e.government, households: e.households, ...e.metrics }));
  console.log(`N = ${config.n}, seed ${config.seed}, preset '${config.preset}', task '${config.task}', households: ${episodes[0].households}`);
  console.log(
    textTable(
      ['government', ...EPISODE_METRIC_NAMES, 'ended because'],
      episodes.map((e) => [e.government, ...EPISODE_METRIC_NAMES.map((m) => e.metrics[m]), e.metrics.endReason]),
    ),
  );
  const folder = newRunFolder('run');
  writeJson(join(folder, 'config.json'), { command: 'run', config, households, node: process.version });
  writeCsv(join(folder, 'metrics.csv'), rows);
  for (const e of episodes) {
    writeCsv(
      join(folder, `trajectory-${e.government.split(' ').slice(0, 2).join('-').toLowerCase()}.csv`),
      e.trajectory.map(({ instruments, ...year }) => ({ ...year, ...instruments })),
    );
  }
  console.log(`results written to ${folder}`);
  return 0;
}

function seedsFlag(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 1) return resolveSeeds(integerFlag('seeds', parts[0], 1, 10_000));
  // a trailing comma makes a list of one seed: '7,' is seed 7 (smfg sweep's cells)
  return resolveSeeds(parts.filter((p, k) => p !== '' || k < parts.length - 1).map((p) => integerFlag('seeds', p, 0)));
}

/** Across seeds as text: survival with its Wilson interval, then per metric "mean [low, high]" over all and over surviving episodes. */
function summaryText(evaluation: Evaluation): string {
  const { survival, metrics, episodeYears } = evaluation;
  const survivorSeeds = metrics.years.survivors.interval.samples;
  const lines = [
    `survival: ${survival.survived} of ${survival.episodes} episodes alive ${episodeYears} years, share ${formatEstimate({ mean: survival.share, interval: survival.interval }, 'survival')} (${WILSON_INTERVAL_NAME})`,
    `metrics: mean across seeds of each seed's mean over its episodes [${BOOTSTRAP_INTERVAL_NAME}]`,
    textTable(
      ['metric', 'all episodes', `surviving episodes (${survivorSeeds} seed${survivorSeeds === 1 ? '' : 's'})`],
      EPISODE_METRIC_NAMES.map((m) => [m, formatEstimate(metrics[m].all, m), formatEstimate(metrics[m].survivors, m)]),
    ),
  ];
  return lines.join('\n');
}

/** The aggregate of `smfg evaluate --json`; the field names up to `metrics` are read by scripts (ship-policy.sh) and tests, keep them. */
function evaluationJson(evaluation: Evaluation, method: string | null, episodes: number): object {
  const bounds = (e: Estimate) => ({ mean: e.mean, ci95Low: e.interval.low, ci95High: e.interval.high });
  const { survival } = evaluation;
  return {
    government: evaluation.government,
    households: evaluation.households,
    method,
    n: evaluation.n,
    seeds: evaluation.seeds,
    episodes,
    preset: evaluation.preset,
    task: evaluation.task,
    interval: `${BOOTSTRAP_INTERVAL_NAME}; null bounds with one seed`,
    episodesSurvived: survival.survived,
    episodesTotal: survival.episodes,
    metrics: Object.fromEntries(EPISODE_METRIC_NAMES.map((m) => [m, bounds(evaluation.metrics[m].all)])),
    episodeYears: evaluation.episodeYears,
    survival: { share: survival.share, ci95Low: survival.interval.low, ci95High: survival.interval.high, interval: WILSON_INTERVAL_NAME },
    survivors: {
      seeds: evaluation.metrics.years.survivors.interval.samples,
      interval: `${BOOTSTRAP_INTERVAL_NAME}, over the seeds with a surviving episode; mean null if none survived`,
      metrics: Object.fromEntries(EPISODE_METRIC_NAMES.map((m) => [m, bounds(evaluation.metrics[m].survivors)])),
    },
  };
}

/** The learned method behind either side, if any. */
function methodOf(gov: string, households: string): string | null {
  for (const side of [gov, households]) {
    const name = side.startsWith(BEST_RESPONSE_PREFIX) ? side.slice(BEST_RESPONSE_PREFIX.length) : side;
    if (isPolicyFolder(name)) return loadPolicy(name).file.method;
  }
  return null;
}

/** A policy folder given to --gov or --households must have been trained with this N (unless --any-n). */
function checkPolicyN(flag: string, name: string, n: number, anyN: boolean): void {
  if (name.startsWith(BEST_RESPONSE_PREFIX)) name = name.slice(BEST_RESPONSE_PREFIX.length);
  if (!isPolicyFolder(name) || anyN) return;
  const trained = loadPolicy(name).file.n;
  if (trained !== n) throw new UsageError(`--${flag} ${name} was trained with n = ${trained} households, but --n is ${n}; use --n ${trained}, or --any-n to evaluate it at another N`);
}

function commandEvaluate(values: Record<string, string | boolean | undefined>): number {
  const n = integerFlag('n', values.n as string, 1, 50_000_000);
  checkPolicyN('gov', values.gov as string, n, Boolean(values['any-n']));
  checkPolicyN('households', values.households as string, n, Boolean(values['any-n']));
  const government = governmentByName(values.gov as string);
  const seeds = seedsFlag(values.seeds as string);
  const episodes = integerFlag('episodes', values.episodes as string, 1, 10_000);
  const preset = choiceFlag<Preset>('preset', values.preset as string, PRESETS);
  const task = choiceFlag<GovernmentTask>('task', values.task as string, GOVERNMENT_TASKS);
  const households = householdsOrBestResponse(values.households as string, { n, preset, task });
  if (values.json) values.quiet = true;
  let bar: ProgressBar | null = null;
  const result = evaluate(government, households, {
    n,
    seeds,
    episodes,
    preset,
    task,
    onProgress: (doneYears, totalYears) => {
      if (values.quiet) return;
      bar ??= new ProgressBar(`${values.gov} vs ${values.households} (years)`, totalYears);
      bar.update(doneYears);
    },
  });
  if (values.json) {
    console.log(JSON.stringify(evaluationJson(result, methodOf(values.gov as string, values.households as string), episodes)));
    return 0;
  }
  console.log(`${result.government} vs ${result.households}: N = ${n}, seeds ${seeds.join(', ')}, ${episodes} episode(s) each, preset '${preset}', task '${task}'`);
  console.log(
    textTable(
      ['seed', 'episode', ...EPISODE_METRIC_NAMES, 'ended because'],
      result.records.map((r) => [r.seed, r.episode, ...EPISODE_METRIC_NAMES.map((m) => r.metrics[m]), r.metrics.endReason]),
    ),
  );
  console.log(`\nacross seeds:\n${summaryText(result)}`);
  const folder = newRunFolder('evaluate');
  writeJson(join(folder, 'config.json'), { command: 'evaluate', government: values.gov, households: values.households, n, seeds, episodes, preset, task });
  writeCsv(join(folder, 'episodes.csv'), result.episodes.objects() as Record<string, unknown>[]);
  writeCsv(join(folder, 'summary.csv'), result.summary.select(...SUMMARY_CSV_COLUMNS).objects() as Record<string, unknown>[]);
  console.log(`results written to ${folder}`);
  return 0;
}

function commandExploit(values: Record<string, string | boolean | undefined>): number {
  const n = integerFlag('n', values.n as string, 1, 50_000_000);
  checkPolicyN('gov', values.gov as string, n, Boolean(values['any-n']));
  checkPolicyN('households', values.households as string, n, Boolean(values['any-n']));
  const government = governmentByName(values.gov as string);
  const seeds = seedsFlag(values.seeds as string);
  const preset = choiceFlag<Preset>('preset', values.preset as string, PRESETS);
  const task = choiceFlag<GovernmentTask>('task', values.task as string, GOVERNMENT_TASKS);
  const grid = { abilityNodes: integerFlag('ability-nodes', values['ability-nodes'] as string, 3, 201), wealthPoints: integerFlag('wealth-points', values['wealth-points'] as string, 4, 5000) };
  const samples = integerFlag('samples', values.samples as string, 1, 10_000);
  const episodeYears = integerFlag('years', values.years as string, 1, 100_000);
  const valueBy = choiceFlag<ValueBy>('value-by', values['value-by'] as string, VALUE_BY);
  const households = householdsOrBestResponse(values.households as string, { n, preset, task, config: { episodeYears }, grid, samples });
  if (values.figure && (valueBy === 'simulation' || households(seeds[0]).historyDependent)) {
    throw new UsageError('--figure draws the grid solution; these households are valued by simulation (--value-by simulation, or a policy that acts on its own history), which has none');
  }
  if (values.json) values.quiet = true;
  let bar: ProgressBar | null = null;
  let first: SeedSolution | null = null;
  const result = exploit(government, households, {
    n,
    seeds,
    preset,
    task,
    grid,
    samples,
    config: { episodeYears },
    check: integerFlag('check', values.check as string, 0, n),
    valueBy,
    deviators: integerFlag('deviators', values.deviators as string, 1, 50_000_000),
    onProgress: (done, total) => {
      if (values.quiet) return;
      bar ??= new ProgressBar(`${values.gov} vs ${values.households}: best response and policy value (years)`, total);
      bar.update(done);
    },
    onSeed: (solution) => (first ??= solution),
  });
  if (values.figure) writeJson(resolve(values.figure as string), exploitFigure(first!));
  if (values.json) {
    console.log(JSON.stringify(exploitJson(result)));
    return 0;
  }
  console.log(exploitText(result));
  const folder = newRunFolder('exploit');
  writeJson(join(folder, 'exploit.json'), exploitJson(result));
  writeCsv(join(folder, 'households.csv'), result.followers.households as unknown as Record<string, unknown>[]);
  console.log(`results written to ${folder}${values.figure ? `; figure in ${values.figure}` : ''}`);
  return 0;
}

async function commandReproduce(values: Record<string, string | boolean | undefined>): Promise<number> {
  const ns = String(values.ns).split(',').map((s) => integerFlag('ns', s.trim(), 1, 50_000_000));
  const seeds = seedsFlag(values.seeds as string);
  const episodes = integerFlag('episodes', values.episodes as string, 1, 10_000);
  if (values.retrain) {
    const trainSeeds = String(values['retrain-seeds']).split(',').map((s) => integerFlag('retrain-seeds', s.trim(), 0));
    const out = resolve((values['retrain-out'] as string | undefined) ?? join(projectRoot(), 'runs', `retrain-${new Date().toISOString().replace(/[:.]/g, '-')}`));
    const plan = retrainPlan(ns, trainSeeds, out, String(values['sweep-flags'] ?? '').split(/\s+/).filter(Boolean));
    console.log(`retraining ${plan.cells} cells (${RETRAIN_METHODS.join(', ')} x N = ${ns.join(', ')} x seeds ${trainSeeds.join(', ')}) through smfg sweep into ${out}`);
    for (const b of plan.basis) console.log(`  ${b.method} N = ${b.n}: ${b.secondsPerSeed === null ? '-' : `${b.secondsPerSeed.toFixed(0)} s`} per seed (${b.from})`);
    console.log(`estimate: ${(plan.estimateSeconds / 3600).toFixed(1)} hours of training in all (one cell per core here; on a cluster, the longest cell)`);
    const swept = await sweepCommand(plan.argv, sweepContext());
    if (swept !== 0 || plan.argv.includes('--dry-run')) return swept;
    const collected = await sweepCommand(['collect', out], sweepContext());
    if (collected !== 0) return collected;
  }
  const bars = new Map<string, ProgressBar>();
  const result = runComparison({
    ns,
    seeds,
    episodes,
    onProgress: (label, done, total) => {
      if (values.quiet) return;
      if (!bars.has(label)) bars.set(label, new ProgressBar(label.padEnd(36), total));
      bars.get(label)!.update(done);
    },
  });
  console.log(`The paper's table: every method (classical governments with behaviour-cloned households; each learned method's shipped policy; SMFRL at equilibrium: SMFRL's government with every household at its exact best response), gdp task, paper preset, seeds ${seeds.join(', ')}`);
  console.log(`mean [${BOOTSTRAP_INTERVAL_NAME}]; survival: share of episodes alive the full length [${WILSON_INTERVAL_NAME}]`);
  for (const which of ['all', 'survivors'] as const) {
    // over all episodes with the followers' exploitability where it is recorded (scripts/exploitability.mjs)
    const paper = which === 'all' ? comparisonPaperTable(result) : paperTable(result.evaluations, { episodes: which });
    const columns = paper.columnNames();
    if (which === 'survivors') console.log('\nthe surviving episodes only (over the seeds with a survivor):');
    console.log(textTable(columns.map((c) => (c === 'government' ? 'method' : c)), (paper.objects() as Record<string, Cell>[]).map((r) => columns.map((c) => r[c]))));
  }
  const ratios = headlineRatios(result, 'smfrl').objects() as Record<string, Cell>[];
  console.log("\nper-household GDP of SMFRL over the classical governments' mean and over US federal 2022 (the paper: about 4x and 19x):");
  console.log(textTable(['n', 'gdpPerHousehold', 'overClassicalMean', 'overUsFederal2022'], ratios.map((r) => [r.n, r.gdpPerHousehold, r.overClassicalMean, r.overUsFederal2022])));
  if (result.missing.length > 0) console.log(`\nno shipped policy yet (rows left out): ${result.missing.map((m) => `${m.method} N = ${m.n}`).join(', ')}`);
  // interval cells are for display; the CSV keeps their bounds as numbers (<metric>_low, _high)
  const table = comparisonTable(result.evaluations);
  const rows = (table.objects() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v !== 'object' || v === null)));
  const folder = newRunFolder('reproduce');
  writeJson(join(folder, 'config.json'), { command: 'reproduce', ns, seeds, episodes, rows: result.entries, missing: result.missing });
  writeCsv(join(folder, 'comparison.csv'), rows);
  writeCsv(
    join(folder, 'episodes.csv'),
    result.evaluations.flatMap((e) => (e.episodes.objects() as Record<string, unknown>[]).map((row) => ({ method: e.government, n: e.n, ...row }))),
  );
  // the main comparison figure as PNG images beside the reports
  for (const n of ns) {
    const png = join(projectRoot(), 'reports', `comparison-n${n}.png`);
    try {
      await saveFigurePng(comparisonFigure(result, n), png, { width: 1100, height: 560 });
      console.log(`figure: ${relative(projectRoot(), png)}`);
    } catch (error) {
      console.error(`error: the comparison figure could not be drawn (${(error as Error).message.split('\n')[0]})`);
      return 1;
    }
  }
  console.log(`results written to ${folder}`);
  if (values['no-notebooks']) return 0;
  console.log('\nexecuting the notebooks into reports/notebooks ...');
  const notebooks = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'run-notebooks.mjs')], { stdio: 'inherit' });
  if (notebooks.status !== 0) return notebooks.status ?? 1;
  // the reports as a reader opens them: offline in Chromium, each with its screenshot beside it
  console.log('\nopening the reports offline in headless Chromium ...');
  const reports = await checkReports(join(projectRoot(), 'reports', 'notebooks'));
  const columns = ['report', 'kilobytes', 'figuresDrawn', 'figuresExpected', 'failedLoads', 'consoleErrors', 'pageErrors', 'screenshot'] as const;
  console.log(textTable([...columns], reports.map((r) => columns.map((c) => (c === 'screenshot' ? relative(projectRoot(), r.screenshot) : r[c])))));
  const problems = reports.flatMap((r) => r.problems);
  for (const problem of problems) console.error(`error: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

/** The method settings given as flags, parsed by their schema; a flag of another method is an error naming it. */
function methodSettingsFromFlags(method: string, values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [flag, f] of SETTING_FLAGS) {
    const text = values[flag];
    if (text === undefined) continue;
    if (!f.methods.includes(method)) throw new UsageError(`--${flag} is a setting of ${f.methods.join(', ')}, not of ${method}; ${method}'s settings: ${Object.keys(METHOD_REGISTRY[method].settings).map((k) => `--${[...SETTING_FLAGS].find(([, g]) => g.setting === k)![0]}`).join(' ')}`);
    try {
      settings[f.setting] = parseFlag(f.setting, f.spec, String(text));
    } catch (error) {
      if (error instanceof SettingsError) throw new UsageError(error.message);
      throw error;
    }
  }
  return settings;
}

function trainProgressLine(p: TrainProgress): string {
  const m = p.metrics;
  const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
  const perEpoch = m.trainSeconds / (m.epoch + 1);
  const eta = Math.max(0, (p.config.epochs - m.epoch - 1) * perEpoch);
  const evaluation = m.evalGovernmentReward === null ? 'not evaluated' : `years ${m.evalYears!.toFixed(0)} | gov reward ${m.evalGovernmentReward.toFixed(0)} | welfare ${m.evalSocialWelfare!.toFixed(1)}`;
  return `epoch ${m.epoch + 1}/${p.config.epochs} | ${evaluation} | exploitability leader ${pct(m.exploitLeaderGain)} followers ${pct(m.exploitFollowerGain)} | ${m.updatesPerSecond.toFixed(0)} updates/s | ${m.processSeconds.toFixed(1)} s | ETA ${eta.toFixed(0)} s`;
}

async function commandTrain(values: Record<string, string | boolean | undefined>): Promise<number> {
  await useBestBackend();
  const command = `smfg train ${process.argv.slice(3).join(' ')}`.trim();
  const targetText = values['target-reward'] as string | undefined;
  let targetReward: number | null = null;
  if (targetText !== undefined) {
    targetReward = Number(targetText);
    if (targetText.trim() === '' || !Number.isFinite(targetReward)) throw new UsageError(`--target-reward must be a number, got '${targetText}'`);
  }
  const budgetText = values['budget-s'] as string | undefined;
  const budgetSeconds = budgetText === undefined ? null : numberFlag('budget-s', budgetText, 0);
  const onEpoch = (p: TrainProgress) => {
    if (!values.quiet) process.stderr.write(trainProgressLine(p) + '\n');
  };
  let result;
  if (values.resume !== undefined) {
    const runDir = resolve(values.resume as string);
    const overrides: Record<string, unknown> = {};
    // only what the user gives again changes: more epochs, a target, a budget
    const given = (flag: string) => process.argv.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
    const fixed = Object.keys(COMMANDS.train.options).filter((f) => !['resume', 'epochs', 'target-reward', 'budget-s', 'quiet', 'help', 'eval-inline'].includes(f) && given(f));
    if (fixed.length > 0) throw new UsageError(`--resume continues the run's saved configuration; only --epochs, --target-reward, --budget-s, --eval-inline and --quiet can be given with it, not ${fixed.map((f) => `--${f}`).join(', ')}`);
    if (given('epochs')) overrides.epochs = integerFlag('epochs', values.epochs as string, 1);
    if (targetReward !== null) overrides.targetReward = targetReward;
    if (budgetSeconds !== null) overrides.budgetSeconds = budgetSeconds;
    if (values['eval-inline']) overrides.backgroundEvaluation = false;
    console.log(`resuming ${runDir}; compute: ${computeDescription()}`);
    result = resumeTraining(runDir, { command, onEpoch, environment: trainingEnvironment(), overrides });
  } else {
    const method = choiceFlag('method', values.method as string, METHODS);
    const n = integerFlag('n', values.n as string, 1, 50_000_000);
    const seed = integerFlag('seed', values.seed as string, 0);
    const config = {
      method,
      n,
      seed,
      task: choiceFlag<GovernmentTask>('task', values.task as string, GOVERNMENT_TASKS),
      preset: choiceFlag<Preset>('preset', values.preset as string, PRESETS),
      epochs: integerFlag('epochs', values.epochs as string, 1),
      stepsPerEpoch: integerFlag('steps-per-epoch', values['steps-per-epoch'] as string, 1),
      updatesPerEpoch: integerFlag('updates-per-epoch', values['updates-per-epoch'] as string, 0),
      evalEvery: integerFlag('eval-every', values['eval-every'] as string, 1),
      evalEpisodes: integerFlag('eval-episodes', values['eval-episodes'] as string, 1, 1000),
      exploitEvery: integerFlag('exploit-every', values['exploit-every'] as string, 0),
      exploitUpdates: integerFlag('exploit-updates', values['exploit-updates'] as string, 1),
      replayMegabytes: numberFlag('replay-mb', values['replay-mb'] as string, 1),
      backgroundEvaluation: !values['eval-inline'],
      targetReward,
      budgetSeconds,
      settings: methodSettingsFromFlags(method, values),
    };
    const runDir = resolve((values.out as string | undefined) ?? join(projectRoot(), 'runs', `${new Date().toISOString().replace(/[:.]/g, '-')}-train-${method}-n${n}-s${seed}`));
    console.log(`training ${method}, N = ${n}, seed ${seed}, into ${runDir}; compute: ${computeDescription()}; evaluation: ${evaluationPlace(makeTrainConfig(config))}`);
    result = train(config, { runDir, command, onEpoch, environment: trainingEnvironment() });
  }
  const last = result.metrics[result.metrics.length - 1];
  if (last) console.log(`${result.metrics.length} epochs, ${last.updates} updates; last evaluation: gov reward ${last.evalGovernmentReward?.toFixed(1) ?? '-'}, years ${last.evalYears ?? '-'}; policy in ${join(result.runDir, 'policy')}`);
  if (result.config.targetReward === null) return 0;
  // the last line, for scripts: seconds since this process started, at the evaluation that reached the target
  console.log(`time_to_target_s=${result.timeToTargetSeconds === null ? 'none' : result.timeToTargetSeconds.toFixed(2)}`);
  return result.timeToTargetSeconds === null ? 1 : 0;
}

async function commandTrainBc(values: Record<string, string | boolean | undefined>): Promise<number> {
  const epochs = integerFlag('epochs', values.epochs as string, 1, 100_000);
  const seed = integerFlag('seed', values.seed as string, 0);
  const source = (values.households as string | undefined) ?? dataPath(SHIPPED_HOUSEHOLD_SAMPLE);
  const folder = resolve(values.out as string);
  const bar = new ProgressBar('behaviour cloning', epochs, !values.quiet);
  // TensorFlow.js loads only for training
  const { cloneDataFromSurvey, trainClone } = await import('./learning/behaviourCloning.js');
  const data = cloneDataFromSurvey(source);
  const { fit } = await trainClone(data, folder, { epochs, seed, onEpoch: (epoch, _total, loss) => bar.update(epoch, `loss ${loss.toFixed(4)}`) });
  console.log(`trained on ${fit.trainRows} households of ${source} (${fit.heldOutRows} held out), backend ${fit.backend}, ${fit.seconds.toFixed(1)} s`);
  console.log(
    textTable(
      ['target', 'held-out RMSE', 'constant RMSE', 'held-out R2'],
      (['savingShare', 'workShare'] as const).map((k) => [k, fit.heldOutRmse[k], fit.constantRmse[k], fit.heldOutR2[k]]),
    ),
  );
  console.log(`held-out Gaussian NLL ${fit.heldOutNll.toFixed(4)}; saved to ${folder}`);
  return 0;
}

function commandReplay(values: Record<string, string | boolean | undefined>, positionals: string[]): number {
  if (positionals.length !== 1) throw new UsageError(`smfg replay needs exactly one recording folder, got ${positionals.length}\n${commandHelp('replay')}`);
  const tolerance = numberFlag('tolerance', values.tolerance as string, 0);
  let bar: ProgressBar | null = null;
  const report = replayRecording(positionals[0], {
    onStep: (step, steps) => {
      if (values.quiet) return;
      bar ??= new ProgressBar('replay', steps);
      bar.update(step);
    },
  });
  console.log(`${report.folder}: N = ${report.n}, ${report.steps} steps`);
  console.log(
    textTable(
      ['file', 'column', 'max_rel_err', 'at step', 'household', 'expected', 'ours'],
      report.columns.map((c) => [c.file, c.column, c.maxRelativeError, c.step, c.household ?? '', c.expected, c.actual]),
    ),
  );
  if (report.skippedColumns.length > 0) console.log(`not compared (not modelled): ${report.skippedColumns.join(', ')}`);
  console.log(`max_rel_err=${report.maxRelativeError}`);
  if (report.maxRelativeError > tolerance) {
    console.error(`FAIL: max_rel_err ${report.maxRelativeError} exceeds the tolerance ${tolerance}`);
    return 1;
  }
  return 0;
}

async function benchTraining(values: Record<string, string | boolean | undefined>, budgetMs: number): Promise<void> {
  await useBestBackend();
  const { smfrlUpdateSpeed, tfjsCriticSteps, timeToTarget } = await import('./analysis/bench/learningSpeed.js');
  const d = defaultsOf(SMFRL_SETTINGS);
  console.log(`\nupdates (one leader and one follower update), ${computeDescription()}; SMFRL sampled: ${d.householdsPerTransition} households of ${d.followerBatch} transitions, ${d.meanFieldSamples} for each mean response; full: all N`);
  const rows: (string | number)[][] = [];
  const cases = Object.values(METHOD_REGISTRY).flatMap((m) => (m.bench ?? []).map(({ n, update }) => [m.name, n, update] as const));
  for (const [method, n, update] of cases) {
    const r = smfrlUpdateSpeed(n, update, budgetMs, 300, method);
    rows.push([method, r.n, method === 'smfrl' ? r.update : '', r.updatesPerSecond, r.msPerUpdate, r.heapMegabytes]);
    process.stderr.write(`  ${method} N = ${n} ${update}: ${r.updatesPerSecond.toFixed(1)} updates/s\n`);
  }
  console.log(textTable(['method', 'N', 'update', 'updates/s', 'ms/update', 'resident MB'], rows));
  console.log('\none follower-critic step (13 -> 64 -> 64 -> 1, batch 256, Adam) per engine');
  const engines = [];
  for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
    const r = await tfjsCriticSteps(backend, budgetMs);
    engines.push(r ?? { engine: `TensorFlow.js ${backend} (not installed here)`, stepsPerSecond: NaN });
  }
  console.log(textTable(['engine', 'steps/s'], engines.map((e) => [e.engine, e.stepsPerSecond])));
  const ns = String(values['target-ns']).split(',').filter((s) => s.trim() !== '').map((s) => integerFlag('target-ns', s.trim(), 1));
  const seeds = String(values['train-seeds']).split(',').map((s) => integerFlag('train-seeds', s.trim(), 0));
  if (ns.length === 0) return;
  console.log('\ntime to target: smfg train --target-reward 3370 from random networks, seconds since the process started (a fresh process per run)');
  const targetRows: (string | number)[][] = [];
  for (const n of ns) {
    const runs = timeToTarget(n, seeds, 3370, n >= 10000 ? 900 : n >= 1000 ? 300 : 120);
    // the median run, a run that missed counting as slower than any that reached
    const sorted = runs.map((r) => r.seconds ?? Infinity).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    targetRows.push([n, runs.map((r) => (r.seconds === null ? 'none' : r.seconds.toFixed(1))).join(' / '), Number.isFinite(median) ? median.toFixed(1) : 'none']);
    process.stderr.write(`  N = ${n}: ${targetRows[targetRows.length - 1][1]}\n`);
  }
  console.log(textTable(['N', `seconds (seeds ${seeds.join(', ')})`, 'median'], targetRows));
}

async function commandBench(values: Record<string, string | boolean | undefined>): Promise<number> {
  const sizes = String(values.sizes)
    .split(',')
    .map((s) => integerFlag('sizes', s.trim(), 1, 50_000_000));
  const budgetMs = integerFlag('budget-ms', values['budget-ms'] as string, 1);
  const threads = String(values.threads);
  if (!(THREAD_CHOICES as readonly string[]).includes(threads)) throw new UsageError(`--threads must be one of ${THREAD_CHOICES.join(', ')}; got '${threads}'`);
  console.log(`economy step() speed, paper preset, thrifty households, free market; medians; node ${process.version}`);
  const columns = ['N', 'us/household-step', 'household-steps/s', 'ms/step', 'ms/reset', 'x authors (8 us)', 'steps timed', 'threads'];
  const rows: (string | number)[][] = [];
  benchEconomy({
    sizes,
    budgetMs,
    threads: threads as Threads,
    onRow: (r) => {
      rows.push([r.n, r.usPerHouseholdStep, Math.round(r.householdStepsPerSecond), r.msPerStep, r.msPerReset, r.speedupVsAuthors, r.steps, r.threading]);
      process.stderr.write(`  N = ${r.n}: ${r.usPerHouseholdStep.toFixed(3)} us per household-step\n`);
    },
  });
  console.log(textTable(columns, rows));
  if (!values['no-training']) await benchTraining(values, budgetMs);
  return 0;
}

/** What smfg sweep checks its grids against: the options of train and evaluate, the methods, the policy names. */
function sweepContext() {
  const of = (name: string, reserved: string[]) => ({
    names: Object.keys(COMMANDS[name].options),
    booleans: Object.entries(COMMANDS[name].options).filter(([, o]) => o.type === 'boolean').map(([k]) => k),
    reserved,
  });
  return {
    train: of('train', ['method', 'n', 'seed', 'out', 'resume', 'help']),
    evaluate: of('evaluate', ['gov', 'households', 'n', 'seeds', 'json', 'help', 'quiet']),
    methods: METHODS,
    checkGovernment: (name: string) => void governmentByName(name),
    checkHouseholds: (name: string) => void householdsByName(name),
  };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(usage());
    return command ? 0 : 2;
  }
  if (!(command in COMMANDS)) {
    console.error(`unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')}\n\n${usage()}`);
    return 2;
  }
  if (command === 'sweep') return sweepCommand(rest, sweepContext());
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    if (command !== 'replay' && positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${commandHelp(command)}`);
    switch (command) {
      case 'run':
        return commandRun(values);
      case 'reproduce':
        return await commandReproduce(values);
      case 'evaluate':
        return commandEvaluate(values);
      case 'exploit':
        return commandExploit(values);
      case 'train':
        return await commandTrain(values);
      case 'train-bc':
        return await commandTrainBc(values);
      case 'replay':
        return commandReplay(values, positionals);
      case 'bench':
        return await commandBench(values);
    }
    return 2;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof DataFileError ||
      error instanceof RangeError ||
      error instanceof UnknownPolicyError ||
      error instanceof TrainConfigError ||
      error instanceof CheckpointError ||
      error instanceof PolicyFolderError ||
      error instanceof ExploitOptionError ||
      error instanceof GridOptionError ||
      error instanceof PolicyQueryError
    ) {
      console.error(`smfg ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
