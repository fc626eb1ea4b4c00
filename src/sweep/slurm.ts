/**
 * The Slurm engine: one `sbatch --array` script for the cells still to run, in which
 * SLURM_ARRAY_TASK_ID picks the cell (`smfg sweep cell <folder> <index>`). The script comes from
 * flags (--partition, --account, --time, --mem, --cpus-per-task, extra #SBATCH lines) or from a
 * template file the user edits. Slurm is called as commands (sbatch, squeue, sacct); the
 * submissions are kept in <out>/slurm/submissions.json for `sweep status`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { projectRoot } from '../data/paths.js';
import { readJsonFile } from './cell.js';
import { shellQuote, SweepError, type Plan } from './plan.js';

export interface SlurmOptions {
  partition?: string;
  account?: string;
  time?: string;
  mem?: string;
  cpusPerTask?: number;
  /** Extra lines: 'qos=high', '--qos=high' or '#SBATCH --qos=high'. */
  extra?: string[];
  /** At most this many array tasks at once (the array's %k). */
  maxRunning?: number;
  /** A template file (see DEFAULT_TEMPLATE) instead of the built-in one. */
  template?: string;
}

export const TEMPLATE_FIELDS = ['job_name', 'array', 'output', 'sbatch_options', 'project', 'cell_command'] as const;
const REQUIRED_FIELDS = ['array', 'cell_command'] as const;

/** The built-in template; `smfg sweep template` prints it for editing (module loads, conda, ...). */
export const DEFAULT_TEMPLATE = `#!/bin/bash
# smfg sweep: one array task per cell; SLURM_ARRAY_TASK_ID picks the cell in plan.json.
#SBATCH --job-name={{job_name}}
#SBATCH --array={{array}}
#SBATCH --output={{output}}
{{sbatch_options}}
# site setup goes here, e.g.: module load nodejs/20
set -euo pipefail
cd {{project}}
# a finished cell returns at once; a cancelled one resumes from its last checkpoint
exec {{cell_command}}
`;

const TIME = /^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+|\d+-\d+:\d{2}|\d+-\d+:\d{2}:\d{2})$/;
const MEM = /^\d+[KMGT]?$/;
const NAME = /^[A-Za-z0-9_.,-]+$/;

export function checkSlurmOptions(o: SlurmOptions): void {
  if (o.partition !== undefined && !NAME.test(o.partition)) throw new SweepError(`--partition must be a partition name (letters, digits, _ . , -); got '${o.partition}'`);
  if (o.account !== undefined && !NAME.test(o.account)) throw new SweepError(`--account must be an account name (letters, digits, _ . , -); got '${o.account}'`);
  if (o.time !== undefined && !TIME.test(o.time)) throw new SweepError(`--time must be a Slurm time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS; got '${o.time}'`);
  if (o.mem !== undefined && !MEM.test(o.mem)) throw new SweepError(`--mem must be a size such as 4G, 500M or 2000 (megabytes); got '${o.mem}'`);
  for (const line of o.extra ?? []) {
    const option = sbatchOption(line);
    if (/^--(array|output|job-name)\b/.test(option)) throw new SweepError(`--sbatch '${line}': the sweep sets ${option.split('=')[0]} itself`);
  }
}

/** '--qos=high' or '#SBATCH --qos=high' as the option; anything else is an error. */
function sbatchOption(line: string): string {
  let option = line.replace(/^#SBATCH\s+/, '').trim();
  // 'qos=high' is '--qos=high' (a value starting with -- must be written --sbatch=--qos=high)
  if (/^[A-Za-z]/.test(option)) option = `--${option}`;
  if (!/^(--[A-Za-z][A-Za-z0-9-]*(=.*)?|-[A-Za-z](\s*\S.*)?)$/.test(option) || /[\n\r]/.test(option)) throw new SweepError(`--sbatch takes one sbatch option per flag, such as qos=high, --sbatch=--qos=high or '#SBATCH --qos=high'; got '${line}'`);
  return option;
}

/** Cell indices as Slurm's array list: 0-3,5,7-8 (and %k). */
export function arraySpec(indices: readonly number[], maxRunning?: number): string {
  const parts: string[] = [];
  for (let k = 0; k < indices.length; ) {
    let j = k;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    parts.push(j > k ? `${indices[k]}-${indices[j]}` : String(indices[k]));
    k = j + 1;
  }
  return parts.join(',') + (maxRunning ? `%${maxRunning}` : '');
}

/** Reads a template and checks its {{fields}}. */
export function readTemplate(path: string): string {
  if (!existsSync(path)) throw new SweepError(`--template ${path}: no such file`);
  const text = readFileSync(path, 'utf8');
  checkTemplate(text, path);
  return text;
}

function checkTemplate(text: string, name: string): void {
  for (const [, field] of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(field)) throw new SweepError(`${name}: unknown field {{${field}}}; fields: ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(', ')}`);
  }
  for (const field of REQUIRED_FIELDS) if (!text.includes(`{{${field}}}`)) throw new SweepError(`${name}: the template must contain {{${field}}} (${field === 'array' ? '#SBATCH --array={{array}}' : 'exec {{cell_command}}: the line that runs the cell'})`);
  if (!text.startsWith('#!')) throw new SweepError(`${name}: a batch script must start with #! (e.g. #!/bin/bash)`);
}

/** The batch script for these cells of the plan. */
export function renderScript(plan: Plan, indices: readonly number[], options: SlurmOptions): string {
  checkSlurmOptions(options);
  const template = options.template ? readTemplate(options.template) : DEFAULT_TEMPLATE;
  const lines: string[] = [];
  if (options.partition) lines.push(`--partition=${options.partition}`);
  if (options.account) lines.push(`--account=${options.account}`);
  if (options.time) lines.push(`--time=${options.time}`);
  if (options.mem) lines.push(`--mem=${options.mem}`);
  if (options.cpusPerTask) lines.push(`--cpus-per-task=${options.cpusPerTask}`);
  for (const line of options.extra ?? []) lines.push(sbatchOption(line));
  const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
    job_name: `smfg-${plan.kind}-${plan.out.split('/').filter(Boolean).pop()}`.replace(/[^A-Za-z0-9_.-]/g, '_'),
    array: arraySpec(indices, options.maxRunning),
    output: join(plan.out, 'slurm', '%A_%a.out'),
    sbatch_options: lines.map((l) => `#SBATCH ${l}`).join('\n'),
    project: shellQuote(projectRoot()),
    cell_command: [...plan.launcher, 'sweep', 'cell', plan.out].map(shellQuote).join(' ') + ' "$SLURM_ARRAY_TASK_ID"',
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, field: keyof typeof values) => values[field]);
}

export interface Submission {
  jobId: string;
  indices: number[];
  script: string;
  submitted: string;
}

const submissionsPath = (out: string) => join(out, 'slurm', 'submissions.json');

export function readSubmissions(out: string): Submission[] {
  return readJsonFile<Submission[]>(submissionsPath(out)) ?? [];
}

/** Submits the script with sbatch; returns the job id. */
export function submit(plan: Plan, indices: readonly number[], script: string): Submission {
  const previous = readSubmissions(plan.out);
  const path = join(plan.out, 'slurm', `submit-${previous.length + 1}.sbatch`);
  writeFileAtomic(path, script);
  const result = spawnSync('sbatch', ['--parsable', path], { encoding: 'utf8' });
  if (result.error) throw new SweepError(`cannot run sbatch (${(result.error as NodeJS.ErrnoException).code}): --engine slurm needs Slurm's commands on PATH (a login node of the cluster); --dry-run prints the script without submitting`);
  if (result.status !== 0) throw new SweepError(`sbatch ${path} failed (exit ${result.status}): ${result.stderr.trim()}`);
  const jobId = result.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(jobId)) throw new SweepError(`sbatch printed '${result.stdout.trim()}', not a job id`);
  const submission = { jobId, indices: [...indices], script: path, submitted: new Date().toISOString() };
  writeFileAtomic(submissionsPath(plan.out), JSON.stringify([...previous, submission], null, 2) + '\n');
  return submission;
}

export interface SlurmCellState {
  /** <array job>_<task>. */
  jobId: string;
  /** Slurm's state: PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, TIMEOUT, ... */
  state: string;
}

/**
 * The Slurm state of each submitted cell, the latest submission first: squeue for queued and
 * running tasks, then sacct for finished ones (skipped where accounting is off or Slurm absent).
 */
export function slurmCellStates(out: string): Map<number, SlurmCellState> {
  const states = new Map<number, SlurmCellState>();
  const submissions = readSubmissions(out);
  if (submissions.length === 0) return states;
  const ids = submissions.map((s) => s.jobId).join(',');
  const collect = (text: string) => {
    for (const line of text.split('\n')) {
      const [id, state] = line.trim().split('|');
      const match = /^(\d+)_(\d+)$/.exec(id ?? '');
      if (!match || !state) continue;
      const index = Number(match[2]);
      const latest = [...submissions].reverse().find((s) => s.indices.includes(index));
      // a cell's state comes from its latest submission only
      if (latest?.jobId === match[1] && !states.has(index)) states.set(index, { jobId: id, state: state.split(' ')[0] });
    }
  };
  // all of this user's jobs, filtered here: squeue --jobs fails whole when one id has left the queue
  const queue = spawnSync('squeue', ['--noheader', '--array', '--me', '--format=%i|%T'], { encoding: 'utf8' });
  if (queue.status === 0) collect(queue.stdout);
  const accounting = spawnSync('sacct', ['--noheader', '--parsable2', '--allocations', '--format=JobID,State', `--jobs=${ids}`], { encoding: 'utf8' });
  if (accounting.status === 0) collect(accounting.stdout);
  return states;
}
