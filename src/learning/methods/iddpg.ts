/**
 * Independent DDPG (the paper's "IDDPG" baseline): the households share one DDPG actor-critic on
 * their private observation alone, the government is DDPG on the global observation
 * (ddpgLeader.ts); neither sees the other's action or policy.
 *
 *   follower actor   pi_h(s_i)          2 -> H -> 2 (tanh)
 *   follower critic  Q_h(s_i, u_i)      4 -> H -> H -> 1
 */
import { Rng } from '../../economy/rng.js';
import { ACTOR_CRITIC_SETTINGS } from '../actorCriticSettings.js';
import { DdpgLeaderAgent } from '../ddpgLeader.js';
import { AH, P, mlp, type Losses, type MethodDefinition, type Sides } from '../method.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import type { ReplayBuffer } from '../replay.js';

export const IDDPG_SETTINGS = { ...ACTOR_CRITIC_SETTINGS } as const satisfies Schema;

export type IddpgSettings = SettingsOf<typeof IDDPG_SETTINGS>;

export class IndependentDdpg extends DdpgLeaderAgent<IddpgSettings> {
  readonly method = 'iddpg';

  constructor(settings: IddpgSettings, seed: number, n: number) {
    super(settings, seed, n, { seesLeaderAction: false, savingMap: settings.savingMap });
    const H = settings.hidden, init = new Rng(seed, 11);
    this.addLeader(init);
    const actor = this.addNetwork('followerActor', mlp([P, H, AH], 'tanh', init), settings.followerActorLearningRate || settings.actorLearningRate);
    const critic = this.addNetwork('followerCritic', mlp([P + AH, H, H, 1], 'linear', init), settings.criticLearningRate);
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
    const R = own.household.length;

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i))
    t.reset();
    const next = t.constant(batch.privateObs(own, true), R, P);
    const qNext = followerCriticTarget.apply(t, t.concat([next, followerActorTarget.apply(t, next, false).output]), false).output;
    const y = batch.followerReturn(own, s.followerRewardScale).map((r, k) => r + batch.discount[own.transition[k]] * qNext.value[k]);

    // critic: MSE of Q_h(s_i, stored u_i) against y
    t.reset();
    const state = t.constant(batch.privateObs(own, false), R, P);
    const criticLoss = t.mse(followerCritic.apply(t, t.concat([state, t.constant(batch.followerAction(own), R, AH)]), true).output, y);
    this.minimise([criticLoss], 'followerCritic');

    // actor: maximise Q_h(s_i, pi_h(s_i))
    t.reset();
    const { output: u, preActivation } = followerActor.apply(t, state, true);
    const actorLoss = t.scale(t.mean(followerCritic.apply(t, t.concat([state, u]), false).output), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'followerActor');
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss.value[0], followerActor: actorLoss.value[0] };
  }
}

export const iddpg: MethodDefinition = {
  name: 'iddpg',
  summary: 'independent DDPG: households and government each on their own observation',
  settings: IDDPG_SETTINGS,
  create: (settings, seed, n) => new IndependentDdpg(makeSettings(IDDPG_SETTINGS, settings, 'iddpg'), seed, n),
};
