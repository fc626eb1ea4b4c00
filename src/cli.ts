#!/usr/bin/env node
/**
 * smfg: the command line of the workbench.
 *   smfg run        one episode under the free market and US federal 2022, metrics table
 *   smfg reproduce  the main job: the run above, then every notebook executed into reports/
 *   smfg replay     replay a recording of the authors' economy and report the largest errors
 *   smfg bench      speed of the economy from N = 100 to 1,000,000
 */
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, PRESETS, GOVERNMENT_TASKS, makeConfig, type Preset, type GovernmentTask } from './economy/config.js';
import { DataFileError } from './data/csv.js';
import { projectRoot } from './data/paths.js';
import { replayRecording } from './analysis/replay.js';
import { benchEconomy } from './analysis/bench.js';
import { HOUSEHOLD_RULES, runBaselines, type HouseholdRule } from './analysis/baselineRun.js';
import { EPISODE_METRIC_NAMES } from './economy/metrics.js';
import { ProgressBar } from './analysis/progress.js';
import { textTable } from './analysis/textTable.js';
import { newRunFolder, writeCsv, writeJson } from './analysis/runs.js';

class UsageError extends Error {}

type Options = Record<string, { type: 'string' | 'boolean'; help: string; default?: string }>;

const COMMON: Options = { help: { type: 'boolean', help: 'show this help' } };
const RUN_OPTIONS: Options = {
  ...COMMON,
  n: { type: 'string', help: 'number of households', default: '100' },
  seed: { type: 'string', help: 'seed (integer >= 0)', default: '1' },
  preset: { type: 'string', help: `economy preset: ${PRESETS.join(' | ')}`, default: 'paper' },
  task: { type: 'string', help: `government objective: ${GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
  households: { type: 'string', help: `household rule: ${HOUSEHOLD_RULES.join(' | ')}`, default: 'thrifty' },
  years: { type: 'string', help: 'episode length in years', default: '300' },
  quiet: { type: 'boolean', help: 'no progress bar' },
};
const COMMANDS: Record<string, { summary: string; usage: string; options: Options }> = {
  run: { summary: 'one episode under the free market and under US federal 2022; prints the metrics', usage: 'smfg run [options]', options: RUN_OPTIONS },
  reproduce: { summary: 'the main job: `run` with defaults, then every notebook executed into reports/notebooks', usage: 'smfg reproduce [options]', options: RUN_OPTIONS },
  replay: {
    summary: "replay a recording of the authors' economy; exits 1 when the largest relative error exceeds the tolerance",
    usage: 'smfg replay <folder> [--tolerance 1e-9]',
    options: { ...COMMON, tolerance: { type: 'string', help: 'largest allowed relative error', default: '1e-9' }, quiet: { type: 'boolean', help: 'no progress bar' } },
  },
  bench: {
    summary: 'household-steps per second of step() and reset time, N = 100 ... 1,000,000',
    usage: 'smfg bench [--sizes 100,1000,10000,100000,1000000] [--budget-ms 2000]',
    options: {
      ...COMMON,
      sizes: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000,10000,100000,1000000' },
      'budget-ms': { type: 'string', help: 'time budget per size, milliseconds', default: '2000' },
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
  const households = choiceFlag<HouseholdRule>('households', values.households as string, HOUSEHOLD_RULES);
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
      episodes.map((e) => [e.government.replace(/ \(authors'.*\)$/, ''), ...EPISODE_METRIC_NAMES.map((m) => e.metrics[m]), e.metrics.endReason]),
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

function commandReproduce(values: Record<string, string | boolean | undefined>): number {
  const status = commandRun(values);
  if (status !== 0) return status;
  console.log('\nexecuting the notebooks into reports/notebooks ...');
  const result = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'run-notebooks.mjs')], { stdio: 'inherit' });
  return result.status ?? 1;
}

function commandReplay(values: Record<string, string | boolean | undefined>, positionals: string[]): number {
  if (positionals.length !== 1) throw new UsageError(`smfg replay needs exactly one recording folder, got ${positionals.length}\n${commandHelp('replay')}`);
  const tolerance = numberFlag('tolerance', values.tolerance as string, 0);
  const bar = values.quiet ? null : new ProgressBar('replay', 1);
  let barTotal: ProgressBar | null = null;
  const report = replayRecording(positionals[0], {
    onStep: (step, steps) => {
      if (!bar) return;
      barTotal ??= new ProgressBar('replay', steps);
      barTotal.update(step);
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
  console.log(`economy step() speed, paper preset, thrifty households, free market; medians; node ${process.version}`);
  const columns = ['N', 'us/household-step', 'household-steps/s', 'ms/step', 'ms/reset', 'x authors (8 us)', 'steps timed'];
  const rows: (string | number)[][] = [];
  benchEconomy({
    sizes,
    budgetMs,
    onRow: (r) => {
      rows.push([r.n, r.usPerHouseholdStep, Math.round(r.householdStepsPerSecond), r.msPerStep, r.msPerReset, r.speedupVsAuthors, r.steps]);
      process.stderr.write(`  N = ${r.n}: ${r.usPerHouseholdStep.toFixed(3)} us per household-step\n`);
    },
  });
  console.log(textTable(columns, rows));
  return 0;
}

export function main(argv: string[]): number {
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
      case 'replay':
        return commandReplay(values, positionals);
      case 'bench':
        return commandBench(values);
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataFileError || error instanceof RangeError) {
      console.error(`smfg ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
