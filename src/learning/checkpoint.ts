/**
 * Checkpoints: one folder per saved epoch (checkpoints/epoch-000012/) with state.json (the
 * agent's and the trainer's state) and weights.bin (the agent's parameters and optimiser
 * moments, little-endian float64, its SHA-256 in state.json). The folder is written under a
 * temporary name and renamed, then checkpoints/latest.json is replaced atomically: a run killed
 * at any moment leaves the previous checkpoint whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import type { AgentMeta } from './agentState.js';

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export interface Checkpoint<T> {
  agent: AgentMeta;
  weights: Float64Array;
  trainer: T;
}

interface StateFile<T> {
  format: 'smfg-checkpoint-1';
  agent: AgentMeta;
  trainer: T;
  weights: { file: string; count: number; sha256: string };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function float64Bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function checkpointFolderName(epoch: number): string {
  return `epoch-${String(epoch).padStart(6, '0')}`;
}

/** Writes a checkpoint for `epoch` under `root` (runs/<id>/checkpoints) and points latest.json at it. */
export function writeCheckpoint<T>(root: string, epoch: number, checkpoint: Checkpoint<T>, keep = 2): string {
  mkdirSync(root, { recursive: true });
  const name = checkpointFolderName(epoch);
  const temporary = join(root, `.${name}.tmp-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  const bytes = float64Bytes(checkpoint.weights);
  writeFileSync(join(temporary, 'weights.bin'), bytes);
  const state: StateFile<T> = {
    format: 'smfg-checkpoint-1',
    agent: checkpoint.agent,
    trainer: checkpoint.trainer,
    weights: { file: 'weights.bin', count: checkpoint.weights.length, sha256: sha256(bytes) },
  };
  writeFileSync(join(temporary, 'state.json'), JSON.stringify(state));
  const final = join(root, name);
  rmSync(final, { recursive: true, force: true });
  renameSync(temporary, final);
  writeFileAtomic(join(root, 'latest.json'), JSON.stringify({ epoch, folder: name }) + '\n');
  // older checkpoints beyond `keep` go; latest.json never points at them
  const folders = readdirSync(root).filter((f) => /^epoch-\d{6}$/.test(f)).sort();
  for (const old of folders.slice(0, Math.max(0, folders.length - keep))) rmSync(join(root, old), { recursive: true, force: true });
  return final;
}

/** Reads the checkpoint latest.json points at; every problem is a CheckpointError naming the file and field. */
export function readLatestCheckpoint<T>(root: string): Checkpoint<T> & { epoch: number; folder: string } {
  const latestPath = join(root, 'latest.json');
  if (!existsSync(latestPath)) throw new CheckpointError(`${latestPath} is missing: no checkpoint was saved in this run yet`);
  let latest: { epoch: number; folder: string };
  try {
    latest = JSON.parse(readFileSync(latestPath, 'utf8'));
  } catch (error) {
    throw new CheckpointError(`${latestPath}: not valid JSON (${(error as Error).message})`);
  }
  if (!Number.isInteger(latest?.epoch) || typeof latest.folder !== 'string' || !/^epoch-\d{6}$/.test(latest.folder)) {
    throw new CheckpointError(`${latestPath}: expected {"epoch": <integer>, "folder": "epoch-NNNNNN"}`);
  }
  const folder = join(root, latest.folder);
  return { ...readCheckpoint<T>(folder), epoch: latest.epoch, folder };
}

export function readCheckpoint<T>(folder: string): Checkpoint<T> {
  const statePath = join(folder, 'state.json');
  let state: StateFile<T>;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8'));
  } catch (error) {
    throw new CheckpointError(`${statePath}: cannot read the checkpoint state (${(error as Error).message})`);
  }
  if (state?.format !== 'smfg-checkpoint-1') throw new CheckpointError(`${statePath}: format is '${state?.format}', expected 'smfg-checkpoint-1'`);
  if (!state.weights || typeof state.weights.sha256 !== 'string' || !Number.isInteger(state.weights.count)) throw new CheckpointError(`${statePath}: weights must give file, count and sha256`);
  const weights = readFloat64File(join(folder, 'weights.bin'), state.weights.count, state.weights.sha256, 'state.json', 'checkpoint', (m) => new CheckpointError(m));
  return { agent: state.agent, weights, trainer: state.trainer };
}

/** A float64 file of `count` numbers whose SHA-256 `manifest` gives; errors say truncated or corrupt. */
export function readFloat64File(path: string, count: number, expectedSha256: string, manifest: string, what: string, error: (message: string) => Error): Float64Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw error(`${path}: cannot read (${(e as Error).message})`);
  }
  if (bytes.length !== count * 8) throw error(`${path}: ${bytes.length} bytes, ${manifest} expects ${count * 8} (truncated ${what}, or made for other network sizes)`);
  if (sha256(bytes) !== expectedSha256) throw error(`${path}: SHA-256 does not match ${manifest} (corrupt ${what})`);
  const values = new Float64Array(count);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}
