/**
 * Helpers the learning tests share (smfrl, trainCli, baselines): temporary run folders, a filled
 * replay buffer, metrics without their timing columns, the CLI (from source or built), and a run
 * killed with SIGKILL then resumed next to one never killed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { createEconomy } from '../src/data/defaults.js';
import { ReplayBuffer } from '../src/learning/replay.js';
import { collect } from '../src/learning/rollout.js';
import type { Method } from '../src/learning/method.js';

export const tmpFolder = (prefix = 'smfg-test-') => mkdtempSync(join(tmpdir(), prefix));

/** Two fresh folders for two runs compared with each other, removed afterwards. */
export function withTwoRunFolders(work: (a: string, b: string) => void): void {
  const a = tmpFolder(), b = tmpFolder();
  try {
    work(a, b);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
}

/** A few collected years of a small economy in a buffer. */
export function filledBuffer(agent: Method, n: number, years: number, seed = 5): ReplayBuffer {
  const buffer = new ReplayBuffer(1000, n);
  const economy = createEconomy({ n, seed, preset: 'paper' });
  try {
    collect(agent, economy, buffer, years);
  } finally {
    economy.close();
  }
  return buffer;
}

/** Metrics rows without the columns that measure time (they differ between identical runs). */
export const withoutTimes = (rows: readonly object[]): Record<string, unknown>[] =>
  rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !/Seconds$|PerSecond$/.test(key))));

/** Non-empty lines of a file (0 if it does not exist yet): epochs saved to a metrics.jsonl. */
export const nonEmptyLines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length : 0);

/** A run folder's metrics.jsonl rows without their timing columns. */
export function metricsWithoutTimes(run: string): Record<string, unknown>[] {
  return withoutTimes(readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
}

/** How node starts smfg: from source through tsx, or as built (`npm run build`; npm test builds first). */
export const SOURCE_CLI = ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts')];
export const BUILT_CLI = [join(projectRoot(), 'dist', 'cli.js')];

/** smfg from source (through tsx). */
export const cli = (...args: string[]) => spawnSync(process.execPath, [...SOURCE_CLI, ...args], { encoding: 'utf8' });

/** smfg as built. */
export const builtCli = (...args: string[]) => spawnSync(process.execPath, [...BUILT_CLI, ...args], { encoding: 'utf8' });

/**
 * `smfg train <args>` twice into `root`: once whole, once killed with SIGKILL as soon as its first
 * checkpoint is on disk and then continued with --resume. Returns both folders and how many
 * epochs the killed run had written; the caller compares them. `entry`: SOURCE_CLI or BUILT_CLI.
 */
export async function killedAndWholeRuns(root: string, args: string[], epochs: number, entry = SOURCE_CLI): Promise<{ whole: string; killed: string; savedBeforeKill: number }> {
  const smfg = (...more: string[]) => spawnSync(process.execPath, [...entry, ...more], { encoding: 'utf8' });
  const whole = join(root, 'whole');
  const first = smfg('train', ...args, '--epochs', String(epochs), '--out', whole);
  assert.equal(first.status, 0, first.stderr);

  const killed = join(root, 'killed');
  const child = spawn(process.execPath, [...entry, 'train', ...args, '--epochs', String(epochs), '--out', killed], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  while (!existsSync(join(killed, 'checkpoints', 'latest.json')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  const signal = await exited;
  const savedBeforeKill = readFileSync(join(killed, 'metrics.jsonl'), 'utf8').trim().split('\n').length;
  assert.equal(signal, 'SIGKILL', 'the run ended before it was killed');
  assert.ok(savedBeforeKill < epochs, `killed after ${savedBeforeKill} of ${epochs} epochs`);

  const resumed = smfg('train', '--resume', killed, '--quiet');
  assert.equal(resumed.status, 0, resumed.stderr);
  return { whole, killed, savedBeforeKill };
}
