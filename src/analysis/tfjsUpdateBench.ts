/**
 * One SMFRL update (leader + followers, sampled) written on TensorFlow.js (wasm backend,
 * tf.variableGrads) against the project's float64-tape update (Smfrl.update), in one process and
 * alternated: decides whether the learning layer runs on TensorFlow.js or on a tape of its own.
 *
 * The tfjs update does the same work as src/learning/smfrl.ts per iteration: the sampled rows are
 * gathered on the CPU into Float32Arrays with the same normalisation and index arithmetic
 * (that gathering is part of both updates' cost), then the leader's n-step target (target actor,
 * target critic, the followers' target mean response over batch x meanFieldSamples rows), the
 * leader critic's MSE step, the leader actor's step with its gradient through the follower
 * actor's mean response to its leader-action input (the follower actor is not updated by that
 * loss), the followers' target (batch x householdsPerTransition rows), critic step and actor step
 * with the mean-field gradient, the actors' saturation penalties and the four soft target
 * updates. Differences: float32 throughout (the plain update is float64), and Adam is tfjs's.
 */
import type { AdamOptimizer, Tensor2D, Variable, Scalar } from '@tensorflow/tfjs';
import { createEconomy } from '../data/defaults.js';
import { Rng } from '../economy/rng.js';
import { ReplayBuffer, LEADER } from '../learning/replay.js';
import { AG, AH, G, P } from '../learning/method.js';
import { collect } from '../learning/rollout.js';
import { SMFRL_SETTINGS, Smfrl, type SmfrlSettings as SmfrlConfig } from '../learning/methods/smfrl.js';
import { makeSettings } from '../learning/settings.js';

const makeSmfrlConfig = (given: Partial<SmfrlConfig>): SmfrlConfig => makeSettings(SMFRL_SETTINGS, given, 'smfrl');
import { Normaliser } from '../learning/normaliser.js';
import { tf, useBestBackend } from '../learning/backend.js';
import { smfrlUpdateSpeed } from './trainBench.js';

const LEADER_CRITIC_IN = G + AG + P + AH; // 15
const FOLLOWER_ACTOR_IN = P + AG; // 7
const FOLLOWER_CRITIC_IN = P + AG + AH + P + AH; // 13

// ------------------------------------------------------------------ networks as tf.variables

interface TfNet {
  w: Variable[];
  b: Variable[];
  output: 'tanh' | 'linear';
}

/** Dense layers, PyTorch's default initialisation (uniform +-1/sqrt(fan in)). */
function makeNet(sizes: number[], output: 'tanh' | 'linear', seed: number): TfNet {
  const w: Variable[] = [], b: Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const bound = 1 / Math.sqrt(sizes[l]);
    const w0 = tf.randomUniform([sizes[l], sizes[l + 1]], -bound, bound, 'float32', seed * 100 + 2 * l);
    const b0 = tf.randomUniform([sizes[l + 1]], -bound, bound, 'float32', seed * 100 + 2 * l + 1);
    w.push(tf.variable(w0));
    b.push(tf.variable(b0));
    tf.dispose([w0, b0]); // the variables keep the data
  }
  return { w, b, output };
}

function cloneNet(net: TfNet): TfNet {
  return { w: net.w.map((v) => tf.variable(v, false)), b: net.b.map((v) => tf.variable(v, false)), output: net.output };
}

function varsOf(net: TfNet): Variable[] {
  return net.w.flatMap((w, l) => [w, net.b[l]]);
}

/** Output and the output layer's pre-activation (for the saturation penalty). */
function forward(net: TfNet, x: Tensor2D): { out: Tensor2D; pre: Tensor2D } {
  let h = x;
  const last = net.w.length - 1;
  for (let l = 0; l < last; l++) h = tf.fused.matMul({ a: h, b: net.w[l] as unknown as Tensor2D, bias: net.b[l], activation: 'relu' }) as Tensor2D;
  const pre = tf.fused.matMul({ a: h, b: net.w[last] as unknown as Tensor2D, bias: net.b[last] }) as Tensor2D;
  return { out: net.output === 'tanh' ? (tf.tanh(pre) as Tensor2D) : pre, pre };
}

/** weight * sum over rows and outputs of (|z| - threshold)_+^2 / rows: network.ts's penalty, whose gradient is 2 w/rows (|z| - t) sign z. */
function saturationPenalty(pre: Tensor2D, c: SmfrlConfig, rows: number): Scalar {
  const over = tf.relu(tf.sub(tf.abs(pre), c.saturationThreshold));
  return tf.mul(tf.sum(tf.square(over)), c.saturationWeight / rows) as Scalar;
}

/** Each row of t (rows x d) repeated k times in place: rows*k x d, row r*k + j = row r. */
function repeatRows(t: Tensor2D, k: number): Tensor2D {
  const [rows, d] = t.shape;
  return tf.reshape(tf.tile(tf.reshape(t, [rows, 1, d]), [1, k, 1]), [rows * k, d]);
}

/** Mean over consecutive groups of m rows: (batch*m) x d -> batch x d. */
function groupMean(t: Tensor2D, m: number): Tensor2D {
  const [rows, d] = t.shape;
  return tf.mean(tf.reshape(t, [rows / m, m, d]), 1) as Tensor2D;
}

// ------------------------------------------------------------------ CPU-side gathering (as smfrl.ts)

interface LeaderRows {
  batch: number;
  m: number;
  sNext: Float32Array; // batch x G
  nextPriv: Float32Array; // batch*m x P (next private obs of the boot slots)
  nextMeanPriv: Float32Array; // batch x P
  yBase: Float32Array; // batch: scaled n-step return
  discount: Float32Array; // batch
  x: Float32Array; // batch x 15: stored s, u_g, mean s_i, mean u_i
  nowPriv: Float32Array; // batch*m x P (private obs of the slots)
}

interface FollowerRows {
  batch: number;
  h: number;
  m: number;
  sNext: Float32Array; // batch x G
  fieldNextPriv: Float32Array; // batch*m x P
  ownNextPriv: Float32Array; // rows x P
  nextMeanPriv: Float32Array; // rows x P
  yBase: Float32Array; // rows
  discount: Float32Array; // rows
  xq: Float32Array; // rows x 13 (stored)
  xp: Float32Array; // (rows + batch*m) x 7: own rows then mean-field rows
}

class Gatherer {
  constructor(
    private readonly c: SmfrlConfig,
    private readonly gNorm: Normaliser,
    private readonly pNorm: Normaliser,
    private readonly rng: Rng,
  ) {}

  private sampleSlots(buffer: ReplayBuffer, batch: number): Int32Array {
    const slots = new Int32Array(batch);
    for (let b = 0; b < batch; b++) slots[b] = Math.floor(this.rng.uniform() * buffer.size);
    return slots;
  }

  private drawSamples(buffer: ReplayBuffer, batch: number, count: number): Int32Array[] {
    const n = buffer.n;
    return Array.from({ length: batch }, () => {
      const out = new Int32Array(count);
      for (let k = 0; k < count; k++) out[k] = Math.floor(this.rng.uniform() * n);
      return out;
    });
  }

  private horizons(buffer: ReplayBuffer, slots: Int32Array): { boot: Int32Array; years: Int32Array; discount: Float64Array; leaderReturn: Float64Array } {
    const batch = slots.length, gamma = this.c.gamma;
    const boot = new Int32Array(batch), years = new Int32Array(batch);
    const discount = new Float64Array(batch), leaderReturn = new Float64Array(batch);
    for (let b = 0; b < batch; b++) {
      const h = buffer.horizon(slots[b], this.c.nStep);
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

  private putGlobal(l: Float64Array, offset: number, x: Float32Array, at: number): void {
    const nm = this.gNorm;
    for (let k = 0; k < G; k++) {
      const z = (l[offset + k] - nm.mean[k]) * (1 / nm.std(k));
      x[at + k] = z > 10 ? 10 : z < -10 ? -10 : z;
    }
  }

  private putPrivate(stored: Float32Array, i: number, x: Float32Array, at: number): void {
    const nm = this.pNorm;
    for (let k = 0; k < P; k++) {
      const z = (stored[2 * i + k] - nm.mean[k]) / nm.std(k);
      x[at + k] = z > 10 ? 10 : z < -10 ? -10 : z;
    }
  }

  private putMeanPrivate(l: Float64Array, offset: number, x: Float32Array, at: number): void {
    const nm = this.pNorm;
    for (let k = 0; k < P; k++) {
      const z = (l[offset + k] - nm.mean[k]) / nm.std(k);
      x[at + k] = z > 10 ? 10 : z < -10 ? -10 : z;
    }
  }

  leader(buffer: ReplayBuffer): LeaderRows {
    const c = this.c, batch = c.leaderBatch, m = c.meanFieldSamples;
    const slots = this.sampleSlots(buffer, batch);
    const nextSamples = this.drawSamples(buffer, batch, m);
    const samples = this.drawSamples(buffer, batch, m);
    const { boot, discount, leaderReturn } = this.horizons(buffer, slots);
    const sNext = new Float32Array(batch * G), nextMeanPriv = new Float32Array(batch * P);
    const nextPriv = new Float32Array(batch * m * P), nowPriv = new Float32Array(batch * m * P);
    const yBase = new Float32Array(batch), disc = new Float32Array(batch);
    const x = new Float32Array(batch * LEADER_CRITIC_IN);
    for (let b = 0; b < batch; b++) {
      const sb = buffer.slotOf(boot[b]);
      this.putGlobal(sb.leader, LEADER.nextObs, sNext, b * G);
      this.putMeanPrivate(sb.leader, LEADER.nextMeanPrivate, nextMeanPriv, b * P);
      for (let k = 0; k < m; k++) this.putPrivate(sb.nextPrivateObs, nextSamples[b][k], nextPriv, (b * m + k) * P);
      yBase[b] = c.leaderRewardScale * leaderReturn[b];
      disc[b] = discount[b];
      const s = buffer.slotOf(slots[b]);
      const l = s.leader, row = b * LEADER_CRITIC_IN;
      this.putGlobal(l, LEADER.obs, x, row);
      for (let k = 0; k < AG; k++) x[row + G + k] = l[LEADER.action + k];
      this.putMeanPrivate(l, LEADER.meanPrivate, x, row + G + AG);
      for (let k = 0; k < AH; k++) x[row + G + AG + P + k] = l[LEADER.meanAction + k];
      for (let k = 0; k < m; k++) this.putPrivate(s.privateObs, samples[b][k], nowPriv, (b * m + k) * P);
    }
    return { batch, m, sNext, nextPriv, nextMeanPriv, yBase, discount: disc, x, nowPriv };
  }

  followers(buffer: ReplayBuffer): FollowerRows {
    const c = this.c, batch = c.followerBatch, h = c.householdsPerTransition, m = c.meanFieldSamples;
    const rows = batch * h;
    const slots = this.sampleSlots(buffer, batch);
    const own = this.drawSamples(buffer, batch, h);
    const field = this.drawSamples(buffer, batch, m);
    const { boot, years, discount } = this.horizons(buffer, slots);
    const sNext = new Float32Array(batch * G);
    const fieldNextPriv = new Float32Array(batch * m * P);
    const ownNextPriv = new Float32Array(rows * P), nextMeanPriv = new Float32Array(rows * P);
    const yBase = new Float32Array(rows), disc = new Float32Array(rows);
    const xq = new Float32Array(rows * FOLLOWER_CRITIC_IN);
    const xp = new Float32Array((rows + batch * m) * FOLLOWER_ACTOR_IN);
    for (let b = 0; b < batch; b++) {
      const sb = buffer.slotOf(boot[b]);
      this.putGlobal(sb.leader, LEADER.nextObs, sNext, b * G);
      for (let k = 0; k < m; k++) this.putPrivate(sb.nextPrivateObs, field[b][k], fieldNextPriv, (b * m + k) * P);
      const s = buffer.slotOf(slots[b]);
      for (let k = 0; k < h; k++) {
        const r = b * h + k, i = own[b][k];
        this.putPrivate(sb.nextPrivateObs, i, ownNextPriv, r * P);
        this.putMeanPrivate(sb.leader, LEADER.nextMeanPrivate, nextMeanPriv, r * P);
        let sum = 0, g = 1;
        for (let j = 0; j < years[b]; j++) {
          sum += g * buffer.slotOf((slots[b] + j) % buffer.capacity).rewards[i];
          g *= c.gamma;
        }
        yBase[r] = c.followerRewardScale * sum;
        disc[r] = discount[b];
        // critic on the stored actions (one action encoding)
        const row = r * FOLLOWER_CRITIC_IN;
        this.putPrivate(s.privateObs, i, xq, row);
        for (let a = 0; a < AG; a++) xq[row + P + a] = s.leader[LEADER.action + a];
        for (let a = 0; a < AH; a++) xq[row + P + AG + a] = s.actions[2 * i + a];
        this.putMeanPrivate(s.leader, LEADER.meanPrivate, xq, row + P + AG + AH);
        for (let a = 0; a < AH; a++) xq[row + P + AG + AH + P + a] = s.leader[LEADER.meanAction + a];
      }
      const put = (row: number, i: number) => {
        this.putPrivate(s.privateObs, i, xp, row);
        for (let a = 0; a < AG; a++) xp[row + P + a] = s.leader[LEADER.action + a];
      };
      for (let k = 0; k < h; k++) put((b * h + k) * FOLLOWER_ACTOR_IN, own[b][k]);
      for (let k = 0; k < m; k++) put((rows + b * m + k) * FOLLOWER_ACTOR_IN, field[b][k]);
    }
    return { batch, h, m, sNext, fieldNextPriv, ownNextPriv, nextMeanPriv, yBase, discount: disc, xq, xp };
  }
}

// ------------------------------------------------------------------ the tfjs agent

export class TfjsSmfrl {
  readonly leaderActor: TfNet;
  readonly leaderCritic: TfNet;
  readonly followerActor: TfNet;
  readonly followerCritic: TfNet;
  readonly leaderActorTarget: TfNet;
  readonly leaderCriticTarget: TfNet;
  readonly followerActorTarget: TfNet;
  readonly followerCriticTarget: TfNet;
  readonly optimisers = { leaderActor: tf.train.adam(1e-3), leaderCritic: tf.train.adam(1e-3), followerActor: tf.train.adam(1e-3), followerCritic: tf.train.adam(1e-3) };
  private readonly gather: Gatherer;

  constructor(readonly c: SmfrlConfig, gNorm: Normaliser, pNorm: Normaliser, seed = 1) {
    if (!c.meanFieldGradient || c.update !== 'sampled' || !c.fixes.leaderTarget || !c.fixes.gradientThroughFollowers || !c.fixes.oneActionEncoding) {
      throw new RangeError('the tfjs bench update implements the default sampled SMFRL update only');
    }
    const H = c.hidden;
    this.leaderActor = makeNet([G, H, AG], 'tanh', seed * 10 + 1);
    this.leaderCritic = makeNet([LEADER_CRITIC_IN, H, H, 1], 'linear', seed * 10 + 2);
    this.followerActor = makeNet([FOLLOWER_ACTOR_IN, H, AH], 'tanh', seed * 10 + 3);
    this.followerCritic = makeNet([FOLLOWER_CRITIC_IN, H, H, 1], 'linear', seed * 10 + 4);
    this.leaderActorTarget = cloneNet(this.leaderActor);
    this.leaderCriticTarget = cloneNet(this.leaderCritic);
    this.followerActorTarget = cloneNet(this.followerActor);
    this.followerCriticTarget = cloneNet(this.followerCritic);
    this.gather = new Gatherer(c, gNorm, pNorm, new Rng(seed, 13));
  }

  /** One update of both sides and the soft target updates; returns the four losses. */
  update(buffer: ReplayBuffer): { leaderCritic: number; leaderActor: number; followerCritic: number; followerActor: number } {
    const L = this.gather.leader(buffer);
    const leader = this.updateLeader(L);
    const F = this.gather.followers(buffer);
    const followers = this.updateFollowers(F);
    this.softUpdateTargets();
    return { ...leader, ...followers };
  }

  private step(name: keyof TfjsSmfrl['optimisers'], net: TfNet, loss: () => Scalar): number {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, varsOf(net));
      this.optimisers[name].applyGradients(grads as unknown as Parameters<AdamOptimizer['applyGradients']>[0]);
      return value.dataSync()[0];
    });
  }

  private updateLeader(L: LeaderRows): { leaderCritic: number; leaderActor: number } {
    const c = this.c, { batch, m } = L;
    const t2 = (a: Float32Array, cols: number) => tf.tensor2d(a, [a.length / cols, cols]);
    return tf.tidy(() => {
      const x = t2(L.x, LEADER_CRITIC_IN);
      // target, n years ahead
      const y = tf.tidy(() => {
        const sNext = t2(L.sNext, G);
        const uNext = forward(this.leaderActorTarget, sNext).out;
        const resp = forward(this.followerActorTarget, tf.concat([t2(L.nextPriv, P), repeatRows(uNext, m)], 1)).out;
        const xNext = tf.concat([sNext, uNext, t2(L.nextMeanPriv, P), groupMean(resp, m)], 1);
        const qNext = forward(this.leaderCriticTarget, xNext).out;
        return tf.add(t2(L.yBase, 1), tf.mul(t2(L.discount, 1), qNext));
      });
      const criticLoss = this.step('leaderCritic', this.leaderCritic, () => tf.mean(tf.square(tf.sub(forward(this.leaderCritic, x).out, y))) as Scalar);
      // actor: up Q(s, pi(s), mean s, mean followers' response to pi(s)), gradient through the response
      const s = tf.slice(x, [0, 0], [batch, G]);
      const meanPriv = tf.slice(x, [0, G + AG], [batch, P]);
      const nowPriv = t2(L.nowPriv, P);
      const actorLoss = this.step('leaderActor', this.leaderActor, () => {
        const { out: u, pre } = forward(this.leaderActor, s);
        const resp = forward(this.followerActor, tf.concat([nowPriv, repeatRows(u, m)], 1)).out;
        const q = forward(this.leaderCritic, tf.concat([s, u, meanPriv, groupMean(resp, m)], 1)).out;
        const value = tf.neg(tf.mean(q)) as Scalar;
        return c.saturationWeight > 0 ? (tf.add(value, saturationPenalty(pre, c, batch)) as Scalar) : value;
      });
      return { leaderCritic: criticLoss, leaderActor: actorLoss };
    });
  }

  private updateFollowers(F: FollowerRows): { followerCritic: number; followerActor: number } {
    const c = this.c, { batch, h, m } = F;
    const rows = batch * h;
    const t2 = (a: Float32Array, cols: number) => tf.tensor2d(a, [a.length / cols, cols]);
    return tf.tidy(() => {
      const y = tf.tidy(() => {
        const uNext = forward(this.leaderActorTarget, t2(F.sNext, G)).out;
        const meanNext = groupMean(forward(this.followerActorTarget, tf.concat([t2(F.fieldNextPriv, P), repeatRows(uNext, m)], 1)).out, m);
        const xa = tf.concat([t2(F.ownNextPriv, P), repeatRows(uNext, h)], 1);
        const uOwnNext = forward(this.followerActorTarget, xa).out;
        const xqNext = tf.concat([xa, uOwnNext, t2(F.nextMeanPriv, P), repeatRows(meanNext, h)], 1);
        const qNext = forward(this.followerCriticTarget, xqNext).out;
        return tf.add(t2(F.yBase, 1), tf.mul(t2(F.discount, 1), qNext));
      });
      const xq = t2(F.xq, FOLLOWER_CRITIC_IN);
      const criticLoss = this.step('followerCritic', this.followerCritic, () => tf.mean(tf.square(tf.sub(forward(this.followerCritic, xq).out, y))) as Scalar);
      // actor: own rows then mean-field rows through one forward pass; mean-field gradient on
      const xp = t2(F.xp, FOLLOWER_ACTOR_IN);
      const ownIn = tf.slice(xp, [0, 0], [rows, P + AG]);
      const meanPriv = tf.slice(xq, [0, P + AG + AH], [rows, P]);
      const actorLoss = this.step('followerActor', this.followerActor, () => {
        const { out: u, pre } = forward(this.followerActor, xp);
        const uOwn = tf.slice(u, [0, 0], [rows, AH]);
        const field = groupMean(tf.slice(u, [rows, 0], [batch * m, AH]), m);
        const q = forward(this.followerCritic, tf.concat([ownIn, uOwn, meanPriv, repeatRows(field, h)], 1)).out;
        const value = tf.neg(tf.mean(q)) as Scalar;
        return c.saturationWeight > 0 ? (tf.add(value, saturationPenalty(pre, c, rows + batch * m)) as Scalar) : value;
      });
      return { followerCritic: criticLoss, followerActor: actorLoss };
    });
  }

  private softUpdateTargets(): void {
    const tau = this.c.tau;
    const pairs: [TfNet, TfNet][] = [
      [this.leaderActorTarget, this.leaderActor],
      [this.leaderCriticTarget, this.leaderCritic],
      [this.followerActorTarget, this.followerActor],
      [this.followerCriticTarget, this.followerCritic],
    ];
    tf.tidy(() => {
      for (const [target, online] of pairs) {
        const tv = varsOf(target), ov = varsOf(online);
        for (let k = 0; k < tv.length; k++) tv[k].assign(tf.add(tf.mul(tv[k], 1 - tau), tf.mul(ov[k], tau)));
      }
    });
  }

  dispose(): void {
    for (const net of [this.leaderActor, this.leaderCritic, this.followerActor, this.followerCritic, this.leaderActorTarget, this.leaderCriticTarget, this.followerActorTarget, this.followerCriticTarget]) tf.dispose(varsOf(net));
    for (const o of Object.values(this.optimisers)) o.dispose();
  }

  /** Time of the CPU-side gathering alone (both sides), ms per update. */
  gatherMs(buffer: ReplayBuffer, count = 200): number {
    const started = performance.now();
    for (let k = 0; k < count; k++) {
      this.gather.leader(buffer);
      this.gather.followers(buffer);
    }
    return (performance.now() - started) / count;
  }
}

// ------------------------------------------------------------------ the measurement

export interface TfjsUpdatePair {
  tfjsMsPerUpdate: number;
  plainMsPerUpdate: number;
  ratio: number;
}

export interface TfjsUpdateSpeed {
  n: number;
  engine: string;
  msPerUpdate: number;
  updatesPerSecond: number;
  plainMsPerUpdate: number;
  /** Median over the pairs of tfjs / plain. */
  ratio: number;
  pairs: TfjsUpdatePair[];
  numTensorsBefore: number;
  numTensorsAfter: number;
  /** numTensors after each timed tfjs run (flat if nothing leaks). */
  numTensorsPerRun: number[];
  kernelsPerUpdate: number;
  gatherMsPerUpdate: number;
  /** ms per update of the same tfjs update with batches of 8 (arithmetic /16): about the fixed per-op cost. */
  smallBatchMsPerUpdate: number;
  wasmSimd: boolean;
  wasmThreads: boolean;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

function timeUpdates(agent: TfjsSmfrl, buffer: ReplayBuffer, budgetMs: number): number {
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < budgetMs || count < 3) {
    agent.update(buffer);
    count++;
  }
  return (performance.now() - started) / count;
}

/**
 * ms per update of the tfjs (wasm) SMFRL update and of Smfrl.update ('sampled'), alternated
 * `rounds` times in this process, after collecting `years` of an N-household economy.
 */
export async function tfjsSmfrlUpdateSpeed(n: number, budgetMs = 3000, rounds = 3, years = 300): Promise<TfjsUpdateSpeed> {
  const backend = await useBestBackend('wasm');
  if (backend !== 'wasm') throw new Error(`wasm backend not available (got ${backend})`);
  // the same configuration and collection as smfrlUpdateSpeed
  const config = makeSmfrlConfig({ update: 'sampled', nStep: 20 });
  const collector = new Smfrl(config, 1, n);
  const buffer = new ReplayBuffer(ReplayBuffer.capacityFor(n, 512 * 2 ** 20, 100_000), n);
  const economy = createEconomy({ n, seed: 1, preset: 'paper' });
  try {
    collect(collector, economy, buffer, years);
  } finally {
    economy.close();
  }
  const numTensorsBefore = tf.memory().numTensors;
  const agent = new TfjsSmfrl(config, collector.globalNormaliser, collector.privateNormaliser, 1);
  // warm-up (Adam's slots are created on the first step)
  for (let k = 0; k < 20; k++) agent.update(buffer);
  const warm = tf.memory().numTensors;
  const profile = await tf.profile(() => {
    agent.update(buffer);
  });
  const kernelsPerUpdate = profile.kernels.length;
  const gatherMsPerUpdate = agent.gatherMs(buffer);

  const pairs: TfjsUpdatePair[] = [];
  const numTensorsPerRun: number[] = [warm];
  for (let r = 0; r < rounds; r++) {
    const tfjsMs = timeUpdates(agent, buffer, budgetMs);
    numTensorsPerRun.push(tf.memory().numTensors);
    const plainMs = smfrlUpdateSpeed(n, 'sampled', budgetMs, years).msPerUpdate;
    pairs.push({ tfjsMsPerUpdate: tfjsMs, plainMsPerUpdate: plainMs, ratio: tfjsMs / plainMs });
  }

  // fixed-cost probe: same graph, batches of 8
  const small = new TfjsSmfrl(makeSmfrlConfig({ update: 'sampled', nStep: 20, leaderBatch: 8, followerBatch: 8 }), collector.globalNormaliser, collector.privateNormaliser, 2);
  for (let k = 0; k < 20; k++) small.update(buffer);
  const smallBatchMsPerUpdate = timeUpdates(small, buffer, Math.min(budgetMs, 1500));
  small.dispose();
  agent.dispose();
  const numTensorsAfter = tf.memory().numTensors;

  const msPerUpdate = median(pairs.map((p) => p.tfjsMsPerUpdate));
  return {
    n,
    engine: 'TensorFlow.js wasm (float32)',
    msPerUpdate,
    updatesPerSecond: 1000 / msPerUpdate,
    plainMsPerUpdate: median(pairs.map((p) => p.plainMsPerUpdate)),
    ratio: median(pairs.map((p) => p.ratio)),
    pairs,
    numTensorsBefore,
    numTensorsAfter,
    numTensorsPerRun,
    kernelsPerUpdate,
    gatherMsPerUpdate,
    smallBatchMsPerUpdate,
    wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    wasmThreads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}
