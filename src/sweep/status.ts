/**
 * Where each cell of a sweep stands, from its folder (done.json, failed.json, a live lock, the
 * run's metrics) and, where the sweep was submitted to Slurm, from squeue (queued and running
 * array tasks) and sacct (how finished ones ended, where accounting is on).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellFile, lockLive, readJsonFile, type CellLock } from './cell.js';
import { runDirOf, type Cell, type Plan } from './plan.js';
import { slurmCellStates, type SlurmCellState } from './slurm.js';

export const CELL_STATES = ['done', 'running', 'failed', 'pending'] as const;
export type CellState = (typeof CELL_STATES)[number];

export interface CellStatus {
  index: number;
  id: string;
  state: CellState;
  /** Why, in words: "queued as Slurm job 12_3", "exit 1", "interrupted (pid 123 gone)". */
  detail: string;
  /** Train cells: epochs saved so far and planned (null before the run starts). */
  epochsDone: number | null;
  epochs: number | null;
  slurm: SlurmCellState | null;
}

function countLines(path: string): number | null {
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
}

/** Epochs saved and planned, from the run folder's metrics.jsonl and config.json. */
export function trainProgress(cell: Cell): { epochsDone: number | null; epochs: number | null } {
  const runDir = runDirOf(cell);
  const config = readJsonFile<{ config?: { epochs?: number } }>(join(runDir, 'config.json'));
  return { epochsDone: countLines(join(runDir, 'metrics.jsonl')), epochs: typeof config?.config?.epochs === 'number' ? config.config.epochs : null };
}

export function cellStatus(plan: Plan, cell: Cell, slurm: SlurmCellState | null): CellStatus {
  const progress = plan.kind === 'train' ? trainProgress(cell) : { epochsDone: null, epochs: null };
  const base = { index: cell.index, id: cell.id, ...progress, slurm };
  if (existsSync(cellFile(cell, 'done.json'))) return { ...base, state: 'done', detail: '' };
  const lock = readJsonFile<CellLock>(cellFile(cell, 'running.json'));
  if (lock && lockLive(lock)) return { ...base, state: 'running', detail: `host ${lock.host}, pid ${lock.pid}${lock.slurmJobId ? `, Slurm job ${lock.slurmArrayJobId ?? lock.slurmJobId}_${lock.slurmArrayTaskId ?? ''}` : ''}, since ${lock.started}` };
  if (slurm?.state === 'RUNNING') return { ...base, state: 'running', detail: `Slurm job ${slurm.jobId} starting` };
  if (slurm && ['PENDING', 'CONFIGURING', 'REQUEUED'].includes(slurm.state)) return { ...base, state: 'pending', detail: `queued as Slurm job ${slurm.jobId} (${slurm.state.toLowerCase()})` };
  const failed = readJsonFile<{ exitCode: number | null; signal: string | null }>(cellFile(cell, 'failed.json'));
  const ended = slurm ? `; Slurm: ${slurm.state.toLowerCase()}` : '';
  if (lock) return { ...base, state: 'failed', detail: `interrupted (runner pid ${lock.pid} on ${lock.host} is gone)${ended}` };
  if (failed) return { ...base, state: 'failed', detail: `exit ${failed.exitCode ?? '-'}${failed.signal ? ` (${failed.signal})` : ''}${ended}; see ${cellFile(cell, 'log.txt')}` };
  return { ...base, state: 'pending', detail: progress.epochsDone ? 'has a checkpoint; resumes when the sweep is submitted again' : 'not started' };
}

export function sweepStatus(plan: Plan): CellStatus[] {
  const slurm = slurmCellStates(plan.out);
  return plan.cells.map((cell) => cellStatus(plan, cell, slurm.get(cell.index) ?? null));
}

export function countStates(statuses: readonly CellStatus[]): Record<CellState, number> {
  const counts = Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
  for (const s of statuses) counts[s.state]++;
  return counts;
}
