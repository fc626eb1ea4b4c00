/**
 * The actors' forward passes from observations, one definition for the agent in training and for
 * a shipped policy (src/policies/learned.ts): a policy evaluated on its own acts exactly as it
 * did in the training loop's evaluations.
 */
import { Network, type NetworkShape } from './network.js';
import { RecurrentPolicy, isRecurrentShape, type RecurrentShape } from './recurrent.js';
import { Normaliser, type NormaliserState } from './normaliser.js';
import { GLOBAL_OBSERVATION, HOUSEHOLD_ACTION, PRIVATE_OBSERVATION, instrumentSpace, type InstrumentSpace, type Space } from '../economy/spaces.js';
import { SAVING_MAPS, type SavingMap } from './encoding.js';

const G = GLOBAL_OBSERVATION.size, P = PRIVATE_OBSERVATION.size, AH = HOUSEHOLD_ACTION.size;

/**
 * What a follower actor sees and how its u becomes shares: its private observation, then (if
 * `seesLeaderAction`) the leader's u; saving through `savingMap` (encoding.ts).
 */
export interface FollowerView {
  seesLeaderAction: boolean;
  savingMap: SavingMap;
}

/** SMFRL's view, and that of every policy folder written before views were recorded. */
export const STACKELBERG_VIEW: FollowerView = { seesLeaderAction: true, savingMap: 'half' };

/** The follower actor's inputs per household under a view, its leader setting `leaderAction`. */
export function followerActorInputs(view: FollowerView, leaderAction: Space): number {
  return P + (view.seesLeaderAction ? leaderAction.size : 0);
}

/** A view read from a file, checked; errors name the field. */
export function checkFollowerView(view: unknown, where: string): FollowerView {
  const v = view as FollowerView;
  if (typeof v?.seesLeaderAction !== 'boolean') throw new TypeError(`${where}.seesLeaderAction must be true or false`);
  if (!SAVING_MAPS.includes(v.savingMap)) throw new TypeError(`${where}.savingMap must be one of ${SAVING_MAPS.join(', ')}, got '${v.savingMap}'`);
  return { seesLeaderAction: v.seesLeaderAction, savingMap: v.savingMap };
}

/**
 * An actor: a feed-forward network (u = its output), or a recurrent Gaussian policy (u = its mean;
 * recurrent.ts) whose state per row the caller keeps across the years of an episode (zeros at its start).
 */
export type Actor = Network | RecurrentPolicy;
export type ActorShape = NetworkShape | RecurrentShape;

export function isRecurrent(actor: Actor): actor is RecurrentPolicy {
  return actor instanceof RecurrentPolicy;
}

/** An actor of this shape (parameters zero). */
export function actorOfShape(shape: ActorShape): Actor {
  return isRecurrentShape(shape) ? new RecurrentPolicy(shape) : new Network(shape);
}

/** A zero recurrent state for `rows` rows of this actor (empty for a feed-forward one). */
export function actorState(actor: Actor, rows: number): Float64Array {
  return new Float64Array(isRecurrent(actor) ? rows * actor.stateSize : 0);
}

/**
 * The leader actor's u (the network's buffer) for one signed-logged global observation; x: scratch
 * of 6; state: a recurrent actor's state, advanced one year (absent: a fresh episode's).
 */
export function leaderActorOutput(actor: Actor, normaliser: Normaliser, globalLog: ArrayLike<number>, x: Float64Array, state?: Float64Array): Float64Array {
  normaliser.apply(globalLog, 1, x);
  if (!isRecurrent(actor)) return actor.forward(x, 1);
  return actor.step(x, 1, state ?? actorState(actor, 1));
}

/**
 * The follower actor's u for n households (the network's buffer, n x 2), from their signed-logged
 * private observations (n x 2) and the leader's u as they see it (one entry per instrument of
 * their leader); x: scratch of n x inputs.
 */
export function followerActorOutputs(actor: Actor, normaliser: Normaliser, privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, x: Float64Array, view: FollowerView = STACKELBERG_VIEW, state?: Float64Array): Float64Array {
  const seen = view.seesLeaderAction ? leaderU.length : 0;
  // a feed-forward actor takes the leader's u once for every household (Network.forward's shared inputs)
  if (!isRecurrent(actor)) {
    if (actor.inputs !== P + seen) throw new RangeError(`the follower actor takes ${actor.inputs} inputs, but its view gives ${P + seen} (${P} private, ${seen} of the leader's u)`);
    if (x.length < n * P) x = new Float64Array(n * P);
    normaliser.apply(privateLog, n, x, 0, 0, P);
    return actor.forward(x, n, seen > 0 ? leaderU : undefined);
  }
  const width = actor.inputWidth;
  if (x.length < n * width) x = new Float64Array(n * width);
  normaliser.apply(privateLog, n, x, 0, 0, width);
  for (let i = 0; i < n; i++) for (let k = 0; k < seen; k++) x[i * width + P + k] = leaderU[k];
  actor.writePriorFeatures(privateLog, n, x, P + seen, width);
  return actor.step(x, n, state ?? actorState(actor, n));
}

/** What acts: the two actors and the normalisers they see through. */
export interface ActorSet {
  leaderActor: Actor;
  followerActor: Actor;
  globalNormaliser: Normaliser;
  privateNormaliser: Normaliser;
  followerView: FollowerView;
  /** The instruments the leader actor sets, one per output. */
  leaderAction: InstrumentSpace;
}

/** The acting half of an agent, as the rollouts use it (the SMFRL agent, or frozen actors). */
export interface Acting {
  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out?: Float64Array): Float64Array;
  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array;
  /** How the followers' u becomes shares, and which instruments the leader's u sets. */
  readonly actors: { followerView: FollowerView; leaderAction: InstrumentSpace };
  /** A new evaluation episode: recurrent actors start from a zero state (no generator is touched). */
  resetRecurrentState?(): void;
}

/** A copy of the actors as plain data (for a worker thread or a policy written later). */
export interface ActorSnapshot {
  leaderActor: { shape: ActorShape; params: Float64Array };
  followerActor: { shape: ActorShape; params: Float64Array };
  normalisers: { global: NormaliserState; private: NormaliserState };
  followerView: FollowerView;
  leaderInstruments: string[];
}

export function snapshotActors(actors: ActorSet): ActorSnapshot {
  const copy = (net: Actor) => ({ shape: net.shape, params: Float64Array.from(net.params) });
  return {
    leaderActor: copy(actors.leaderActor),
    followerActor: copy(actors.followerActor),
    normalisers: { global: actors.globalNormaliser.toJSON(), private: actors.privateNormaliser.toJSON() },
    followerView: { ...actors.followerView },
    leaderInstruments: [...actors.leaderAction.names],
  };
}

/** The actors of a snapshot, their normalisers frozen. */
export function actorsFromSnapshot(snapshot: ActorSnapshot): ActorSet {
  const net = (part: ActorSnapshot['leaderActor']) => {
    const network = actorOfShape(part.shape);
    network.params.set(part.params);
    return network;
  };
  const globalNormaliser = Normaliser.fromJSON(snapshot.normalisers.global, 'normalisers.global');
  const privateNormaliser = Normaliser.fromJSON(snapshot.normalisers.private, 'normalisers.private');
  globalNormaliser.frozen = true;
  privateNormaliser.frozen = true;
  return { leaderActor: net(snapshot.leaderActor), followerActor: net(snapshot.followerActor), globalNormaliser, privateNormaliser, followerView: snapshot.followerView, leaderAction: instrumentSpace(snapshot.leaderInstruments) };
}

/**
 * Actors that act without exploration, exactly as the agent does in its evaluations; recurrent
 * actors' states run across the years of an episode and restart at resetRecurrentState().
 */
export class FrozenActing implements Acting {
  private readonly g = new Float64Array(G);
  private x = new Float64Array(0);
  private readonly leaderState: Float64Array;
  private followerStates: Float64Array = new Float64Array(0);

  constructor(readonly actors: ActorSet) {
    this.leaderState = actorState(actors.leaderActor, 1);
  }

  resetRecurrentState(): void {
    this.leaderState.fill(0);
    this.followerStates.fill(0);
  }

  leaderAct(globalLog: ArrayLike<number>, explore: boolean, out = new Float64Array(this.actors.leaderAction.size)): Float64Array {
    if (explore) throw new Error('frozen actors do not explore');
    out.set(leaderActorOutput(this.actors.leaderActor, this.actors.globalNormaliser, globalLog, this.g, this.leaderState));
    return out;
  }

  followersAct(privateLog: ArrayLike<number>, leaderU: ArrayLike<number>, n: number, explore: boolean, out: Float64Array): Float64Array {
    if (explore) throw new Error('frozen actors do not explore');
    const actor = this.actors.followerActor;
    const width = isRecurrent(actor) ? actor.inputWidth : followerActorInputs(this.actors.followerView, this.actors.leaderAction);
    if (this.x.length !== n * width) this.x = new Float64Array(n * width);
    if (isRecurrent(actor) && this.followerStates.length !== n * actor.stateSize) this.followerStates = actorState(actor, n);
    const u = followerActorOutputs(actor, this.actors.privateNormaliser, privateLog, leaderU, n, this.x, this.actors.followerView, this.followerStates);
    out.set(u.subarray(0, n * AH));
    return out;
  }
}
