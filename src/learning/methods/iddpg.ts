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
import { AH, P, type Losses, type MethodDefinition } from '../method.js';
import type { InstrumentSpace } from '../../economy/spaces.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import type { ReplayBuffer } from '../replay.js';
import type { Scalar } from '@tensorflow/tfjs';
import { tf } from '../backend.js';
import { columns, constant } from '../autodiff.js';
import { repeatRows, sideBySide } from '../sampling.js';

export const IDDPG_SETTINGS = { ...ACTOR_CRITIC_SETTINGS } as const satisfies Schema;

export type IddpgSettings = SettingsOf<typeof IDDPG_SETTINGS>;

export class IndependentDdpg extends DdpgLeaderAgent<IddpgSettings> {
  readonly method = 'iddpg';

  constructor(settings: IddpgSettings, seed: number, n: number, leaderAction?: InstrumentSpace) {
    super(settings, seed, n, { seesLeaderAction: false, savingMap: settings.savingMap }, leaderAction);
    const init = new Rng(seed, 11);
    this.addLeader(init);
    this.addActorCritic('follower', P, P + AH, init);
  }

  protected updateFollowers(buffer: ReplayBuffer): Losses {
    const s = this.settings, B = s.followerBatch;
    const { followerActor, followerCritic, followerActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(s.householdsPerTransition);
    const R = own.household.length, h = own.perTransition;
    const privateNow = batch.privateObs(own, false);

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i))
    const y = tf.tidy(() => {
      const next = constant(batch.privateObs(own, true), R, P);
      const qNext = followerCriticTarget.apply(columns(next, followerActorTarget.apply(next).output)).output;
      return constant(batch.followerReturn(own, s.followerRewardScale), R, 1).add(constant(repeatRows(batch.discount, 1, h), R, 1).mul(qNext));
    });

    // critic: MSE of Q_h(s_i, stored u_i) against y
    const criticIn = sideBySide(R, [privateNow, P], [batch.followerAction(own), AH]);
    const [criticLoss] = this.minimise(['followerCritic'], () => [tf.losses.meanSquaredError(y, followerCritic.apply(constant(criticIn, R, P + AH)).output) as Scalar]);
    y.dispose();

    // actor: maximise Q_h(s_i, pi_h(s_i))
    const [actorLoss] = this.minimise(['followerActor'], () => {
      const state = constant(privateNow, R, P);
      const { output: u, preActivation } = followerActor.apply(state);
      return [tf.neg(tf.mean(followerCritic.apply(columns(state, u)).output)) as Scalar, this.saturation(preActivation)];
    });
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss, followerActor: actorLoss };
  }
}

export const iddpg: MethodDefinition = {
  name: 'iddpg',
  summary: 'independent DDPG: households and government each on their own observation',
  settings: IDDPG_SETTINGS,
  create: (settings, seed, n, leaderAction) => new IndependentDdpg(makeSettings(IDDPG_SETTINGS, settings, 'iddpg'), seed, n, leaderAction),
  comparison: { label: 'independent DDPG' },
  retrain: { epochCost: 'sampled' },
  bench: [{ n: 100, update: 'sampled' }],
};
