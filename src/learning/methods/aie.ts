/**
 * The AI Economist (Zheng et al., Science Advances 2022), the paper's main AI baseline: two-level
 * PPO, on-policy on each epoch's years, read top to bottom like CleanRL's ppo_continuous_action.py
 * (settings, the network, acting, the rollout store, the update). `aie-bc` is the same with households that start
 * from the behaviour-cloned policy in data/models/bc-households. docs/learning.md (The AI
 * Economist) states the losses, the curriculum and every difference from the authors' code.
 *
 *   leader     x = s_g (6)                          -> LSTM -> mean (5), V;   u_g ~ N(mean, exp(logStd_g)^2)
 *   followers  x = (s_i, u_g clipped) (7) per row   -> LSTM -> mean (2), V;   u_i ~ N(mean, exp(logStd_h)^2)
 *              one network shared by every household (each its own LSTM state); aie-bc adds the
 *              clone's mean logits inside the mean's tanh (recurrent.ts)
 */
import type { Scalar, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { Rng } from '../../economy/rng.js';
import { Adam } from '../adam.js';
import { tf } from '../backend.js';
import { differentiate, gaussianLogProb } from '../autodiff.js';
import { requireBackend } from '../backend.js';
import { actorState, followerActorOutputs, leaderActorOutput, type ActorSet, type FollowerView } from '../acting.js';
import { SAVING_MAPS } from '../encoding.js';
import type { ReplayBuffer, Transition } from '../replay.js';
import { Normaliser } from '../normaliser.js';
import { OnPolicyStore, PackedChunks, type Chunk } from '../onPolicyStore.js';
import { RecurrentPolicy, recurrentShape, type PriorShape } from '../recurrent.js';
import { AH, G, P, type EpochYears, type Losses, type Method, type MethodDefinition, type Side, type Sides } from '../method.js';
import { makeSettings, SettingsError, type Schema, type SettingsOf } from '../settings.js';
import { loadClone } from '../cloneModel.js';
import { PAPER_INSTRUMENTS, type InstrumentSpace } from '../../economy/spaces.js';

// ---------------------------------------------------------------- settings

export const AIE_SETTINGS = {
  lstm: { kind: 'integer', default: 32, min: 1, max: 4096, doc: 'LSTM units shared by the actor and critic heads (the authors: 128)' },
  hidden: { kind: 'integer', default: 32, min: 1, max: 4096, doc: 'width of each head\'s two tanh layers (the authors: 128)' },
  gamma: { kind: 'number', default: 0.975, min: 0, max: 1, doc: 'discount factor' },
  gaeLambda: { kind: 'number', default: 0.95, min: 0, max: 1, doc: 'GAE lambda (the authors: 5e-3, nearly one-step TD errors)' },
  clip: { kind: 'number', default: 0.1, min: 0, max: 1, openMin: true, doc: 'PPO clip range of the probability ratio' },
  valueCoef: { kind: 'number', default: 0.5, min: 0, max: 1e3, doc: 'weight of the value loss 0.5 (V - R)^2' },
  entropyCoef: { kind: 'number', default: 0.01, min: 0, max: 1e3, doc: 'weight of the entropy bonus' },
  maxGradNorm: { kind: 'number', default: 1, min: 0, max: 1e6, doc: "clip each side's gradient to this global L2 norm (0: no clip)" },
  passes: { kind: 'integer', default: 10, min: 1, max: 10_000, doc: "passes over each epoch's years (PPO epochs; the authors: 20)" },
  minibatches: { kind: 'integer', default: 2, min: 1, max: 10_000, doc: 'minibatches per pass (each one Adam step per side)' },
  sequenceLength: { kind: 'integer', default: 10, min: 1, max: 1000, doc: 'years per chunk of back-propagation through the LSTM (each chunk starts from the state it had when acting)' },
  householdsPerUpdate: { kind: 'integer', default: 8, min: 1, max: 1_000_000, doc: "households whose years enter the followers' update each epoch (all N if fewer): the cost does not grow with N" },
  leaderLearningRate: { kind: 'number', default: 3e-4, min: 0, max: 1, openMin: true, doc: "Adam learning rate of the government's network" },
  followerLearningRate: { kind: 'number', default: 3e-4, min: 0, max: 1, openMin: true, doc: "Adam learning rate of the households' network (the authors: 1e-6, which leaves it where it started)" },
  adamEpsilon: { kind: 'number', default: 1e-5, min: 0, max: 1, openMin: true, doc: "Adam's epsilon" },
  leaderFrozenEpochs: { kind: 'integer', default: 10, min: 0, max: 1_000_000, doc: "the curriculum: the government's learning rate is 0 for this many epochs (households first)" },
  initialLogStd: { kind: 'number', default: -1, min: -20, max: 2, doc: "initial log standard deviation of both Gaussians on u (aie-bc's households: the clone's)" },
  outputInit: { kind: 'number', default: 0.01, min: 0, max: 10, doc: "the actor head's output layer starts uniform in +-this (aie-bc's households: 0, so that they start as the clone)" },
  leaderRewardScale: { kind: 'number', default: 0.01, min: 0, max: 1e6, openMin: true, doc: "government rewards are multiplied by this before learning (a year's gdp reward is ~10)" },
  followerRewardScale: { kind: 'number', default: 1, min: 0, max: 1e6, openMin: true, doc: 'household rewards are multiplied by this before learning' },
  savingMap: { kind: 'choice', default: 'full', choices: SAVING_MAPS, doc: "how a household's u becomes its saving share: full ((u + 1) / 2) | half (0.5 + 0.25 (u + 1))" },
  behaviourCloned: { kind: 'boolean', default: false, doc: 'households start from the behaviour-cloned policy (data/models/bc-households)' },
} as const satisfies Schema;

export type AieSettings = SettingsOf<typeof AIE_SETTINGS>;

export const AIE_BC_SETTINGS = { ...AIE_SETTINGS, behaviourCloned: { ...AIE_SETTINGS.behaviourCloned, default: true } } as const satisfies Schema;

// ---------------------------------------------------------------- the network

/**
 * The behaviour clone as the households' prior: its two ReLU layers and its mean outputs (the
 * clone's log-std outputs are dropped; the PPO log-std is state-independent). With x = (u + 1) / 2
 * for both shares ('full' map), u = tanh(z + o / 2) gives the shares sigmoid(z + o): at z = 0 the
 * clone's means sigmoid(o) exactly. The clone's Gaussian in share space N(sigmoid(o), s^2) is
 * N(tanh(o / 2), (2 s)^2) in u, so logStd_u = log 2 + the clone's log-std (at the average SCF
 * household, standardised features 0, as the PPO log-std cannot depend on the state).
 */
export function clonePrior(): { shape: PriorShape; weights: Float64Array[]; logStd: number[] } {
  const { mlp, scaling } = loadClone();
  const A = AH;
  const last = mlp.layers.length - 1;
  const weights: Float64Array[] = [];
  mlp.layers.forEach((layer, l) => {
    const keep = l === last ? A : layer.outputs;
    const kernel = new Float64Array(layer.inputs * keep);
    for (let i = 0; i < layer.inputs; i++) for (let j = 0; j < keep; j++) kernel[i * keep + j] = layer.kernel[i * layer.outputs + j];
    weights.push(kernel, Float64Array.from(layer.bias.subarray(0, keep)));
  });
  // the clone's log-std outputs at standardised features (0, 0)
  let h: number[] = [0, 0];
  mlp.layers.forEach((layer, l) => {
    const next = Array.from(layer.bias);
    for (let i = 0; i < layer.inputs; i++) for (let j = 0; j < layer.outputs; j++) next[j] += h[i] * layer.kernel[i * layer.outputs + j];
    h = l === last ? next : next.map((v) => Math.max(0, v));
  });
  const logStd = [h[2], h[3]].map((v) => Math.log(2) + Math.min(2, Math.max(-20, v)));
  const sizes = [mlp.layers[0].inputs, ...mlp.layers.map((layer, l) => (l === last ? A : layer.outputs))];
  return { shape: { kind: 'behaviour-clone', sizes, featureScaling: { mean: [...scaling.mean], sd: [...scaling.sd] } }, weights, logStd };
}

// ---------------------------------------------------------------- the agent

const SIDES: readonly Side[] = ['leader', 'followers'];

export class AiEconomist implements Method {
  readonly storage = 'on-policy' as const;
  readonly networks: { leader: RecurrentPolicy; followers: RecurrentPolicy };
  readonly optimisers: Record<string, Adam>;
  readonly noiseRng: Rng;
  readonly sampleRng: Rng;
  readonly rngs: Record<string, Rng>;
  /** Frozen while acting (the data stays on-policy); each update adopts the store's, which took in the epoch's observations. */
  readonly globalNormaliser = new Normaliser(G);
  readonly privateNormaliser = new Normaliser(P);
  readonly followerView: FollowerView;
  /** The latest collection (the rollout's hooks fill it; the update reads it). */
  onPolicyStore: OnPolicyStore | null = null;
  updates = 0;
  private readonly leaderState: Float64Array;
  private followerStates: Float64Array = new Float64Array(0);
  private readonly xg = new Float64Array(G);
  private xh = new Float64Array(0);
  /** The households whose sequences the store records (drawn per collection, so the update's cost does not grow with N). */
  households: Int32Array = new Int32Array(0);

  constructor(readonly method: string, readonly settings: AieSettings, readonly seed: number, readonly n: number, readonly leaderAction: InstrumentSpace = PAPER_INSTRUMENTS) {
    requireBackend();
    const s = settings, AG = leaderAction.size;
    if (s.behaviourCloned && s.savingMap !== 'full') throw new SettingsError(`${method} setting savingMap must be full with behaviourCloned (the clone's shares are sigmoid(o) = ((tanh(o / 2) + 1) / 2)), got '${s.savingMap}'`);
    this.followerView = { seesLeaderAction: true, savingMap: s.savingMap };
    const init = new Rng(seed, 11);
    const leader = new RecurrentPolicy(recurrentShape(G, s.lstm, s.hidden, AG));
    leader.initialise(init, s.outputInit, s.initialLogStd);
    const clone = s.behaviourCloned ? clonePrior() : null;
    const followers = new RecurrentPolicy(recurrentShape(P + AG, s.lstm, s.hidden, AH, clone?.shape ?? null));
    followers.initialise(init, clone ? 0 : s.outputInit, s.initialLogStd);
    if (clone) {
      clone.weights.forEach((w, k) => followers.block(`prior.${k % 2 === 0 ? 'w' : 'b'}${(k >> 1) + 1}`).set(w));
      followers.block('logStd').set(clone.logStd);
      followers.changed();
    }
    this.networks = { leader, followers };
    const adam = (net: RecurrentPolicy, learningRate: number) => new Adam(net, { learningRate, epsilon: s.adamEpsilon, maxGradNorm: s.maxGradNorm });
    this.optimisers = { leader: adam(leader, s.leaderLearningRate), followers: adam(followers, s.followerLearningRate) };
    this.noiseRng = new Rng(seed, 12);
    this.sampleRng = new Rng(seed, 13);
    this.rngs = { noise: this.noiseRng, sample: this.sampleRng };
    this.globalNormaliser.frozen = true;
    this.privateNormaliser.frozen = true;
    this.leaderState = actorState(leader, 1);
  }

  get actors(): ActorSet {
    return { leaderActor: this.networks.leader, followerActor: this.networks.followers, globalNormaliser: this.globalNormaliser, privateNormaliser: this.privateNormaliser, followerView: this.followerView, leaderAction: this.leaderAction };
  }

  // ---------------------------------------------------------------- acting

  /** The leader's u ~ N(mean, std^2) (the mean without exploration); its LSTM moves on one year. */
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(this.leaderAction.size)): Float64Array {
    const mean = leaderActorOutput(this.networks.leader, this.globalNormaliser, globalLog, this.xg, this.leaderState);
    const logStd = this.networks.leader.block('logStd');
    for (let k = 0; k < out.length; k++) out[k] = explore ? mean[k] + Math.exp(logStd[k]) * this.noiseRng.normal() : mean[k];
    return out;
  }

  /** Every household's u ~ N(mean, std^2) from the shared network, each with its own LSTM state. */
  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    const net = this.networks.followers;
    if (this.followerStates.length !== n * net.stateSize) this.followerStates = actorState(net, n);
    if (this.xh.length < n * net.inputWidth) this.xh = new Float64Array(n * net.inputWidth);
    const mean = followerActorOutputs(net, this.privateNormaliser, privateLog, leaderU, n, this.xh, this.followerView, this.followerStates);
    const logStd = net.block('logStd');
    for (let i = 0; i < n; i++) for (let a = 0; a < AH; a++) out[i * AH + a] = explore ? mean[i * AH + a] + Math.exp(logStd[a]) * this.noiseRng.normal() : mean[i * AH + a];
    return out;
  }

  startEpisode(): void {
    this.resetRecurrentState();
  }

  /** Acting moves the LSTM states on; a year needs nothing else. */
  nextYear(): void {}

  resetRecurrentState(): void {
    this.leaderState.fill(0);
    this.followerStates.fill(0);
  }

  // ---------------------------------------------------------------- the rollout store

  /** The rollout's hook before a collection: a store of `years` years, and the households it records. */
  startRollout(years: number, n: number): void {
    this.households = this.sampleRng.sampleWithoutReplacement(n, Math.min(this.settings.householdsPerUpdate, n));
    const shape = (net: RecurrentPolicy, rows: number) => ({ rows, width: net.inputWidth, inputs: net.inputs, actions: net.outputs, stateSize: net.stateSize });
    const { leader, followers } = this.networks;
    this.onPolicyStore = new OnPolicyStore(years, { leader: shape(leader, 1), followers: shape(followers, this.households.length) }, { global: this.globalNormaliser, private: this.privateNormaliser });
  }

  /**
   * The rollout's hook after each year: the rows the networks acted on, the sampled u, the scaled
   * rewards; the state the next year is acted from, or, where a segment is truncated, the value
   * of what comes next.
   */
  recordYear(year: Transition): void {
    const s = this.settings, store = this.onPolicyStore!, hh = this.households, K = hh.length, AG = this.leaderAction.size;
    const leader = store.sides.leader, followers = store.sides.followers, net = this.networks.followers;
    const W = net.inputWidth, Z = net.stateSize;
    const t = store.addYear(year.terminal, year.episodeEnd);
    leader.x.set(this.xg, t * G);
    leader.actions.set(year.leaderAction, t * AG);
    leader.rewards[t] = year.leaderReward * s.leaderRewardScale;
    hh.forEach((h, q) => {
      const at = t * K + q;
      followers.x.set(this.xh.subarray(h * W, (h + 1) * W), at * W);
      for (let a = 0; a < AH; a++) followers.actions[at * AH + a] = year.followerActions[h * AH + a];
      followers.rewards[at] = year.followerRewards[h] * s.followerRewardScale;
    });
    store.normalisers.global.update(year.globalObs, 1);
    store.normalisers.private.update(year.privateObs, year.privateObs.length / P);
    if (!store.end[t]) {
      leader.state.set(this.leaderState, (t + 1) * this.leaderState.length);
      hh.forEach((h, q) => followers.state.set(this.followerStates.subarray(h * Z, (h + 1) * Z), ((t + 1) * K + q) * Z));
    } else if (!year.terminal) this.nextValues(year, t);
  }

  /**
   * V(s') where a segment is truncated (CleanRL's next_value): one more year of each LSTM from
   * where acting left it, on the next observation; the households see the government's mean.
   */
  private nextValues(year: Transition, t: number): void {
    const store = this.onPolicyStore!, hh = this.households, K = hh.length, AG = this.leaderAction.size;
    const { leader, followers } = this.networks, W = followers.inputWidth, Z = followers.stateSize;
    const value = new Float64Array(K), gx = new Float64Array(G);
    this.globalNormaliser.apply(year.nextGlobalObs, 1, gx);
    const mean = leader.step(gx, 1, this.leaderState.slice(), value);
    store.sides.leader.nextValue[t] = value[0];
    const next = new Float64Array(K * P), rows = new Float64Array(K * W), state = new Float64Array(K * Z);
    hh.forEach((h, q) => {
      for (let k = 0; k < P; k++) next[q * P + k] = year.nextPrivateObs[h * P + k];
      state.set(this.followerStates.subarray(h * Z, (h + 1) * Z), q * Z);
    });
    this.privateNormaliser.apply(next, K, rows, 0, 0, W);
    for (let q = 0; q < K; q++) for (let k = 0; k < AG; k++) rows[q * W + P + k] = clip(mean[k]);
    followers.writePriorFeatures(next, K, rows, P + AG, W);
    followers.step(rows, K, state, value);
    store.sides.followers.nextValue.set(value, t * K);
  }

  // ---------------------------------------------------------------- the update

  /**
   * One PPO update per epoch on the store's collection (the loop's years [from, to); the replay
   * buffer is not read): the old log-probabilities, values, advantages and returns first, then
   * `passes` passes of `minibatches` clipped-objective steps per side; the government only after
   * the curriculum's first `leaderFrozenEpochs` epochs. Then the normalisers become the store's,
   * which took in the epoch's observations.
   */
  update(_buffer: ReplayBuffer, sides: Sides = 'both', years?: EpochYears): Losses {
    const s = this.settings, store = this.onPolicyStore;
    if (!store || store.length === 0) throw new RangeError(`${this.method} update: nothing collected (collect() fills the on-policy store through startRollout and recordYear)`);
    if (years && years.to - years.from !== store.length) throw new RangeError(`${this.method} update: years [${years.from}, ${years.to}) are not the store's ${store.length} years`);
    const trained = { leader: sides !== 'followers' && this.updates >= s.leaderFrozenEpochs, followers: sides !== 'leader' };
    this.prepare(SIDES.filter((side) => trained[side]));
    const losses: Losses = {};
    for (const side of SIDES) {
      const chunks = store.chunks(side, s.sequenceLength), count = chunks.length;
      const sums = [0, 0, 0];
      let steps = 0;
      for (let pass = 0; trained[side] && pass < s.passes; pass++) {
        const order = this.sampleRng.sampleWithoutReplacement(count, count);
        const groups = Math.min(s.minibatches, count);
        for (let m = 0; m < groups; m++) {
          const minibatch = Array.from(order.subarray(Math.floor((m * count) / groups), Math.floor(((m + 1) * count) / groups)), (k) => chunks[k]);
          this.step(side, minibatch).forEach((v, k) => (sums[k] += v));
          steps++;
        }
      }
      const name = side === 'leader' ? 'leader' : 'follower';
      ['Policy', 'Value', 'Entropy'].forEach((loss, k) => (losses[`${name}${loss}`] = steps ? sums[k] / steps : NaN));
    }
    this.globalNormaliser.copyFrom(store.normalisers.global);
    this.privateNormaliser.copyFrom(store.normalisers.private);
    this.updates++;
    return losses;
  }

  /**
   * Before the first pass: each year's log pi_old(u) and V_old(s) of the sides trained, from the
   * graph the passes use (the ratio is exactly 1 at the first step); then GAE.
   */
  prepare(sides: readonly Side[] = SIDES): void {
    const store = this.onPolicyStore!;
    for (const side of sides) {
      const d = store.sides[side], net = this.networks[side];
      const all = new PackedChunks(d, store.chunks(side, this.settings.sequenceLength));
      tf.tidy(() => {
        const out = unrollChunks(net, all);
        all.scatter(gaussianLogProb(tf.tensor2d(all.actions, [all.rows, net.outputs]), out.mean, out.logStd).dataSync(), d.logProb);
        all.scatter(out.value.dataSync(), d.value);
      });
    }
    store.gae(this.settings.gamma, this.settings.gaeLambda);
  }

  /** One Adam step of a side on a minibatch of chunks: the clipped objective, the value loss, the entropy bonus. */
  private step(side: Side, chunks: Chunk[]): number[] {
    const net = this.networks[side], s = this.settings;
    const [policy, value, entropy] = differentiate([net], () => {
      const l = this.minibatchLosses(side, chunks);
      return [l.policy, tf.mul(l.value, s.valueCoef) as Scalar, tf.mul(l.entropy, -s.entropyCoef) as Scalar];
    });
    this.optimisers[side].apply();
    return [policy, value / (s.valueCoef || 1), s.entropyCoef ? -entropy / s.entropyCoef : NaN];
  }

  /** A side's PPO losses on a minibatch of chunks, advantages normalised over it (call inside tf.tidy or a gradient function). */
  minibatchLosses(side: Side, chunks: Chunk[]): { policy: Scalar; value: Scalar; entropy: Scalar } {
    const d = this.onPolicyStore!.sides[side], net = this.networks[side];
    const mb = new PackedChunks(d, chunks);
    const column = (values: Float32Array) => tf.tensor2d(values, [mb.rows, 1]);
    const out = unrollChunks(net, mb);
    const logProb = gaussianLogProb(tf.tensor2d(mb.actions, [mb.rows, net.outputs]), out.mean, out.logStd);
    return ppoLosses({ logProb, oldLogProb: column(mb.gather(d.logProb)), advantage: column(mb.normalised(d.advantages)), value: out.value, target: column(mb.gather(d.returns)), mask: column(mb.mask), logStd: out.logStd }, this.settings.clip);
  }
}

function clip(u: number): number {
  return u > 1 ? 1 : u < -1 ? -1 : u;
}

/** The network over packed chunks, each from its recorded state (h then c). */
function unrollChunks(net: RecurrentPolicy, mb: PackedChunks): { mean: Tensor2D; value: Tensor2D; logStd: Tensor1D } {
  const [h0, c0] = tf.split(tf.tensor2d(mb.state, [mb.batch, net.stateSize]), 2, 1) as Tensor2D[];
  return net.unroll(mb.x.map((x) => tf.tensor2d(x, [mb.batch, net.inputs])), h0, c0, mb.features ? tf.tensor2d(mb.features, [mb.rows, mb.features.length / mb.rows]) : undefined);
}

// ---------------------------------------------------------------- PPO's losses

/**
 * PPO's losses over the rows where mask = 1: the clipped surrogate mean max(-A r, -A clip(r, 1 - e,
 * 1 + e)) with r = exp(log pi - log pi_old); the value loss mean 0.5 (V - R)^2; the entropy of the
 * state-independent Gaussian, sum(logStd + (1 + log 2 pi) / 2).
 */
export function ppoLosses(p: { logProb: Tensor2D; oldLogProb: Tensor2D; advantage: Tensor2D; value: Tensor2D; target: Tensor2D; mask: Tensor2D; logStd: Tensor1D }, clipRange: number): { policy: Scalar; value: Scalar; entropy: Scalar } {
  const count = tf.sum(p.mask);
  const ratio = tf.exp(tf.sub(p.logProb, p.oldLogProb));
  const surrogate = tf.maximum(tf.mul(tf.neg(p.advantage), ratio), tf.mul(tf.neg(p.advantage), tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange)));
  const policy = tf.div(tf.sum(tf.mul(surrogate, p.mask)), count) as Scalar;
  const value = tf.div(tf.sum(tf.mul(tf.mul(tf.square(tf.sub(p.value, p.target)), 0.5), p.mask)), count) as Scalar;
  const entropy = tf.sum(tf.add(p.logStd, 0.5 * (1 + Math.log(2 * Math.PI)))) as Scalar;
  return { policy, value, entropy };
}

// ---------------------------------------------------------------- registration

export const aie: MethodDefinition = {
  name: 'aie',
  summary: 'the AI Economist: two-level PPO with LSTM actor-critics, households first, then the planner',
  settings: AIE_SETTINGS,
  create: (settings, seed, n, leaderAction) => new AiEconomist('aie', makeSettings(AIE_SETTINGS, settings, 'aie') as AieSettings, seed, n, leaderAction),
};

export const aieBc: MethodDefinition = {
  name: 'aie-bc',
  summary: 'the AI Economist with households that start from the behaviour-cloned policy',
  settings: AIE_BC_SETTINGS,
  create: (settings, seed, n, leaderAction) => new AiEconomist('aie-bc', makeSettings(AIE_BC_SETTINGS, settings, 'aie-bc') as AieSettings, seed, n, leaderAction),
};
