/**
 * One cell of a sweep, run idempotently by either engine: a done cell returns at once; a train
 * cell with a checkpoint resumes (`smfg train --resume`), otherwise it starts afresh in its own
 * folder. A lock file (running.json) keeps two runners off one cell; done.json or failed.json
 * records how the last attempt ended, each written atomically.
 *
 * Cell folder <out>/cells/<id>/: running.json, done.json | failed.json, log.txt (the command's
 * output, appended per attempt), run/ (train: smfg train's run folder), evaluation.json
 * (evaluate: smfg evaluate --json).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { runDirOf, shellQuote, SweepError, type Cell, type Plan } from './plan.js';

export const cellFile = (cell: Pick<Cell, 'dir'>, name: 'running.json' | 'done.json' | 'failed.json' | 'log.txt' | 'evaluation.json') => join(cell.dir, name);

export interface CellLock {
  host: string;
  pid: number;
  started: string;
  /** Slurm's ids when the cell runs as an array task. */
  slurmJobId: string | null;
  slurmArrayJobId: string | null;
  slurmArrayTaskId: string | null;
}

export interface CellOutcome {
  cell: Cell;
  state: 'done' | 'failed' | 'skipped';
  resumed: boolean;
  exitCode: number | null;
  signal: string | null;
  seconds: number;
  /** Why the cell did not run (e.g. another runner holds it). */
  message?: string;
}

export function readJsonFile<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a Slurm job is still queued or running (false when squeue has never heard of it or is missing). */
function slurmJobLive(jobId: string): boolean {
  const q = spawnSync('squeue', ['--noheader', '--format=%T', `--jobs=${jobId}`], { encoding: 'utf8' });
  return q.status === 0 && q.stdout.trim() !== '';
}

/** Whether the runner that wrote this lock still runs: its pid on this host, or its Slurm job. */
export function lockLive(lock: CellLock): boolean {
  if (lock.host === hostname()) return pidAlive(lock.pid);
  if (lock.slurmJobId) return slurmJobLive(lock.slurmJobId);
  return true; // another machine without Slurm ids: we cannot tell, so we assume it runs
}

function takeLock(cell: Cell): void {
  mkdirSync(cell.dir, { recursive: true });
  const path = cellFile(cell, 'running.json');
  const lock: CellLock = {
    host: hostname(),
    pid: process.pid,
    started: new Date().toISOString(),
    slurmJobId: process.env.SLURM_JOB_ID ?? null,
    slurmArrayJobId: process.env.SLURM_ARRAY_JOB_ID ?? null,
    slurmArrayTaskId: process.env.SLURM_ARRAY_TASK_ID ?? null,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx': created only if absent, so two runners cannot both hold the cell
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(lock, null, 2) + '\n');
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readJsonFile<CellLock>(path);
      if (held && lockLive(held)) throw new SweepError(`cell ${cell.id} is already running (host ${held.host}, pid ${held.pid}${held.slurmJobId ? `, Slurm job ${held.slurmJobId}` : ''}, since ${held.started}); if it is not, remove ${path}`);
      rmSync(path, { force: true }); // the runner that held it is gone
    }
  }
  throw new SweepError(`cell ${cell.id}: could not take ${path}`);
}

/** The last bytes of a file (a log's closing lines). */
function logTail(path: string, bytes = 256): string {
  const text = readFileSync(path);
  return text.subarray(Math.max(0, text.length - bytes)).toString('utf8');
}

/** Train: resume from the last checkpoint; a run folder without one (killed in its first epoch) starts over. */
function commandFor(cell: Cell, kind: Plan['kind']): { argv: string[]; resumed: boolean } {
  if (kind !== 'train') return { argv: cell.argv, resumed: false };
  const runDir = runDirOf(cell);
  if (existsSync(join(runDir, 'checkpoints', 'latest.json'))) return { argv: ['train', '--resume', runDir], resumed: true };
  // nothing saved yet is nothing lost: smfg train refuses a folder that holds a config.json
  if (existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
  return { argv: cell.argv, resumed: false };
}

/**
 * Runs cell `index` of the plan unless it is done. `abort` stops the command (SIGTERM); the
 * attempt is then recorded as failed, to resume on the next submission.
 */
export async function runCell(plan: Plan, index: number, options: { abort?: AbortSignal } = {}): Promise<CellOutcome> {
  const cell = plan.cells[index];
  if (!cell) throw new SweepError(`cell index must be an integer in [0, ${plan.cells.length - 1}]; got ${index}`);
  if (existsSync(cellFile(cell, 'done.json'))) return { cell, state: 'skipped', resumed: false, exitCode: 0, signal: null, seconds: 0 };
  takeLock(cell);
  const started = performance.now();
  const { argv, resumed } = commandFor(cell, plan.kind);
  const [program, ...programArgs] = plan.launcher;
  const log = openSync(cellFile(cell, 'log.txt'), 'a');
  writeSync(log, `\n=== ${new Date().toISOString()} ${hostname()} pid ${process.pid}${process.env.SLURM_JOB_ID ? ` slurm job ${process.env.SLURM_JOB_ID}` : ''}: ${[...plan.launcher, ...argv].map(shellQuote).join(' ')}\n`);
  let stdout = '';
  let exitCode: number | null = null;
  let signal: string | null = null;
  try {
    const child = spawn(program, [...programArgs, ...argv], { stdio: ['ignore', plan.kind === 'evaluate' ? 'pipe' : log, log] });
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    const stop = () => child.kill('SIGTERM');
    options.abort?.addEventListener('abort', stop);
    if (options.abort?.aborted) stop();
    [exitCode, signal] = await new Promise<[number | null, string | null]>((done) => {
      child.on('error', (error) => {
        writeSync(log, `cannot start ${program}: ${error.message}\n`);
        done([127, null]);
      });
      child.on('close', (code, sig) => done([code, sig]));
    });
    options.abort?.removeEventListener('abort', stop);
    if (exitCode === 0 && plan.kind === 'evaluate') {
      try {
        JSON.parse(stdout);
        writeFileAtomic(cellFile(cell, 'evaluation.json'), stdout.trim() + '\n');
      } catch {
        writeSync(log, `smfg evaluate --json printed no JSON object:\n${stdout}\n`);
        exitCode = 1;
      }
    }
    // smfg train exits 1 when a --target-reward was not reached by the end: a finished run all the same
    const targetMissed = plan.kind === 'train' && exitCode === 1 && /time_to_target_s=none\s*$/.test(logTail(cellFile(cell, 'log.txt')));
    const seconds = (performance.now() - started) / 1000;
    const record = { exitCode, signal, resumed, targetMissed, seconds, finished: new Date().toISOString(), host: hostname(), slurmJobId: process.env.SLURM_JOB_ID ?? null, aborted: options.abort?.aborted ?? false };
    if (exitCode === 0 || targetMissed) {
      writeFileAtomic(cellFile(cell, 'done.json'), JSON.stringify(record, null, 2) + '\n');
      rmSync(cellFile(cell, 'failed.json'), { force: true });
    } else {
      writeFileAtomic(cellFile(cell, 'failed.json'), JSON.stringify(record, null, 2) + '\n');
    }
    const ok = exitCode === 0 || targetMissed;
    writeSync(log, `=== ${ok ? `done${targetMissed ? ' (target reward not reached)' : ''}` : `failed (exit ${exitCode}${signal ? `, ${signal}` : ''})`} after ${seconds.toFixed(1)} s\n`);
    return { cell, state: ok ? 'done' : 'failed', resumed, exitCode, signal, seconds };
  } finally {
    closeSync(log);
    rmSync(cellFile(cell, 'running.json'), { force: true });
  }
}
