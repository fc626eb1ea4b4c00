/**
 * The training loop every method shares: epochs of collecting years into the replay buffer,
 * updating, evaluating without noise on economies training never sees, measuring
 * exploitability, and saving (metrics, a checkpoint with the replay segment, the policy) so that
 * a run killed at any moment resumes from its last saved epoch with the same numbers.
 *
 * Run folder runs/<id>/: config.json, metrics.jsonl and metrics.csv (one row per epoch),
 * checkpoints/, replay/, policy/ (the latest evaluated policy), best-policy/ (the best evaluated
 * one: every episode alive first, then years, then government reward).
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { GOVERNMENT_TASKS, PRESETS, makeConfig, type EconomyConfig } from '../economy/config.js';
import { GOVERNMENT_ACTION, PAPER_INSTRUMENTS, instrumentSpace } from '../economy/spaces.js';
import { createEconomy } from '../data/defaults.js';
import { writeFileAtomic } from '../data/atomic.js';
import { agentFromState, agentToState } from './agentState.js';
import { CheckpointError, readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';
import { measureExploitability, type Exploitability } from './exploitability.js';
import { savePolicy } from './policyFolder.js';
import { ReplayBuffer } from './replay.js';
import { FRESH_ATTEMPT, afterEvaluation, type AttemptRecord, type RestartLimits } from './restartRule.js';
import { restoreReplay, writeReplaySegment } from './replayFile.js';
import { collect, evaluateAgent, type AgentEvaluation, type CollectStats } from './rollout.js';
import { actorsFromSnapshot, snapshotActors, type ActorSet, type ActorSnapshot } from './acting.js';
import { BackgroundEvaluator } from './backgroundEvaluation.js';
import { METHOD_NAMES, METHOD_REGISTRY, methodDefinition } from './methods/index.js';
import { allows, defaultsOf, makeSettings, mustBe, type Schema, type SettingsOf, type SettingSpec } from './settings.js';
import type { Losses, Method } from './method.js';

export { METHOD_NAMES as METHODS };

/**
 * The training loop's settings, declared once: defaults, documentation, checks and the flags of
 * `smfg train` (each method's own settings are in its schema, methods/<method>.ts).
 */
export const TRAIN_SETTINGS = {
  method: { kind: 'choice', default: 'smfrl', choices: METHOD_NAMES, doc: `the method: ${METHOD_NAMES.map((m) => `${m} (${METHOD_REGISTRY[m].summary})`).join(' | ')}` },
  n: { kind: 'integer', default: 100, min: 1, max: 50_000_000, doc: 'number of households' },
  task: { kind: 'choice', default: 'gdp', choices: GOVERNMENT_TASKS, doc: 'government objective' },
  preset: { kind: 'choice', default: 'paper', choices: PRESETS, doc: 'economy preset' },
  instruments: { kind: 'list', default: PAPER_INSTRUMENTS.names, choices: GOVERNMENT_ACTION.names, doc: "the government's instruments the leader learns, one output each (the others hold a raw action of 0)" },
  seed: { kind: 'integer', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'seed of the networks, noise and training economies' },
  epochs: { kind: 'integer', default: 30, min: 1, doc: 'most epochs' },
  stepsPerEpoch: { kind: 'integer', default: 300, min: 1, doc: 'years collected per epoch' },
  updatesPerEpoch: { kind: 'integer', default: 100, min: 0, doc: 'updates of each side per epoch' },
  evalEvery: { kind: 'integer', default: 1, min: 1, doc: 'evaluate every k epochs (and after the last)' },
  evalEpisodes: { kind: 'integer', default: 3, min: 1, max: 1000, doc: "evaluation economies, one noise-free episode each, seeds disjoint from training's" },
  exploitEvery: { kind: 'integer', default: 0, min: 0, doc: 'exploitability every k evaluations (0: never)' },
  exploitUpdates: { kind: 'integer', default: 50, min: 1, doc: 'updates of one side alone when measuring exploitability' },
  targetReward: { kind: 'number', default: null, doc: 'stop at the first evaluation with this mean government reward, every episode alive' },
  restartAfterStall: {
    kind: 'integer',
    default: 3,
    min: 0,
    max: 1000,
    doc: "with a target reward: after this many evaluations in a row without a new best of the attempt (every episode alive first, then years, then government reward), start again from new networks seeded for the next attempt and an empty replay buffer; 0: never. Replay methods only (the AI Economist's curriculum holds its government still for its first epochs)",
  },
  restartAfterEvaluations: {
    kind: 'integer',
    default: 8,
    min: 0,
    max: 100_000,
    doc: 'with a target reward: an attempt that has not reached it after this many evaluations starts again the same way (a cutoff that bounds the heavy tail of the time to target); 0: never. Replay methods only',
  },
  learners: {
    kind: 'integer',
    default: 1,
    min: 1,
    max: 16,
    doc: "with a target reward: learners racing towards it side by side, each on a worker thread with its own networks and attempts (its seeds apart from the others'), evaluating inline; the first to reach it in the fewest epochs wins (race.ts). 1: one learner, evaluating on the second core",
  },
  learner: { kind: 'integer', default: 0, min: 0, max: 15, flag: null, doc: "which learner of a race this run is (0 alone): its attempts' seeds (attemptSeed) are apart from the other learners'" },
  budgetSeconds: { kind: 'number', default: null, min: 0, openMin: true, flag: 'budget-s', doc: "start no new epoch once the run's clock (runSeconds: this process's seconds plus a resumed run's earlier processes') has reached this many seconds" },
  replayMegabytes: { kind: 'number', default: 1024, min: 0, openMin: true, flag: 'replay-mb', doc: 'replay buffer memory, MB (its capacity in years at most replayCapacity)' },
  replayCapacity: { kind: 'integer', default: 100_000, min: 1, flag: null, doc: 'most years the replay buffer holds' },
  backgroundEvaluation: {
    kind: 'boolean',
    default: true,
    flag: 'eval-inline',
    flagSets: false,
    doc: 'true: evaluate on a worker thread while the next epoch trains, when there are 2 cores and no exploitability is measured; --eval-inline (false): on the main thread between epochs; the same numbers either way',
  },
} as const satisfies Schema;

export type TrainConfig = SettingsOf<typeof TRAIN_SETTINGS> & {
  /** The method's own settings (its schema in methods/<method>.ts), defaults filled in. */
  settings: Record<string, unknown>;
  /** Economy config fields beyond n, task and preset (environment.md; `smfg train --config`), for every economy of the run. */
  economy: Partial<EconomyConfig>;
  /**
   * A fixed government's raw action (`smfg train --gov constant:...`): the leader holds it and only
   * the followers learn (their best response to it, to set beside the equilibrium solver's); its
   * entries set the instruments (five: the paper's, six: with the transfer). null: the leader learns.
   */
  government: number[] | null;
};

type LoopConfig = Omit<TrainConfig, 'settings' | 'economy' | 'government'>;
export const DEFAULT_TRAIN: LoopConfig = defaultsOf(TRAIN_SETTINGS);

/** What a resumed run may change; everything else is the run's saved configuration. */
export const RESUME_SETTINGS = ['epochs', 'targetReward', 'budgetSeconds', 'backgroundEvaluation'] as const;

export class TrainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

export type TrainInput = Partial<LoopConfig> & { settings?: Record<string, unknown>; economy?: Partial<EconomyConfig>; government?: number[] | null };

/** Fields of the economy the loop sets itself (flags of their own, or one per economy). */
const LOOP_ECONOMY_FIELDS = ['n', 'task', 'preset', 'seed'];

export function makeTrainConfig(input: TrainInput = {}): TrainConfig {
  const { settings, economy = {}, government = null, ...rest } = input;
  const known = new Set([...Object.keys(TRAIN_SETTINGS), 'settings', 'economy', 'government']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new TrainConfigError(`unknown training setting '${key}'; settings: ${[...known].join(', ')}`);
  const c = { ...DEFAULT_TRAIN, ...rest } as LoopConfig;
  if (government !== null) {
    const all = GOVERNMENT_ACTION, least = PAPER_INSTRUMENTS.size;
    if (!Array.isArray(government) || government.length < least || government.length > all.size || !government.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) {
      throw new TrainConfigError(`government (a fixed government's raw action) must hold ${least} to ${all.size} numbers in [0, 1] (${all.names.join(', ')}: the raw actions a leader's u in [-1, 1] can set), got ${JSON.stringify(government)}`);
    }
    // the leader sets exactly the action's entries
    c.instruments = all.names.slice(0, government.length);
  }
  for (const [name, spec] of Object.entries(TRAIN_SETTINGS) as [keyof typeof c, SettingSpec][]) {
    const value = c[name];
    if (!allows(spec, value)) throw new TrainConfigError(mustBe(name, spec, typeof value === 'string' ? `'${value}'` : String(value)));
  }
  if (c.learners > 1 && c.targetReward === null) throw new TrainConfigError(`learners ${c.learners}: a race needs a target reward (--target-reward); without one, train seeds apart (smfg sweep)`);
  if (economy === null || typeof economy !== 'object' || Array.isArray(economy)) throw new TrainConfigError('economy must be an object of economy config fields (environment.md), e.g. {"discountFactor": 0.96}');
  const loopFields = Object.keys(economy).filter((key) => LOOP_ECONOMY_FIELDS.includes(key));
  if (loopFields.length > 0) throw new TrainConfigError(`economy: ${loopFields.join(', ')} ${loopFields.length > 1 ? 'are' : 'is'} the training loop's own (--n, --task, --preset; seeds per economy), not a config field to set here`);
  try {
    makeConfig({ ...economy, n: c.n, task: c.task, preset: c.preset });
  } catch (error) {
    throw new TrainConfigError(`economy: ${(error as Error).message}`);
  }
  let methodSettings: Record<string, unknown>;
  try {
    methodSettings = makeSettings(methodDefinition(c.method).settings, settings ?? {}, c.method);
  } catch (error) {
    throw new TrainConfigError((error as Error).message);
  }
  return { ...c, settings: methodSettings, economy: { ...economy }, government: government === null ? null : [...government] };
}

/** The agent of a run with a fixed government holds it (train and resume alike). */
function holdGovernment(agent: Method, config: TrainConfig): void {
  if (config.government === null) return;
  if (!agent.fixLeader) throw new TrainConfigError(`government: ${config.method}'s leader cannot hold a fixed government (methods with a feed-forward leader: smfrl, mf, iddpg, maddpg)`);
  try {
    // the u whose raw action (u + 1) / 2 is the government's
    agent.fixLeader(config.government.map((raw) => 2 * raw - 1));
  } catch (error) {
    throw new TrainConfigError((error as Error).message);
  }
}

/**
 * The seed of an attempt's networks, noise and sampling: the run's seed for the first attempt of
 * its first learner, then seeds apart from every run's first (and from the economies' seeds
 * below); each learner of a race has its own stream of attempts.
 */
export function attemptSeed(seed: number, attempt: number, learner = 0): number {
  return attempt === 0 && learner === 0 ? seed : 2_000_000_011 + seed * 1_013 + attempt + learner * 1_000_003;
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
  /** Which networks trained this epoch: 0 the run's first, k after the k-th restart (restartAfterStall). */
  attempt: number;
  /** Seconds since this process started (a resumed run counts from its own start). */
  processSeconds: number;
  /**
   * The run's clock: processSeconds plus, for a resumed run, the runSeconds its checkpoint saved,
   * so it continues across resumes (everything from each process's start, evaluation included;
   * docs/learning.md, Checkpoints and resume). Logs written before it: see withRunSeconds.
   */
  runSeconds: number;
  /** Seconds of training work in this run, summed over its processes. */
  trainSeconds: number;
  collectedYears: number;
  episodesEnded: number;
  meanEndedEpisodeYears: number | null;
  updates: number;
  updatesPerSecond: number;
  /** The epoch's mean of each named loss of the method's update (`leaderCriticLoss`, ...). */
  [loss: `${string}Loss`]: number;
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
  /** Restarts after a stall so far (0: the run's first networks; absent in checkpoints written before restarts). */
  attempt?: number;
  /** The attempt's record (restartRule.ts: AttemptRecord; bestScore, evaluations as attemptBestScore, attemptEvaluations). */
  attemptBestScore?: number | null;
  evaluationsSinceBest?: number;
  attemptEvaluations?: number;
  /**
   * The restart asked for by an epoch's evaluation: taken after this epoch, the one after the
   * deciding evaluation's (which had already begun when the evaluation ran on the worker thread;
   * inline evaluation waits as long, so that both give the same numbers); withdrawn when this
   * epoch's evaluation ends the stall.
   */
  restartAfterEpoch?: number | null;
  /** The first transition of the current attempt's replay (the buffer forgets the earlier ones). */
  replayStart?: number;
  epoch: number;
  replayTotal: number;
  trainSeconds: number;
  /** runSeconds of the last saved epoch (absent in checkpoints written before it). */
  runSeconds?: number;
  metricsRows: number;
  targetReached: boolean;
  /** The best evaluation so far (see evaluationScore), whose policy is in best-policy/. */
  bestScore?: number | null;
}

/** Evaluations ranked: every episode alive first, then mean years, then government reward. */
export function evaluationScore(evaluation: Pick<AgentEvaluation, 'allSurvived' | 'meanYears' | 'meanGovernmentReward'>): number {
  return (evaluation.allSurvived ? 1e9 : 0) + evaluation.meanYears * 1e5 + evaluation.meanGovernmentReward;
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
  /** The run's clock (runSeconds) at the evaluation that reached the target. */
  timeToTargetSeconds: number | null;
  /** Why the loop ended: all epochs trained, the target reached (now or before a resume), or the budget spent (budgetSeconds on the run's clock). */
  stoppedBy: 'epochs' | 'target' | 'budget';
  /** The run's clock when the loop ended (runSeconds, unsaved: the last saved epoch's is in metrics). */
  runSecondsAtStop: number;
  /** Epochs trained and saved by this call (0: a resumed run that had nothing left to do). */
  newEpochs: number;
  agent: Method;
}

function readMetrics(runDir: string, rows: number): EpochMetrics[] {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < rows) throw new CheckpointError(`${path}: ${lines.length} rows, the checkpoint has ${rows}`);
  return withRunSeconds(lines.slice(0, rows).map((l) => JSON.parse(l)));
}

/**
 * Metrics rows with the run's clock, reconstructed where a row lacks it (logs written before
 * runSeconds). Each process's rows form a segment; a row of a later segment adds the clock of
 * the previous segment's last row to its processSeconds. A segment starts where processSeconds
 * falls, or where processSeconds - trainSeconds falls (constant within a process: a resumed
 * process restarts the first and continues the second, so this finds a resume even when the new
 * process's first epoch ended later after its start than the old process's last one). Time a
 * killed process spent after its last saved epoch is in no row, here as in runs that record it.
 */
export function withRunSeconds<T extends { processSeconds: number; trainSeconds?: number; runSeconds?: number }>(rows: readonly T[]): (T & { runSeconds: number })[] {
  let base = 0;
  return rows.map((row, k) => {
    const previous = k > 0 ? rows[k - 1] : null;
    if (typeof row.runSeconds === 'number') {
      base = row.runSeconds - row.processSeconds;
      return row as T & { runSeconds: number };
    }
    if (previous) {
      const restarted = row.processSeconds < previous.processSeconds;
      const offsetFell = typeof row.trainSeconds === 'number' && typeof previous.trainSeconds === 'number' && row.processSeconds - row.trainSeconds < previous.processSeconds - previous.trainSeconds - 0.1;
      if (restarted || offsetFell) base += previous.processSeconds;
    }
    return { ...row, runSeconds: base + row.processSeconds };
  });
}

function writeMetrics(runDir: string, metrics: EpochMetrics[]): void {
  writeFileAtomic(join(runDir, 'metrics.jsonl'), metrics.map((m) => JSON.stringify(m)).join('\n') + '\n');
  // every row's columns: an epoch without updates has no loss columns, later ones do
  const columns = [...new Set(metrics.flatMap((m) => Object.keys(m)))] as (keyof EpochMetrics)[];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  writeFileAtomic(join(runDir, 'metrics.csv'), [columns.join(','), ...metrics.map((m) => columns.map((c) => cell(m[c])).join(','))].join('\n') + '\n');
}

function newReplayBuffer(config: TrainConfig, agent: Method): ReplayBuffer {
  const leaderActionSize = agent.leaderAction.size;
  return new ReplayBuffer(ReplayBuffer.capacityFor(config.n, config.replayMegabytes * 2 ** 20, config.replayCapacity, leaderActionSize), config.n, leaderActionSize);
}

/** Starts a new run in options.runDir. */
export function train(input: TrainInput, options: TrainOptions): TrainResult {
  const config = makeTrainConfig(input);
  if (config.learners > 1) throw new TrainConfigError(`learners ${config.learners}: a race of learners runs through race() (race.ts; smfg train --learners), one learner through train()`);
  if (existsSync(join(options.runDir, 'config.json'))) throw new TrainConfigError(`${options.runDir} already holds a run; resume it with --resume or choose another folder`);
  const agent = newAgent(config, 0);
  // written once the run can start, so that a refused one leaves no folder behind
  writeFileAtomic(join(options.runDir, 'config.json'), JSON.stringify({ config, command: options.command ?? null, environment: options.environment ?? {}, created: new Date().toISOString() }, null, 2) + '\n');
  const buffer = newReplayBuffer(config, agent);
  return runEpochs(agent, buffer, { config, epoch: 0, replayTotal: 0, trainSeconds: 0, runSeconds: 0, metricsRows: 0, targetReached: false }, [], options);
}

/** Continues the run in runDir from its last checkpoint. */
export function resume(runDir: string, options: Omit<TrainOptions, 'runDir'> & { overrides?: Partial<Pick<TrainConfig, (typeof RESUME_SETTINGS)[number]>> } = {}): TrainResult {
  const configPath = join(runDir, 'config.json');
  if (!existsSync(configPath)) throw new CheckpointError(`${runDir} is not a training run: ${configPath} is missing`);
  const checkpoint = readLatestCheckpoint<TrainerState>(join(runDir, 'checkpoints'));
  const state = checkpoint.trainer;
  if (!state || !Number.isInteger(state.epoch) || !Number.isInteger(state.replayTotal)) throw new CheckpointError(`${checkpoint.folder}/state.json: trainer.epoch and trainer.replayTotal must be integers`);
  if (state.runSeconds !== undefined && !(Number.isFinite(state.runSeconds) && state.runSeconds >= 0)) throw new CheckpointError(`${checkpoint.folder}/state.json: trainer.runSeconds must be a number of seconds at least 0`);
  let config: TrainConfig;
  try {
    // a run begun before restarts existed resumes without them
    const restarts = 'restartAfterStall' in state.config ? {} : { restartAfterStall: 0, restartAfterEvaluations: 0 };
    config = makeTrainConfig({ ...state.config, ...restarts, ...options.overrides });
  } catch (error) {
    throw new CheckpointError(`${checkpoint.folder}/state.json: trainer.config: ${(error as Error).message}`);
  }
  let agent: Method;
  try {
    agent = agentFromState(checkpoint.agent, checkpoint.weights, `${checkpoint.folder}/state.json`);
  } catch (error) {
    throw new CheckpointError((error as Error).message);
  }
  if (agent.leaderAction.names.join() !== config.instruments.join()) throw new CheckpointError(`${checkpoint.folder}/state.json: the agent's leader sets ${agent.leaderAction.names.join(', ')}, the run's configuration ${config.instruments.join(', ')}`);
  holdGovernment(agent, config);
  const buffer = newReplayBuffer(config, agent);
  restoreReplay(join(runDir, 'replay'), buffer, state.replayTotal, state.replayStart ?? 0);
  const metrics = readMetrics(runDir, state.metricsRows);
  // a checkpoint written before runSeconds: the clock its metrics reconstruct
  const runSeconds = state.runSeconds ?? metrics.at(-1)?.runSeconds ?? 0;
  return runEpochs(agent, buffer, { ...state, config, runSeconds }, metrics, { ...options, runDir });
}

interface TrainedEpoch {
  epoch: number;
  collected: CollectStats;
  losses: Losses;
  collectSeconds: number;
  updateSeconds: number;
  replayFrom: number;
}

/** An epoch trained and saved to the replay, whose evaluation runs on the worker thread. */
interface PendingEpoch {
  trained: TrainedEpoch;
  agentState: ReturnType<typeof agentToState>;
  actors: ActorSnapshot;
}

/** Whether evaluations run on a worker thread while the next epoch trains (they give the same numbers either way). */
function evaluatesInBackground(config: TrainConfig): boolean {
  return config.backgroundEvaluation && config.exploitEvery === 0 && availableParallelism() >= 2;
}

/** Where a run's evaluations happen, in words (for the CLI's header). */
export function evaluationPlace(config: TrainConfig): string {
  if (evaluatesInBackground(config)) return 'on a worker thread while the next epoch trains';
  if (!config.backgroundEvaluation) return 'inline (asked)';
  return config.exploitEvery > 0 ? 'inline (exploitability needs the live agent)' : 'inline (one core)';
}

function runEpochs(firstAgent: Method, buffer: ReplayBuffer, state: TrainerState, metrics: EpochMetrics[], options: TrainOptions): TrainResult {
  const { config } = state;
  let agent = firstAgent;
  // the restarts: only towards a target, and only for methods learning from the replay
  const restarts = config.targetReward !== null && agent.storage !== 'on-policy';
  const restartLimits: RestartLimits = restarts ? { stall: config.restartAfterStall, cutoff: config.restartAfterEvaluations } : { stall: 0, cutoff: 0 };
  const { runDir } = options;
  const economyConfig = { ...config.economy, n: config.n, task: config.task, preset: config.preset };
  const background = evaluatesInBackground(config) ? new BackgroundEvaluator() : null;
  // with evaluation on the second core, the training economy keeps to one thread
  const trainingEconomy = background ? { ...economyConfig, threads: 'single' as const } : economyConfig;
  const evaluationEconomy = { ...economyConfig, threads: 'single' as const };
  // a resumed run that had already reached its target reports when it did
  let timeToTarget: number | null = state.targetReached && metrics.length > 0 ? metrics[metrics.length - 1].runSeconds : null;
  let evaluations = metrics.filter((m) => m.evalGovernmentReward !== null).length;
  const rowsBefore = metrics.length;
  const loopStarted = performance.now();
  const trainSecondsBefore = state.trainSeconds;
  // the run's clock continues from the checkpoint's: earlier processes' time, then this one's from its start
  const runSecondsBefore = state.runSeconds ?? 0;
  const runClock = (processSeconds = process.uptime()) => runSecondsBefore + processSeconds;
  // on the same clock, so a run stopped and resumed stops at the same total
  const budgetSpent = () => config.budgetSeconds !== null && runClock() >= config.budgetSeconds;
  let stoppedBy: TrainResult['stoppedBy'] = 'epochs';
  let pending: PendingEpoch | null = null;
  let cutShort = false;

  const isEvaluationEpoch = (epoch: number) => (epoch + 1) % config.evalEvery === 0 || epoch + 1 === config.epochs;

  /** Metrics row, policy and checkpoint of a trained epoch: from here on it counts. */
  const finish = (trained: TrainedEpoch, evaluation: AgentEvaluation | null, evalSeconds: number, exploitability: Exploitability | null, exploitSeconds: number, saved: { agentState: ReturnType<typeof agentToState>; actors: ActorSet }) => {
    const { epoch, collected, losses } = trained;
    const reached = reachesTarget(evaluation, config.targetReward);
    const processSeconds = process.uptime();
    if (reached) timeToTarget = runClock(processSeconds);
    const saveStarted = performance.now();
    const ended = collected.endedEpisodeYears;
    const row: EpochMetrics = {
      epoch,
      attempt: state.attempt ?? 0,
      processSeconds,
      runSeconds: runClock(processSeconds),
      trainSeconds: trainSecondsBefore + (performance.now() - loopStarted) / 1000,
      collectedYears: collected.years,
      episodesEnded: collected.episodesEnded,
      meanEndedEpisodeYears: ended.length ? ended.reduce((s, v) => s + v, 0) / ended.length : null,
      updates: saved.agentState.meta.updates,
      updatesPerSecond: config.updatesPerEpoch / Math.max(trained.updateSeconds, 1e-9),
      ...Object.fromEntries(Object.entries(losses).map(([name, value]) => [`${name}Loss`, value])),
      evalGovernmentReward: evaluation?.meanGovernmentReward ?? null,
      evalSocialWelfare: evaluation?.meanSocialWelfare ?? null,
      evalYears: evaluation?.meanYears ?? null,
      evalGdpPerHousehold: evaluation?.meanGdpPerHousehold ?? null,
      evalAllSurvived: evaluation?.allSurvived ?? null,
      exploitLeaderGain: exploitability?.leaderGain ?? null,
      exploitFollowerGain: exploitability?.followerGain ?? null,
      collectSeconds: trained.collectSeconds,
      collectEconomySeconds: collected.economySeconds,
      collectPolicySeconds: collected.policySeconds,
      updateSeconds: trained.updateSeconds,
      evalSeconds,
      exploitSeconds,
      saveSeconds: 0,
    };
    if (evaluation) {
      const policy = {
        method: config.method,
        n: config.n,
        task: config.task,
        preset: config.preset,
        provenance: { run: runDir, command: options.command ?? null, seed: config.seed, epoch, updates: row.updates, trainSeconds: row.trainSeconds, config },
        evaluation: { seeds: evaluation.seeds, episodes: evaluation.episodes, meanGovernmentReward: evaluation.meanGovernmentReward, allSurvived: evaluation.allSurvived },
      };
      savePolicy(join(runDir, 'policy'), saved.actors, policy);
      // the best evaluated policy too: a method that collapses late keeps its best moment
      const score = evaluationScore(evaluation);
      if (state.bestScore === undefined || state.bestScore === null || score > state.bestScore) {
        savePolicy(join(runDir, 'best-policy'), saved.actors, policy);
        state.bestScore = score;
      }
      if (!reached) {
        storeAttemptRecord(state, afterEvaluation(attemptRecord(state), score, epoch, restartLimits));
      }
    }
    metrics.push(row);
    writeMetrics(runDir, metrics);
    state.epoch = epoch + 1;
    state.replayTotal = trained.replayFrom + collected.years;
    state.trainSeconds = row.trainSeconds;
    state.runSeconds = row.runSeconds;
    state.metricsRows = metrics.length;
    state.targetReached = reached;
    writeCheckpoint(join(runDir, 'checkpoints'), epoch, { agent: saved.agentState.meta, weights: saved.agentState.weights, trainer: state });
    row.saveSeconds = (performance.now() - saveStarted) / 1000;
    options.onEpoch?.({ config, metrics: row, evaluation, exploitability });
  };

  /** Finishes the epoch evaluating in the background once its answer is there (or, with `block`, waits for it). */
  const settle = (block: boolean): void => {
    if (!pending || !background) return;
    const answer = block ? background.wait() : background.poll();
    if (!answer) return;
    const done = pending;
    pending = null;
    evaluations++;
    finish(done.trained, answer.evaluation, answer.seconds, null, 0, { agentState: done.agentState, actors: actorsFromSnapshot(done.actors) });
  };

  try {
    while (state.epoch + (pending ? 1 : 0) < config.epochs && !state.targetReached) {
      if (budgetSpent()) {
        stoppedBy = 'budget';
        break;
      }
      const restartAfter = state.restartAfterEpoch;
      if (restartAfter !== undefined && restartAfter !== null && state.epoch + (pending ? 1 : 0) > restartAfter) {
        // the epoch in evaluation is finished first, so that its checkpoint (the old networks, the
        // restart due) resumes to the same restart; its evaluation may end the stall instead
        settle(true);
        if (state.targetReached) break;
        if (state.restartAfterEpoch !== null) {
          agent = restartAgent(config, state);
          buffer.forget();
          state.replayStart = buffer.start;
        }
      }
      const epoch = state.epoch + (pending ? 1 : 0);
      // the epoch's training stops early when the previous epoch's evaluation reaches the target
      const trained = trainEpoch(agent, buffer, config, trainingEconomy, epoch, () => {
        settle(false);
        return state.targetReached;
      });
      settle(true);
      if (!trained || state.targetReached) {
        cutShort = true;
        break;
      }
      writeReplaySegment(join(runDir, 'replay'), buffer, trained.replayFrom);
      const evaluate = isEvaluationEpoch(epoch);
      if (evaluate && background) {
        pending = { trained, agentState: agentToState(agent), actors: snapshotActors(agent.actors) };
        background.submit({ actors: pending.actors, economy: evaluationEconomy, seeds: evaluationSeeds(config.seed, config.evalEpisodes) });
        continue;
      }
      const evalStarted = performance.now();
      const evaluation = evaluate ? evaluateAgent(agent, evaluationEconomy, evaluationSeeds(config.seed, config.evalEpisodes)) : null;
      if (evaluation) evaluations++;
      const evalSeconds = (performance.now() - evalStarted) / 1000;
      let exploitability: Exploitability | null = null;
      if (evaluation && config.exploitEvery > 0 && evaluations % config.exploitEvery === 0) {
        exploitability = measureExploitability(agent, buffer, config.exploitUpdates, evaluation, economyConfig);
      }
      const exploitSeconds = (performance.now() - evalStarted) / 1000 - evalSeconds;
      finish(trained, evaluation, evalSeconds, exploitability, exploitSeconds, { agentState: agentToState(agent), actors: agent.actors });
    }
    settle(true);
  } finally {
    background?.close();
  }
  const runSecondsAtStop = runClock();
  // the target wins over the budget: a pending evaluation settled after the break may reach it
  if (state.targetReached) stoppedBy = 'target';
  // an epoch cut short by the target leaves the agent past its last checkpoint: return the checkpoint's
  let saved = agent;
  if (cutShort) {
    const latest = readLatestCheckpoint<TrainerState>(join(runDir, 'checkpoints'));
    saved = agentFromState(latest.agent, latest.weights);
  }
  return { runDir, config, metrics, targetReached: state.targetReached, timeToTargetSeconds: timeToTarget, stoppedBy, runSecondsAtStop, newEpochs: metrics.length - rowsBefore, agent: saved };
}

/** The attempt's record as the trainer's state holds it (checkpoints written before restarts lack it). */
function attemptRecord(state: TrainerState): AttemptRecord {
  return {
    bestScore: state.attemptBestScore ?? null,
    evaluationsSinceBest: state.evaluationsSinceBest ?? 0,
    evaluations: state.attemptEvaluations ?? 0,
    restartAfterEpoch: state.restartAfterEpoch ?? null,
  };
}

/** The attempt's record into the trainer's state (the checkpoint's field names). */
function storeAttemptRecord(state: TrainerState, record: AttemptRecord): void {
  state.attemptBestScore = record.bestScore;
  state.evaluationsSinceBest = record.evaluationsSinceBest;
  state.attemptEvaluations = record.evaluations;
  state.restartAfterEpoch = record.restartAfterEpoch;
}

/** New networks for the next attempt (restartRule.ts). */
function restartAgent(config: TrainConfig, state: TrainerState): Method {
  state.attempt = (state.attempt ?? 0) + 1;
  storeAttemptRecord(state, FRESH_ATTEMPT);
  return newAgent(config, state.attempt);
}

/** An attempt's new networks (its seed, attemptSeed), holding the run's fixed government if it has one. */
function newAgent(config: TrainConfig, attempt: number): Method {
  const agent = methodDefinition(config.method).create(config.settings, attemptSeed(config.seed, attempt, config.learner), config.n, instrumentSpace(config.instruments));
  holdGovernment(agent, config);
  return agent;
}

/**
 * One epoch's training: a fresh economy's years into the replay buffer (its seed depends on the
 * epoch, so a resumed run gets the same one), then the updates. `stop` is asked after the
 * collection and between updates; when it says so the epoch is abandoned (null).
 */
function trainEpoch(agent: Method, buffer: ReplayBuffer, config: TrainConfig, economyConfig: Partial<EconomyConfig> & { n: number }, epoch: number, stop: () => boolean): TrainedEpoch | null {
  const started = performance.now();
  const economy = createEconomy({ ...economyConfig, seed: trainingEconomySeed(config.seed, epoch) });
  const replayFrom = buffer.totalAdded;
  let collected: CollectStats;
  try {
    collected = collect(agent, economy, buffer, config.stepsPerEpoch);
  } finally {
    economy.close();
  }
  const collectSeconds = (performance.now() - started) / 1000;
  if (stop()) return null;
  const sums: Losses = {};
  // an on-policy method updates once per epoch, from that epoch's years
  const onPolicy = agent.storage === 'on-policy';
  const updates = onPolicy ? 1 : config.updatesPerEpoch;
  for (let k = 0; k < updates; k++) {
    // a fixed government's leader does not learn
    const sides = config.government === null ? 'both' : 'followers';
    const losses = onPolicy ? agent.update(buffer, sides, { from: replayFrom, to: buffer.totalAdded }) : agent.update(buffer, sides);
    for (const [name, value] of Object.entries(losses)) sums[name] = (sums[name] ?? 0) + value;
    if (stop()) return null;
  }
  // mean losses of the epoch's updates (none with no updates)
  const u = Math.max(1, updates);
  for (const name of Object.keys(sums)) sums[name] /= u;
  return { epoch, collected, losses: sums, collectSeconds, updateSeconds: (performance.now() - started) / 1000 - collectSeconds, replayFrom };
}

/** A loaded run's metrics (for notebooks and reports). */
export function readRunMetrics(runDir: string): EpochMetrics[] {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) throw new CheckpointError(`${runDir} is not a training run: ${path} is missing`);
  return withRunSeconds(readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l)));
}
