/**
 * SMFRL, the paper's method: a Stackelberg leader (the government) learned against mean-field
 * followers (one policy shared by all households), both by deterministic actor-critic from one
 * replay buffer. docs/learning.md states the losses and every difference from the authors' code.
 *
 *   leader actor     pi_g(s_g)                                  6 -> H -> 5 (tanh)
 *   leader critic    Q_g(s_g, u_g, mean s_i, mean u_i)          15 -> H -> H -> 1
 *   follower actor   pi_h(s_i, u_g)                             7 -> H -> 2 (tanh)
 *   follower critic  Q_h(s_i, u_g, u_i, mean s_i, mean u_i)     13 -> H -> H -> 1
 */
import { Rng } from '../../economy/rng.js';
import { ACTOR_CRITIC_SETTINGS } from '../actorCriticSettings.js';
import { Agent, AG, AH, G, P, mlp, type Losses, type MethodDefinition, type Sides } from '../method.js';
import { makeSettings, type Schema, type SettingsOf } from '../settings.js';
import { authorsStoredFollowerAction } from '../encoding.js';
import { columns, concatRows, range, repeatRows } from '../sampling.js';
import type { ReplayBuffer } from '../replay.js';

// ---------------------------------------------------------------- settings

export const SMFRL_SETTINGS = {
  ...ACTOR_CRITIC_SETTINGS,
  savingMap: { ...ACTOR_CRITIC_SETTINGS.savingMap, default: 'half' },
  update: { kind: 'choice', default: 'sampled', choices: ['sampled', 'full'], doc: "sampled: householdsPerTransition and meanFieldSamples households per transition (cost independent of N); full: all N, as the authors" },
  meanFieldSamples: { kind: 'integer', default: 8, min: 1, max: 1_000_000, doc: 'households per estimate of a mean response' },
  meanFieldGradient: { kind: 'boolean', default: true, doc: "the followers' actor gradient includes their policy's effect on the mean action (as the authors' torch graph does)" },
  fixes: {
    kind: 'switches',
    default: { leaderTarget: true, oneActionEncoding: true, gradientThroughFollowers: true },
    doc: "defects of the authors' code fixed: a real leader target network (defect 1), one action encoding in the follower critic (2), the leader's gradient through the followers' response (4)",
  },
} as const satisfies Schema;

export type SmfrlSettings = SettingsOf<typeof SMFRL_SETTINGS>;

// ---------------------------------------------------------------- the agent

export class Smfrl extends Agent<SmfrlSettings> {
  readonly method = 'smfrl';

  constructor(settings: SmfrlSettings, seed: number, n: number) {
    super(settings, seed, n, { seesLeaderAction: true, savingMap: settings.savingMap });
    const H = settings.hidden, init = new Rng(seed, 11);
    const actorRate = settings.actorLearningRate, followerRate = settings.followerActorLearningRate || actorRate, criticRate = settings.criticLearningRate;
    const leaderActor = this.addNetwork('leaderActor', mlp([G, H, AG], 'tanh', init), actorRate);
    const leaderCritic = this.addNetwork('leaderCritic', mlp([G + AG + P + AH, H, H, 1], 'linear', init), criticRate);
    const followerActor = this.addNetwork('followerActor', mlp([P + AG, H, AH], 'tanh', init), followerRate);
    const followerCritic = this.addNetwork('followerCritic', mlp([P + AG + AH + P + AH, H, H, 1], 'linear', init), criticRate);
    this.addNetwork('leaderActorTarget', leaderActor.clone(), null);
    this.addNetwork('leaderCriticTarget', leaderCritic.clone(), null);
    this.addNetwork('followerActorTarget', followerActor.clone(), null);
    this.addNetwork('followerCriticTarget', followerCritic.clone(), null);
  }

  /** Households per transition for own rows and for mean responses (all N in the full update). */
  private count(k: number): number | null {
    return this.settings.update === 'full' ? null : k;
  }

  /** The leader networks its targets read (the online ones with the authors' defect 1). */
  private leaderTarget(kind: 'Actor' | 'Critic') {
    return this.networks[this.settings.fixes.leaderTarget ? `leader${kind}Target` : `leader${kind}`];
  }

  update(buffer: ReplayBuffer, sides: Sides = 'both'): Losses {
    const leader = sides === 'followers' ? { leaderCritic: NaN, leaderActor: NaN } : this.updateLeader(buffer);
    const followers = sides === 'leader' ? { followerCritic: NaN, followerActor: NaN } : this.updateFollowers(buffer);
    if (sides !== 'followers') this.softUpdate(['leaderActorTarget', 'leaderActor'], ['leaderCriticTarget', 'leaderCritic']);
    if (sides !== 'leader') this.softUpdate(['followerActorTarget', 'followerActor'], ['followerCriticTarget', 'followerCritic']);
    this.updates++;
    return { ...leader, ...followers };
  }

  /** Leader: critic towards the n-step return plus Q'(s', pi'(s'), mean s', followers' response); actor up Q through the response. */
  private updateLeader(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.leaderBatch;
    const { leaderActor, leaderCritic, followerActor, followerActorTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const fieldNext = batch.households(this.count(s.meanFieldSamples));
    const field = batch.households(this.count(s.meanFieldSamples));
    const M = field.perTransition;

    // y = n-step return + gamma^m Q'_g(s', u', mean s', mean_j pi'_h(s'_j, u')),  u' = pi'_g(s')
    t.reset();
    const sNext = t.constant(batch.global(true), B, G);
    const uNext = this.leaderTarget('Actor').apply(t, sNext, false).output;
    const responseNext = followerActorTarget.apply(t, t.concat([t.constant(batch.privateObs(fieldNext, true), B * M, P), t.gatherRows(uNext, fieldNext.transition)]), false).output;
    const qNext = this.leaderTarget('Critic').apply(t, t.concat([sNext, uNext, t.constant(batch.meanPrivate(true), B, P), t.groupMean(responseNext, M)]), false).output;
    const y = batch.leaderReturn(s.leaderRewardScale).map((r, b) => r + batch.discount[b] * qNext.value[b]);

    // critic: MSE of Q_g(s, stored u_g, mean s, stored mean u) against y
    t.reset();
    const sg = batch.global(false), meanS = batch.meanPrivate(false);
    const criticIn = columns(B, [sg, G], [batch.leaderAction(), AG], [meanS, P], [batch.meanAction(), AH]);
    const criticLoss = t.mse(leaderCritic.apply(t, t.constant(criticIn, B, G + AG + P + AH), true).output, y);
    this.minimise([criticLoss], 'leaderCritic');

    // actor: maximise Q_g(s, pi_g(s), mean s, mean_j pi_h(s_j, pi_g(s))), the gradient through the followers' response
    t.reset();
    const state = t.constant(sg, B, G);
    const { output: u, preActivation } = leaderActor.apply(t, state, true);
    const seen = s.fixes.gradientThroughFollowers ? u : t.constant(Float64Array.from(u.value), B, AG);
    const response = followerActor.apply(t, t.concat([t.constant(batch.privateObs(field, false), B * M, P), t.gatherRows(seen, field.transition)]), false).output;
    const q = leaderCritic.apply(t, t.concat([state, u, t.constant(meanS, B, P), t.groupMean(response, M)]), false).output;
    const actorLoss = t.scale(t.mean(q), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'leaderActor');
    return { leaderCritic: criticLoss.value[0], leaderActor: actorLoss.value[0] };
  }

  /** Followers: critic towards r_i + gamma Q'(s'_i, u', pi'(s'_i, u'), mean s', mean pi'); actor up Q. */
  private updateFollowers(buffer: ReplayBuffer): Losses {
    const s = this.settings, t = this.tape, B = s.followerBatch;
    const { followerActor, followerCritic, followerActorTarget, followerCriticTarget } = this.networks;
    const batch = this.sample(buffer, B);
    const own = batch.households(this.count(s.householdsPerTransition));
    const field = batch.households(this.count(s.meanFieldSamples));
    const R = own.household.length, M = field.perTransition;
    // the authors' critic saw stored actions as shares and queried actions as u (defect 2)
    const stored = s.fixes.oneActionEncoding ? undefined : authorsStoredFollowerAction;

    // y_i = n-step return_i + gamma^m Q'_h(s'_i, u', pi'_h(s'_i, u'), mean s', mean_j pi'_h(s'_j, u')),  u' = pi'_g(s'), no noise
    t.reset();
    const uNext = this.leaderTarget('Actor').apply(t, t.constant(batch.global(true), B, G), false).output;
    const ownNextIn = t.concat([t.constant(batch.privateObs(own, true), R, P), t.gatherRows(uNext, own.transition)]);
    const responseNext = followerActorTarget.apply(t, t.concat([t.constant(batch.privateObs(field, true), B * M, P), t.gatherRows(uNext, field.transition)]), false).output;
    const meanNext = t.gatherRows(t.groupMean(responseNext, M), own.transition);
    const ownNext = followerActorTarget.apply(t, ownNextIn, false).output;
    const qNext = followerCriticTarget.apply(t, t.concat([ownNextIn, ownNext, t.constant(repeatRows(batch.meanPrivate(true), P, own.perTransition), R, P), meanNext]), false).output;
    const returns = batch.followerReturn(own, s.followerRewardScale);
    const y = returns.map((r, k) => r + batch.discount[own.transition[k]] * qNext.value[k]);

    // critic: MSE of Q_h(s_i, u_g, stored u_i, mean s, stored mean u) against y
    t.reset();
    const privateNow = batch.privateObs(own, false), leaderU = repeatRows(batch.leaderAction(), AG, own.perTransition);
    const meanS = repeatRows(batch.meanPrivate(false), P, own.perTransition);
    const criticIn = columns(R, [privateNow, P], [leaderU, AG], [batch.followerAction(own, stored), AH], [meanS, P], [repeatRows(batch.meanAction(stored), AH, own.perTransition), AH]);
    const criticLoss = t.mse(followerCritic.apply(t, t.constant(criticIn, R, P + AG + AH + P + AH), true).output, y);
    this.minimise([criticLoss], 'followerCritic');

    // actor: maximise Q_h(s_i, u_g, pi_h(s_i, u_g), mean s, mean_j pi_h(s_j, u_g)); with meanFieldGradient
    // the shared policy also sees its effect on the mean action
    t.reset();
    const ownIn = columns(R, [privateNow, P], [leaderU, AG]);
    const fieldIn = columns(B * M, [batch.privateObs(field, false), P], [repeatRows(batch.leaderAction(), AG, M), AG]);
    const { output: policy, preActivation } = followerActor.apply(t, t.constant(concatRows(ownIn, fieldIn), R + B * M, P + AG), true);
    const ownU = t.gatherRows(policy, range(0, R));
    const meanU = t.groupMean(t.gatherRows(policy, range(R, R + B * M)), M);
    const meanSeen = s.meanFieldGradient ? meanU : t.constant(Float64Array.from(meanU.value), B, AH);
    const q = followerCritic.apply(t, t.concat([t.constant(ownIn, R, P + AG), ownU, t.constant(meanS, R, P), t.gatherRows(meanSeen, own.transition)]), false).output;
    const actorLoss = t.scale(t.mean(q), -1);
    this.minimise([actorLoss, this.saturation(preActivation)], 'followerActor');
    return { followerCritic: criticLoss.value[0], followerActor: actorLoss.value[0] };
  }
}

// ---------------------------------------------------------------- registration

export const smfrl: MethodDefinition = {
  name: 'smfrl',
  summary: "the paper's method: a Stackelberg leader against mean-field followers",
  settings: SMFRL_SETTINGS,
  create: (settings, seed, n) => new Smfrl(makeSettings(SMFRL_SETTINGS, settings, 'smfrl'), seed, n),
};
