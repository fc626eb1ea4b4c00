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
import { AH, P, type Losses, type MethodDefinition } from '../method.js';
import type { InstrumentSpace } from '../../economy/spaces.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import type { Scalar } from '@tensorflow/tfjs';
import { tf } from '../backend.js';
import { columns, constant, groupMean, repeatEach } from '../autodiff.js';
import { concatRows, repeatRows, sideBySide } from '../sampling.js';
import type { ReplayBuffer } from '../replay.js';

export const MF_SETTINGS = {
  ...ACTOR_CRITIC_SETTINGS,
  meanFieldSamples: { kind: 'integer', default: 8, min: 1, max: 1_000_000, doc: "households per estimate of the target policy's mean action" },
} as const satisfies Schema;

export type MfSettings = SettingsOf<typeof MF_SETTINGS>;

export class MeanField extends DdpgLeaderAgent<MfSettings> {
  readonly method = 'mf';

  constructor(settings: MfSettings, seed: number, n: number, leaderAction?: InstrumentSpace) {
    super(settings, seed, n, { seesLeaderAction: true, savingMap: settings.savingMap }, leaderAction);
    const AG = this.leaderAction.size;
    const init = new Rng(seed, 11);
    this.addLeader(init);
    this.addActorCritic('follower', P + AG, P + AH + P + AH, init);
  }

  protected updateFollowers(buffer: ReplayBuffer): Losses {
    const AG = this.leaderAction.size;
    const s = this.settings, B = s.followerBatch;
    const { followerActor, followerCritic, followerActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(s.householdsPerTransition);
    const field = batch.households(s.meanFieldSamples);
    const R = own.household.length, h = own.perTransition, M = field.perTransition;

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, pi'_h(s'_i, u_g), mean s', mean_j pi'_h(s'_j, u_g)),
    // u_g the stored (current) government action, not its next one
    const y = tf.tidy(() => {
      const uGov = batch.leaderAction(true);
      const ownNext = batch.privateObs(own, true);
      const targetIn = concatRows(sideBySide(R, [ownNext, P], [repeatRows(uGov, AG, h), AG]), sideBySide(B * M, [batch.privateObs(field, true), P], [repeatRows(uGov, AG, M), AG]));
      const policyNext = followerActorTarget.apply(constant(targetIn, R + B * M, P + AG)).output;
      const meanNext = repeatEach(groupMean(tf.slice(policyNext, [R, 0], [B * M, AH]), M), own.perTransition);
      const qNext = followerCriticTarget.apply(columns(constant(ownNext, R, P), tf.slice(policyNext, [0, 0], [R, AH]), constant(repeatRows(batch.meanPrivate(true), P, h), R, P), meanNext)).output;
      return constant(batch.followerReturn(own, s.followerRewardScale), R, 1).add(constant(repeatRows(batch.discount, 1, h), R, 1).mul(qNext));
    });

    // critic: MSE of Q_h(s_i, stored u_i, mean s, stored mean u) against y
    const privateNow = batch.privateObs(own, false);
    const meanField = sideBySide(R, [repeatRows(batch.meanPrivate(false), P, h), P], [repeatRows(batch.meanAction(), AH, h), AH]);
    const criticIn = sideBySide(R, [privateNow, P], [batch.followerAction(own), AH], [meanField, P + AH]);
    const [criticLoss] = this.minimise(['followerCritic'], () => [tf.losses.meanSquaredError(y, followerCritic.apply(constant(criticIn, R, P + AH + P + AH)).output) as Scalar]);
    y.dispose();

    // actor: maximise Q_h(s_i, pi_h(s_i, u_g), mean s, mean u), the mean field taken as given
    const actorIn = sideBySide(R, [privateNow, P], [repeatRows(batch.leaderAction(), AG, h), AG]);
    const [actorLoss] = this.minimise(['followerActor'], () => {
      const { output: u, preActivation } = followerActor.apply(constant(actorIn, R, P + AG));
      const q = followerCritic.apply(columns(constant(privateNow, R, P), u, constant(meanField, R, P + AH))).output;
      return [tf.neg(tf.mean(q)) as Scalar, this.saturation(preActivation)];
    });
    this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    return { followerCritic: criticLoss, followerActor: actorLoss };
  }
}

export const mf: MethodDefinition = {
  name: 'mf',
  summary: 'mean-field followers without the Stackelberg structure, a DDPG government',
  settings: MF_SETTINGS,
  create: (settings, seed, n, leaderAction) => new MeanField(makeSettings(MF_SETTINGS, settings, 'mf'), seed, n, leaderAction),
  comparison: { label: 'MF without Stackelberg' },
  retrain: { epochCost: 'sampled' },
  bench: [{ n: 100, update: 'sampled' }],
};
