#!/usr/bin/env node
/**
 * smfg: the command line of the workbench; parsing, help and dispatch. The commands and their
 * options are declared once in cli/options.ts (settings from their schemas), which also renders
 * docs/cli.md (`npm run docs:cli`); each command's glue is in cli/<concern>.ts and its work in
 * the layers below.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from './economy/config.js';
import { DataFileError } from './data/csv.js';
import { UnknownPolicyError, governmentByName, householdsByName } from './policies/registry.js';
import { ExploitOptionError, ExploitUndefinedError } from './equilibrium/exploit.js';
import { GridOptionError } from './equilibrium/grid.js';
import { PolicyQueryError } from './equilibrium/policyAdapter.js';
import { METHODS, TrainConfigError } from './learning/train.js';
import { CheckpointError } from './learning/checkpoint.js';
import { PolicyFolderError } from './learning/policyFolder.js';
import { SettingsError, defaultText, flagValue, takesOf } from './learning/settings.js';
import { SWEEP_USAGE, sweepCommand, type SweepContext } from './sweep/command.js';
import { UsageError, type Values } from './cli/flags.js';
import { COMMANDS, POLICY_NAMES, type Option } from './cli/options.js';
import { commandBench, commandReplay, commandRun } from './cli/economy.js';
import { commandEvaluate, commandExploit } from './cli/evaluation.js';
import { commandTrain, commandTrainBc } from './cli/training.js';
import { commandReproduce } from './cli/reproduce.js';
import { commandEquilibrium } from './cli/equilibrium.js';
import { commandStackelberg } from './cli/stackelberg.js';
import { commandRegret } from './cli/regret.js';
import { commandTimeToTruth } from './cli/timeToTruth.js';
import { TimeToGroundTruthError } from './analysis/harness/timeToGroundTruth.js';
import { RegretError, RegretInputError } from './analysis/harness/regret.js';
import { RegretRecordError } from './analysis/report/stackelbergReport.js';
import { StackelbergInputError } from './equilibrium/stackelberg.js';
import { PresetTransitionError } from './equilibrium/presetTransition.js';
import { ConstantGovernmentError } from './policies/constantGovernmentFolder.js';
import { FiscalRuleLimitError, PresetSteadyStateError } from './equilibrium/presetSteadyState.js';
import { LaborEgmError } from './equilibrium/presetHousehold.js';
import { RootFindingError } from './equilibrium/rootFinding.js';
import { AdaptiveGovernmentError } from './equilibrium/presetEquilibrium.js';
import { EquilibriumPolicyError } from './policies/equilibriumHouseholds.js';

const TITLE = 'smfg: Dynamic Stackelberg Mean Field Games for tax policy';
/** Where an option's help starts in --help. */
const HELP_COLUMN = 30;

/** A switch takes no value: a boolean option, or a setting whose flag sets it (--eval-inline). */
function isSwitch(option: Option): boolean {
  return 'setting' in option ? option.setting.kind === 'boolean' && option.setting.flagSets !== undefined : option.type === 'boolean';
}

/** One option as help shows it: what it takes, what it does, its default. */
function described(option: Option): { takes: string | null; help: string; default: string | null } {
  if (!('setting' in option)) return { takes: option.takes ?? null, help: option.help, default: option.default ?? null };
  const spec = option.setting;
  if (isSwitch(option)) return { takes: null, help: spec.doc, default: null };
  return { takes: takesOf(spec), help: spec.doc, default: defaultText(spec) };
}

function usage(): string {
  const lines = [TITLE, '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', POLICY_NAMES, '', 'smfg <command> --help for the options of a command');
  return lines.join('\n');
}

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const lines = [`usage: ${c.usage}`, '', c.summary, ...(c.details ? ['', c.details] : []), '', 'options:'];
  for (const [flag, option] of Object.entries(c.options)) {
    const o = described(option);
    const left = `  --${flag}${o.takes ? ` <${o.takes}>` : ''}`;
    const help = `${o.help}${o.default !== null ? ` (default ${o.default})` : ''}`;
    // a long flag column puts its help on the next line
    lines.push(left.length < HELP_COLUMN ? `${left.padEnd(HELP_COLUMN)}${help}` : `${left}\n${' '.repeat(HELP_COLUMN)}${help}`);
  }
  return lines.join('\n');
}

/** docs/cli.md: every command's usage, summary, details and options, and smfg sweep's own help, from the same declarations as --help. */
export function cliReference(): string {
  // prose as Markdown: angle brackets would read as HTML tags
  const md = (text: string) => text.replace(/</g, '&lt;').replace(/\*/g, '\\*');
  const lines = [
    '# smfg command line',
    '',
    '<!-- Generated from the commands\' declarations (src/cli/options.ts and the settings\' schemas) by `npm run docs:cli`; tests/cli.test.ts checks that it is current. Do not edit by hand. -->',
    '',
    "After `npm run build`: `node dist/cli.js <command>` or `bin/smfg <command>`. `smfg <command> --help` prints what its section below says.",
    '',
    '| command | what |',
    '|---|---|',
    ...Object.entries(COMMANDS).map(([name, c]) => `| [\`${name}\`](#smfg-${name}) | ${md(c.summary).replace(/\|/g, '\\|')} |`),
    '',
    md(POLICY_NAMES),
  ];
  for (const [name, c] of Object.entries(COMMANDS)) {
    lines.push('', `## smfg ${name}`, '', '```text', c.usage, '```', '', md(c.summary));
    if (c.details) lines.push('', md(c.details));
    if (name === 'sweep') lines.push('', '`smfg sweep --help`:', '', '```text', SWEEP_USAGE, '```');
    if (Object.keys(c.options).length === 0) continue;
    lines.push('', 'Options:', '');
    for (const [flag, option] of Object.entries(c.options)) {
      const o = described(option);
      lines.push(`- \`--${flag}${o.takes ? ` <${o.takes}>` : ''}\`: ${md(o.help)}${o.default !== null ? ` (default \`${o.default}\`)` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

interface Parsed {
  values: Values;
  positionals: string[];
  /** The flags on the command line (values also hold defaults). */
  given: Set<string>;
}

/** The command's arguments; each setting's text checked and converted by its schema entry, a setting not given at its default. */
function parse(name: string, argv: string[]): Parsed {
  const options = COMMANDS[name].options;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([flag, o]) => [flag, { type: isSwitch(o) ? 'boolean' : 'string', default: 'setting' in o ? undefined : o.default }] as const),
      ),
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    const allowed = Object.keys(options).map((k) => `--${k}`).join(', ');
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\nallowed options of 'smfg ${name}': ${allowed}`);
  }
  const given = new Set(parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
  const values: Values = { ...parsed.values };
  if (!values.help) {
    for (const [flag, o] of Object.entries(options)) {
      if (!('setting' in o)) continue;
      const spec = o.setting;
      if (!given.has(flag)) values[flag] = spec.default;
      else if (spec.kind === 'boolean' && spec.flagSets !== undefined) values[flag] = spec.flagSets;
      else values[flag] = flagValue(flag, spec, parsed.values[flag] as string);
    }
  }
  return { values, positionals: parsed.positionals, given };
}

/** What smfg sweep checks its grids against: the options of train and evaluate, the methods, the policy names. */
function sweepContext(): SweepContext {
  const of = (name: string, reserved: string[]) => ({
    names: Object.keys(COMMANDS[name].options),
    booleans: Object.entries(COMMANDS[name].options).filter(([, o]) => isSwitch(o)).map(([k]) => k),
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

/** Errors that are the user's to fix: printed as one line, exit code 2. */
const USER_ERRORS = [
  UsageError,
  SettingsError,
  ConfigError,
  DataFileError,
  RangeError,
  UnknownPolicyError,
  TrainConfigError,
  CheckpointError,
  PolicyFolderError,
  ExploitOptionError,
  GridOptionError,
  PolicyQueryError,
  PresetSteadyStateError,
  AdaptiveGovernmentError,
  EquilibriumPolicyError,
  StackelbergInputError,
  ConstantGovernmentError,
  RegretInputError,
  RegretRecordError,
  TimeToGroundTruthError,
];

/** A solver that finds no equilibrium for the inputs given: said plainly, exit code 1. */
const NO_SOLUTION_ERRORS = [LaborEgmError, RootFindingError, PresetTransitionError, RegretError, FiscalRuleLimitError];

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
    const { values, positionals, given } = parse(command, rest);
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    if (command === 'replay' && positionals.length !== 1) throw new UsageError(`smfg replay needs exactly one recording folder, got ${positionals.length}\n${commandHelp('replay')}`);
    if (command !== 'replay' && positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${commandHelp(command)}`);
    switch (command) {
      case 'run':
        return commandRun(values);
      case 'reproduce':
        return await commandReproduce(values, (args) => sweepCommand(args, sweepContext()));
      case 'evaluate':
        return commandEvaluate(values);
      case 'exploit':
        return commandExploit(values);
      case 'equilibrium':
        return commandEquilibrium(values, given);
      case 'stackelberg':
        return commandStackelberg(values);
      case 'regret':
        return commandRegret(values);
      case 'time-to-truth':
        return commandTimeToTruth(values);
      case 'train':
        return await commandTrain(values, rest, given);
      case 'train-bc':
        return await commandTrainBc(values);
      case 'replay':
        return commandReplay(values, positionals[0]);
      case 'bench':
        return await commandBench(values);
    }
    return 2;
  } catch (error) {
    if (USER_ERRORS.some((kind) => error instanceof kind)) {
      console.error(`smfg ${command}: ${(error as Error).message}`);
      return 2;
    }
    if (error instanceof ExploitUndefinedError) {
      console.error(`smfg ${command}: ${error.message}`);
      return 1;
    }
    if (NO_SOLUTION_ERRORS.some((kind) => error instanceof kind)) {
      console.error(`smfg ${command}: no equilibrium found: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
