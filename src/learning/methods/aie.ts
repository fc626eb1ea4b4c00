/**
 * The AI Economist (Zheng et al., Science Advances 2022), the paper's main AI baseline: two-level
 * PPO, on-policy on each epoch's years, read top to bottom like CleanRL's ppo_continuous_action.py
 * (settings, the network, acting, the update). `aie-bc` is the same with households that start
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
import { LEADER, type ReplayBuffer } from '../replay.js';
import { Normaliser } from '../normaliser.js';
import { RecurrentPolicy, priorFeatures, recurrentShape, type PriorShape } from '../recurrent.js';
import { AG, AH, G, P, type EpochYears, type Losses, type Method, type MethodDefinition, type Sides } from '../method.js';
import { makeSettings, SettingsError, type Schema, type SettingsOf } from '../settings.js';
import { loadClone } from '../cloneModel.js';

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

type Side = 'leader' | 'followers';

/** One chunk of up to sequenceLength years of one sequence (the leader's, or one household's). */
interface Chunk {
  sequence: number;
  start: number;
  length: number;
  h0: Float64Array;
  c0: Float64Array;
}

/** A side's epoch: per sequence and year, the inputs, actions and what PPO computes from them. */
export interface SideData {
  sequences: number;
  years: number;
  /** LSTM inputs, (sequence, year) x inputs. */
  x: Float64Array;
  /** The prior's features, (sequence, year) x 2 (households of aie-bc). */
  prior: Float64Array | null;
  actions: Float64Array;
  rewards: Float64Array;
  /** Value of the next observation where a sequence is truncated (not where it collapsed). */
  bootstrap: Float64Array;
  oldLogProb: Float64Array;
  oldValue: Float64Array;
  advantages: Float64Array;
  returns: Float64Array;
  chunks: Chunk[];
}

/** The epoch's years as PPO sees them (prepared before the first pass). */
export interface EpochData {
  years: number;
  terminal: Uint8Array;
  /** 1 on the last year of an episode segment (collapse, year 300, or the end of the collection). */
  end: Uint8Array;
  leader: SideData;
  followers: SideData;
  households: Int32Array;
}

export class AiEconomist implements Method {
  readonly storage = 'on-policy' as const;
  readonly networks: { leader: RecurrentPolicy; followers: RecurrentPolicy };
  readonly optimisers: Record<string, Adam>;
  readonly noiseRng: Rng;
  readonly sampleRng: Rng;
  readonly rngs: Record<string, Rng>;
  /** Frozen while acting (the data stays on-policy); each update adds its epoch's observations. */
  readonly globalNormaliser = new Normaliser(G);
  readonly privateNormaliser = new Normaliser(P);
  readonly followerView: FollowerView;
  updates = 0;
  private readonly leaderState: Float64Array;
  private followerStates: Float64Array = new Float64Array(0);
  private readonly xg = new Float64Array(G);
  private xh = new Float64Array(0);

  constructor(readonly method: string, readonly settings: AieSettings, readonly seed: number, readonly n: number) {
    requireBackend();
    const s = settings;
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
    return { leaderActor: this.networks.leader, followerActor: this.networks.followers, globalNormaliser: this.globalNormaliser, privateNormaliser: this.privateNormaliser, followerView: this.followerView };
  }

  // ---------------------------------------------------------------- acting

  /** The leader's u ~ N(mean, std^2) (the mean without exploration); its LSTM moves on one year. */
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(AG)): Float64Array {
    const mean = leaderActorOutput(this.networks.leader, this.globalNormaliser, globalLog, this.xg, this.leaderState);
    const logStd = this.networks.leader.block('logStd');
    for (let k = 0; k < AG; k++) out[k] = explore ? mean[k] + Math.exp(logStd[k]) * this.noiseRng.normal() : mean[k];
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

  // ---------------------------------------------------------------- the update

  /**
   * One PPO update per epoch on its years [from, to) (the last 300 stored if not given): the
   * epoch's old log-probabilities, values, advantages and returns first, then `passes` passes of
   * `minibatches` clipped-objective steps per side; the government only after the curriculum's
   * first `leaderFrozenEpochs` epochs. Then the normalisers take in the epoch's observations.
   */
  update(buffer: ReplayBuffer, sides: Sides = 'both', years?: EpochYears): Losses {
    const s = this.settings;
    const to = years?.to ?? buffer.totalAdded;
    const from = years?.from ?? Math.max(buffer.totalAdded - buffer.size, to - 300);
    const data = this.prepare(buffer, from, to);
    const trainLeader = sides !== 'followers' && this.updates >= s.leaderFrozenEpochs;
    const trainFollowers = sides !== 'leader';
    const losses: Losses = {};
    for (const [side, on] of [['leader', trainLeader], ['followers', trainFollowers]] as const) {
      const sums = { Policy: 0, Value: 0, Entropy: 0 };
      let steps = 0;
      const chunks = data[side].chunks.length;
      for (let pass = 0; on && pass < s.passes; pass++) {
        const order = this.sampleRng.sampleWithoutReplacement(chunks, chunks);
        const groups = Math.min(s.minibatches, chunks);
        for (let m = 0; m < groups; m++) {
          const ids = Array.from(order.subarray(Math.floor((m * chunks) / groups), Math.floor(((m + 1) * chunks) / groups)));
          const [policy, value, entropy] = this.step(side, data, ids);
          sums.Policy += policy;
          sums.Value += value;
          sums.Entropy += entropy;
          steps++;
        }
      }
      const name = side === 'leader' ? 'leader' : 'follower';
      for (const [k, v] of Object.entries(sums)) losses[`${name}${k}`] = steps ? v / steps : NaN;
    }
    this.learnNormalisers(buffer, from, to);
    this.updates++;
    return losses;
  }

  /** One Adam step of a side on the chunks `ids`: the clipped objective, the value loss, the entropy bonus. */
  private step(side: Side, data: EpochData, ids: number[]): number[] {
    const net = this.networks[side], s = this.settings;
    const values = differentiate([net], () => {
      const { policy, value, entropy } = this.minibatchLosses(side, data, ids);
      return [policy, tf.mul(value, s.valueCoef) as Scalar, tf.mul(entropy, -s.entropyCoef) as Scalar];
    });
    this.optimisers[side].apply();
    return [values[0], values[1] / (s.valueCoef || 1), s.entropyCoef ? -values[2] / s.entropyCoef : NaN];
  }

  /** The side's PPO losses on chunks `ids` (call inside tf.tidy or a gradient function); advantages normalised over the minibatch. */
  minibatchLosses(side: Side, data: EpochData, ids: number[]): { policy: Scalar; value: Scalar; entropy: Scalar } {
    const d = data[side], net = this.networks[side];
    // unrolled as far as the longest chunk of the minibatch (episodes that collapse in year one give chunks of one year)
    const S = Math.max(...ids.map((id) => d.chunks[id].length));
    const B = ids.length, L = net.shape.lstm, I = net.inputs, A = net.outputs, T = d.years;
    const rows = S * B;
    const xs = Array.from({ length: S }, () => new Float32Array(B * I));
    const prior = d.prior ? new Float32Array(rows * 2) : null;
    const h0 = new Float32Array(B * L), c0 = new Float32Array(B * L);
    const actions = new Float32Array(rows * A), mask = new Float32Array(rows), oldLogProb = new Float32Array(rows), advantage = new Float32Array(rows), target = new Float32Array(rows);
    const adv: number[] = [];
    ids.forEach((id, b) => {
      const chunk = d.chunks[id];
      h0.set(chunk.h0, b * L);
      c0.set(chunk.c0, b * L);
      for (let j = 0; j < chunk.length; j++) {
        const at = chunk.sequence * T + chunk.start + j, row = j * B + b;
        xs[j].set(d.x.subarray(at * I, (at + 1) * I), b * I);
        if (prior) prior.set(d.prior!.subarray(at * 2, at * 2 + 2), row * 2);
        actions.set(d.actions.subarray(at * A, (at + 1) * A), row * A);
        mask[row] = 1;
        oldLogProb[row] = d.oldLogProb[at];
        target[row] = d.returns[at];
        advantage[row] = d.advantages[at];
        adv.push(d.advantages[at]);
      }
    });
    // normalised advantages over the minibatch's rows
    const mean = adv.reduce((a, v) => a + v, 0) / adv.length;
    const sd = adv.length > 1 ? Math.sqrt(adv.reduce((a, v) => a + (v - mean) ** 2, 0) / (adv.length - 1)) : 0;
    for (let r = 0; r < rows; r++) if (mask[r]) advantage[r] = (advantage[r] - mean) / (sd + 1e-8);
    const out = net.unroll(xs.map((x) => tf.tensor2d(x, [B, I])), tf.tensor2d(h0, [B, L]), tf.tensor2d(c0, [B, L]), prior ? tf.tensor2d(prior, [rows, 2]) : undefined);
    const logProb = gaussianLogProb(tf.tensor2d(actions, [rows, A]), out.mean, out.logStd);
    return ppoLosses({ logProb, oldLogProb: tf.tensor2d(oldLogProb, [rows, 1]), advantage: tf.tensor2d(advantage, [rows, 1]), value: out.value, target: tf.tensor2d(target, [rows, 1]), mask: tf.tensor2d(mask, [rows, 1]), logStd: out.logStd }, this.settings.clip);
  }

  /**
   * The epoch as PPO needs it, with the policy that collected it: inputs through the (frozen)
   * normalisers; each sequence replayed from its episode's start in float64 for the LSTM state at
   * each chunk's start and for the values where a segment was truncated; old log-probabilities
   * and values from the same TensorFlow.js graph the passes use; GAE advantages and returns.
   */
  prepare(buffer: ReplayBuffer, from: number, to: number): EpochData {
    const s = this.settings, T = to - from, n = buffer.n;
    if (T < 1 || from < buffer.totalAdded - buffer.size) throw new RangeError(`aie update: years [${from}, ${to}) are not in the replay buffer`);
    const K = Math.min(s.householdsPerUpdate, n);
    const households = this.sampleRng.sampleWithoutReplacement(n, K);
    const terminal = new Uint8Array(T), end = new Uint8Array(T);
    const leaderNet = this.networks.leader, followerNet = this.networks.followers;
    const leader = emptySide(1, T, G, AG, false), followers = emptySide(K, T, P + AG, AH, followerNet.shape.prior != null);
    const gNext = new Float64Array(T * G), pNext = new Float64Array(T * K * P), priorNext = new Float64Array(T * K * 2);
    const seen = new Float64Array(AG);
    const privLog = new Float64Array(K * P), privNextLog = new Float64Array(K * P);
    for (let t = 0; t < T; t++) {
      const slot = buffer.slotOf((from + t) % buffer.capacity);
      const l = slot.leader;
      terminal[t] = l[LEADER.terminal];
      end[t] = l[LEADER.episodeEnd] || t === T - 1 ? 1 : 0;
      this.globalNormaliser.apply(l.subarray(LEADER.obs, LEADER.obs + G), 1, leader.x, 0, t * G);
      this.globalNormaliser.apply(l.subarray(LEADER.nextObs, LEADER.nextObs + G), 1, gNext, 0, t * G);
      leader.actions.set(l.subarray(LEADER.action, LEADER.action + AG), t * AG);
      leader.rewards[t] = l[LEADER.reward] * s.leaderRewardScale;
      for (let k = 0; k < AG; k++) seen[k] = clip(l[LEADER.action + k]);
      for (let i = 0; i < K; i++) {
        const h = households[i], at = i * T + t;
        for (let k = 0; k < P; k++) {
          privLog[i * P + k] = slot.privateObs[h * P + k];
          privNextLog[i * P + k] = slot.nextPrivateObs[h * P + k];
        }
        followers.x.set(seen, at * (P + AG) + P);
        for (let a = 0; a < AH; a++) followers.actions[at * AH + a] = slot.actions[h * AH + a];
        followers.rewards[at] = slot.rewards[h] * s.followerRewardScale;
      }
      for (let i = 0; i < K; i++) {
        this.privateNormaliser.apply(privLog, 1, followers.x, i * P, (i * T + t) * (P + AG));
        this.privateNormaliser.apply(privNextLog, 1, pNext, i * P, (t * K + i) * P);
        if (followers.prior) {
          const [e, w] = priorFeatures(privLog[i * P], privLog[i * P + 1]);
          const [eNext, wNext] = priorFeatures(privNextLog[i * P], privNextLog[i * P + 1]);
          const { mean, sd } = followerNet.shape.prior!.featureScaling;
          followers.prior.set([(e - mean[0]) / sd[0], (w - mean[1]) / sd[1]], (i * T + t) * 2);
          priorNext.set([(eNext - mean[0]) / sd[0], (wNext - mean[1]) / sd[1]], (t * K + i) * 2);
        }
      }
    }
    // replay: chunk starts' states and truncation values; the leader's next mean is what followers see next
    const seenNext = new Float64Array(T * AG);
    replay(leaderNet, leader, 1, end, s.sequenceLength, (t, state, value) => {
      const mean = leaderNet.step(gNext.subarray(t * G, (t + 1) * G), 1, state, value);
      for (let k = 0; k < AG; k++) seenNext[t * AG + k] = clip(mean[k]);
    }, terminal);
    const W = followerNet.inputWidth, I = P + AG;
    const nextRows = new Float64Array(K * W);
    replay(followerNet, followers, K, end, s.sequenceLength, (t, state, value) => {
      for (let i = 0; i < K; i++) {
        nextRows.set(pNext.subarray((t * K + i) * P, (t * K + i + 1) * P), i * W);
        nextRows.set(seenNext.subarray(t * AG, (t + 1) * AG), i * W + P);
        if (followers.prior) nextRows.set(priorNext.subarray((t * K + i) * 2, (t * K + i + 1) * 2), i * W + I);
      }
      followerNet.step(nextRows, K, state, value);
    }, terminal);
    for (const [side, net] of [[leader, leaderNet], [followers, followerNet]] as const) {
      oldPolicy(net, side);
      for (let q = 0; q < side.sequences; q++) {
        const range = q * T;
        const { advantages, returns } = gae(side.rewards.subarray(range, range + T), side.oldValue.subarray(range, range + T), side.bootstrap.subarray(range, range + T), terminal, end, s.gamma, s.gaeLambda);
        side.advantages.set(advantages, range);
        side.returns.set(returns, range);
      }
    }
    return { years: T, terminal, end, leader, followers, households };
  }

  /** The epoch's observations into the normalisers, year by year as a replay method's collection does. */
  private learnNormalisers(buffer: ReplayBuffer, from: number, to: number): void {
    this.globalNormaliser.frozen = false;
    this.privateNormaliser.frozen = false;
    for (let t = from; t < to; t++) {
      const slot = buffer.slotOf(t % buffer.capacity);
      this.globalNormaliser.update(slot.leader.subarray(LEADER.obs, LEADER.obs + G), 1);
      this.privateNormaliser.update(slot.privateObs, buffer.n);
    }
    this.globalNormaliser.frozen = true;
    this.privateNormaliser.frozen = true;
  }
}

function clip(u: number): number {
  return u > 1 ? 1 : u < -1 ? -1 : u;
}

function emptySide(sequences: number, years: number, inputs: number, actions: number, prior: boolean): SideData {
  const rows = sequences * years;
  return {
    sequences,
    years,
    x: new Float64Array(rows * inputs),
    prior: prior ? new Float64Array(rows * 2) : null,
    actions: new Float64Array(rows * actions),
    rewards: new Float64Array(rows),
    bootstrap: new Float64Array(rows),
    oldLogProb: new Float64Array(rows),
    oldValue: new Float64Array(rows),
    advantages: new Float64Array(rows),
    returns: new Float64Array(rows),
    chunks: [],
  };
}

/**
 * Replays a side's sequences (all at once, one row each) through the epoch in float64, each
 * episode segment from a zero state: records the state at every chunk start and, at a segment
 * truncated rather than collapsed, calls `beyond` for the value of the next observation.
 */
function replay(net: RecurrentPolicy, side: SideData, K: number, end: Uint8Array, S: number, beyond: (t: number, state: Float64Array, value: Float64Array) => void, terminal: Uint8Array): void {
  const T = side.years, W = net.inputWidth, I = net.inputs, L = net.shape.lstm;
  const state = new Float64Array(K * net.stateSize), rows = new Float64Array(K * W), value = new Float64Array(K);
  let start = 0;
  for (let t = 0; t < T; t++) {
    if ((t - start) % S === 0) {
      for (let q = 0; q < K; q++) {
        const o = q * net.stateSize;
        side.chunks.push({ sequence: q, start: t, length: Math.min(S, segmentEnd(end, t) - t + 1), h0: state.slice(o, o + L), c0: state.slice(o + L, o + 2 * L) });
      }
    }
    for (let q = 0; q < K; q++) {
      const at = q * T + t;
      rows.set(side.x.subarray(at * I, (at + 1) * I), q * W);
      if (side.prior) rows.set(side.prior.subarray(at * 2, at * 2 + 2), q * W + I);
    }
    net.step(rows, K, state);
    if (end[t]) {
      if (!terminal[t]) {
        beyond(t, state, value);
        for (let q = 0; q < K; q++) side.bootstrap[q * T + t] = value[q];
      }
      state.fill(0);
      start = t + 1;
    }
  }
}

function segmentEnd(end: Uint8Array, t: number): number {
  while (!end[t]) t++;
  return t;
}

/** Old log-probabilities and values of every (sequence, year), from the graph the passes use. */
function oldPolicy(net: RecurrentPolicy, d: SideData): void {
  const T = d.years, I = net.inputs, A = net.outputs, L = net.shape.lstm, B = d.chunks.length;
  if (B === 0) return;
  const S = Math.max(...d.chunks.map((c) => c.length));
  const xs = Array.from({ length: S }, () => new Float32Array(B * I));
  const prior = d.prior ? new Float32Array(S * B * 2) : null;
  const actions = new Float32Array(S * B * A), h0 = new Float32Array(B * L), c0 = new Float32Array(B * L);
  d.chunks.forEach((chunk, b) => {
    h0.set(chunk.h0, b * L);
    c0.set(chunk.c0, b * L);
    for (let j = 0; j < chunk.length; j++) {
      const at = chunk.sequence * T + chunk.start + j, row = j * B + b;
      xs[j].set(d.x.subarray(at * I, (at + 1) * I), b * I);
      if (prior) prior.set(d.prior!.subarray(at * 2, at * 2 + 2), row * 2);
      actions.set(d.actions.subarray(at * A, (at + 1) * A), row * A);
    }
  });
  let logProb: Float32Array = new Float32Array(0), value: Float32Array = new Float32Array(0);
  tf.tidy(() => {
    const out = net.unroll(xs.map((x) => tf.tensor2d(x, [B, I])), tf.tensor2d(h0, [B, L]), tf.tensor2d(c0, [B, L]), prior ? tf.tensor2d(prior, [S * B, 2]) : undefined);
    logProb = gaussianLogProb(tf.tensor2d(actions, [S * B, A]), out.mean, out.logStd).dataSync() as Float32Array;
    value = out.value.dataSync() as Float32Array;
  });
  d.chunks.forEach((chunk, b) => {
    for (let j = 0; j < chunk.length; j++) {
      const at = chunk.sequence * T + chunk.start + j;
      d.oldLogProb[at] = logProb[j * B + b];
      d.oldValue[at] = value[j * B + b];
    }
  });
}

// ---------------------------------------------------------------- PPO's pieces

/**
 * Generalised advantage estimation over one sequence of years: delta_t = r_t + gamma V_{t+1} - V_t
 * with V_{t+1} the next year's value within a segment, the bootstrap value where the segment was
 * truncated (year 300 or the end of the collection) and 0 where the economy collapsed;
 * A_t = delta_t + gamma lambda A_{t+1} within the segment; returns R_t = A_t + V_t.
 */
export function gae(rewards: ArrayLike<number>, values: ArrayLike<number>, bootstrap: ArrayLike<number>, terminal: ArrayLike<number>, end: ArrayLike<number>, gamma: number, lambda: number): { advantages: Float64Array; returns: Float64Array } {
  const T = rewards.length;
  const advantages = new Float64Array(T), returns = new Float64Array(T);
  let next = 0;
  for (let t = T - 1; t >= 0; t--) {
    const last = end[t] === 1 || t === T - 1;
    const nextValue = last ? (terminal[t] ? 0 : bootstrap[t]) : values[t + 1];
    const delta = rewards[t] + gamma * nextValue - values[t];
    next = delta + gamma * lambda * (last ? 0 : next);
    advantages[t] = next;
    returns[t] = next + values[t];
  }
  return { advantages, returns };
}

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
  create: (settings, seed, n) => new AiEconomist('aie', makeSettings(AIE_SETTINGS, settings, 'aie') as AieSettings, seed, n),
};

export const aieBc: MethodDefinition = {
  name: 'aie-bc',
  summary: 'the AI Economist with households that start from the behaviour-cloned policy',
  settings: AIE_BC_SETTINGS,
  create: (settings, seed, n) => new AiEconomist('aie-bc', makeSettings(AIE_BC_SETTINGS, settings, 'aie-bc') as AieSettings, seed, n),
};
