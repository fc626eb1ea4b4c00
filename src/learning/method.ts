/**
 * What every learning method is to the rest of the workbench. The training loop, rollouts,
 * checkpoints, exploitability, policy folders and the CLI see a method only through `Method`;
 * a method file under `methods/` states its settings and its update (its losses in TensorFlow.js,
 * autodiff.ts), and `Agent` gives it the common parts (normalisers, generators, exploration,
 * acting, optimiser steps, target updates).
 */
import { Rng } from '../economy/rng.js';
import { GLOBAL_OBSERVATION, HOUSEHOLD_ACTION, PAPER_INSTRUMENTS, PRIVATE_OBSERVATION, type InstrumentSpace } from '../economy/spaces.js';
import { Adam } from './adam.js';
import { Network } from './network.js';
import type { RecurrentPolicy } from './recurrent.js';
import { Normaliser } from './normaliser.js';
import type { Scalar, Tensor2D } from '@tensorflow/tfjs';
import { differentiate, saturationPenalty } from './autodiff.js';
import { requireBackend } from './backend.js';
import { Exploration, type ExplorationSettings } from './exploration.js';
import { followerActorOutputs, leaderActorOutput, type ActorSet, type FollowerView } from './acting.js';
import { ReplayBatch } from './sampling.js';
import type { ReplayBuffer, Transition } from './replay.js';
import type { OnPolicyStore } from './onPolicyStore.js';
import type { Schema } from './settings.js';

export type Side = 'leader' | 'followers';
export type Sides = 'both' | Side;

/** Named losses of one update (NaN for a side not updated). */
export type Losses = Record<string, number>;

export interface Method {
  /** The registry's name (`smfrl`, `mf`, ...). */
  readonly method: string;
  readonly settings: object;
  readonly seed: number;
  /** Households the method was built for (some methods' networks grow with N). */
  readonly n: number;
  /** The instruments its leader sets, one per leader output. */
  readonly leaderAction: InstrumentSpace;
  /** Every network (online and target; a recurrent actor-critic is one), by name, in checkpoint order. */
  readonly networks: Record<string, Network | RecurrentPolicy>;
  readonly optimisers: Record<string, Adam>;
  /** Generators whose states checkpoints save. */
  readonly rngs: Record<string, Rng>;
  readonly globalNormaliser: Normaliser;
  readonly privateNormaliser: Normaliser;
  /** What acts, for evaluation and policy folders. */
  readonly actors: ActorSet;
  updates: number;
  /** The leader's u for one signed-logged global observation (noisy if `explore`). */
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out?: Float64Array): Float64Array;
  /** Every household's u (n x 2) from their signed-logged private observations and the leader's u as they see it. */
  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array;
  /**
   * A fixed government instead of a learned one (`smfg train --gov constant:...`): the leader's
   * actor (and its target) output this u for every observation, it does not explore, and the loop
   * updates the followers only. Absent: the method's leader cannot be fixed.
   */
  fixLeader?(u: ArrayLike<number>): void;
  /** A new episode begins (exploration state, recurrent state). */
  startEpisode(): void;
  /** A year has passed within the episode. */
  nextYear(): void;
  /**
   * One update of `sides` from the replay buffer, its named losses. An on-policy method is given
   * the years [from, to) of the buffer collected since its last update, and learns from its own
   * store of them (`onPolicyStore`).
   */
  update(buffer: ReplayBuffer, sides?: Sides, years?: EpochYears): Losses;
  /**
   * 'replay' (absent: the default): the loop calls update `updatesPerEpoch` times per epoch on the
   * whole buffer. 'on-policy': once per epoch, with that epoch's years.
   */
  readonly storage?: 'replay' | 'on-policy';
  /**
   * The rollout's hooks (rollout.ts `collect`) for a method with its own on-policy store: before a
   * collection of `years` years in an economy of `n` households, and after each year with what
   * the replay buffer receives (the method's acting state is still that year's).
   */
  startRollout?(years: number, n: number): void;
  recordYear?(year: Transition): void;
  /** An on-policy method's store of its latest collection (copies of the agent take a copy). */
  onPolicyStore?: OnPolicyStore | null;
  /** A new evaluation episode: recurrent acting state back to zero (generators untouched). */
  resetRecurrentState?(): void;
}

/** Years [from, to) of the replay buffer (by insertion count). */
export interface EpochYears {
  from: number;
  to: number;
}

/**
 * A registry entry: the method's settings schema and how to build it, and the jobs it takes part
 * in beyond `smfg train` (each absent: not in it).
 */
export interface MethodDefinition {
  name: string;
  summary: string;
  settings: Schema;
  /** leaderAction: the instruments its leader sets (absent: the paper's five). */
  create(settings: Record<string, unknown>, seed: number, n: number, leaderAction?: InstrumentSpace): Method;
  /** Its shipped policy's row in the paper's comparison, and rows derived from that policy (methods/index.ts, comparisonRows). */
  comparison?: { label: string; derived?: readonly Omit<ComparisonRow, 'method'>[] };
  /** `smfg reproduce --retrain` trains it; how its epoch's cost grows with N, for the estimate printed first. */
  retrain?: { epochCost: EpochCost };
  /** The update speeds `smfg bench` times. */
  bench?: readonly BenchCase[];
}

/** A learned row of the paper's comparison. */
export interface ComparisonRow {
  /** Its key in tables, exploitability records and `--rows`: the method's name, or a derived row's. */
  row: string;
  /** Its label in the paper's words. */
  label: string;
  /** The method whose shipped policy (data/models/<method>-gdp-n<N>) governs. */
  method: string;
  /** 'followers': the policy's own; 'best-response': every household at its exact best response to them. */
  households: 'followers' | 'best-response';
}

/**
 * How an epoch's cost grows with N: 'sampled', about 1.5x from N = 100 to 1,000 (updates on
 * sampled households); 'linear', in proportion to N (critics on every household's observation).
 */
export type EpochCost = 'sampled' | 'linear';

/** One update speed `smfg bench` times: at N, with SMFRL's `update` (the other methods always sample). */
export interface BenchCase {
  n: number;
  update: 'sampled' | 'full';
}

/** The settings every actor-critic agent reads. */
export interface AgentSettings extends ExplorationSettings {
  hidden: number;
  actorLearningRate: number;
  /** The followers' actor's own rate (0: actorLearningRate). */
  followerActorLearningRate: number;
  criticLearningRate: number;
  gamma: number;
  nStep: number;
  tau: number;
  saturationWeight: number;
  saturationThreshold: number;
}

export const G = GLOBAL_OBSERVATION.size;
export const P = PRIVATE_OBSERVATION.size;
export const AH = HOUSEHOLD_ACTION.size;

/**
 * The common body of the actor-critic methods: a leader actor and a follower actor (plus whatever
 * critics and targets the method adds), normalisers, generators for noise and sampling, the
 * exploration, and helpers the updates share.
 */
export abstract class Agent<S extends AgentSettings = AgentSettings> implements Method {
  abstract readonly method: string;
  readonly networks: Record<string, Network> = {};
  readonly optimisers: Record<string, Adam> = {};
  readonly globalNormaliser = new Normaliser(G);
  readonly privateNormaliser = new Normaliser(P);
  readonly noiseRng: Rng;
  readonly sampleRng: Rng;
  readonly rngs: Record<string, Rng>;
  readonly exploration: Exploration;
  updates = 0;
  /** When set, updates compute gradients but take no optimiser step (see gradientsOf). */
  protected dryRun = false;
  private actingScratch = new Float64Array(0);
  private readonly leaderScratch = new Float64Array(G);

  constructor(readonly settings: S, readonly seed: number, readonly n: number, readonly followerView: FollowerView, readonly leaderAction: InstrumentSpace = PAPER_INSTRUMENTS) {
    requireBackend();
    this.noiseRng = new Rng(seed, 12);
    this.sampleRng = new Rng(seed, 13);
    this.rngs = { noise: this.noiseRng, sample: this.sampleRng };
    this.exploration = new Exploration(settings, AH);
  }

  /** Registers an online network with its optimiser, in checkpoint order. */
  protected addNetwork(name: string, network: Network, learningRate: number | null): Network {
    this.networks[name] = network;
    if (learningRate !== null) this.optimisers[name] = new Adam(network, { learningRate });
    return network;
  }

  /**
   * One side's actor and critic (hidden layers of `settings.hidden`, PyTorch's initialisation) with
   * their target copies: `<side>Actor`, `<side>Critic`, `<side>ActorTarget`, `<side>CriticTarget`.
   */
  protected addActorCritic(side: 'leader' | 'follower', actorInputs: number, criticInputs: number, init: Rng): void {
    const s = this.settings, H = s.hidden;
    const actorRate = side === 'follower' && s.followerActorLearningRate > 0 ? s.followerActorLearningRate : s.actorLearningRate;
    const actor = this.addNetwork(`${side}Actor`, mlp([actorInputs, H, side === 'leader' ? this.leaderAction.size : AH], 'tanh', init), actorRate);
    const critic = this.addNetwork(`${side}Critic`, mlp([criticInputs, H, H, 1], 'linear', init), s.criticLearningRate);
    this.addNetwork(`${side}ActorTarget`, actor.clone(), null);
    this.addNetwork(`${side}CriticTarget`, critic.clone(), null);
  }

  get actors(): ActorSet {
    return { leaderActor: this.networks.leaderActor, followerActor: this.networks.followerActor, globalNormaliser: this.globalNormaliser, privateNormaliser: this.privateNormaliser, followerView: this.followerView, leaderAction: this.leaderAction };
  }

  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(this.leaderAction.size)): Float64Array {
    const u = leaderActorOutput(this.networks.leaderActor, this.globalNormaliser, globalLog, this.leaderScratch);
    return explore && !this.leaderFixed ? this.exploration.leader(u, this.noiseRng, out) : (out.set(u), out);
  }

  /** Whether the leader holds a fixed government (fixLeader). */
  leaderFixed = false;

  /**
   * The leader's actor and target made constant: every weight 0, the output layer's bias
   * atanh(u), so that they give u whatever they see (to 1e-12: u = +-1 is pulled in by 1e-12 to
   * keep the bias finite), in policy folders and evaluations as in training.
   */
  fixLeader(u: ArrayLike<number>): void {
    if (u.length !== this.leaderAction.size) throw new RangeError(`the leader sets ${this.leaderAction.size} instruments (${this.leaderAction.names.join(', ')}), got ${u.length} values`);
    for (const name of ['leaderActor', 'leaderActorTarget']) {
      const actor = this.networks[name];
      if (!actor || actor.shape.output !== 'tanh') throw new RangeError(`${this.method}: its leader is not a feed-forward tanh actor, so it cannot hold a fixed government`);
      actor.params.fill(0);
      const bias = actor.params.length - actor.outputs;
      for (let k = 0; k < u.length; k++) actor.params[bias + k] = Math.atanh(Math.min(Math.max(u[k], -1 + 1e-12), 1 - 1e-12));
      actor.changed();
    }
    this.leaderFixed = true;
  }

  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    const width = P + (this.followerView.seesLeaderAction ? this.leaderAction.size : 0);
    if (this.actingScratch.length < n * width) this.actingScratch = new Float64Array(n * width);
    const u = followerActorOutputs(this.networks.followerActor, this.privateNormaliser, privateLog, leaderU, n, this.actingScratch, this.followerView);
    if (explore) return this.exploration.households(u, n, this.noiseRng, out);
    out.set(u.subarray(0, n * AH));
    return out;
  }

  startEpisode(): void {
    this.exploration.startEpisode(this.noiseRng);
  }

  nextYear(): void {
    this.exploration.nextYear(this.noiseRng);
  }

  /** One update of the leader, then of the followers (or of one side alone). */
  update(buffer: ReplayBuffer, sides: Sides = 'both'): Losses {
    const leader = sides === 'followers' ? { leaderCritic: NaN, leaderActor: NaN } : this.updateLeader(buffer);
    const followers = sides === 'leader' ? { followerCritic: NaN, followerActor: NaN } : this.updateFollowers(buffer);
    this.updates++;
    return { ...leader, ...followers };
  }

  /** The leader's critic and actor steps from a sampled batch: its losses by name. */
  protected abstract updateLeader(buffer: ReplayBuffer): Losses;
  /** The followers' critic and actor steps from a sampled batch: their losses by name. */
  protected abstract updateFollowers(buffer: ReplayBuffer): Losses;

  /** A batch of `size` transitions sampled with this agent's generator and normalisers. */
  protected sample(buffer: ReplayBuffer, size: number): ReplayBatch {
    const s = this.settings;
    return new ReplayBatch({ buffer, globalNormaliser: this.globalNormaliser, privateNormaliser: this.privateNormaliser, rng: this.sampleRng, gamma: s.gamma, nStep: s.nStep }, size);
  }

  /**
   * One step of each named network's optimiser on the gradient of the sum of `losses` (computed,
   * not applied, in a dry run); returns each loss's value.
   */
  protected minimise(trained: string[], losses: () => Scalar[]): number[] {
    const values = differentiate(trained.map((name) => this.networks[name]), losses);
    if (!this.dryRun) for (const name of trained) this.optimisers[name].apply();
    return values;
  }

  /** target <- target + tau (online - target) for each pair. */
  protected softUpdate(...pairs: [string, string][]): void {
    if (this.dryRun) return;
    for (const [target, online] of pairs) this.networks[target].softUpdateFrom(this.networks[online], this.settings.tau);
  }

  /** The saturation penalty on an actor's tanh pre-activations, times its weight. */
  protected saturation(preActivation: Tensor2D): Scalar {
    const s = this.settings;
    return saturationPenalty(preActivation, s.saturationThreshold).mul(s.saturationWeight);
  }

  /**
   * The losses and gradients one update of `side` would give each network, without applying them
   * (no optimiser step, no target update; the sampling stream moves on). For tests and diagnostics.
   */
  gradientsOf(buffer: ReplayBuffer, side: Side): Record<string, Float64Array> {
    return this.dryUpdate(buffer, side).gradients;
  }

  dryUpdate(buffer: ReplayBuffer, side: Side): { losses: Losses; gradients: Record<string, Float64Array> } {
    for (const net of Object.values(this.networks)) net.zeroGrads();
    const updates = this.updates;
    this.dryRun = true;
    let losses: Losses;
    try {
      losses = this.update(buffer, side);
    } finally {
      this.dryRun = false;
      this.updates = updates;
    }
    const out: Record<string, Float64Array> = {};
    for (const [name, net] of Object.entries(this.networks)) {
      if (net.grads.some((g) => g !== 0)) out[name] = Float64Array.from(net.grads);
      net.zeroGrads();
    }
    return { losses, gradients: out };
  }
}

/** A network initialised as PyTorch's Linear layers (uniform +-1/sqrt(fan in)), as the authors'. */
export function mlp(sizes: number[], output: 'tanh' | 'linear', rng: Rng): Network {
  return new Network({ sizes, hidden: 'relu', output }, rng);
}
