/**
 * MADDPG (Lowe et al. 2017; the paper's baseline): decentralised actors, each on its own
 * observation, and centralised critics that see every observation and every action. Households
 * share one actor and one critic (their own observation and action first, so the shared critic
 * knows whose value it gives). The critics' inputs grow with N (2N + 11 for the government's,
 * 2N + 15 for the households'); so does the cost of an update.
 *
 *   leader actor     pi_g(s_g)                                       6 -> H -> 5 (tanh)
 *   leader critic    Q_g(s_g, u_g, s_1..s_N, u_1..u_N)               11 + 4N -> H -> H -> 1
 *   follower actor   pi_h(s_i)                                       2 -> H -> 2 (tanh)
 *   follower critic  Q_h(s_i, u_i, s_g, u_g, s_1..s_N, u_1..u_N)     15 + 4N -> H -> H -> 1
 *
 * Exploration as the authors': with probability epsilon (0.1 decaying to 0.05) a household's u is
 * uniform; on top of the shared exploration every method here has.
 */
import { Rng } from '../../economy/rng.js';
import { ACTOR_CRITIC_SETTINGS } from '../actorCriticSettings.js';
import { Agent, AH, G, P, type Losses, type MethodDefinition, type Sides } from '../method.js';
import type { InstrumentSpace } from '../../economy/spaces.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import type { ReplayBuffer } from '../replay.js';
import type { Scalar, Tensor2D } from '@tensorflow/tfjs';
import { tf } from '../backend.js';
import { columns, constant } from '../autodiff.js';
import { repeatRows, sideBySide } from '../sampling.js';

export const MADDPG_SETTINGS = {
  ...ACTOR_CRITIC_SETTINGS,
  epsilonStart: { kind: 'number', default: 0.1, min: 0, max: 1, doc: "probability that a household's u is drawn uniformly, at the start" },
  epsilonEnd: { kind: 'number', default: 0.05, min: 0, max: 1, doc: 'the same probability after epsilonDecayUpdates updates' },
  epsilonDecayUpdates: { kind: 'integer', default: 3000, min: 1, max: 1e9, doc: 'updates over which epsilon falls linearly from epsilonStart to epsilonEnd' },
} as const satisfies Schema;

export type MaddpgSettings = SettingsOf<typeof MADDPG_SETTINGS>;

export class Maddpg extends Agent<MaddpgSettings> {
  readonly method = 'maddpg';

  constructor(settings: MaddpgSettings, seed: number, n: number, leaderAction?: InstrumentSpace) {
    super(settings, seed, n, { seesLeaderAction: false, savingMap: settings.savingMap }, leaderAction);
    const AG = this.leaderAction.size;
    const init = new Rng(seed, 11), joint = (P + AH) * n;
    this.addActorCritic('leader', G, G + AG + joint, init);
    this.addActorCritic('follower', P, P + AH + G + AG + joint, init);
  }

  /** epsilon falls linearly with the updates taken (so a resumed agent explores as it did). */
  private epsilon(): number {
    const s = this.settings, progress = Math.min(1, this.updates / s.epsilonDecayUpdates);
    return s.epsilonStart + progress * (s.epsilonEnd - s.epsilonStart);
  }

  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    this.exploration.epsilon = this.epsilon();
    return super.followersAct(privateLog, leaderU, n, explore, out);
  }

  update(buffer: ReplayBuffer, sides: Sides = 'both'): Losses {
    if (buffer.n !== this.n) throw new RangeError(`MADDPG was built for N = ${this.n}; the replay buffer holds N = ${buffer.n}`);
    return super.update(buffer, sides);
  }

  /** Every household's target action at the next observations: B x 2N. */
  private jointNext(privateNext: Float64Array, B: number): Tensor2D {
    const n = this.n;
    return tf.reshape(this.networks.followerActorTarget.predict(constant(privateNext, B * n, P)), [B, AH * n]) as Tensor2D;
  }

  protected updateLeader(buffer: ReplayBuffer): Losses {
    const AG = this.leaderAction.size;
    const s = this.settings, B = s.leaderBatch, n = this.n, JOINT = (P + AH) * n;
    const { leaderActor, leaderCritic, leaderActorTarget, leaderCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const sg = batch.global(false), others = sideBySide(B, [batch.allPrivate(false), P * n], [batch.allActions(), AH * n]);

    // y = n-step return + gamma^m Q'_g(s', pi'_g(s'), every s'_j, every pi'_h(s'_j))
    const y = tf.tidy(() => {
      const sNext = constant(batch.global(true), B, G), allNext = batch.allPrivate(true);
      const uNext = leaderActorTarget.apply(sNext).output;
      const qNext = leaderCriticTarget.applyShared(columns(sNext, uNext), columns(constant(allNext, B, P * n), this.jointNext(allNext, B)), 1).output;
      return constant(batch.leaderReturn(s.leaderRewardScale), B, 1).add(constant(batch.discount, B, 1).mul(qNext));
    });

    // critic on the stored actions; actor: maximise Q_g with its own action from pi_g, the others' stored
    const criticIn = sideBySide(B, [sg, G], [batch.leaderAction(), AG]);
    const [criticLoss] = this.minimise(['leaderCritic'], () => [tf.losses.meanSquaredError(y, leaderCritic.applyShared(constant(criticIn, B, G + AG), constant(others, B, JOINT), 1).output) as Scalar]);
    y.dispose();
    const [actorLoss] = this.minimise(['leaderActor'], () => {
      const state = constant(sg, B, G);
      const { output: u, preActivation } = leaderActor.apply(state);
      return [tf.neg(tf.mean(leaderCritic.applyShared(columns(state, u), constant(others, B, JOINT), 1).output)) as Scalar, this.saturation(preActivation)];
    });
    this.softUpdate(['leaderActorTarget', 'leaderActor'], ['leaderCriticTarget', 'leaderCritic']);
    return { leaderCritic: criticLoss, leaderActor: actorLoss };
  }

  /**
   * The households' rows share their transition's joint state (JOINT = G + AG + 4N columns), so
   * the critics take it once per transition (Network.applyShared): the first layer's largest
   * product on B rows instead of B h.
   */
  protected updateFollowers(buffer: ReplayBuffer): Losses {
    const AG = this.leaderAction.size;
    const s = this.settings, B = s.followerBatch, n = this.n;
    const { followerActor, followerCritic, followerActorTarget, leaderActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(s.householdsPerTransition);
    const R = own.household.length, h = own.perTransition, JOINT = G + AG + (P + AH) * n;
    const privateNow = batch.privateObs(own, false);

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i), s'_g, pi'_g(s'_g), every s'_j, every pi'_h(s'_j))
    const y = tf.tidy(() => {
      const ownNext = constant(batch.privateObs(own, true), R, P);
      const sNext = constant(batch.global(true), B, G), allNext = batch.allPrivate(true);
      const jointNext = columns(sNext, leaderActorTarget.apply(sNext).output, constant(allNext, B, P * n), this.jointNext(allNext, B));
      const qNext = followerCriticTarget.applyShared(columns(ownNext, followerActorTarget.apply(ownNext).output), jointNext, h).output;
      return constant(batch.followerReturn(own, s.followerRewardScale), R, 1).add(constant(repeatRows(batch.discount, 1, h), R, 1).mul(qNext));
    });

    // critic on the stored actions; actor: maximise Q_h with its own action from pi_h, everything else stored
    const joint = sideBySide(B, [batch.global(false), G], [batch.leaderAction(), AG], [batch.allPrivate(false), P * n], [batch.allActions(), AH * n]);
    const criticIn = sideBySide(R, [privateNow, P], [batch.followerAction(own), AH]);
    const [criticLoss] = this.minimise(['followerCritic'], () => [tf.losses.meanSquaredError(y, followerCritic.applyShared(constant(criticIn, R, P + AH), constant(joint, B, JOINT), h).output) as Scalar]);
    y.dispose();
    const [actorLoss] = this.minimise(['followerActor'], () => {
      const state = constant(privateNow, R, P);
      const { output: u, preActivation } = followerActor.apply(state);
      return [tf.neg(tf.mean(followerCritic.applyShared(columns(state, u), constant(joint, B, JOINT), h).output)) as Scalar, this.saturation(preActivation)];
    });
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss, followerActor: actorLoss };
  }
}

export const maddpg: MethodDefinition = {
  name: 'maddpg',
  summary: 'MADDPG: decentralised actors, centralised critics on every observation and action',
  settings: MADDPG_SETTINGS,
  create: (settings, seed, n, leaderAction) => new Maddpg(makeSettings(MADDPG_SETTINGS, settings, 'maddpg'), seed, n, leaderAction),
  comparison: { label: 'MADDPG' },
  retrain: { epochCost: 'linear' },
  bench: [
    { n: 100, update: 'sampled' },
    { n: 1000, update: 'sampled' },
  ],
};
