/**
 * The training loop every method shares: epochs of collecting years into the replay buffer,
 * updating, evaluating without noise on economies training never sees, measuring
 * exploitability, and saving (metrics, a checkpoint with the replay segment, the policy) so that
 * a run killed at any moment resumes from its last saved epoch with the same numbers.
 *
 * Run folder runs/<id>/: config.json, metrics.jsonl and metrics.csv (one row per epoch),
 * checkpoints/, replay/, policy/ (the latest evaluated policy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOVERNMENT_TASKS, PRESETS, type GovernmentTask, type Preset } from '../economy/config.js';
import { createEconomy } from '../data/defaults.js';
import { writeFileAtomic } from '../data/atomic.js';
import { agentFromState, agentToState } from './agentState.js';
import { CheckpointError, readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';
import { measureExploitability, type Exploitability } from './exploitability.js';
import { savePolicy } from './policyFolder.js';
import { ReplayBuffer } from './replay.js';
import { restoreReplay, writeReplaySegment } from './replayFile.js';
import { collect, evaluateAgent, type AgentEvaluation } from './rollout.js';
import { Smfrl, makeSmfrlConfig, type SmfrlConfig, type UpdateLosses } from './smfrl.js';

export const METHODS = ['smfrl'] as const;
export type Method = (typeof METHODS)[number];

export interface TrainConfig {
  method: Method;
  n: number;
  task: GovernmentTask;
  preset: Preset;
  seed: number;
  /** Most epochs to run. */
  epochs: number;
  /** Years collected per epoch. */
  stepsPerEpoch: number;
  updatesPerEpoch: number;
  /** Evaluate every k epochs (and after the last). */
  evalEvery: number;
  /** Evaluation economies (one noise-free episode each), seeds disjoint from training's. */
  evalEpisodes: number;
  /** Measure exploitability every k evaluations (0: never). */
  exploitEvery: number;
  exploitUpdates: number;
  /** Stop at the first evaluation with mean government reward >= this and every episode alive. */
  targetReward: number | null;
  /** Stop when this many seconds have passed since the process started (null: no limit). */
  budgetSeconds: number | null;
  /** Memory for the replay buffer, megabytes; capacity in years is at most replayCapacity. */
  replayMegabytes: number;
  replayCapacity: number;
  smfrl: SmfrlConfig;
}

export const DEFAULT_TRAIN: Omit<TrainConfig, 'smfrl'> = {
  method: 'smfrl',
  n: 100,
  task: 'gdp',
  preset: 'paper',
  seed: 1,
  epochs: 30,
  stepsPerEpoch: 300,
  updatesPerEpoch: 100,
  evalEvery: 1,
  evalEpisodes: 3,
  exploitEvery: 0,
  exploitUpdates: 50,
  targetReward: null,
  budgetSeconds: null,
  replayMegabytes: 1024,
  replayCapacity: 100_000,
};

export class TrainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

type TrainInput = Partial<Omit<TrainConfig, 'smfrl'>> & { smfrl?: Parameters<typeof makeSmfrlConfig>[0] };

export function makeTrainConfig(input: TrainInput = {}): TrainConfig {
  const { smfrl, ...rest } = input;
  const known = new Set([...Object.keys(DEFAULT_TRAIN), 'smfrl']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new TrainConfigError(`unknown training setting '${key}'; settings: ${[...known].join(', ')}`);
  const c = { ...DEFAULT_TRAIN, ...rest } as Omit<TrainConfig, 'smfrl'>;
  if (!METHODS.includes(c.method)) throw new TrainConfigError(`method must be one of ${METHODS.join(', ')}; got '${c.method}' (the learned baselines come later)`);
  if (!GOVERNMENT_TASKS.includes(c.task)) throw new TrainConfigError(`task must be one of ${GOVERNMENT_TASKS.join(', ')}; got '${c.task}'`);
  if (!PRESETS.includes(c.preset)) throw new TrainConfigError(`preset must be one of ${PRESETS.join(', ')}; got '${c.preset}'`);
  const integer = (name: keyof typeof c, min: number) => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || v < min) throw new TrainConfigError(`${name} must be an integer >= ${min}, got ${v}`);
  };
  integer('n', 1);
  integer('seed', 0);
  integer('epochs', 1);
  integer('stepsPerEpoch', 1);
  integer('updatesPerEpoch', 0);
  integer('evalEvery', 1);
  integer('evalEpisodes', 1);
  integer('exploitEvery', 0);
  integer('exploitUpdates', 1);
  integer('replayCapacity', 1);
  if (!(c.replayMegabytes > 0)) throw new TrainConfigError(`replayMegabytes must be a number > 0, got ${c.replayMegabytes}`);
  if (c.targetReward !== null && !Number.isFinite(c.targetReward)) throw new TrainConfigError(`targetReward must be a number, got ${c.targetReward}`);
  if (c.budgetSeconds !== null && !(c.budgetSeconds > 0)) throw new TrainConfigError(`budgetSeconds must be a number > 0, got ${c.budgetSeconds}`);
  let smfrlConfig: SmfrlConfig;
  try {
    smfrlConfig = makeSmfrlConfig(smfrl ?? {});
  } catch (error) {
    throw new TrainConfigError((error as Error).message);
  }
  return { ...c, smfrl: smfrlConfig };
}

/** Seeds of the training economies (one per epoch) and of the evaluation economies: never equal. */
export function trainingEconomySeed(seed: number, epoch: number): number {
  return seed * 100_003 + epoch;
}
export function evaluationSeeds(seed: number, episodes: number): number[] {
  return Array.from({ length: episodes }, (_, k) => 1_000_000_007 + seed * 1_009 + k);
}

/** The stopping rule: mean government reward at least the target, and every evaluation episode alive to the end. */
export function reachesTarget(evaluation: Pick<AgentEvaluation, 'allSurvived' | 'meanGovernmentReward'> | null, target: number | null): boolean {
  return evaluation !== null && target !== null && evaluation.allSurvived && evaluation.meanGovernmentReward >= target;
}

export interface EpochMetrics {
  epoch: number;
  /** Seconds since this process started (a resumed run counts from its own start). */
  processSeconds: number;
  /** Seconds of training work in this run, summed over its processes. */
  trainSeconds: number;
  collectedYears: number;
  episodesEnded: number;
  meanEndedEpisodeYears: number | null;
  updates: number;
  updatesPerSecond: number;
  leaderCriticLoss: number;
  leaderActorLoss: number;
  followerCriticLoss: number;
  followerActorLoss: number;
  evalGovernmentReward: number | null;
  evalSocialWelfare: number | null;
  evalYears: number | null;
  evalGdpPerHousehold: number | null;
  evalAllSurvived: boolean | null;
  exploitLeaderGain: number | null;
  exploitFollowerGain: number | null;
  collectSeconds: number;
  /** Of collectSeconds: in the economy (steps, observations) and in the networks (acting). */
  collectEconomySeconds: number;
  collectPolicySeconds: number;
  updateSeconds: number;
  evalSeconds: number;
  exploitSeconds: number;
  saveSeconds: number;
}

interface TrainerState {
  config: TrainConfig;
  epoch: number;
  replayTotal: number;
  trainSeconds: number;
  metricsRows: number;
  targetReached: boolean;
}

export interface TrainProgress {
  config: TrainConfig;
  metrics: EpochMetrics;
  evaluation: AgentEvaluation | null;
  exploitability: Exploitability | null;
}

export interface TrainOptions {
  /** The run folder (created). */
  runDir: string;
  /** Written into config.json and the policy's provenance. */
  command?: string;
  onEpoch?: (progress: TrainProgress) => void;
  /** Extra facts for config.json (versions, backend). */
  environment?: Record<string, unknown>;
}

export interface TrainResult {
  runDir: string;
  config: TrainConfig;
  metrics: EpochMetrics[];
  targetReached: boolean;
  /** Process seconds at the evaluation that reached the target. */
  timeToTargetSeconds: number | null;
  agent: Smfrl;
}

function readMetrics(runDir: string, rows: number): EpochMetrics[] {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < rows) throw new CheckpointError(`${path}: ${lines.length} rows, the checkpoint has ${rows}`);
  return lines.slice(0, rows).map((l) => JSON.parse(l));
}

function writeMetrics(runDir: string, metrics: EpochMetrics[]): void {
  writeFileAtomic(join(runDir, 'metrics.jsonl'), metrics.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const columns = Object.keys(metrics[0]) as (keyof EpochMetrics)[];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  writeFileAtomic(join(runDir, 'metrics.csv'), [columns.join(','), ...metrics.map((m) => columns.map((c) => cell(m[c])).join(','))].join('\n') + '\n');
}

/** Starts a new run in options.runDir. */
export function train(input: TrainInput, options: TrainOptions): TrainResult {
  const config = makeTrainConfig(input);
  if (existsSync(join(options.runDir, 'config.json'))) throw new TrainConfigError(`${options.runDir} already holds a run; resume it with --resume or choose another folder`);
  writeFileAtomic(join(options.runDir, 'config.json'), JSON.stringify({ config, command: options.command ?? null, environment: options.environment ?? {}, created: new Date().toISOString() }, null, 2) + '\n');
  const agent = new Smfrl(config.smfrl, config.seed);
  const buffer = new ReplayBuffer(ReplayBuffer.capacityFor(config.n, config.replayMegabytes * 2 ** 20, config.replayCapacity), config.n);
  return runEpochs(agent, buffer, { config, epoch: 0, replayTotal: 0, trainSeconds: 0, metricsRows: 0, targetReached: false }, [], options);
}

/** Continues the run in runDir from its last checkpoint. */
export function resume(runDir: string, options: Omit<TrainOptions, 'runDir'> & { overrides?: Partial<Pick<TrainConfig, 'epochs' | 'targetReward' | 'budgetSeconds'>> } = {}): TrainResult {
  const configPath = join(runDir, 'config.json');
  if (!existsSync(configPath)) throw new CheckpointError(`${runDir} is not a training run: ${configPath} is missing`);
  const checkpoint = readLatestCheckpoint<TrainerState>(join(runDir, 'checkpoints'));
  const state = checkpoint.trainer;
  if (!state || !Number.isInteger(state.epoch) || !Number.isInteger(state.replayTotal)) throw new CheckpointError(`${checkpoint.folder}/state.json: trainer.epoch and trainer.replayTotal must be integers`);
  let config: TrainConfig;
  try {
    config = makeTrainConfig({ ...state.config, ...options.overrides });
  } catch (error) {
    throw new CheckpointError(`${checkpoint.folder}/state.json: trainer.config: ${(error as Error).message}`);
  }
  let agent: Smfrl;
  try {
    agent = agentFromState(checkpoint.agent, checkpoint.weights, `${checkpoint.folder}/state.json`);
  } catch (error) {
    throw new CheckpointError((error as Error).message);
  }
  const buffer = new ReplayBuffer(ReplayBuffer.capacityFor(config.n, config.replayMegabytes * 2 ** 20, config.replayCapacity), config.n);
  restoreReplay(join(runDir, 'replay'), buffer, state.replayTotal);
  const metrics = readMetrics(runDir, state.metricsRows);
  return runEpochs(agent, buffer, { ...state, config }, metrics, { ...options, runDir });
}

function runEpochs(agent: Smfrl, buffer: ReplayBuffer, state: TrainerState, metrics: EpochMetrics[], options: TrainOptions): TrainResult {
  const { config } = state;
  const { runDir } = options;
  const economyConfig = { n: config.n, task: config.task, preset: config.preset };
  // a resumed run that had already reached its target reports when it did
  let timeToTarget: number | null = state.targetReached && metrics.length > 0 ? metrics[metrics.length - 1].processSeconds : null;
  let evaluations = metrics.filter((m) => m.evalGovernmentReward !== null).length;
  while (state.epoch < config.epochs && !state.targetReached) {
    if (config.budgetSeconds !== null && process.uptime() >= config.budgetSeconds) break;
    const epoch = state.epoch;
    const started = performance.now();
    const clock = () => (performance.now() - started) / 1000;

    // 1. collect a fresh economy's years (its seed depends on the epoch: a resumed run gets the same one)
    const economy = createEconomy({ ...economyConfig, seed: trainingEconomySeed(config.seed, epoch) });
    const replayFrom = buffer.totalAdded;
    let collected;
    try {
      collected = collect(agent, economy, buffer, config.stepsPerEpoch);
    } finally {
      economy.close();
    }
    const collectSeconds = clock();

    // 2. update both sides
    let losses: UpdateLosses = { leaderCritic: NaN, leaderActor: NaN, followerCritic: NaN, followerActor: NaN };
    const sums = { leaderCritic: 0, leaderActor: 0, followerCritic: 0, followerActor: 0 };
    for (let k = 0; k < config.updatesPerEpoch; k++) {
      losses = agent.update(buffer);
      for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += losses[key];
    }
    const u = Math.max(1, config.updatesPerEpoch);
    const updateSeconds = clock() - collectSeconds;

    // 3. evaluate without noise; 4. exploitability on copies
    const last = epoch + 1 === config.epochs;
    let evaluation: AgentEvaluation | null = null;
    let exploitability: Exploitability | null = null;
    if ((epoch + 1) % config.evalEvery === 0 || last) {
      evaluation = evaluateAgent(agent, economyConfig, evaluationSeeds(config.seed, config.evalEpisodes));
      evaluations++;
    }
    const evalSeconds = clock() - collectSeconds - updateSeconds;
    if (evaluation && config.exploitEvery > 0 && evaluations % config.exploitEvery === 0) {
      exploitability = measureExploitability(agent, config.seed, buffer, config.exploitUpdates, evaluation, economyConfig);
    }
    const exploitSeconds = clock() - collectSeconds - updateSeconds - evalSeconds;
    const reached = reachesTarget(evaluation, config.targetReward);
    if (reached) timeToTarget = process.uptime();

    // 5. save: replay segment, policy, metrics, then the checkpoint that makes them count
    const ended = collected.endedEpisodeYears;
    const row: EpochMetrics = {
      epoch,
      processSeconds: process.uptime(),
      trainSeconds: state.trainSeconds + clock(),
      collectedYears: collected.years,
      episodesEnded: collected.episodesEnded,
      meanEndedEpisodeYears: ended.length ? ended.reduce((s, v) => s + v, 0) / ended.length : null,
      updates: agent.updates,
      updatesPerSecond: config.updatesPerEpoch / Math.max(updateSeconds, 1e-9),
      leaderCriticLoss: sums.leaderCritic / u,
      leaderActorLoss: sums.leaderActor / u,
      followerCriticLoss: sums.followerCritic / u,
      followerActorLoss: sums.followerActor / u,
      evalGovernmentReward: evaluation?.meanGovernmentReward ?? null,
      evalSocialWelfare: evaluation?.meanSocialWelfare ?? null,
      evalYears: evaluation?.meanYears ?? null,
      evalGdpPerHousehold: evaluation?.meanGdpPerHousehold ?? null,
      evalAllSurvived: evaluation?.allSurvived ?? null,
      exploitLeaderGain: exploitability?.leaderGain ?? null,
      exploitFollowerGain: exploitability?.followerGain ?? null,
      collectSeconds,
      collectEconomySeconds: collected.economySeconds,
      collectPolicySeconds: collected.policySeconds,
      updateSeconds,
      evalSeconds,
      exploitSeconds,
      saveSeconds: 0,
    };
    const saveStarted = clock();
    writeReplaySegment(join(runDir, 'replay'), buffer, replayFrom);
    if (evaluation) {
      savePolicy(join(runDir, 'policy'), agent, {
        method: config.method,
        n: config.n,
        task: config.task,
        preset: config.preset,
        provenance: { run: runDir, command: options.command ?? null, seed: config.seed, epoch, updates: agent.updates, trainSeconds: row.trainSeconds, config },
        evaluation: { seeds: evaluation.seeds, episodes: evaluation.episodes, meanGovernmentReward: evaluation.meanGovernmentReward, allSurvived: evaluation.allSurvived },
      });
    }
    row.saveSeconds = clock() - saveStarted;
    metrics.push(row);
    writeMetrics(runDir, metrics);
    state.epoch = epoch + 1;
    state.replayTotal = buffer.totalAdded;
    state.trainSeconds = row.trainSeconds;
    state.metricsRows = metrics.length;
    state.targetReached = reached;
    const { meta, weights } = agentToState(agent, config.seed);
    writeCheckpoint(join(runDir, 'checkpoints'), epoch, { agent: meta, weights, trainer: state });
    options.onEpoch?.({ config, metrics: row, evaluation, exploitability });
  }
  return { runDir, config, metrics, targetReached: state.targetReached, timeToTargetSeconds: timeToTarget, agent };
}

/** A loaded run's metrics (for notebooks and reports). */
export function readRunMetrics(runDir: string): EpochMetrics[] {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) throw new CheckpointError(`${runDir} is not a training run: ${path} is missing`);
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}
