/**
 * A sampled batch of the replay buffer, as the networks read it: transitions drawn uniformly,
 * their n-step horizons (the discounted rewards of up to n stored years of the same episode and
 * the slot whose next observation bootstraps), and the rows every method builds its inputs from,
 * normalised by the current normalisers. Methods state their losses on these arrays; the index
 * arithmetic lives here once.
 */
import type { Rng } from '../economy/rng.js';
import type { Normaliser } from './normaliser.js';
import type { ReplayBuffer } from './replay.js';
import { GLOBAL_OBSERVATION, HOUSEHOLD_ACTION, PRIVATE_OBSERVATION } from '../economy/spaces.js';

const G = GLOBAL_OBSERVATION.size, P = PRIVATE_OBSERVATION.size, AH = HOUSEHOLD_ACTION.size;

export interface SamplingContext {
  buffer: ReplayBuffer;
  globalNormaliser: Normaliser;
  privateNormaliser: Normaliser;
  rng: Rng;
  gamma: number;
  nStep: number;
}

/**
 * Households of the batch's transitions, one row each: `transition[r]` indexes the batch,
 * `household[r]` the household; rows are grouped by transition, `perTransition` each.
 */
export interface HouseholdRows {
  transition: Int32Array;
  household: Int32Array;
  perTransition: number;
}

export class ReplayBatch {
  readonly size: number;
  readonly slots: Int32Array;
  /** The slot whose next observation bootstraps each transition's target. */
  readonly boot: Int32Array;
  readonly years: Int32Array;
  /** gamma^m, or 0 when the economy collapsed within the m years. */
  readonly discount: Float64Array;
  private readonly c: SamplingContext;

  constructor(c: SamplingContext, size: number) {
    if (c.buffer.size === 0) throw new RangeError('cannot sample an empty replay buffer');
    this.c = c;
    this.size = size;
    this.slots = new Int32Array(size);
    for (let b = 0; b < size; b++) this.slots[b] = c.buffer.slotAt(Math.floor(c.rng.uniform() * c.buffer.size));
    this.boot = new Int32Array(size);
    this.years = new Int32Array(size);
    this.discount = new Float64Array(size);
    for (let b = 0; b < size; b++) {
      const h = c.buffer.horizon(this.slots[b], c.nStep);
      this.boot[b] = h.last;
      this.years[b] = h.years;
      this.discount[b] = c.gamma ** h.years * (1 - c.buffer.leader[h.last * c.buffer.layout.size + c.buffer.layout.terminal]);
    }
  }

  /** `count` households per transition drawn uniformly, or all N when `count` is null. */
  households(count: number | null): HouseholdRows {
    const n = this.c.buffer.n, per = count ?? n;
    const transition = new Int32Array(this.size * per), household = new Int32Array(this.size * per);
    for (let b = 0; b < this.size; b++) {
      for (let k = 0; k < per; k++) {
        transition[b * per + k] = b;
        household[b * per + k] = count === null ? k : Math.floor(this.c.rng.uniform() * n);
      }
    }
    return { transition, household, perTransition: per };
  }

  private leaderPart(b: number, next: boolean): Float64Array {
    return this.c.buffer.slotOf(next ? this.boot[b] : this.slots[b]).leader;
  }

  /** The global observation now (or at the bootstrap), normalised: size x G. */
  global(next: boolean): Float64Array {
    const out = new Float64Array(this.size * G);
    for (let b = 0; b < this.size; b++) this.c.globalNormaliser.apply(this.leaderPart(b, next), 1, out, next ? this.c.buffer.layout.nextObs : this.c.buffer.layout.obs, b * G);
    return out;
  }

  /** The stored leader u (of the bootstrap slot's year with `atBoot`): size x the leader's instruments. */
  leaderAction(atBoot = false): Float64Array {
    const { action, actionSize } = this.c.buffer.layout;
    const out = new Float64Array(this.size * actionSize);
    for (let b = 0; b < this.size; b++) out.set(this.leaderPart(b, atBoot).subarray(action, action + actionSize), b * actionSize);
    return out;
  }

  /** The mean private observation over all N households, normalised: size x 2. */
  meanPrivate(next: boolean): Float64Array {
    const out = new Float64Array(this.size * P);
    for (let b = 0; b < this.size; b++) normalisePrivate(this.c.privateNormaliser, this.leaderPart(b, next), next ? this.c.buffer.layout.nextMeanPrivate : this.c.buffer.layout.meanPrivate, out, b * P);
    return out;
  }

  /** The households' stored mean u: size x 2 (mapped by `encode` if given). */
  meanAction(encode?: (u: number, k: number) => number): Float64Array {
    const out = new Float64Array(this.size * AH);
    for (let b = 0; b < this.size; b++) for (let a = 0; a < AH; a++) {
      const u = this.leaderPart(b, false)[this.c.buffer.layout.meanAction + a];
      out[b * AH + a] = encode ? encode(u, a) : u;
    }
    return out;
  }

  /** The leader's n-step discounted reward, times `scale`: size. */
  leaderReturn(scale: number): Float64Array {
    const out = new Float64Array(this.size);
    const buffer = this.c.buffer;
    for (let b = 0; b < this.size; b++) {
      let sum = 0, g = 1;
      for (let j = 0; j < this.years[b]; j++) {
        sum += g * buffer.leader[((this.slots[b] + j) % buffer.capacity) * buffer.layout.size + buffer.layout.reward];
        g *= this.c.gamma;
      }
      out[b] = scale * sum;
    }
    return out;
  }

  /** Private observations of the rows' households, now (or at the bootstrap), normalised: rows x 2. */
  privateObs(rows: HouseholdRows, next: boolean): Float64Array {
    const out = new Float64Array(rows.household.length * P);
    const buffer = this.c.buffer, part = next ? 'nextPrivateObs' : 'privateObs';
    for (let r = 0; r < rows.household.length; r++) {
      const b = rows.transition[r];
      const at = buffer.followerOffset(next ? this.boot[b] : this.slots[b], part);
      normalisePrivate(this.c.privateNormaliser, buffer.followers, at + P * rows.household[r], out, r * P);
    }
    return out;
  }

  /** The rows' households' stored u: rows x 2 (mapped by `encode` if given). */
  followerAction(rows: HouseholdRows, encode?: (u: number, k: number) => number): Float64Array {
    const out = new Float64Array(rows.household.length * AH);
    const buffer = this.c.buffer;
    for (let r = 0; r < rows.household.length; r++) {
      const at = buffer.followerOffset(this.slots[rows.transition[r]], 'actions') + AH * rows.household[r];
      for (let a = 0; a < AH; a++) {
        const u = buffer.followers[at + a];
        out[r * AH + a] = encode ? encode(u, a) : u;
      }
    }
    return out;
  }

  /** The rows' households' n-step discounted rewards, times `scale`: rows. */
  followerReturn(rows: HouseholdRows, scale: number): Float64Array {
    const out = new Float64Array(rows.household.length);
    const buffer = this.c.buffer;
    for (let r = 0; r < rows.household.length; r++) {
      const b = rows.transition[r], i = rows.household[r];
      let sum = 0, g = 1;
      for (let j = 0; j < this.years[b]; j++) {
        sum += g * buffer.followers[buffer.followerOffset((this.slots[b] + j) % buffer.capacity, 'rewards') + i];
        g *= this.c.gamma;
      }
      out[r] = scale * sum;
    }
    return out;
  }

  /** Every household's private observation, normalised, one transition a row: size x 2N. */
  allPrivate(next: boolean): Float64Array {
    const n = this.c.buffer.n;
    const out = new Float64Array(this.size * P * n);
    for (let b = 0; b < this.size; b++) {
      const s = this.c.buffer.slotOf(next ? this.boot[b] : this.slots[b]);
      const obs = next ? s.nextPrivateObs : s.privateObs;
      for (let i = 0; i < n; i++) normalisePrivate(this.c.privateNormaliser, obs, P * i, out, b * P * n + P * i);
    }
    return out;
  }

  /** Every household's stored u, one transition a row: size x 2N. */
  allActions(): Float64Array {
    const n = this.c.buffer.n;
    const out = new Float64Array(this.size * AH * n);
    for (let b = 0; b < this.size; b++) out.set(this.c.buffer.slotOf(this.slots[b]).actions, b * AH * n);
    return out;
  }
}

/** z = (x - mean) / sd clipped to +-10 for the two private entries at `from`. */
function normalisePrivate(nm: Normaliser, from: ArrayLike<number>, at: number, out: Float64Array, to: number): void {
  for (let k = 0; k < P; k++) {
    const z = (from[at + k] - nm.mean[k]) / nm.std(k);
    out[to + k] = z > 10 ? 10 : z < -10 ? -10 : z;
  }
}

/** Rows of `x` (cols wide) repeated `times` each, in order: the batch's value for each of its rows. */
export function repeatRows(x: Float64Array, cols: number, times: number): Float64Array {
  const rows = x.length / cols;
  const out = new Float64Array(rows * times * cols);
  for (let r = 0; r < rows; r++) for (let k = 0; k < times; k++) out.set(x.subarray(r * cols, (r + 1) * cols), (r * times + k) * cols);
  return out;
}

/** Side-by-side columns of row-major arrays with the same rows. */
export function sideBySide(rows: number, ...parts: [Float64Array, number][]): Float64Array {
  const width = parts.reduce((s, [, c]) => s + c, 0);
  const out = new Float64Array(rows * width);
  let at = 0;
  for (const [x, c] of parts) {
    for (let r = 0; r < rows; r++) for (let k = 0; k < c; k++) out[r * width + at + k] = x[r * c + k];
    at += c;
  }
  return out;
}

/** The rows of a, then those of b. */
export function concatRows(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** from, from + 1, ..., to - 1 (row indices for gatherRows). */
export function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, k) => from + k);
}
