/**
 * A government learned by plain DDPG on the global observation, blind to the households' policy:
 * the leader of the baselines without the Stackelberg structure (mf, iddpg).
 *
 *   leader actor   pi_g(s_g)          6 -> H -> 5 (tanh)
 *   leader critic  Q_g(s_g, u_g)      11 -> H -> H -> 1
 *
 *   y    = n-step return + gamma^m Q'_g(s', pi'_g(s'))
 *   L_Q  = mean (Q_g(s, u_g) - y)^2                 (stored u_g)
 *   L_pi = -mean Q_g(s, pi_g(s)) + saturation penalty
 */
import type { Rng } from '../economy/rng.js';
import { Agent, G, type AgentSettings, type Losses } from './method.js';
import type { ReplayBuffer } from './replay.js';
import type { Scalar } from '@tensorflow/tfjs';
import { tf } from './backend.js';
import { columns, constant } from './autodiff.js';
import { sideBySide } from './sampling.js';

export interface DdpgLeaderSettings extends AgentSettings {
  leaderBatch: number;
  leaderRewardScale: number;
}

export abstract class DdpgLeaderAgent<S extends DdpgLeaderSettings> extends Agent<S> {
  /** The leader's four networks, first in checkpoint order. */
  protected addLeader(init: Rng): void {
    const AG = this.leaderAction.size;
    this.addActorCritic('leader', G, G + AG, init);
  }

  protected updateLeader(buffer: ReplayBuffer): Losses {
    const AG = this.leaderAction.size;
    const s = this.settings, B = s.leaderBatch;
    const { leaderActor, leaderCritic, leaderActorTarget, leaderCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const sg = batch.global(false);

    const y = tf.tidy(() => {
      const sNext = constant(batch.global(true), B, G);
      const qNext = leaderCriticTarget.apply(columns(sNext, leaderActorTarget.apply(sNext).output)).output;
      return constant(batch.leaderReturn(s.leaderRewardScale), B, 1).add(constant(batch.discount, B, 1).mul(qNext));
    });
    const criticIn = sideBySide(B, [sg, G], [batch.leaderAction(), AG]);
    const [criticLoss] = this.minimise(['leaderCritic'], () => [tf.losses.meanSquaredError(y, leaderCritic.apply(constant(criticIn, B, G + AG)).output) as Scalar]);
    y.dispose();

    const [actorLoss] = this.minimise(['leaderActor'], () => {
      const state = constant(sg, B, G);
      const { output: u, preActivation } = leaderActor.apply(state);
      return [tf.neg(tf.mean(leaderCritic.apply(columns(state, u)).output)) as Scalar, this.saturation(preActivation)];
    });
    this.softUpdate(['leaderActorTarget', 'leaderActor'], ['leaderCriticTarget', 'leaderCritic']);
    return { leaderCritic: criticLoss, leaderActor: actorLoss };
  }
}
