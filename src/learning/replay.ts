/**
 * The replay buffer of a mean-field game: one slot per year of the training economy, holding
 * the leader's transition and all N households' parts of it. Observations are stored after the
 * signed log (see normaliser.ts) but not normalised: the networks see them through the current
 * normalisers when sampled.
 *
 * A slot is `totalAdded % capacity`, so replaying the same transitions in the same order (a
 * resumed run reading its saved segments) rebuilds the same buffer.
 */
import { GLOBAL_OBSERVATION, HOUSEHOLD_ACTION, PRIVATE_OBSERVATION, PAPER_INSTRUMENTS } from '../economy/spaces.js';

const G = GLOBAL_OBSERVATION.size, P = PRIVATE_OBSERVATION.size, AH = HOUSEHOLD_ACTION.size;

/** Offsets of the leader's part of a slot, laid out from the economy's spaces and the run's leader action size. */
export function leaderSlotLayout(leaderActionSize: number) {
  const obs = 0, action = obs + G, reward = action + leaderActionSize, terminal = reward + 1, nextObs = terminal + 1;
  const meanPrivate = nextObs + G, meanAction = meanPrivate + P, nextMeanPrivate = meanAction + AH;
  /** episodeEnd: 1 on the last stored year of an episode (collapse, time limit, or the end of a collection). */
  const episodeEnd = nextMeanPrivate + P;
  return { obs, action, actionSize: leaderActionSize, reward, terminal, nextObs, meanPrivate, meanAction, nextMeanPrivate, episodeEnd, size: episodeEnd + 1 } as const;
}
export type LeaderSlotLayout = ReturnType<typeof leaderSlotLayout>;

/** Per household per slot: private obs, action, reward, next private obs. */
const HOUSEHOLD_SLOT = P + AH + 1 + P;

export interface Transition {
  globalObs: ArrayLike<number>;
  leaderAction: ArrayLike<number>;
  leaderReward: number;
  /** The economy ended (collapse); a time limit is not terminal. */
  terminal: boolean;
  /** The next stored transition does not continue this episode. */
  episodeEnd: boolean;
  nextGlobalObs: ArrayLike<number>;
  /** N x 2 each, interleaved per household. */
  privateObs: ArrayLike<number>;
  followerActions: ArrayLike<number>;
  followerRewards: ArrayLike<number>;
  nextPrivateObs: ArrayLike<number>;
}

export class ReplayBuffer {
  readonly leader: Float64Array;
  /** Per slot: private obs (P N), actions (AH N), rewards (N), next private obs (P N). */
  readonly followers: Float32Array;
  readonly followerSlot: number;
  /** Where each household array starts within a slot's part. */
  private readonly offsets: { privateObs: number; actions: number; rewards: number; nextPrivateObs: number };
  /** Where the leader's values sit in its part of a slot. */
  readonly layout: LeaderSlotLayout;
  totalAdded = 0;
  /** The first transition the buffer holds for sampling (forget() moves it to totalAdded). */
  start = 0;

  /** leaderActionSize: the instruments the run's leader sets (the paper's five unless told). */
  constructor(readonly capacity: number, readonly n: number, leaderActionSize: number = PAPER_INSTRUMENTS.size) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`replay capacity must be a positive integer, got ${capacity}`);
    this.layout = leaderSlotLayout(leaderActionSize);
    this.leader = new Float64Array(capacity * this.layout.size);
    this.followerSlot = HOUSEHOLD_SLOT * n;
    this.offsets = { privateObs: 0, actions: P * n, rewards: (P + AH) * n, nextPrivateObs: (P + AH + 1) * n };
    this.followers = new Float32Array(capacity * this.followerSlot);
  }

  /** Slots that fit in `bytes` of memory for N households (at least 1). */
  static capacityFor(n: number, bytes: number, cap: number, leaderActionSize: number = PAPER_INSTRUMENTS.size): number {
    const perSlot = leaderSlotLayout(leaderActionSize).size * 8 + HOUSEHOLD_SLOT * n * 4;
    return Math.max(1, Math.min(cap, Math.floor(bytes / perSlot)));
  }

  get size(): number {
    return Math.min(this.totalAdded - this.start, this.capacity);
  }

  /** The slot of the j-th transition held (0 <= j < size): oldest first, or j itself once every slot is filled. */
  slotAt(j: number): number {
    return this.size === this.capacity ? j : (this.start + j) % this.capacity;
  }

  /**
   * Holds nothing from here on (a restart's new networks learn from their own years only); the
   * numbering of transitions, and so of slots and replay segments, continues.
   */
  forget(): void {
    this.start = this.totalAdded;
  }

  add(t: Transition): void {
    const n = this.n, L = this.layout;
    const slot = this.totalAdded % this.capacity;
    const l = this.leader.subarray(slot * L.size, (slot + 1) * L.size);
    for (let k = 0; k < G; k++) {
      l[L.obs + k] = t.globalObs[k];
      l[L.nextObs + k] = t.nextGlobalObs[k];
    }
    for (let k = 0; k < L.actionSize; k++) l[L.action + k] = t.leaderAction[k];
    l[L.reward] = t.leaderReward;
    l[L.terminal] = t.terminal ? 1 : 0;
    l[L.episodeEnd] = t.episodeEnd || t.terminal ? 1 : 0;
    const f = this.followers.subarray(slot * this.followerSlot, (slot + 1) * this.followerSlot);
    const o = this.offsets;
    f.set(t.privateObs as ArrayLike<number>, o.privateObs);
    f.set(t.followerActions as ArrayLike<number>, o.actions);
    f.set(t.followerRewards as ArrayLike<number>, o.rewards);
    f.set(t.nextPrivateObs as ArrayLike<number>, o.nextPrivateObs);
    // means over households of what was stored (float32), as the networks will read it
    for (const [from, to, width] of [[o.privateObs, L.meanPrivate, P], [o.actions, L.meanAction, AH], [o.nextPrivateObs, L.nextMeanPrivate, P]] as const) {
      for (let k = 0; k < width; k++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += f[from + width * i + k];
        l[to + k] = sum / n;
      }
    }
    this.totalAdded++;
  }

  /**
   * The n-step view of slot `index`: how many years m (1..steps) it runs before its episode's
   * last stored year, and the slot whose next observation bootstraps it.
   */
  horizon(index: number, steps: number): { years: number; last: number } {
    let k = index;
    let years = 1;
    const head = this.totalAdded % this.capacity;
    while (years < steps && this.leader[k * this.layout.size + this.layout.episodeEnd] === 0 && (k + 1) % this.capacity !== head) {
      k = (k + 1) % this.capacity;
      years++;
    }
    return { years, last: k };
  }

  /**
   * Where a part of slot `index` starts in `followers` (household i's entries follow at i times the
   * part's width): the samplers read rows through it, since a view per row (slotOf) costs
   * allocations in their inner loops.
   */
  followerOffset(index: number, part: 'privateObs' | 'actions' | 'rewards' | 'nextPrivateObs'): number {
    return index * this.followerSlot + this.offsets[part];
  }

  /** Views of one slot. */
  slotOf(index: number): { leader: Float64Array; privateObs: Float32Array; actions: Float32Array; rewards: Float32Array; nextPrivateObs: Float32Array } {
    const n = this.n, o = this.offsets;
    const f = this.followers.subarray(index * this.followerSlot, (index + 1) * this.followerSlot);
    return {
      leader: this.leader.subarray(index * this.layout.size, (index + 1) * this.layout.size),
      privateObs: f.subarray(o.privateObs, o.privateObs + P * n),
      actions: f.subarray(o.actions, o.actions + AH * n),
      rewards: f.subarray(o.rewards, o.rewards + n),
      nextPrivateObs: f.subarray(o.nextPrivateObs, o.nextPrivateObs + P * n),
    };
  }

  /** The raw bytes of transitions [from, to) in insertion order (a segment file). */
  segment(from: number, to: number): { leader: Float64Array; followers: Float32Array } {
    if (from < this.totalAdded - this.capacity || to > this.totalAdded || from > to) throw new RangeError(`replay segment [${from}, ${to}) is not in the buffer (holds [${Math.max(0, this.totalAdded - this.capacity)}, ${this.totalAdded}))`);
    const leader = new Float64Array((to - from) * this.layout.size);
    const followers = new Float32Array((to - from) * this.followerSlot);
    for (let k = from; k < to; k++) {
      const slot = k % this.capacity;
      leader.set(this.leader.subarray(slot * this.layout.size, (slot + 1) * this.layout.size), (k - from) * this.layout.size);
      followers.set(this.followers.subarray(slot * this.followerSlot, (slot + 1) * this.followerSlot), (k - from) * this.followerSlot);
    }
    return { leader, followers };
  }

  /** Appends a segment read back from disk (transitions in insertion order starting at `from`). */
  restoreSegment(from: number, leader: Float64Array, followers: Float32Array): void {
    const count = leader.length / this.layout.size;
    if (!Number.isInteger(count) || followers.length !== count * this.followerSlot) throw new RangeError(`replay segment sizes do not match ${this.n} households`);
    if (this.totalAdded === 0) this.totalAdded = this.start = from;
    if (from !== this.totalAdded) throw new RangeError(`replay segment starts at transition ${from}, the buffer is at ${this.totalAdded}`);
    for (let k = 0; k < count; k++) {
      const slot = this.totalAdded % this.capacity;
      this.leader.set(leader.subarray(k * this.layout.size, (k + 1) * this.layout.size), slot * this.layout.size);
      this.followers.set(followers.subarray(k * this.followerSlot, (k + 1) * this.followerSlot), slot * this.followerSlot);
      this.totalAdded++;
    }
  }
}
