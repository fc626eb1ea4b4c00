/**
 * The actors' forward passes from observations, one definition for the agent in training and for
 * a shipped policy (src/policies/learned.ts): a policy evaluated on its own acts exactly as it
 * did in the training loop's evaluations.
 */
import type { Network } from './network.js';
import type { Normaliser } from './normaliser.js';
import { LEADER_ACTION_SIZE, PRIVATE_SIZE } from './replay.js';

/** Inputs of the follower actor per household: private observation, then the leader's u. */
export const FOLLOWER_ACTOR_INPUTS = PRIVATE_SIZE + LEADER_ACTION_SIZE;

/** The leader actor's u (the network's buffer) for one signed-logged global observation; x: scratch of 6. */
export function leaderActorOutput(actor: Network, normaliser: Normaliser, globalLog: ArrayLike<number>, x: Float64Array): Float64Array {
  normaliser.apply(globalLog, 1, x);
  return actor.forward(x, 1);
}

/**
 * The follower actor's u for n households (the network's buffer, n x 2), from their signed-logged
 * private observations (n x 2) and the leader's u as they see it; x: scratch of n x 7.
 */
export function followerActorOutputs(actor: Network, normaliser: Normaliser, privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, x: Float64Array): Float64Array {
  normaliser.apply(privateLog, n, x, 0, 0, FOLLOWER_ACTOR_INPUTS);
  for (let i = 0; i < n; i++) for (let k = 0; k < LEADER_ACTION_SIZE; k++) x[i * FOLLOWER_ACTOR_INPUTS + PRIVATE_SIZE + k] = leaderU[k];
  return actor.forward(x, n);
}
