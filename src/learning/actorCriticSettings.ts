/**
 * Settings every deterministic actor-critic method here shares (SMFRL and the DDPG family), with
 * the defaults SMFRL was tuned with (docs/learning.md says why each differs from the authors').
 * A method spreads these into its own schema and adds what is its own.
 */
import type { Schema } from './settings.js';
import { EXPLORATION_SETTINGS } from './exploration.js';
import { SAVING_MAPS } from './encoding.js';

export const ACTOR_CRITIC_SETTINGS = {
  hidden: { kind: 'integer', default: 64, min: 1, max: 4096, doc: 'width of every hidden layer (actors one, critics two)' },
  gamma: { kind: 'number', default: 0.975, min: 0, max: 1, doc: 'discount factor' },
  nStep: { kind: 'integer', default: 10, min: 1, max: 1000, doc: "years in the critics' targets (1: one-step targets)" },
  tau: { kind: 'number', default: 0.05, min: 0, max: 1, openMin: true, doc: 'soft target update: target <- (1 - tau) target + tau online, after every update' },
  actorLearningRate: { kind: 'number', default: 1e-3, min: 0, max: 1, openMin: true, doc: "Adam learning rate of both sides' actors" },
  followerActorLearningRate: { kind: 'number', default: 0, min: 0, max: 1, doc: "the followers' actor's own rate (0: actorLearningRate)" },
  criticLearningRate: { kind: 'number', default: 1e-3, min: 0, max: 1, openMin: true, doc: "Adam learning rate of both sides' critics" },
  leaderBatch: { kind: 'integer', default: 128, min: 1, max: 1_000_000, doc: 'transitions per leader update' },
  followerBatch: { kind: 'integer', default: 128, min: 1, max: 1_000_000, doc: 'transitions per follower update' },
  householdsPerTransition: { kind: 'integer', default: 2, min: 1, max: 1_000_000, doc: "households drawn from each sampled transition for the followers' rows" },
  saturationWeight: { kind: 'number', default: 1, min: 0, max: 1e6, doc: "weight of the penalty on the actors' tanh pre-activations beyond the threshold (0: off)" },
  saturationThreshold: { kind: 'number', default: 4, min: 0, max: 100, doc: 'the penalty starts at |z| above this' },
  leaderRewardScale: { kind: 'number', default: 0.01, min: 0, max: 1e6, openMin: true, doc: 'government rewards are multiplied by this before learning (a year\'s gdp reward is ~10)' },
  followerRewardScale: { kind: 'number', default: 1, min: 0, max: 1e6, openMin: true, doc: 'household rewards are multiplied by this before learning' },
  savingMap: { kind: 'choice', default: 'full', choices: SAVING_MAPS, doc: "how a household's u becomes its saving share: half (0.5 + 0.25 (u + 1), the authors' SMFRL) | full ((u + 1) / 2)" },
  ...EXPLORATION_SETTINGS,
} as const satisfies Schema;
