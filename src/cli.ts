#!/usr/bin/env node
/**
 * smfg: the command line of the workbench.
 *   smfg run        one episode under the free market and US federal 2022, metrics table
 *   smfg evaluate   a government against households over seeds: the paper's metrics with 95 % intervals
 *   smfg reproduce  the main job: the classical rows of the paper's table, then every notebook
 *   smfg train-bc   train the behaviour-cloned households on the SCF 2022
 *   smfg replay     replay a recording of the authors' economy and report the largest errors
 *   smfg bench      speed of the economy from N = 100 to 1,000,000
 */
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, PRESETS, GOVERNMENT_TASKS, THREAD_CHOICES, makeConfig, type Preset, type GovernmentTask, type Threads } from './economy/config.js';
import { DataFileError } from './data/csv.js';
import { projectRoot } from './data/paths.js';
import { replayRecording } from './analysis/replay.js';
import { benchEconomy } from './analysis/bench.js';
import { runBaselines } from './analysis/baselineRun.js';
import { EPISODE_METRIC_NAMES } from './economy/metrics.js';
import { ProgressBar } from './analysis/progress.js';
import { formatNumber, textTable } from './analysis/textTable.js';
import { newRunFolder, writeCsv, writeJson } from './analysis/runs.js';
import { evaluate, resolveSeeds } from './analysis/evaluate.js';
import { classicalComparison, CLASSICAL_GOVERNMENTS } from './analysis/classical.js';
import { governmentByName, householdsByName, GOVERNMENT_NAMES, HOUSEHOLD_NAMES, UnknownPolicyError } from './policies/registry.js';
import { dataPath } from './data/paths.js';
import { SHIPPED_HOUSEHOLD_SAMPLE } from './data/households.js';
import { resolve } from 'node:path';
import type { Table } from './data/frames.js';

class UsageError extends Error {}

type Options = Record<string, { type: 'string' | 'boolean'; help: string; default?: string }>;

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
const COMMANDS: Record<string, { summary: string; usage: string; options: Options }> = {
  run: { summary: 'one episode under the free market and under US federal 2022; prints the metrics', usage: 'smfg run [options]', options: RUN_OPTIONS },
  evaluate: {
    summary: "a government against households over seeds: the paper's metrics per episode and their mean with a 95 % interval",
    usage: 'smfg evaluate --gov <name> --households <name> [--n 100] [--seeds 5] [--episodes 1]',
    options: {
      ...COMMON,
      gov: { type: 'string', help: `government: ${GOVERNMENT_NAMES.join(' | ')}`, default: 'us-federal-2022' },
      households: { type: 'string', help: `households: ${HOUSEHOLD_NAMES.join(' | ')}`, default: 'bc' },
      n: { type: 'string', help: 'number of households', default: '100' },
      seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list of integer seeds', default: '5' },
      episodes: { type: 'string', help: 'episodes per seed', default: '1' },
      preset: { type: 'string', help: `economy preset: ${PRESETS.join(' | ')}`, default: 'paper' },
      task: { type: 'string', help: `government objective: ${GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
      quiet: { type: 'boolean', help: 'no progress bar' },
    },
  },
  reproduce: {
    summary: "the main job: the classical rows of the paper's table (free market, Saez, US federal 2022 x N = 100, 1000 x seeds), then every notebook executed into reports/notebooks",
    usage: 'smfg reproduce [--seeds 5] [--episodes 1] [--ns 100,1000] [--no-notebooks]',
    options: {
      ...COMMON,
      seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list', default: '5' },
      episodes: { type: 'string', help: 'episodes per seed', default: '1' },
      ns: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000' },
      'no-notebooks': { type: 'boolean', help: 'skip executing the notebooks' },
      quiet: { type: 'boolean', help: 'no progress bar' },
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
  bench: {
    summary: 'household-steps per second of step() and reset time, N = 100 ... 1,000,000',
    usage: 'smfg bench [--sizes 100,1000,10000,100000,1000000] [--budget-ms 2000] [--threads auto|single|two]',
    options: {
      ...COMMON,
      sizes: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000,10000,100000,1000000' },
      'budget-ms': { type: 'string', help: 'time budget per size, milliseconds', default: '2000' },
      threads: { type: 'string', help: "'auto' (two threads from N = 1,000 up), 'single' or 'two'", default: 'auto' },
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
  return resolveSeeds(parts.map((p) => integerFlag('seeds', p, 0)));
}

/** A summary table as text: metric, mean, 95 % interval. */
function summaryText(summary: Table): string {
  const rows = summary.objects() as { metric: string; mean: number; ci95_low: number; ci95_high: number; half_width: number }[];
  return textTable(
    ['metric', 'mean', '95 % interval', '+/-'],
    rows.map((r) => [r.metric, r.mean, Number.isNaN(r.half_width) ? 'n/a (one seed)' : `[${formatNumber(r.ci95_low)}, ${formatNumber(r.ci95_high)}]`, r.half_width]),
  );
}

function commandEvaluate(values: Record<string, string | boolean | undefined>): number {
  const government = governmentByName(values.gov as string);
  const households = householdsByName(values.households as string);
  const n = integerFlag('n', values.n as string, 1, 50_000_000);
  const seeds = seedsFlag(values.seeds as string);
  const episodes = integerFlag('episodes', values.episodes as string, 1, 10_000);
  const preset = choiceFlag<Preset>('preset', values.preset as string, PRESETS);
  const task = choiceFlag<GovernmentTask>('task', values.task as string, GOVERNMENT_TASKS);
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
  console.log(`${result.government} vs ${result.households}: N = ${n}, seeds ${seeds.join(', ')}, ${episodes} episode(s) each, preset '${preset}', task '${task}'`);
  console.log(
    textTable(
      ['seed', 'episode', ...EPISODE_METRIC_NAMES, 'ended because'],
      result.records.map((r) => [r.seed, r.episode, ...EPISODE_METRIC_NAMES.map((m) => r.metrics[m]), r.metrics.endReason]),
    ),
  );
  console.log(`\nacross seeds (each seed's mean over its episodes):\n${summaryText(result.summary)}`);
  const folder = newRunFolder('evaluate');
  writeJson(join(folder, 'config.json'), { command: 'evaluate', government: values.gov, households: values.households, n, seeds, episodes, preset, task });
  writeCsv(join(folder, 'episodes.csv'), result.episodes.objects() as Record<string, unknown>[]);
  writeCsv(join(folder, 'summary.csv'), result.summary.objects() as Record<string, unknown>[]);
  console.log(`results written to ${folder}`);
  return 0;
}

function commandReproduce(values: Record<string, string | boolean | undefined>): number {
  const ns = String(values.ns).split(',').map((s) => integerFlag('ns', s.trim(), 1, 50_000_000));
  const seeds = seedsFlag(values.seeds as string);
  const episodes = integerFlag('episodes', values.episodes as string, 1, 10_000);
  const bars = new Map<string, ProgressBar>();
  const result = classicalComparison({
    ns,
    seeds,
    episodes,
    onProgress: (label, done, total) => {
      if (values.quiet) return;
      if (!bars.has(label)) bars.set(label, new ProgressBar(label.padEnd(22), total));
      bars.get(label)!.update(done);
    },
  });
  console.log(`The classical rows of the paper's table: behaviour-cloned households, gdp task, paper preset, seeds ${seeds.join(', ')}, ${episodes} episode(s) each; mean +/- 95 % half-width across seeds`);
  const rows = result.table.objects() as Record<string, number | string>[];
  const metrics = ['years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'incomeGini', 'wealthGini'];
  const pm = (r: Record<string, number | string>, m: string) => {
    const half = r[`${m}_ci95`] as number;
    return `${formatNumber(r[m] as number)}${Number.isNaN(half) ? '' : ` +/- ${formatNumber(half, 2)}`}`;
  };
  console.log(textTable(['government', 'N', ...metrics], rows.map((r) => [r.government as string, r.n as number, ...metrics.map((m) => pm(r, m))])));
  const folder = newRunFolder('reproduce');
  writeJson(join(folder, 'config.json'), { command: 'reproduce', ns, seeds, episodes, governments: CLASSICAL_GOVERNMENTS, households: 'bc' });
  writeCsv(join(folder, 'classical.csv'), rows);
  writeCsv(
    join(folder, 'episodes.csv'),
    result.evaluations.flatMap((e) => (e.episodes.objects() as Record<string, unknown>[]).map((row) => ({ government: e.government, n: e.n, ...row }))),
  );
  console.log(`results written to ${folder}`);
  if (values['no-notebooks']) return 0;
  console.log('\nexecuting the notebooks into reports/notebooks ...');
  const notebooks = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'run-notebooks.mjs')], { stdio: 'inherit' });
  return notebooks.status ?? 1;
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

function commandBench(values: Record<string, string | boolean | undefined>): number {
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
  return 0;
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
        return commandReproduce(values);
      case 'evaluate':
        return commandEvaluate(values);
      case 'train-bc':
        return await commandTrainBc(values);
      case 'replay':
        return commandReplay(values, positionals);
      case 'bench':
        return commandBench(values);
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataFileError || error instanceof RangeError || error instanceof UnknownPolicyError) {
      console.error(`smfg ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
