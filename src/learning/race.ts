/**
 * Several learners racing towards one target reward (`smfg train --learners K`), each a whole
 * training run (train.ts) on its own worker thread, with its own networks and attempts
 * (attemptSeed's stream for learner k) and the run's economies. A single learner's time to target
 * is heavy-tailed (docs/learning.md, "Restarts towards a target"); K independent learners take the
 * least of K draws, and at N = 100 the second core, which one learner leaves idle most of an
 * epoch, trains the second learner.
 *
 * The winner is the learner that reached the target in the fewest epochs, the lower index on a
 * tie: a learner that reaches first on the clock waits for the others to finish as many epochs,
 * so the winner and its numbers do not depend on the threads' timing. Each learner's run is the
 * run `train({ ...config, learner: k })` gives alone (its folder runDir/learner-<k>, resumable on
 * its own); the race copies the winner's policies to runDir/policy and runDir/best-policy and
 * records the race in runDir/race.json.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, parentPort } from 'node:worker_threads';
import { writeFileAtomic } from '../data/atomic.js';
import { useBestBackend } from './backend.js';
import { moduleWorkerSource } from './moduleWorker.js';
import { TrainConfigError, makeTrainConfig, reachesTarget, train, type EpochMetrics, type TrainConfig, type TrainInput, type TrainResult } from './train.js';

export interface RaceOptions {
  /** The race's folder (created); learner k trains in runDir/learner-<k>. */
  runDir: string;
  command?: string;
  environment?: Record<string, unknown>;
  /** Each learner's epochs as they are saved. */
  onEpoch?: (learner: number, metrics: EpochMetrics) => void;
}

export interface LearnerSummary {
  runDir: string;
  /** Epochs saved when the race was decided. */
  epochs: number;
  /** The epoch whose evaluation reached the target (null: not by then). */
  reachedAtEpoch: number | null;
  attempt: number;
}

export interface RaceResult {
  runDir: string;
  config: TrainConfig;
  learners: LearnerSummary[];
  /** The learner whose policy the race keeps (null: none reached the target). */
  winner: number | null;
  /** Seconds from the process start to the race's decision (every learner's work and evaluation included). */
  timeToTargetSeconds: number | null;
  stoppedBy: TrainResult['stoppedBy'];
}

/** A learner's config: one learner, evaluating inline, its economies on one thread (the cores are the learners'). */
export function learnerConfig(config: TrainConfig, learner: number): TrainConfig {
  return makeTrainConfig({ ...config, learners: 1, learner, backgroundEvaluation: false, economy: { ...config.economy, threads: 'single' } });
}

type LearnerMessage =
  | { kind: 'epoch'; learner: number; metrics: EpochMetrics; reached: boolean }
  | { kind: 'done'; learner: number; stoppedBy: TrainResult['stoppedBy'] }
  | { kind: 'error'; learner: number; error: string };

interface LearnerData {
  learner: number;
  config: TrainConfig;
  runDir: string;
  command: string | null;
  environment: Record<string, unknown>;
}

/** The worker thread's side: one learner's training run, its epochs posted as they are saved. */
export async function serveLearner(data: LearnerData): Promise<void> {
  const post = (message: LearnerMessage) => parentPort!.postMessage(message);
  try {
    await useBestBackend();
    const result = train(data.config, {
      runDir: data.runDir,
      command: data.command ?? undefined,
      environment: data.environment,
      onEpoch: (p) => post({ kind: 'epoch', learner: data.learner, metrics: p.metrics, reached: reachesTarget(p.evaluation, p.config.targetReward) }),
    });
    post({ kind: 'done', learner: data.learner, stoppedBy: result.stoppedBy });
  } catch (error) {
    post({ kind: 'error', learner: data.learner, error: (error as Error)?.stack ?? String(error) });
  }
}

/** The winner once it is decided: the fewest epochs to the target, then the lower index; undefined while a learner behind could still win. */
export function raceWinner(learners: readonly { epochs: number; reachedAtEpoch: number | null; done: boolean }[]): number | null | undefined {
  let winner: number | null = null;
  learners.forEach((l, k) => {
    if (l.reachedAtEpoch !== null && (winner === null || l.reachedAtEpoch < learners[winner].reachedAtEpoch!)) winner = k;
  });
  if (winner === null) return learners.every((l) => l.done) ? null : undefined;
  const at = learners[winner].reachedAtEpoch!;
  // every other learner has trained past that epoch without reaching, reached, or ended
  return learners.every((l) => l.done || l.reachedAtEpoch !== null || l.epochs > at) ? winner : undefined;
}

/** Copies a folder so that the destination appears whole or not at all. */
function copyFolderAtomic(from: string, to: string): void {
  if (!existsSync(from)) return;
  const temporary = `${to}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  cpSync(from, temporary, { recursive: true });
  rmSync(to, { recursive: true, force: true });
  renameSync(temporary, to);
}

export async function race(input: TrainInput, options: RaceOptions): Promise<RaceResult> {
  const config = makeTrainConfig(input);
  if (config.targetReward === null) throw new TrainConfigError('a race needs a target reward (targetReward, --target-reward)');
  const { runDir } = options;
  if (existsSync(join(runDir, 'race.json')) || existsSync(join(runDir, 'config.json'))) throw new TrainConfigError(`${runDir} already holds a run; choose another folder`);
  const count = config.learners;
  const configs = Array.from({ length: count }, (_, k) => learnerConfig(config, k));
  mkdirSync(runDir, { recursive: true });
  const learnerDir = (k: number) => join(runDir, `learner-${k}`);
  const record = (extra: Record<string, unknown>) =>
    writeFileAtomic(join(runDir, 'race.json'), JSON.stringify({ config, command: options.command ?? null, environment: options.environment ?? {}, learners: configs.map((_, k) => `learner-${k}`), ...extra }, null, 2) + '\n');
  record({ created: new Date().toISOString() });

  const state = configs.map(() => ({ epochs: 0, reachedAtEpoch: null as number | null, done: false, attempt: 0, stoppedBy: 'epochs' as TrainResult['stoppedBy'] }));
  const workers: Worker[] = [];
  const source = moduleWorkerSource('race', 'serveLearner', "require('node:worker_threads').parentPort.postMessage({ kind: 'error', learner: workerData.learner, error: String(error && error.stack || error) });");
  let decided: { winner: number | null; seconds: number } | null = null;
  let settled = false;
  try {
    decided = await new Promise<{ winner: number | null; seconds: number }>((resolve, reject) => {
      const check = () => {
        const winner = raceWinner(state);
        if (winner !== undefined) resolve({ winner, seconds: process.uptime() });
      };
      configs.forEach((learnerConfigK, k) => {
        const data: LearnerData = { learner: k, config: learnerConfigK, runDir: learnerDir(k), command: options.command ?? null, environment: options.environment ?? {} };
        const worker = new Worker(source, { eval: true, workerData: data });
        workers.push(worker);
        worker.on('message', (message: LearnerMessage) => {
          const s = state[message.learner];
          if (message.kind === 'error') return reject(new Error(`learner ${message.learner} failed: ${message.error}`));
          if (message.kind === 'done') {
            s.done = true;
            s.stoppedBy = message.stoppedBy;
          } else {
            s.epochs = message.metrics.epoch + 1;
            s.attempt = message.metrics.attempt;
            if (message.reached && s.reachedAtEpoch === null) s.reachedAtEpoch = message.metrics.epoch;
            options.onEpoch?.(message.learner, message.metrics);
          }
          check();
        });
        worker.on('error', (error) => reject(new Error(`learner ${k}'s thread failed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (!state[k].done && !settled) reject(new Error(`learner ${k}'s thread exited (code ${code}) before its run ended`));
        });
      });
    });
  } finally {
    // losers stop where they are: their folders hold their last saved epoch (writes are atomic)
    settled = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const { winner, seconds } = decided;
  if (winner !== null) {
    copyFolderAtomic(join(learnerDir(winner), 'policy'), join(runDir, 'policy'));
    copyFolderAtomic(join(learnerDir(winner), 'best-policy'), join(runDir, 'best-policy'));
  }
  const stoppedBy: TrainResult['stoppedBy'] = winner !== null ? 'target' : state.some((s) => s.stoppedBy === 'budget') ? 'budget' : 'epochs';
  const learners = state.map((s, k) => ({ runDir: learnerDir(k), epochs: s.epochs, reachedAtEpoch: s.reachedAtEpoch, attempt: s.attempt }));
  const result: RaceResult = { runDir, config, learners, winner, timeToTargetSeconds: winner === null ? null : seconds, stoppedBy };
  record({ winner, timeToTargetSeconds: result.timeToTargetSeconds, stoppedBy, decided: new Date().toISOString(), learnerSummaries: learners });
  return result;
}
