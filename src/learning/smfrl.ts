/**
 * SMFRL, the paper's method: a Stackelberg leader (the government) learned against mean-field
 * followers (one policy shared by all households), both by deterministic actor-critic
 * (DDPG-style) from one replay buffer. Read top-down: configuration, networks, acting, the
 * followers' update, the leader's update. docs/learning.md states the losses and every
 * difference from the authors' code.
 *
 * Inputs (u: actions in the networks' space [-1, 1]; every observation through signed log and
 * running normaliser; means over households):
 *   leader actor     pi_g(s_g)                                  6 -> H -> 5 (tanh)
 *   leader critic    Q_g(s_g, u_g, mean s_i, mean u_i)          15 -> H -> H -> 1
 *   follower actor   pi_h(s_i, u_g)                             7 -> H -> 2 (tanh)
 *   follower critic  Q_h(s_i, u_g, u_i, mean s_i, mean u_i)     13 -> H -> H -> 1
 */
import { Rng } from '../economy/rng.js';
import { Network, type SaturationPenalty } from './network.js';
import { Adam } from './adam.js';
import { Normaliser } from './normaliser.js';
import { authorsStoredFollowerAction } from './encoding.js';
import { followerActorOutputs, leaderActorOutput, type ActorSet } from './acting.js';
import { FOLLOWER_ACTION_SIZE as AH, GLOBAL_SIZE as G, LEADER, LEADER_ACTION_SIZE as AG, PRIVATE_SIZE as P, type ReplayBuffer } from './replay.js';

export const UPDATE_MODES = ['sampled', 'full'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

export interface SmfrlFixes {
  /** A real leader target network (the authors' was a shallow copy of the online one: defect 1). */
  leaderTarget: boolean;
  /** The follower critic sees actions in one encoding (defect 2). */
  oneActionEncoding: boolean;
  /** The leader's actor gradient flows through the followers' response (defect 4). */
  gradientThroughFollowers: boolean;
}

export interface SmfrlConfig {
  /** Width of every hidden layer (actors: one hidden layer; critics: two). */
  hidden: number;
  gamma: number;
  /**
   * Critic targets over n years: the discounted rewards of up to nStep stored years of the same
   * episode, then the bootstrap (1: the authors' one-step target).
   */
  nStep: number;
  /** Soft target update: target <- (1 - tau) target + tau online, after every update. */
  tau: number;
  /** Adam learning rates of both sides' actors and critics. */
  actorLearningRate: number;
  /** The followers' actor's rate (0: actorLearningRate). */
  followerActorLearningRate: number;
  criticLearningRate: number;
  /** Transitions per leader update. */
  leaderBatch: number;
  /** Transitions per follower update. */
  followerBatch: number;
  /** 'sampled': householdsPerTransition households of each sampled transition and meanFieldSamples
   * households to estimate each mean response (cost independent of N); 'full': all N (the authors). */
  update: UpdateMode;
  householdsPerTransition: number;
  meanFieldSamples: number;
  /** The followers' actor gradient includes their policy's effect on the mean action (as in the authors' code). */
  meanFieldGradient: boolean;
  /** Standard deviation of the Gaussian exploration noise on u: the leader's, and each household's own. */
  explorationNoise: number;
  /**
   * Standard deviation of a shift of u shared by all households in a year, an AR(1) process over
   * the years of an episode (correlation populationNoiseCorrelation). Independent noise averages
   * out over N households, so without it the mean action, which decides whether the economy
   * survives, would never vary.
   */
  populationNoise: number;
  populationNoiseCorrelation: number;
  /**
   * Probability that an episode's households explore with one action drawn uniformly from
   * [-1, 1] (per dimension, held for the whole episode; plus their own noise) instead of the
   * policy's: the economy survives only above a saving threshold, a cliff that noise around a
   * policy stuck at the other end of the range never finds.
   */
  populationUniform: number;
  /** Output layers start uniform in +-outputInit (actors; critics a tenth of it); 0: PyTorch's default, as the authors. */
  outputInit: number;
  /**
   * Actors' tanh pre-activations beyond +-saturationThreshold are penalised with this weight (0: off).
   * On by default: a follower actor whose tanh runs to +-1 exactly has no gradient left, and runs
   * whose households stopped working sat there for dozens of epochs; at 4, u can still reach
   * tanh(4) = 0.9993 of either end.
   */
  saturationWeight: number;
  saturationThreshold: number;
  /** Government rewards are multiplied by this before learning (a year's gdp reward is ~10). */
  leaderRewardScale: number;
  followerRewardScale: number;
  fixes: SmfrlFixes;
}

export const DEFAULT_SMFRL: SmfrlConfig = {
  hidden: 64,
  gamma: 0.975,
  nStep: 10,
  tau: 0.05,
  actorLearningRate: 1e-3,
  followerActorLearningRate: 0,
  criticLearningRate: 1e-3,
  leaderBatch: 128,
  followerBatch: 128,
  update: 'sampled',
  householdsPerTransition: 2,
  meanFieldSamples: 8,
  meanFieldGradient: true,
  explorationNoise: 0.1,
  populationNoise: 0.3,
  populationNoiseCorrelation: 0.9,
  populationUniform: 0.3,
  outputInit: 0,
  saturationWeight: 1,
  saturationThreshold: 4,
  leaderRewardScale: 0.01,
  followerRewardScale: 1,
  fixes: { leaderTarget: true, oneActionEncoding: true, gradientThroughFollowers: true },
};

/** Checks a partial configuration against the defaults; errors name the field and what is allowed. */
export function makeSmfrlConfig(partial: Partial<Omit<SmfrlConfig, 'fixes'>> & { fixes?: Partial<SmfrlFixes> } = {}): SmfrlConfig {
  const c: SmfrlConfig = { ...DEFAULT_SMFRL, ...partial, fixes: { ...DEFAULT_SMFRL.fixes, ...partial.fixes } };
  const known = new Set(Object.keys(DEFAULT_SMFRL));
  for (const key of Object.keys(partial)) if (!known.has(key)) throw new RangeError(`unknown SMFRL setting '${key}'; settings: ${[...known].join(', ')}`);
  for (const key of Object.keys(partial.fixes ?? {})) if (!(key in DEFAULT_SMFRL.fixes)) throw new RangeError(`unknown SMFRL fix '${key}'; fixes: ${Object.keys(DEFAULT_SMFRL.fixes).join(', ')}`);
  const integer = (name: keyof SmfrlConfig, min: number) => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || v < min) throw new RangeError(`SMFRL ${name} must be an integer >= ${min}, got ${v}`);
  };
  const inRange = (name: keyof SmfrlConfig, lo: number, hi: number, openLow = false) => {
    const v = c[name] as number;
    if (typeof v !== 'number' || !(openLow ? v > lo : v >= lo) || !(v <= hi)) throw new RangeError(`SMFRL ${name} must be a number in ${openLow ? '(' : '['}${lo}, ${hi}], got ${v}`);
  };
  integer('hidden', 1);
  integer('nStep', 1);
  integer('leaderBatch', 1);
  integer('followerBatch', 1);
  integer('householdsPerTransition', 1);
  integer('meanFieldSamples', 1);
  inRange('gamma', 0, 1);
  inRange('tau', 0, 1, true);
  inRange('actorLearningRate', 0, 1, true);
  inRange('followerActorLearningRate', 0, 1);
  inRange('criticLearningRate', 0, 1, true);
  inRange('explorationNoise', 0, 2);
  inRange('populationNoise', 0, 2);
  inRange('populationNoiseCorrelation', 0, 1);
  inRange('populationUniform', 0, 1);
  inRange('saturationWeight', 0, 1e6);
  inRange('outputInit', 0, 10);
  inRange('saturationThreshold', 0, 100);
  inRange('leaderRewardScale', 0, 1e6, true);
  inRange('followerRewardScale', 0, 1e6, true);
  if (!UPDATE_MODES.includes(c.update)) throw new RangeError(`SMFRL update must be one of ${UPDATE_MODES.join(', ')}, got '${c.update}'`);
  for (const [k, v] of Object.entries(c.fixes)) if (typeof v !== 'boolean') throw new RangeError(`SMFRL fixes.${k} must be true or false, got ${v}`);
  if (typeof c.meanFieldGradient !== 'boolean') throw new RangeError(`SMFRL meanFieldGradient must be true or false, got ${c.meanFieldGradient}`);
  return c;
}

const LEADER_CRITIC_IN = G + AG + P + AH;
const FOLLOWER_ACTOR_IN = P + AG;
const FOLLOWER_CRITIC_IN = P + AG + AH + P + AH;

export interface UpdateLosses {
  leaderCritic: number;
  leaderActor: number;
  followerCritic: number;
  followerActor: number;
}

/** The four networks of a side-less agent, by name (checkpoints list them in this order). */
export const NETWORK_NAMES = ['leaderActor', 'leaderCritic', 'followerActor', 'followerCritic', 'leaderActorTarget', 'leaderCriticTarget', 'followerActorTarget', 'followerCriticTarget'] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];
export const OPTIMISED = ['leaderActor', 'leaderCritic', 'followerActor', 'followerCritic'] as const;

export class Smfrl {
  readonly config: SmfrlConfig;
  readonly networks: Record<NetworkName, Network>;
  readonly optimisers: Record<(typeof OPTIMISED)[number], Adam>;
  readonly globalNormaliser = new Normaliser(G);
  readonly privateNormaliser = new Normaliser(P);
  /** Exploration noise and replay sampling: separate streams, saved in checkpoints. */
  readonly noiseRng: Rng;
  readonly sampleRng: Rng;
  updates = 0;
  /** This year's shared shift of the households' u (see populationNoise). */
  readonly populationShift = new Float64Array(AH);
  private readonly buffers = new Map<string, Float64Array>();
  /** When set, updates compute gradients but take no optimiser step (see gradientsOf). */
  private dryRun = false;

  constructor(config: SmfrlConfig, seed: number) {
    this.config = config;
    const H = config.hidden;
    const init = new Rng(seed, 11);
    // DDPG's initialisation (Lillicrap et al. 2016): output layers near zero, so every action
    // starts mid-range and every value near 0
    const f = config.outputInit;
    const leaderActor = new Network({ sizes: [G, H, AG], hidden: 'relu', output: 'tanh' }, init, f > 0 ? f : undefined);
    const leaderCritic = new Network({ sizes: [LEADER_CRITIC_IN, H, H, 1], hidden: 'relu', output: 'linear' }, init, f > 0 ? f / 10 : undefined);
    const followerActor = new Network({ sizes: [FOLLOWER_ACTOR_IN, H, AH], hidden: 'relu', output: 'tanh' }, init, f > 0 ? f : undefined);
    const followerCritic = new Network({ sizes: [FOLLOWER_CRITIC_IN, H, H, 1], hidden: 'relu', output: 'linear' }, init, f > 0 ? f / 10 : undefined);
    this.networks = {
      leaderActor,
      leaderCritic,
      followerActor,
      followerCritic,
      leaderActorTarget: leaderActor.clone(),
      leaderCriticTarget: leaderCritic.clone(),
      followerActorTarget: followerActor.clone(),
      followerCriticTarget: followerCritic.clone(),
    };
    this.optimisers = {
      leaderActor: new Adam(leaderActor, { learningRate: config.actorLearningRate }),
      leaderCritic: new Adam(leaderCritic, { learningRate: config.criticLearningRate }),
      followerActor: new Adam(followerActor, { learningRate: config.followerActorLearningRate || config.actorLearningRate }),
      followerCritic: new Adam(followerCritic, { learningRate: config.criticLearningRate }),
    };
    this.noiseRng = new Rng(seed, 12);
    this.sampleRng = new Rng(seed, 13);
  }

  /** A scratch array of at least `size` numbers, kept between calls. */
  private scratch(name: string, size: number): Float64Array {
    let b = this.buffers.get(name);
    if (!b || b.length < size) {
      b = new Float64Array(size);
      this.buffers.set(name, b);
    }
    return b;
  }

  // ------------------------------------------------------------------ acting

  /** The actors and the normalisers they see through (live: training changes them). */
  get actors(): ActorSet {
    return { leaderActor: this.networks.leaderActor, followerActor: this.networks.followerActor, globalNormaliser: this.globalNormaliser, privateNormaliser: this.privateNormaliser };
  }

  /** The leader's u for one global observation (already signed-logged), with noise if `explore`. */
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(AG)): Float64Array {
    const u = leaderActorOutput(this.networks.leaderActor, this.globalNormaliser, globalLog, this.scratch('act.g', G));
    for (let k = 0; k < AG; k++) out[k] = explore ? clipUnit(u[k] + this.config.explorationNoise * this.noiseRng.normal()) : u[k];
    return out;
  }

  /** Whether this episode's shared shift is a uniform draw held for the episode. */
  private uniformEpisode = false;

  /** Starts the shared shift afresh (a new episode): a draw from its stationary distribution, or a uniform one. */
  resetPopulationNoise(): void {
    this.uniformEpisode = this.config.populationUniform > 0 && this.noiseRng.uniform() < this.config.populationUniform;
    for (let a = 0; a < AH; a++) this.populationShift[a] = this.uniformEpisode ? this.noiseRng.uniformIn(-1, 1) : this.config.populationNoise * this.noiseRng.normal();
  }

  /** Moves the shared shift on by one year. */
  advancePopulationNoise(): void {
    if (this.uniformEpisode) return;
    const rho = this.config.populationNoiseCorrelation;
    const innovation = Math.sqrt(1 - rho * rho) * this.config.populationNoise;
    for (let a = 0; a < AH; a++) this.populationShift[a] = rho * this.populationShift[a] + innovation * this.noiseRng.normal();
  }

  /** Every follower's u (n x 2) given their private observations (signed-logged, n x 2) and the leader's u. */
  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    const u = followerActorOutputs(this.networks.followerActor, this.privateNormaliser, privateLog, leaderU, n, this.scratch('act.p', n * FOLLOWER_ACTOR_IN));
    const sd = this.config.explorationNoise;
    const shift = this.populationShift;
    // a uniform episode replaces the policy's action by its shared draw: from a saturated policy a
    // shift could never reach the other end of the range
    const base = this.uniformEpisode ? 0 : 1;
    if (explore) for (let k = 0; k < n * AH; k++) out[k] = clipUnit(base * u[k] + shift[k % AH] + sd * this.noiseRng.normal());
    else out.set(u.subarray(0, n * AH));
    return out;
  }

  // ------------------------------------------------------------------ learning

  /**
   * One update of each side (leader first, then followers) and the soft target updates.
   * `sides` limits it to one side (exploitability improves one side while the other is fixed).
   */
  update(buffer: ReplayBuffer, sides: 'both' | 'leader' | 'followers' = 'both'): UpdateLosses {
    if (buffer.size === 0) throw new RangeError('cannot update from an empty replay buffer');
    const leader = sides === 'followers' ? { leaderCritic: NaN, leaderActor: NaN } : this.updateLeader(buffer);
    const followers = sides === 'leader' ? { followerCritic: NaN, followerActor: NaN } : this.updateFollowers(buffer);
    this.softUpdateTargets(sides);
    this.updates++;
    return { ...leader, ...followers };
  }

  /**
   * The gradients one update of `side` would apply to its critic and actor, without applying
   * them (the networks and targets stay as they are; the sampling stream moves on). For tests and
   * diagnostics: the sampled update's gradients average to the full update's.
   */
  gradientsOf(buffer: ReplayBuffer, side: 'leader' | 'followers'): { critic: Float64Array; actor: Float64Array } {
    const critic = side === 'leader' ? this.networks.leaderCritic : this.networks.followerCritic;
    const actor = side === 'leader' ? this.networks.leaderActor : this.networks.followerActor;
    critic.zeroGrads();
    actor.zeroGrads();
    this.dryRun = true;
    try {
      if (side === 'leader') this.updateLeader(buffer);
      else this.updateFollowers(buffer);
    } finally {
      this.dryRun = false;
    }
    const out = { critic: Float64Array.from(critic.grads), actor: Float64Array.from(actor.grads) };
    critic.zeroGrads();
    actor.zeroGrads();
    return out;
  }

  private step(name: (typeof OPTIMISED)[number]): void {
    if (!this.dryRun) this.optimisers[name].apply();
  }

  /**
   * The actors' loss -mean Q over `rows` inputs and its gradient with respect to the critic's
   * inputs (the critic itself is not trained by it).
   */
  private valueGradient(name: 'leaderCritic' | 'followerCritic', x: Float64Array, rows: number): { loss: number; dInput: Float64Array } {
    const critic = this.networks[name];
    const q = critic.forward(x, rows);
    const dq = this.scratch(`${name}.dq`, rows);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      loss -= q[r] / rows;
      dq[r] = -1 / rows;
    }
    return { loss, dInput: critic.backward(dq, false) };
  }

  /** One step of a critic on the mean squared error to targets y (rows x 1); returns the loss. */
  private fitCritic(name: 'leaderCritic' | 'followerCritic', x: Float64Array, y: Float64Array, rows: number): number {
    const critic = this.networks[name];
    const q = critic.forward(x, rows);
    const dq = this.scratch(`${name}.dq`, rows);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const e = q[r] - y[r];
      loss += e * e;
      dq[r] = (2 * e) / rows;
    }
    critic.backward(dq);
    this.step(name);
    return loss / rows;
  }

  softUpdateTargets(sides: 'both' | 'leader' | 'followers' = 'both'): void {
    const n = this.networks, tau = this.config.tau;
    if (sides !== 'followers') {
      n.leaderActorTarget.softUpdateFrom(n.leaderActor, tau);
      n.leaderCriticTarget.softUpdateFrom(n.leaderCritic, tau);
    }
    if (sides !== 'leader') {
      n.followerActorTarget.softUpdateFrom(n.followerActor, tau);
      n.followerCriticTarget.softUpdateFrom(n.followerCritic, tau);
    }
  }

  private saturation(rows: number): SaturationPenalty | undefined {
    const c = this.config;
    return c.saturationWeight > 0 ? { threshold: c.saturationThreshold, weight: c.saturationWeight, rows } : undefined;
  }

  /** The leader networks its targets read (the online ones without the defect-1 fix). */
  private leaderTargets(): { actor: Network; critic: Network } {
    const n = this.networks;
    return this.config.fixes.leaderTarget ? { actor: n.leaderActorTarget, critic: n.leaderCriticTarget } : { actor: n.leaderActor, critic: n.leaderCritic };
  }

  /** Households of a sampled transition: `count` drawn uniformly, or all of them in the full update. */
  private households(n: number, count: number, out: Int32Array): number {
    if (this.config.update === 'full') {
      for (let i = 0; i < n; i++) out[i] = i;
      return n;
    }
    for (let k = 0; k < count; k++) out[k] = Math.floor(this.sampleRng.uniform() * n);
    return count;
  }

  private sampleSlots(buffer: ReplayBuffer, batch: number): Int32Array {
    const slots = new Int32Array(batch);
    for (let b = 0; b < batch; b++) slots[b] = Math.floor(this.sampleRng.uniform() * buffer.size);
    return slots;
  }

  /**
   * The n-step targets' pieces for sampled slots: the slot each bootstraps from, its discount
   * gamma^m (0 after a collapse) and the leader's discounted reward over the m years.
   */
  private horizons(buffer: ReplayBuffer, slots: Int32Array): { boot: Int32Array; years: Int32Array; discount: Float64Array; leaderReturn: Float64Array } {
    const batch = slots.length, gamma = this.config.gamma;
    const boot = new Int32Array(batch), years = new Int32Array(batch);
    const discount = new Float64Array(batch), leaderReturn = new Float64Array(batch);
    for (let b = 0; b < batch; b++) {
      const h = buffer.horizon(slots[b], this.config.nStep);
      boot[b] = h.last;
      years[b] = h.years;
      let sum = 0, g = 1;
      for (let j = 0; j < h.years; j++) {
        sum += g * buffer.leader[((slots[b] + j) % buffer.capacity) * LEADER.size + LEADER.reward];
        g *= gamma;
      }
      leaderReturn[b] = sum;
      discount[b] = g * (1 - buffer.leader[h.last * LEADER.size + LEADER.terminal]);
    }
    return { boot, years, discount, leaderReturn };
  }

  /** Normalised private observation of household i of a stored array into x[at], x[at + 1]. */
  private putPrivate(stored: Float32Array, i: number, x: Float64Array, at: number): void {
    const nm = this.privateNormaliser;
    for (let k = 0; k < P; k++) {
      const z = (stored[2 * i + k] - nm.mean[k]) / nm.std(k);
      x[at + k] = z > 10 ? 10 : z < -10 ? -10 : z;
    }
  }

  private putMeanPrivate(leaderSlot: Float64Array, offset: number, x: Float64Array, at: number): void {
    const nm = this.privateNormaliser;
    for (let k = 0; k < P; k++) {
      const z = (leaderSlot[offset + k] - nm.mean[k]) / nm.std(k);
      x[at + k] = z > 10 ? 10 : z < -10 ? -10 : z;
    }
  }

  /**
   * Mean response of the followers (actor `actor`) to leader actions `leaderU` (batch x 5), each
   * over `samples` households of the corresponding slot's (next) private observations. Writes
   * batch x 2 means into `mean`; leaves the actor's forward cache on the batch x samples rows
   * (for the leader's gradient through the response).
   */
  private meanResponse(actor: Network, buffer: ReplayBuffer, slots: Int32Array, next: boolean, leaderU: Float64Array, samples: Int32Array[], mean: Float64Array): number {
    const batch = slots.length;
    const m = samples[0].length;
    const x = this.scratch('mr.x', batch * m * FOLLOWER_ACTOR_IN);
    for (let b = 0; b < batch; b++) {
      const s = buffer.slotOf(slots[b]);
      const obs = next ? s.nextPrivateObs : s.privateObs;
      for (let k = 0; k < m; k++) {
        const row = (b * m + k) * FOLLOWER_ACTOR_IN;
        this.putPrivate(obs, samples[b][k], x, row);
        for (let a = 0; a < AG; a++) x[row + P + a] = leaderU[b * AG + a];
      }
    }
    const u = actor.forward(x, batch * m);
    for (let b = 0; b < batch; b++) {
      let s0 = 0, s1 = 0;
      for (let k = 0; k < m; k++) {
        s0 += u[(b * m + k) * AH];
        s1 += u[(b * m + k) * AH + 1];
      }
      mean[b * AH] = s0 / m;
      mean[b * AH + 1] = s1 / m;
    }
    return m;
  }

  private drawSamples(buffer: ReplayBuffer, batch: number, count: number): Int32Array[] {
    const n = buffer.n;
    const size = this.config.update === 'full' ? n : count;
    return Array.from({ length: batch }, () => {
      const out = new Int32Array(size);
      this.households(n, count, out);
      return out;
    });
  }

  /** Leader: critic towards r + gamma Q'(s', pi'(s'), mean s', mean response to pi'(s')); actor up Q through the response. */
  private updateLeader(buffer: ReplayBuffer): { leaderCritic: number; leaderActor: number } {
    const c = this.config;
    const { leaderActor, followerActor, followerActorTarget } = this.networks;
    const targets = this.leaderTargets();
    const batch = c.leaderBatch;
    const slots = this.sampleSlots(buffer, batch);
    const M = c.meanFieldSamples;
    const nextSamples = this.drawSamples(buffer, batch, M);
    const samples = this.drawSamples(buffer, batch, M);

    // target, n years ahead
    const { boot, discount, leaderReturn } = this.horizons(buffer, slots);
    const sNext = this.scratch('l.sNext', batch * G);
    for (let b = 0; b < batch; b++) this.globalNormaliser.apply(buffer.slotOf(boot[b]).leader, 1, sNext, LEADER.nextObs, b * G);
    const uNext = Float64Array.from(targets.actor.forward(sNext, batch));
    const meanNext = this.scratch('l.meanNext', batch * AH);
    this.meanResponse(followerActorTarget, buffer, boot, true, uNext, nextSamples, meanNext);
    const xNext = this.scratch('l.xNext', batch * LEADER_CRITIC_IN);
    for (let b = 0; b < batch; b++) {
      const l = buffer.slotOf(boot[b]).leader;
      const row = b * LEADER_CRITIC_IN;
      for (let k = 0; k < G; k++) xNext[row + k] = sNext[b * G + k];
      for (let k = 0; k < AG; k++) xNext[row + G + k] = uNext[b * AG + k];
      this.putMeanPrivate(l, LEADER.nextMeanPrivate, xNext, row + G + AG);
      for (let k = 0; k < AH; k++) xNext[row + G + AG + P + k] = meanNext[b * AH + k];
    }
    const qNext = targets.critic.forward(xNext, batch);
    const y = this.scratch('l.y', batch);
    for (let b = 0; b < batch; b++) y[b] = c.leaderRewardScale * leaderReturn[b] + discount[b] * qNext[b];

    // critic on the stored actions
    const x = this.scratch('l.x', batch * LEADER_CRITIC_IN);
    for (let b = 0; b < batch; b++) {
      const l = buffer.slotOf(slots[b]).leader;
      const row = b * LEADER_CRITIC_IN;
      this.globalNormaliser.apply(l, 1, x, LEADER.obs, row);
      for (let k = 0; k < AG; k++) x[row + G + k] = l[LEADER.action + k];
      this.putMeanPrivate(l, LEADER.meanPrivate, x, row + G + AG);
      for (let k = 0; k < AH; k++) x[row + G + AG + P + k] = l[LEADER.meanAction + k];
    }
    const criticLoss = this.fitCritic('leaderCritic', x, y, batch);

    // actor: maximise Q(s, pi(s), mean s, mean followers' response to pi(s))
    const s = this.scratch('l.s', batch * G);
    for (let b = 0; b < batch; b++) for (let k = 0; k < G; k++) s[b * G + k] = x[b * LEADER_CRITIC_IN + k];
    const u = Float64Array.from(leaderActor.forward(s, batch));
    const meanNow = this.scratch('l.meanNow', batch * AH);
    const m = this.meanResponse(followerActor, buffer, slots, false, u, samples, meanNow);
    for (let b = 0; b < batch; b++) {
      const row = b * LEADER_CRITIC_IN;
      for (let k = 0; k < AG; k++) x[row + G + k] = u[b * AG + k];
      for (let k = 0; k < AH; k++) x[row + G + AG + P + k] = meanNow[b * AH + k];
    }
    const { loss: actorLoss, dInput: dx } = this.valueGradient('leaderCritic', x, batch);
    const du = this.scratch('l.du', batch * AG);
    for (let b = 0; b < batch; b++) for (let k = 0; k < AG; k++) du[b * AG + k] = dx[b * LEADER_CRITIC_IN + G + k];
    if (c.fixes.gradientThroughFollowers) {
      // d mean / d response row = 1/m; the rows' gradients with respect to their leader input add up
      const dResp = this.scratch('l.dResp', batch * m * AH);
      for (let b = 0; b < batch; b++) {
        for (let k = 0; k < m; k++) {
          for (let a = 0; a < AH; a++) dResp[(b * m + k) * AH + a] = dx[b * LEADER_CRITIC_IN + G + AG + P + a] / m;
        }
      }
      const dIn = followerActor.backward(dResp, false);
      for (let b = 0; b < batch; b++) {
        for (let k = 0; k < m; k++) for (let a = 0; a < AG; a++) du[b * AG + a] += dIn[(b * m + k) * FOLLOWER_ACTOR_IN + P + a];
      }
    }
    leaderActor.backward(du, true, this.saturation(batch));
    this.step('leaderActor');
    return { leaderCritic: criticLoss, leaderActor: actorLoss };
  }

  /** Followers: critic towards r_i + gamma Q'(s'_i, u'_g, pi'(s'_i, u'_g), mean s', mean pi'); actor up Q. */
  private updateFollowers(buffer: ReplayBuffer): { followerCritic: number; followerActor: number } {
    const c = this.config;
    const { followerActor, followerActorTarget, followerCriticTarget } = this.networks;
    const leaderNext = this.leaderTargets().actor;
    const batch = c.followerBatch;
    const slots = this.sampleSlots(buffer, batch);
    const own = this.drawSamples(buffer, batch, c.householdsPerTransition);
    const field = this.drawSamples(buffer, batch, c.meanFieldSamples);
    const h = own[0].length, m = field[0].length;
    const rows = batch * h;

    // the leader's action n years ahead (target actor, no noise) and the followers' target response to it
    const { boot, years, discount } = this.horizons(buffer, slots);
    const sNext = this.scratch('f.sNext', batch * G);
    for (let b = 0; b < batch; b++) this.globalNormaliser.apply(buffer.slotOf(boot[b]).leader, 1, sNext, LEADER.nextObs, b * G);
    const uNext = Float64Array.from(leaderNext.forward(sNext, batch));
    const meanNext = this.scratch('f.meanNext', batch * AH);
    this.meanResponse(followerActorTarget, buffer, boot, true, uNext, field, meanNext);
    const xa = this.scratch('f.xa', rows * FOLLOWER_ACTOR_IN);
    for (let b = 0; b < batch; b++) {
      const obs = buffer.slotOf(boot[b]).nextPrivateObs;
      for (let k = 0; k < h; k++) {
        const row = (b * h + k) * FOLLOWER_ACTOR_IN;
        this.putPrivate(obs, own[b][k], xa, row);
        for (let a = 0; a < AG; a++) xa[row + P + a] = uNext[b * AG + a];
      }
    }
    const uOwnNext = followerActorTarget.forward(xa, rows);
    const xq = this.scratch('f.xq', rows * FOLLOWER_CRITIC_IN);
    for (let b = 0; b < batch; b++) {
      const l = buffer.slotOf(boot[b]).leader;
      for (let k = 0; k < h; k++) {
        const r = b * h + k, row = r * FOLLOWER_CRITIC_IN;
        for (let j = 0; j < P + AG; j++) xq[row + j] = xa[r * FOLLOWER_ACTOR_IN + j];
        for (let a = 0; a < AH; a++) xq[row + P + AG + a] = uOwnNext[r * AH + a];
        this.putMeanPrivate(l, LEADER.nextMeanPrivate, xq, row + P + AG + AH);
        for (let a = 0; a < AH; a++) xq[row + P + AG + AH + P + a] = meanNext[b * AH + a];
      }
    }
    const qNext = followerCriticTarget.forward(xq, rows);
    const y = this.scratch('f.y', rows);
    for (let b = 0; b < batch; b++) {
      for (let k = 0; k < h; k++) {
        const i = own[b][k];
        let sum = 0, g = 1;
        for (let j = 0; j < years[b]; j++) {
          sum += g * buffer.slotOf((slots[b] + j) % buffer.capacity).rewards[i];
          g *= c.gamma;
        }
        y[b * h + k] = c.followerRewardScale * sum + discount[b] * qNext[b * h + k];
      }
    }

    // critic on the stored actions
    const stored = c.fixes.oneActionEncoding ? (u: number) => u : authorsStoredFollowerAction;
    for (let b = 0; b < batch; b++) {
      const s = buffer.slotOf(slots[b]);
      for (let k = 0; k < h; k++) {
        const i = own[b][k], row = (b * h + k) * FOLLOWER_CRITIC_IN;
        this.putPrivate(s.privateObs, i, xq, row);
        for (let a = 0; a < AG; a++) xq[row + P + a] = s.leader[LEADER.action + a];
        for (let a = 0; a < AH; a++) xq[row + P + AG + a] = stored(s.actions[2 * i + a], a);
        this.putMeanPrivate(s.leader, LEADER.meanPrivate, xq, row + P + AG + AH);
        for (let a = 0; a < AH; a++) xq[row + P + AG + AH + P + a] = stored(s.leader[LEADER.meanAction + a], a);
      }
    }
    const criticLoss = this.fitCritic('followerCritic', xq, y, rows);

    // actor: own rows then mean-field rows through one forward pass of the shared policy
    const xp = this.scratch('f.xp', (rows + batch * m) * FOLLOWER_ACTOR_IN);
    for (let b = 0; b < batch; b++) {
      const s = buffer.slotOf(slots[b]);
      const put = (row: number, i: number) => {
        this.putPrivate(s.privateObs, i, xp, row);
        for (let a = 0; a < AG; a++) xp[row + P + a] = s.leader[LEADER.action + a];
      };
      for (let k = 0; k < h; k++) put((b * h + k) * FOLLOWER_ACTOR_IN, own[b][k]);
      for (let k = 0; k < m; k++) put((rows + b * m + k) * FOLLOWER_ACTOR_IN, field[b][k]);
    }
    const u = followerActor.forward(xp, rows + batch * m);
    for (let b = 0; b < batch; b++) {
      let s0 = 0, s1 = 0;
      for (let k = 0; k < m; k++) {
        s0 += u[(rows + b * m + k) * AH];
        s1 += u[(rows + b * m + k) * AH + 1];
      }
      for (let k = 0; k < h; k++) {
        const r = b * h + k, row = r * FOLLOWER_CRITIC_IN;
        for (let a = 0; a < AH; a++) xq[row + P + AG + a] = u[r * AH + a];
        xq[row + P + AG + AH + P] = s0 / m;
        xq[row + P + AG + AH + P + 1] = s1 / m;
      }
    }
    const { loss: actorLoss, dInput: dx } = this.valueGradient('followerCritic', xq, rows);
    const du = this.scratch('f.du', (rows + batch * m) * AH);
    du.fill(0, 0, (rows + batch * m) * AH);
    for (let b = 0; b < batch; b++) {
      for (let k = 0; k < h; k++) {
        const r = b * h + k;
        for (let a = 0; a < AH; a++) {
          du[r * AH + a] = dx[r * FOLLOWER_CRITIC_IN + P + AG + a];
          if (c.meanFieldGradient) {
            const dMean = dx[r * FOLLOWER_CRITIC_IN + P + AG + AH + P + a] / m;
            for (let j = 0; j < m; j++) du[(rows + b * m + j) * AH + a] += dMean;
          }
        }
      }
    }
    followerActor.backward(du, true, this.saturation(rows + batch * m));
    this.step('followerActor');
    return { followerCritic: criticLoss, followerActor: actorLoss };
  }
}

function clipUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}
