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
import { Agent, AG, AH, G, P, mlp, type Losses, type MethodDefinition, type Sides } from '../method.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import type { ReplayBuffer } from '../replay.js';
import type { Node } from '../tape.js';
import { columns as concatColumns } from '../sampling.js';

export const MADDPG_SETTINGS = {
  ...ACTOR_CRITIC_SETTINGS,
  epsilonStart: { kind: 'number', default: 0.1, min: 0, max: 1, doc: "probability that a household's u is drawn uniformly, at the start" },
  epsilonEnd: { kind: 'number', default: 0.05, min: 0, max: 1, doc: 'the same probability after epsilonDecayUpdates updates' },
  epsilonDecayUpdates: { kind: 'integer', default: 3000, min: 1, max: 1e9, doc: 'updates over which epsilon falls linearly from epsilonStart to epsilonEnd' },
} as const satisfies Schema;

export type MaddpgSettings = SettingsOf<typeof MADDPG_SETTINGS>;

export class Maddpg extends Agent<MaddpgSettings> {
  readonly method = 'maddpg';

  constructor(settings: MaddpgSettings, seed: number, n: number) {
    super(settings, seed, n, { seesLeaderAction: false, savingMap: settings.savingMap });
    const H = settings.hidden, init = new Rng(seed, 11), joint = (P + AH) * n;
    const leaderActor = this.addNetwork('leaderActor', mlp([G, H, AG], 'tanh', init), settings.actorLearningRate);
    const leaderCritic = this.addNetwork('leaderCritic', mlp([G + AG + joint, H, H, 1], 'linear', init), settings.criticLearningRate);
    const followerActor = this.addNetwork('followerActor', mlp([P, H, AH], 'tanh', init), settings.followerActorLearningRate || settings.actorLearningRate);
    const followerCritic = this.addNetwork('followerCritic', mlp([P + AH + G + AG + joint, H, H, 1], 'linear', init), settings.criticLearningRate);
    this.addNetwork('leaderActorTarget', leaderActor.clone(), null);
    this.addNetwork('leaderCriticTarget', leaderCritic.clone(), null);
    this.addNetwork('followerActorTarget', followerActor.clone(), null);
    this.addNetwork('followerCriticTarget', followerCritic.clone(), null);
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
    const leader = sides === 'followers' ? { leaderCritic: NaN, leaderActor: NaN } : this.updateLeader(buffer);
    const followers = sides === 'leader' ? { followerCritic: NaN, followerActor: NaN } : this.updateFollowers(buffer);
    this.updates++;
    return { ...leader, ...followers };
  }

  /** Every household's target action at the next observations: B x 2N. */
  private jointNext(privateNext: Float64Array, B: number): Node {
    const t = this.tape, n = this.n;
    const u = this.networks.followerActorTarget.apply(t, t.constant(privateNext, B * n, P), false).output;
    return t.constant(u.value, B, AH * n);
  }

  private updateLeader(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.leaderBatch, n = this.n;
    const { leaderActor, leaderCritic, leaderActorTarget, leaderCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);

    // y = n-step return + gamma^m Q'_g(s', pi'_g(s'), every s'_j, every pi'_h(s'_j))
    t.reset();
    const sNext = t.constant(batch.global(true), B, G), allNext = batch.allPrivate(true);
    const uNext = leaderActorTarget.apply(t, sNext, false).output;
    const qNext = leaderCriticTarget.apply(t, t.concat([sNext, uNext, t.constant(allNext, B, P * n), this.jointNext(allNext, B)]), false).output;
    const y = batch.leaderReturn(s.leaderRewardScale).map((r, b) => r + batch.discount[b] * qNext.value[b]);

    // critic on the stored actions; actor: maximise Q_g with its own action from pi_g, the others' stored
    t.reset();
    const state = t.constant(batch.global(false), B, G);
    const others = [t.constant(batch.allPrivate(false), B, P * n), t.constant(batch.allActions(), B, AH * n)];
    const criticLoss = t.mse(leaderCritic.apply(t, t.concat([state, t.constant(batch.leaderAction(), B, AG), ...others]), true).output, y);
    this.minimise([criticLoss], 'leaderCritic');

    const { output: u, preActivation } = leaderActor.apply(t, state, true);
    const actorLoss = t.scale(t.mean(leaderCritic.apply(t, t.concat([state, u, ...others]), false).output), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'leaderActor');
    this.softUpdate(['leaderActorTarget', 'leaderActor'], ['leaderCriticTarget', 'leaderCritic']);
    return { leaderCritic: criticLoss.value[0], leaderActor: actorLoss.value[0] };
  }

  private updateFollowers(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.followerBatch, n = this.n;
    const { followerActor, followerCritic, followerActorTarget, leaderActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(s.householdsPerTransition);
    const R = own.household.length;

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i), s'_g, pi'_g(s'_g), every s'_j, every pi'_h(s'_j))
    t.reset();
    const ownNext = t.constant(batch.privateObs(own, true), R, P);
    const sNext = t.constant(batch.global(true), B, G), allNext = batch.allPrivate(true);
    const jointNext = t.concat([sNext, leaderActorTarget.apply(t, sNext, false).output, t.constant(allNext, B, P * n), this.jointNext(allNext, B)]);
    const qNext = followerCriticTarget.apply(t, t.concat([ownNext, followerActorTarget.apply(t, ownNext, false).output, t.gatherRows(jointNext, own.transition)]), false).output;
    const y = batch.followerReturn(own, s.followerRewardScale).map((r, k) => r + batch.discount[own.transition[k]] * qNext.value[k]);

    // critic on the stored actions; actor: maximise Q_h with its own action from pi_h, everything else stored
    t.reset();
    const state = t.constant(batch.privateObs(own, false), R, P);
    const joint = t.gatherRows(t.constant(concatColumns(B, [batch.global(false), G], [batch.leaderAction(), AG], [batch.allPrivate(false), P * n], [batch.allActions(), AH * n]), B, G + AG + (P + AH) * n), own.transition);
    const criticLoss = t.mse(followerCritic.apply(t, t.concat([state, t.constant(batch.followerAction(own), R, AH), joint]), true).output, y);
    this.minimise([criticLoss], 'followerCritic');

    const { output: u, preActivation } = followerActor.apply(t, state, true);
    const actorLoss = t.scale(t.mean(followerCritic.apply(t, t.concat([state, u, joint]), false).output), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'followerActor');
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss.value[0], followerActor: actorLoss.value[0] };
  }
}

export const maddpg: MethodDefinition = {
  name: 'maddpg',
  summary: 'MADDPG: decentralised actors, centralised critics on every observation and action',
  settings: MADDPG_SETTINGS,
  create: (settings, seed, n) => new Maddpg(makeSettings(MADDPG_SETTINGS, settings, 'maddpg'), seed, n),
};
