/**
 * The on-policy rollout store: CleanRL's storage of fixed shape (ppo_continuous_action.py's obs,
 * actions, logprobs, rewards, dones and values, each num_steps x num_envs) for the years of one
 * collection, per side (the government's one sequence; the K recorded households' sequences),
 * with the recurrent state each year was acted from. The shared rollout (rollout.ts) fills it
 * through the method's hooks (`Method.startRollout`, `Method.recordYear`); the update adds the old
 * log-probabilities and values, GAE's advantages and returns, and reads chunks of sequences
 * through the one packer, `PackedChunks`.
 *
 *   every array is year-major: (year t, sequence q) is entry t x rows + q, as CleanRL's [step, env]
 */
import { Normaliser } from './normaliser.js';

export interface SequenceShape {
  /** Sequences side by side: 1 for the government, K households. */
  rows: number;
  /** Numbers per acting row: the network's inputs, then any further features (a prior's). */
  width: number;
  /** Of `width`, the network's recurrent inputs. */
  inputs: number;
  actions: number;
  /** Recurrent state per row. */
  stateSize: number;
}

/** One side's sequences: what acting saw and did, then what the update computes from it. */
export class Sequences {
  /** years x rows x width: each acting row as the network was given it. */
  readonly x: Float64Array;
  /** years x rows x stateSize: the state the year was acted from (zero at a segment's start). */
  readonly state: Float64Array;
  /** years x rows x actions: the sampled u. */
  readonly actions: Float64Array;
  /** years x rows: rewards as the method learns from them. */
  readonly rewards: Float64Array;
  /** years x rows: V(s') on the last year of a segment truncated rather than ended (GAE's bootstrap). */
  readonly nextValue: Float64Array;
  // the update's, each years x rows
  readonly logProb: Float64Array;
  readonly value: Float64Array;
  readonly advantages: Float64Array;
  readonly returns: Float64Array;

  constructor(
    readonly shape: SequenceShape,
    readonly years: number,
  ) {
    const entries = years * shape.rows;
    this.x = new Float64Array(entries * shape.width);
    this.state = new Float64Array(entries * shape.stateSize);
    this.actions = new Float64Array(entries * shape.actions);
    this.rewards = new Float64Array(entries);
    this.nextValue = new Float64Array(entries);
    this.logProb = new Float64Array(entries);
    this.value = new Float64Array(entries);
    this.advantages = new Float64Array(entries);
    this.returns = new Float64Array(entries);
  }
}

/** Up to sequenceLength years of one sequence, within one segment. */
export interface Chunk {
  sequence: number;
  start: number;
  length: number;
}

export class OnPolicyStore {
  /** Years recorded so far. */
  length = 0;
  /** 1 where the economy collapsed (no bootstrap). */
  readonly terminal: Uint8Array;
  /** 1 on the last year of a segment: collapse, the time limit, or the end of the collection. */
  readonly end: Uint8Array;
  readonly sides: Record<string, Sequences> = {};
  /**
   * The acting normalisers taking in the collection's observations year by year; the method adopts
   * them after its update (its own stay frozen while acting, so the data is on-policy).
   */
  readonly normalisers: { global: Normaliser; private: Normaliser };

  constructor(
    readonly years: number,
    shapes: Record<string, SequenceShape>,
    normalisers: { global: Normaliser; private: Normaliser },
  ) {
    if (!Number.isInteger(years) || years < 1) throw new RangeError(`on-policy store: years must be a positive integer, got ${years}`);
    this.terminal = new Uint8Array(years);
    this.end = new Uint8Array(years);
    for (const [name, shape] of Object.entries(shapes)) this.sides[name] = new Sequences(shape, years);
    this.normalisers = { global: copyOf(normalisers.global), private: copyOf(normalisers.private) };
  }

  /** Appends a year's flags; returns its index. */
  addYear(terminal: boolean, end: boolean): number {
    const t = this.length;
    if (t >= this.years) throw new RangeError(`on-policy store: full (${this.years} years)`);
    this.terminal[t] = terminal ? 1 : 0;
    this.end[t] = end || terminal ? 1 : 0;
    this.length++;
    return t;
  }

  /** Whether year t is the last of its segment (the last recorded year always is). */
  ends(t: number): boolean {
    return this.end[t] === 1 || t === this.length - 1;
  }

  /**
   * Each sequence of a side cut into chunks: at every segment's end and every `sequenceLength`
   * years from a segment's start; ordered by start year, then sequence.
   */
  chunks(side: string, sequenceLength: number): Chunk[] {
    const rows = this.sides[side].shape.rows, out: Chunk[] = [];
    for (let start = 0; start < this.length; ) {
      let last = start;
      while (!this.ends(last)) last++;
      for (let t = start; t <= last; t += sequenceLength) {
        for (let q = 0; q < rows; q++) out.push({ sequence: q, start: t, length: Math.min(sequenceLength, last - t + 1) });
      }
      start = last + 1;
    }
    return out;
  }

  /**
   * Generalised advantage estimation on every side, from `value` and `rewards`: delta_t = r_t +
   * gamma V_{t+1} - V_t, with V_{t+1} the next year's value within a segment, nextValue where the
   * segment was truncated and 0 where the economy collapsed; A_t = delta_t + gamma lambda A_{t+1}
   * within the segment; returns R_t = A_t + V_t.
   */
  gae(gamma: number, lambda: number): void {
    for (const d of Object.values(this.sides)) {
      const R = d.shape.rows, carried = new Float64Array(R);
      for (let t = this.length - 1; t >= 0; t--) {
        const last = this.ends(t);
        for (let q = 0; q < R; q++) {
          const at = t * R + q;
          const next = last ? (this.terminal[t] ? 0 : d.nextValue[at]) : d.value[at + R];
          const delta = d.rewards[at] + gamma * next - d.value[at];
          carried[q] = delta + gamma * lambda * (last ? 0 : carried[q]);
          d.advantages[at] = carried[q];
          d.returns[at] = carried[q] + d.value[at];
        }
      }
    }
  }

  /** A deep copy (exploitability's copies of an agent take its latest collection too). */
  clone(): OnPolicyStore {
    const copy = new OnPolicyStore(this.years, Object.fromEntries(Object.entries(this.sides).map(([name, d]) => [name, d.shape])), this.normalisers);
    copy.length = this.length;
    copy.terminal.set(this.terminal);
    copy.end.set(this.end);
    for (const [name, d] of Object.entries(this.sides)) {
      const to = copy.sides[name];
      for (const field of ['x', 'state', 'actions', 'rewards', 'nextValue', 'logProb', 'value', 'advantages', 'returns'] as const) to[field].set(d[field]);
    }
    return copy;
  }
}

function copyOf(normaliser: Normaliser): Normaliser {
  const copy = new Normaliser(normaliser.size);
  copy.copyFrom(normaliser);
  return copy;
}

/**
 * The one chunk packer (the old policy's pass over every chunk and each minibatch): chunks side
 * by side as one batch for a recurrent network, year-major: row j x batch + b is year j of chunk
 * b, unrolled as far as the longest chunk (rows past a chunk's end are masked out).
 */
export class PackedChunks {
  /** Years unrolled, chunks side by side, and rows = steps x batch. */
  readonly steps: number;
  readonly batch: number;
  readonly rows: number;
  /** Per year j: batch x inputs, the network's inputs. */
  readonly x: Float32Array[];
  /** rows x (width - inputs): the further features (null if none). */
  readonly features: Float32Array | null;
  /** batch x stateSize: each chunk's state at its first year. */
  readonly state: Float32Array;
  /** rows x actions. */
  readonly actions: Float32Array;
  /** rows: 1 within a chunk. */
  readonly mask: Float32Array;
  /** rows: the store entry (t x rows + q) of each row, -1 past a chunk's end. */
  readonly at: Int32Array;

  constructor(d: Sequences, chunks: readonly Chunk[]) {
    if (chunks.length === 0) throw new RangeError('packed chunks: no chunks');
    const { rows: R, width: W, inputs: I, actions: A, stateSize: Z } = d.shape, F = W - I;
    const B = chunks.length, S = Math.max(...chunks.map((c) => c.length));
    this.steps = S;
    this.batch = B;
    this.rows = S * B;
    this.x = Array.from({ length: S }, () => new Float32Array(B * I));
    this.features = F > 0 ? new Float32Array(this.rows * F) : null;
    this.state = new Float32Array(B * Z);
    this.actions = new Float32Array(this.rows * A);
    this.mask = new Float32Array(this.rows);
    this.at = new Int32Array(this.rows).fill(-1);
    chunks.forEach((chunk, b) => {
      const first = chunk.start * R + chunk.sequence;
      this.state.set(d.state.subarray(first * Z, (first + 1) * Z), b * Z);
      for (let j = 0; j < chunk.length; j++) {
        const at = first + j * R, row = j * B + b;
        this.x[j].set(d.x.subarray(at * W, at * W + I), b * I);
        if (this.features) this.features.set(d.x.subarray(at * W + I, (at + 1) * W), row * F);
        this.actions.set(d.actions.subarray(at * A, (at + 1) * A), row * A);
        this.mask[row] = 1;
        this.at[row] = at;
      }
    });
  }

  /** A per-entry quantity of the store at each row (0 past a chunk's end). */
  gather(values: Float64Array): Float32Array {
    const out = new Float32Array(this.rows);
    for (let r = 0; r < this.rows; r++) if (this.at[r] >= 0) out[r] = values[this.at[r]];
    return out;
  }

  /** Each row's value back into the store's per-entry array. */
  scatter(values: ArrayLike<number>, into: Float64Array): void {
    for (let r = 0; r < this.rows; r++) if (this.at[r] >= 0) into[this.at[r]] = values[r];
  }

  /**
   * A per-entry quantity at each row, normalised to mean 0 and sd 1 over the rows within chunks
   * (CleanRL's norm_adv; the statistics in float64, chunk by chunk).
   */
  normalised(values: Float64Array): Float32Array {
    const within: number[] = [];
    for (let b = 0; b < this.batch; b++) for (let j = 0; j < this.steps && this.at[j * this.batch + b] >= 0; j++) within.push(values[this.at[j * this.batch + b]]);
    const mean = within.reduce((a, v) => a + v, 0) / within.length;
    const sd = within.length > 1 ? Math.sqrt(within.reduce((a, v) => a + (v - mean) ** 2, 0) / (within.length - 1)) : 0;
    const out = this.gather(values);
    for (let r = 0; r < this.rows; r++) if (this.mask[r]) out[r] = (out[r] - mean) / (sd + 1e-8);
    return out;
  }
}
