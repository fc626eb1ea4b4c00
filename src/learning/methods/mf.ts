/**
 * Mean-field actor-critic without the Stackelberg structure (the paper's "MF" baseline; Yang et
 * al. 2018's mean-field MARL with a DDPG government): households share one policy that sees the
 * government's action, but their critic does not, and the government is plain DDPG blind to the
 * households' policy (ddpgLeader.ts). docs/learning.md states what differs from the authors' code.
 *
 *   follower actor   pi_h(s_i, u_g)                     7 -> H -> 2 (tanh)
 *   follower critic  Q_h(s_i, u_i, mean s, mean u)      8 -> H -> H -> 1
 */
import { Rng } from '../../economy/rng.js';
import { ACTOR_CRITIC_SETTINGS } from '../actorCriticSettings.js';
import { DdpgLeaderAgent } from '../ddpgLeader.js';
import { AG, AH, P, mlp, type Losses, type MethodDefinition, type Sides } from '../method.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import { columns, concatRows, range, repeatRows } from '../sampling.js';
import type { ReplayBuffer } from '../replay.js';

export const MF_SETTINGS = {
  ...ACTOR_CRITIC_SETTINGS,
  meanFieldSamples: { kind: 'integer', default: 8, min: 1, max: 1_000_000, doc: "households per estimate of the target policy's mean action" },
} as const satisfies Schema;

export type MfSettings = SettingsOf<typeof MF_SETTINGS>;

export class MeanField extends DdpgLeaderAgent<MfSettings> {
  readonly method = 'mf';

  constructor(settings: MfSettings, seed: number, n: number) {
    super(settings, seed, n, { seesLeaderAction: true, savingMap: settings.savingMap });
    const H = settings.hidden, init = new Rng(seed, 11);
    this.addLeader(init);
    const actor = this.addNetwork('followerActor', mlp([P + AG, H, AH], 'tanh', init), settings.followerActorLearningRate || settings.actorLearningRate);
    const critic = this.addNetwork('followerCritic', mlp([P + AH + P + AH, H, H, 1], 'linear', init), settings.criticLearningRate);
    this.addNetwork('followerActorTarget', actor.clone(), null);
    this.addNetwork('followerCriticTarget', critic.clone(), null);
  }

  update(buffer: ReplayBuffer, sides: Sides = 'both'): Losses {
    const leader = sides === 'followers' ? { leaderCritic: NaN, leaderActor: NaN } : this.updateLeader(buffer);
    const followers = sides === 'leader' ? { followerCritic: NaN, followerActor: NaN } : this.updateFollowers(buffer);
    this.updates++;
    return { ...leader, ...followers };
  }

  private updateFollowers(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.followerBatch;
    const { followerActor, followerCritic, followerActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(s.householdsPerTransition);
    const field = batch.households(s.meanFieldSamples);
    const R = own.household.length, h = own.perTransition, M = field.perTransition;

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i, u_g), mean s', mean_j pi'_h(s'_j, u_g)),
    // u_g the stored (current) government action, not its next one
    t.reset();
    const uGov = batch.leaderAction(true);
    const ownNext = t.constant(batch.privateObs(own, true), R, P);
    const targetIn = concatRows(columns(R, [ownNext.value, P], [repeatRows(uGov, AG, h), AG]), columns(B * M, [batch.privateObs(field, true), P], [repeatRows(uGov, AG, M), AG]));
    const policyNext = followerActorTarget.apply(t, t.constant(targetIn, R + B * M, P + AG), false).output;
    const meanNext = t.gatherRows(t.groupMean(t.gatherRows(policyNext, range(R, R + B * M)), M), own.transition);
    const qNext = followerCriticTarget.apply(t, t.concat([ownNext, t.gatherRows(policyNext, range(0, R)), t.constant(repeatRows(batch.meanPrivate(true), P, h), R, P), meanNext]), false).output;
    const y = batch.followerReturn(own, s.followerRewardScale).map((r, k) => r + batch.discount[own.transition[k]] * qNext.value[k]);

    // critic: MSE of Q_h(s_i, stored u_i, mean s, stored mean u) against y
    t.reset();
    const privateNow = t.constant(batch.privateObs(own, false), R, P);
    const meanField = t.concat([t.constant(repeatRows(batch.meanPrivate(false), P, h), R, P), t.constant(repeatRows(batch.meanAction(), AH, h), R, AH)]);
    const criticLoss = t.mse(followerCritic.apply(t, t.concat([privateNow, t.constant(batch.followerAction(own), R, AH), meanField]), true).output, y);
    this.minimise([criticLoss], 'followerCritic');

    // actor: maximise Q_h(s_i, pi_h(s_i, u_g), mean s, mean u), the mean field taken as given
    t.reset();
    const actorIn = t.concat([privateNow, t.constant(repeatRows(batch.leaderAction(), AG, h), R, AG)]);
    const { output: u, preActivation } = followerActor.apply(t, actorIn, true);
    const actorLoss = t.scale(t.mean(followerCritic.apply(t, t.concat([privateNow, u, meanField]), false).output), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'followerActor');
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss.value[0], followerActor: actorLoss.value[0] };
  }
}

export const mf: MethodDefinition = {
  name: 'mf',
  summary: 'mean-field followers without the Stackelberg structure, a DDPG government',
  settings: MF_SETTINGS,
  create: (settings, seed, n) => new MeanField(makeSettings(MF_SETTINGS, settings, 'mf'), seed, n),
};
