/**
 * `smfg sweep ...`: flags, help and printing for the sweep layer. cli.ts hands over the
 * arguments with what the sweep needs to know of the other commands (their option names, the
 * methods, the policy names); the work is in plan, local, slurm, status and collect.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { textTable } from '../analysis/report/textTable.js';
import { runCell } from './cell.js';
import { collectFolder, collectedJson } from './collect.js';
import { runLocal } from './local.js';
import { evaluatePlan, parseSets, planPath, readPlan, savePlan, SweepError, trainPlan, type CommandOptions, type Plan } from './plan.js';
import { DEFAULT_TEMPLATE, checkSlurmOptions, readTemplate, renderScript, submit, type SlurmOptions } from './slurm.js';
import { countStates, sweepStatus, type CellStatus } from './status.js';

export interface SweepContext {
  train: CommandOptions;
  evaluate: CommandOptions;
  /** Methods smfg train knows (its METHODS). */
  methods: readonly string[];
  /** Throw for a government / household name smfg evaluate would not take. */
  checkGovernment: (name: string) => void;
  checkHouseholds: (name: string) => void;
}

export const SWEEP_ENGINES = ['local', 'slurm'] as const;

export const SWEEP_USAGE = `usage:
  smfg sweep train --methods smfrl[,mf,...] --ns 100[,1000] --seeds 1,2,3 [--set name=value ...] --out <folder> [engine]
  smfg sweep evaluate --govs <names|policy folders> --households <names|policy folders> --ns 100 --seeds 1,2,3 [--set name=value ...] --out <folder> [engine]
  smfg sweep status <folder> [--json]
  smfg sweep collect <folder> [--json] [--eval-seeds 5]
  smfg sweep template            print the built-in Slurm template (to edit and pass with --template)
  smfg sweep cell <folder> <i>   run cell i (what each Slurm array task runs)

A sweep writes <folder>/plan.json (one cell per grid point: its exact command and its folder
<folder>/cells/<id>/), then runs the cells that are not done. Giving the same command again resumes
the sweep: done cells never rerun; a train cell killed or cancelled resumes from its last checkpoint.
--set passes an option of smfg train / smfg evaluate to every cell (e.g. --set epochs=5
--set updatesPerEpoch=20); the same name given twice or more is an axis of the grid
(--set hidden=32 --set hidden=64).

engine:
  --engine local|slurm    local (default): here, as many cells at once as cores (--parallel k)
                          slurm: one sbatch --array script; SLURM_ARRAY_TASK_ID picks the cell
  --partition P --account A --time T --mem M --cpus-per-task C   #SBATCH lines
  --sbatch qos=high       any other #SBATCH line (repeatable; also --sbatch='#SBATCH --qos=high')
  --template <file>       a batch script template instead (smfg sweep template prints the default)
  --max-running k         at most k array tasks at once
  --dry-run               print the script, submit nothing
  --wait                  slurm: wait until the submitted tasks have left the queue
  --quiet                 no progress bar

Each sub-command in full, and setting a sweep up on a Slurm cluster: docs/sweeps.md.`;

const list = (flag: string, value: string | undefined): string[] => {
  if (value === undefined) throw new SweepError(`--${flag} is required\n\n${SWEEP_USAGE}`);
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new SweepError(`--${flag} must be a comma-separated list without empty items; got '${value}'`);
  return items;
};

const integers = (flag: string, value: string | undefined, min: number): number[] =>
  list(flag, value).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) throw new SweepError(`--${flag} must be a comma-separated list of integers >= ${min}; got '${s}'`);
    return n;
  });

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new SweepError(`--${flag} must be an integer >= ${min}; got '${value}'`);
  return n;
}

const ENGINE_OPTIONS = {
  engine: { type: 'string', default: 'local' },
  parallel: { type: 'string' },
  partition: { type: 'string' },
  account: { type: 'string' },
  time: { type: 'string' },
  mem: { type: 'string' },
  'cpus-per-task': { type: 'string' },
  sbatch: { type: 'string', multiple: true },
  template: { type: 'string' },
  'max-running': { type: 'string' },
  'dry-run': { type: 'boolean' },
  wait: { type: 'boolean' },
  quiet: { type: 'boolean' },
  out: { type: 'string' },
  ns: { type: 'string' },
  seeds: { type: 'string' },
  set: { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const;

const SUBCOMMAND_OPTIONS = {
  train: { ...ENGINE_OPTIONS, methods: { type: 'string' } },
  evaluate: { ...ENGINE_OPTIONS, govs: { type: 'string' }, households: { type: 'string' } },
  status: { json: { type: 'boolean' }, help: { type: 'boolean' } },
  collect: { json: { type: 'boolean' }, 'eval-seeds': { type: 'string', default: '5' }, help: { type: 'boolean' } },
  cell: { help: { type: 'boolean' } },
  template: { help: { type: 'boolean' } },
} as const;
type Subcommand = keyof typeof SUBCOMMAND_OPTIONS;

function parse(sub: Subcommand, argv: string[]) {
  const options = SUBCOMMAND_OPTIONS[sub];
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SweepError(`${(error as Error).message.split('\n')[0]}\nallowed options of 'smfg sweep ${sub}': ${Object.keys(options).map((k) => `--${k}`).join(', ')}`);
  }
}

function positionalFolder(sub: string, positionals: string[], count = 1): string[] {
  if (positionals.length !== count) throw new SweepError(`smfg sweep ${sub} needs ${count === 1 ? 'the sweep folder' : 'the sweep folder and a cell index'}, got ${positionals.length} argument(s)\n\n${SWEEP_USAGE}`);
  return positionals;
}

function statusTable(statuses: CellStatus[]): string {
  const counts = countStates(statuses);
  const rows = statuses.map((s) => [s.index, s.id, s.state, s.epochs === null ? '' : `${s.epochsDone ?? 0}/${s.epochs}`, s.detail]);
  return `${textTable(['#', 'cell', 'state', 'epochs', 'detail'], rows)}\n${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`;
}

async function runEngine(plan: Plan, values: Record<string, unknown>): Promise<number> {
  const engine = values.engine as string;
  if (!(SWEEP_ENGINES as readonly string[]).includes(engine)) throw new SweepError(`--engine must be one of ${SWEEP_ENGINES.join(', ')}; got '${engine}'`);
  const slurm: SlurmOptions = {
    partition: values.partition as string | undefined,
    account: values.account as string | undefined,
    time: values.time as string | undefined,
    mem: values.mem as string | undefined,
    cpusPerTask: integer('cpus-per-task', values['cpus-per-task'] as string | undefined, 1),
    extra: (values.sbatch as string[] | undefined) ?? [],
    maxRunning: integer('max-running', values['max-running'] as string | undefined, 1),
    template: values.template as string | undefined,
  };
  const slurmFlags = ['partition', 'account', 'time', 'mem', 'cpus-per-task', 'sbatch', 'template', 'max-running', 'dry-run', 'wait'].filter((f) => values[f] !== undefined);
  // every flag checked before the plan is written: a typo leaves no folder behind
  if (engine === 'local' && slurmFlags.length > 0) throw new SweepError(`${slurmFlags.map((f) => `--${f}`).join(', ')} ${slurmFlags.length === 1 ? 'is' : 'are'} for --engine slurm only`);
  if (engine === 'slurm' && values.parallel !== undefined) throw new SweepError('--parallel belongs to --engine local (with Slurm: --max-running)');
  const parallel = integer('parallel', values.parallel as string | undefined, 1);
  if (engine === 'slurm') {
    checkSlurmOptions(slurm);
    if (slurm.template) readTemplate(slurm.template);
  }
  if (values['dry-run']) {
    if (existsSync(planPath(plan.out))) savePlan(plan, { check: true });
  } else savePlan(plan);
  console.error(`sweep: ${plan.cells.length} cell(s), plan ${planPath(plan.out)}`);
  if (engine === 'local') {
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const result = await runLocal(plan, { parallel, quiet: Boolean(values.quiet), abort: abort.signal });
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    for (const o of result.outcomes) if (o.message) console.error(`cell ${o.cell.id}: ${o.message}`);
    const statuses = sweepStatus(plan);
    console.log(statusTable(statuses));
    console.log(`local engine: ${result.outcomes.length} cell(s) run in ${result.seconds.toFixed(1)} s; plan ${plan.out}/plan.json`);
    return countStates(statuses).done === plan.cells.length ? 0 : 1;
  }
  const statuses = sweepStatus(plan);
  // done cells never rerun; queued or running ones are already on their way
  const todo = statuses.filter((s) => s.state === 'failed' || (s.state === 'pending' && !s.slurm)).map((s) => s.index);
  if (todo.length === 0) {
    console.log(statusTable(statuses));
    console.log('nothing to submit: every cell is done, queued or running');
    return 0;
  }
  const script = renderScript(plan, todo, slurm);
  if (values['dry-run']) {
    process.stdout.write(script);
    return 0;
  }
  const submission = submit(plan, todo, script);
  console.log(`submitted Slurm job ${submission.jobId}: array of ${todo.length} cell(s) [${todo.join(',')}], script ${submission.script}`);
  if (!values.wait) return 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = sweepStatus(plan).filter((s) => todo.includes(s.index));
    if (!now.some((s) => s.state === 'running' || s.slurm?.state === 'PENDING' || s.slurm?.state === 'RUNNING')) break;
  }
  const final = sweepStatus(plan);
  console.log(statusTable(final));
  return countStates(final).done === plan.cells.length ? 0 : 1;
}

export async function sweepCommand(argv: string[], context: SweepContext): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (!sub || sub === '--help' || sub === 'help') {
      console.log(SWEEP_USAGE);
      return sub ? 0 : 2;
    }
    if (!(sub in SUBCOMMAND_OPTIONS)) throw new SweepError(`unknown sweep command '${sub}'; one of ${Object.keys(SUBCOMMAND_OPTIONS).join(', ')}\n\n${SWEEP_USAGE}`);
    const { values, positionals } = parse(sub as Subcommand, rest);
    if (values.help) {
      console.log(SWEEP_USAGE);
      return 0;
    }
    const v = values as Record<string, unknown>;
    switch (sub as Subcommand) {
      case 'train':
      case 'evaluate': {
        if (positionals.length > 0) throw new SweepError(`unexpected argument '${positionals[0]}'\n\n${SWEEP_USAGE}`);
        if (v.out === undefined) throw new SweepError('--out <folder> is required: the sweep folder (plan.json, one folder per cell); on a cluster, a shared file system');
        const options = sub === 'train' ? context.train : context.evaluate;
        const sets = parseSets((v.set as string[] | undefined) ?? [], options, sub);
        const ns = integers('ns', v.ns as string | undefined, 1);
        const seeds = integers('seeds', v.seeds as string | undefined, 0);
        let plan: Plan;
        if (sub === 'train') {
          const methods = list('methods', v.methods as string | undefined);
          for (const m of methods) if (!context.methods.includes(m)) throw new SweepError(`--methods: smfg train knows ${context.methods.join(', ')}; got '${m}'`);
          plan = trainPlan({ methods, ns, seeds, sets }, v.out as string, options);
        } else {
          const govs = list('govs', v.govs as string | undefined);
          const households = list('households', v.households as string | undefined);
          const check = (flag: string, name: string, f: (n: string) => void) => {
            try {
              f(name);
            } catch (error) {
              throw new SweepError(`--${flag}: ${(error as Error).message}`);
            }
          };
          for (const g of govs) check('govs', g, context.checkGovernment);
          for (const h of households) check('households', h, context.checkHouseholds);
          plan = evaluatePlan({ govs, households, ns, seeds, sets }, v.out as string, options);
        }
        return await runEngine(plan, v);
      }
      case 'status': {
        const [folder] = positionalFolder(sub, positionals);
        const statuses = sweepStatus(readPlan(folder));
        if (v.json) console.log(JSON.stringify({ cells: statuses, counts: countStates(statuses) }));
        else console.log(statusTable(statuses));
        return 0;
      }
      case 'collect': {
        const [folder] = positionalFolder(sub, positionals);
        const plan = readPlan(folder);
        const collected = await collectFolder(folder, { evalSeeds: v['eval-seeds'] as string });
        const cells = collected.cells.objects() as Record<string, unknown>[];
        const summary = collected.summary.objects() as Record<string, unknown>[];
        if (v.json) {
          console.log(JSON.stringify(collectedJson(plan, cells, summary, collected.missing)));
          return 0;
        }
        const show = (rows: Record<string, unknown>[]) => {
          const columns = Object.keys(rows[0]).filter((c) => !/_(low|high|survivors.*|survivor_seeds)$/.test(c) && !['cell', 'evalSeeds'].includes(c));
          return textTable(columns, rows.map((r) => columns.map((c) => (r[c] ?? '') as string | number)));
        };
        console.log(`per cell (smfg evaluate --json of each cell alone):\n${show(cells)}\n\nover seeds (mean; intervals in the CSV and --json):\n${show(summary)}`);
        if (collected.missing.length > 0) console.log(`\nnot done, left out: ${collected.missing.join(', ')}`);
        console.log(`\nwritten: ${collected.files.cellsCsv}, ${collected.files.summaryCsv}, ${collected.files.json}`);
        return 0;
      }
      case 'cell': {
        const [folder, indexText] = positionalFolder(sub, positionals, 2);
        const plan = readPlan(folder);
        const index = Number(indexText);
        if (!Number.isInteger(index) || index < 0 || index >= plan.cells.length) throw new SweepError(`cell index must be an integer in [0, ${plan.cells.length - 1}]; got '${indexText}'`);
        const abort = new AbortController();
        // scancel and Slurm's time limit send SIGTERM: stop the command and record the attempt
        process.once('SIGTERM', () => abort.abort());
        process.once('SIGINT', () => abort.abort());
        const outcome = await runCell(plan, index, { abort: abort.signal });
        console.log(`cell ${index} ${plan.cells[index].id}: ${outcome.state}${outcome.resumed ? ' (resumed from its checkpoint)' : ''}${outcome.exitCode ? `, exit ${outcome.exitCode}` : ''}${outcome.signal ? ` (${outcome.signal})` : ''}`);
        return outcome.state === 'failed' ? (outcome.exitCode ?? 1) || 1 : 0;
      }
      case 'template':
        process.stdout.write(DEFAULT_TEMPLATE);
        return 0;
    }
    return 2;
  } catch (error) {
    if (error instanceof SweepError) {
      console.error(`smfg sweep${sub ? ` ${sub}` : ''}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
