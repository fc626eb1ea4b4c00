/**
 * Speed of learning: SMFRL updates per second in plain TypeScript at several N (the sampled
 * update's cost must not grow with N; the full update's does), the same critic step through
 * TensorFlow.js on every backend that loads here, and the time to a target reward from the
 * process start (a fresh process per run, as a user would start it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createEconomy } from '../../data/defaults.js';
import { projectRoot } from '../../data/paths.js';
import { ReplayBuffer } from '../../learning/replay.js';
import { collect } from '../../learning/rollout.js';
import { methodDefinition } from '../../learning/methods/index.js';
import type { BenchCase } from '../../learning/method.js';
import { tf, useBestBackend, type BackendName } from '../../learning/backend.js';

export type UpdateMode = BenchCase['update'];

export interface UpdateSpeedRow {
  n: number;
  update: UpdateMode;
  updatesPerSecond: number;
  msPerUpdate: number;
  heapMegabytes: number;
}

/** Updates per second of a method (both sides; SMFRL by default) after collecting `years` of a random-policy economy. */
export function smfrlUpdateSpeed(n: number, update: UpdateMode, budgetMs = 2000, years = 300, method = 'smfrl'): UpdateSpeedRow {
  const definition = methodDefinition(method);
  // only a method with an `update` setting (SMFRL) has a full update; the others always sample
  const agent = definition.create('update' in definition.settings ? { update, nStep: 20 } : { nStep: 20 }, 1, n);
  const buffer = new ReplayBuffer(ReplayBuffer.capacityFor(n, 512 * 2 ** 20, 100_000), n);
  const economy = createEconomy({ n, seed: 1, preset: 'paper' });
  try {
    collect(agent, economy, buffer, years);
  } finally {
    economy.close();
  }
  for (let k = 0; k < 3; k++) agent.update(buffer);
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < budgetMs || count < 3) {
    agent.update(buffer);
    count++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { n, update, updatesPerSecond: count / seconds, msPerUpdate: (1000 * seconds) / count, heapMegabytes: process.memoryUsage().rss / 2 ** 20 };
}

export interface CriticStepRow {
  engine: string;
  stepsPerSecond: number;
}

const CRITIC_SIZES = [13, 64, 64, 1];
const BATCH = 256;

/** The same step through TensorFlow.js on `backend` (null if that backend does not load here). */
export async function tfjsCriticSteps(backend: BackendName, budgetMs = 1500): Promise<CriticStepRow | null> {
  try {
    if ((await useBestBackend(backend)) !== backend) return null;
  } catch {
    return null;
  }
  const variables: import('@tensorflow/tfjs').Variable[] = [];
  for (let l = 0; l + 1 < CRITIC_SIZES.length; l++) {
    variables.push(tf.variable(tf.randomNormal([CRITIC_SIZES[l], CRITIC_SIZES[l + 1]], 0, 0.1)), tf.variable(tf.zeros([CRITIC_SIZES[l + 1]])));
  }
  const optimiser = tf.train.adam(1e-3);
  const x = tf.randomNormal([BATCH, 13]);
  const y = tf.randomNormal([BATCH, 1]);
  const step = () =>
    tf.tidy(() => {
      optimiser.minimize(() => {
        let h: import('@tensorflow/tfjs').Tensor = x;
        for (let l = 0; l < variables.length; l += 2) {
          h = tf.add(tf.matMul(h, variables[l]), variables[l + 1]);
          if (l + 2 < variables.length) h = tf.relu(h);
        }
        return tf.losses.meanSquaredError(y, h) as import('@tensorflow/tfjs').Scalar;
      });
    });
  const rate = timed(step, budgetMs);
  tf.dispose([...variables, x, y]);
  optimiser.dispose();
  return { engine: `TensorFlow.js ${backend}`, stepsPerSecond: rate };
}

function timed(step: () => void, budgetMs: number): number {
  for (let k = 0; k < 10; k++) step();
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < budgetMs) {
    step();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

export interface TimeToTargetRow {
  n: number;
  seed: number;
  seconds: number | null;
  epochs: number;
}

/**
 * The settings SMFRL reaches every seed's target with (docs/learning.md, Findings, "Learners
 * racing"; tuned on seeds 301-310, 507 and 601-610): epochs of 150 years and 50 updates (the
 * default ratio, evaluated twice as often), a restart after 2 evaluations without a new best
 * instead of 3, and three learners racing on the two cores (race.ts).
 */
export const TARGET_RECIPE = ['--steps-per-epoch', '150', '--updates-per-epoch', '50', '--restart-after-stall', '2', '--learners', '3'] as const;

/** `smfg train --target-reward` with TARGET_RECIPE in a fresh process per seed; seconds from that process's start. */
export function timeToTarget(n: number, seeds: number[], target: number, budgetSeconds: number): TimeToTargetRow[] {
  return seeds.map((seed) => {
    const out = mkdtempSync(join(tmpdir(), 'smfg-bench-train-'));
    try {
      const result = spawnSync(
        process.execPath,
        [join(projectRoot(), 'dist', 'cli.js'), 'train', '--method', 'smfrl', '--n', String(n), '--seed', String(seed), '--target-reward', String(target), '--budget-s', String(budgetSeconds), '--epochs', '1000', ...TARGET_RECIPE, '--quiet', '--out', join(out, 'run')],
        { encoding: 'utf8' },
      );
      const line = result.stdout.trim().split('\n').pop() ?? '';
      const match = /^time_to_target_s=(.+)$/.exec(line);
      // a race's epochs: its winner's
      const winner = /^learner (\d+) won/m.exec(result.stdout);
      const epochs = (winner ? new RegExp(`^learner ${winner[1]}: (\\d+) epochs`, 'm') : /^(\d+) epochs/m).exec(result.stdout);
      return { n, seed, seconds: match && match[1] !== 'none' ? Number(match[1]) : null, epochs: epochs ? Number(epochs[1]) : 0 };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}

export interface EpochTimeRow {
  method: string;
  n: number;
  /** Wall seconds of one epoch (collection, updates, evaluation), or null when the run failed. */
  secondsPerEpoch: number | null;
}

/**
 * One epoch of `smfg train` with the method's default settings, in a fresh process: the run's
 * clock at the end of its second epoch less that at the end of its first (start-up, the first
 * epoch's compilation and warm-up excluded).
 */
export function epochSeconds(method: string, n: number, timeoutSeconds = 3600): EpochTimeRow {
  const out = mkdtempSync(join(tmpdir(), 'smfg-bench-epoch-'));
  try {
    spawnSync(process.execPath, [join(projectRoot(), 'dist', 'cli.js'), 'train', '--method', method, '--n', String(n), '--epochs', '2', '--quiet', '--out', join(out, 'run')], { encoding: 'utf8', timeout: timeoutSeconds * 1000 });
    const path = join(out, 'run', 'metrics.jsonl');
    const rows = existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { runSeconds: number }) : [];
    return { method, n, secondsPerEpoch: rows.length >= 2 ? rows[1].runSeconds - rows[0].runSeconds : null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
