/**
 * The actors' forward passes from observations, one definition for the agent in training and for
 * a shipped policy (src/policies/learned.ts): a policy evaluated on its own acts exactly as it
 * did in the training loop's evaluations.
 */
import { Network, type NetworkShape } from './network.js';
import { Normaliser, type NormaliserState } from './normaliser.js';
import { FOLLOWER_ACTION_SIZE, GLOBAL_SIZE, LEADER_ACTION_SIZE, PRIVATE_SIZE } from './replay.js';

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

/** What acts: the two actors and the normalisers they see through. */
export interface ActorSet {
  leaderActor: Network;
  followerActor: Network;
  globalNormaliser: Normaliser;
  privateNormaliser: Normaliser;
}

/** The acting half of an agent, as the rollouts use it (the SMFRL agent, or frozen actors). */
export interface Acting {
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out?: Float64Array): Float64Array;
  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array;
}

/** A copy of the actors as plain data (for a worker thread or a policy written later). */
export interface ActorSnapshot {
  leaderActor: { shape: NetworkShape; params: Float64Array };
  followerActor: { shape: NetworkShape; params: Float64Array };
  normalisers: { global: NormaliserState; private: NormaliserState };
}

export function snapshotActors(actors: ActorSet): ActorSnapshot {
  const copy = (net: Network) => ({ shape: net.shape, params: Float64Array.from(net.params) });
  return {
    leaderActor: copy(actors.leaderActor),
    followerActor: copy(actors.followerActor),
    normalisers: { global: actors.globalNormaliser.toJSON(), private: actors.privateNormaliser.toJSON() },
  };
}

/** The actors of a snapshot, their normalisers frozen. */
export function actorsFromSnapshot(snapshot: ActorSnapshot): ActorSet {
  const net = (part: ActorSnapshot['leaderActor']) => {
    const network = new Network(part.shape);
    network.params.set(part.params);
    return network;
  };
  const globalNormaliser = Normaliser.fromJSON(snapshot.normalisers.global, 'normalisers.global');
  const privateNormaliser = Normaliser.fromJSON(snapshot.normalisers.private, 'normalisers.private');
  globalNormaliser.frozen = true;
  privateNormaliser.frozen = true;
  return { leaderActor: net(snapshot.leaderActor), followerActor: net(snapshot.followerActor), globalNormaliser, privateNormaliser };
}

/** Actors that act without exploration, exactly as the agent does in its evaluations. */
export class FrozenActing implements Acting {
  private readonly g = new Float64Array(GLOBAL_SIZE);
  private x = new Float64Array(0);

  constructor(readonly actors: ActorSet) {}

  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(LEADER_ACTION_SIZE)): Float64Array {
    if (explore) throw new Error('frozen actors do not explore');
    out.set(leaderActorOutput(this.actors.leaderActor, this.actors.globalNormaliser, globalLog, this.g));
    return out;
  }

  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    if (explore) throw new Error('frozen actors do not explore');
    if (this.x.length !== n * FOLLOWER_ACTOR_INPUTS) this.x = new Float64Array(n * FOLLOWER_ACTOR_INPUTS);
    const u = followerActorOutputs(this.actors.followerActor, this.actors.privateNormaliser, privateLog, leaderU, n, this.x);
    out.set(u.subarray(0, n * FOLLOWER_ACTION_SIZE));
    return out;
  }
}
