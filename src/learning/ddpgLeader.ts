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
import { Agent, AG, G, mlp, type AgentSettings, type Losses } from './method.js';
import type { ReplayBuffer } from './replay.js';

export interface DdpgLeaderSettings extends AgentSettings {
  hidden: number;
  actorLearningRate: number;
  criticLearningRate: number;
  leaderBatch: number;
  leaderRewardScale: number;
}

export abstract class DdpgLeaderAgent<S extends DdpgLeaderSettings> extends Agent<S> {
  /** The leader's four networks, first in checkpoint order. */
  protected addLeader(init: Rng): void {
    const s = this.settings, H = s.hidden;
    const actor = this.addNetwork('leaderActor', mlp([G, H, AG], 'tanh', init), s.actorLearningRate);
    const critic = this.addNetwork('leaderCritic', mlp([G + AG, H, H, 1], 'linear', init), s.criticLearningRate);
    this.addNetwork('leaderActorTarget', actor.clone(), null);
    this.addNetwork('leaderCriticTarget', critic.clone(), null);
  }

  protected updateLeader(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.leaderBatch;
    const { leaderActor, leaderCritic, leaderActorTarget, leaderCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);

    t.reset();
    const sNext = t.constant(batch.global(true), B, G);
    const qNext = leaderCriticTarget.apply(t, t.concat([sNext, leaderActorTarget.apply(t, sNext, false).output]), false).output;
    const y = batch.leaderReturn(s.leaderRewardScale).map((r, b) => r + batch.discount[b] * qNext.value[b]);

    t.reset();
    const state = t.constant(batch.global(false), B, G);
    const criticLoss = t.mse(leaderCritic.apply(t, t.concat([state, t.constant(batch.leaderAction(), B, AG)]), true).output, y);
    this.minimise([criticLoss], 'leaderCritic');

    t.reset();
    const { output: u, preActivation } = leaderActor.apply(t, state, true);
    const actorLoss = t.scale(t.mean(leaderCritic.apply(t, t.concat([state, u]), false).output), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'leaderActor');
    this.softUpdate(['leaderActorTarget', 'leaderActor'], ['leaderCriticTarget', 'leaderCritic']);
    return { leaderCritic: criticLoss.value[0], leaderActor: actorLoss.value[0] };
  }
}
