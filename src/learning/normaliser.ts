/**
 * Running mean and standard deviation of observations (Chan et al.'s parallel update), applied
 * after a signed log: money in the observations spans 1e3 to 1e13 USD over an episode, and a
 * linear normaliser fitted on early years would send later ones to thousands of standard
 * deviations. Updated on training observations only; frozen in evaluation and saved with
 * every policy.
 */

/** sign(x) log(1 + |x|): monotone, defined for negative wealth, near-linear around 0. */
export function signedLog(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

export interface NormaliserState {
  size: number;
  count: number;
  mean: number[];
  /** Sum of squared deviations from the mean. */
  m2: number[];
}

export class Normaliser {
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  count = 0;
  frozen = false;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }

  /** Adds `rows` rows of already log-transformed features (row-major, rows x size). */
  update(values: ArrayLike<number>, rows: number, offset = 0): void {
    if (this.frozen || rows === 0) return;
    const d = this.size;
    for (let k = 0; k < d; k++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += values[offset + r * d + k];
      const batchMean = sum / rows;
      let sq = 0;
      for (let r = 0; r < rows; r++) {
        const dev = values[offset + r * d + k] - batchMean;
        sq += dev * dev;
      }
      const total = this.count + rows;
      const delta = batchMean - this.mean[k];
      this.mean[k] += (delta * rows) / total;
      this.m2[k] += sq + (delta * delta * this.count * rows) / total;
    }
    this.count += rows;
  }

  /** Takes another normaliser's statistics (of the same size). */
  copyFrom(from: Normaliser): void {
    if (from.size !== this.size) throw new TypeError(`normaliser of size ${from.size} where ${this.size} is expected (made for another observation size)`);
    this.mean.set(from.mean);
    this.m2.set(from.m2);
    this.count = from.count;
  }

  std(k: number): number {
    const variance = this.count > 1 ? this.m2[k] / (this.count - 1) : 1;
    return Math.sqrt(Math.max(variance, 1e-8));
  }

  /** (x - mean) / std per feature, clipped to +-10; rows x size from `input` into `out`. */
  apply(input: ArrayLike<number>, rows: number, out: Float64Array, inOffset = 0, outOffset = 0, outStride = this.size): void {
    const d = this.size;
    for (let k = 0; k < d; k++) {
      const mu = this.mean[k];
      const inv = 1 / this.std(k);
      for (let r = 0; r < rows; r++) {
        const z = (input[inOffset + r * d + k] - mu) * inv;
        out[outOffset + r * outStride + k] = z > 10 ? 10 : z < -10 ? -10 : z;
      }
    }
  }

  toJSON(): NormaliserState {
    return { size: this.size, count: this.count, mean: [...this.mean], m2: [...this.m2] };
  }

  static fromJSON(state: NormaliserState, field = 'normaliser'): Normaliser {
    if (!state || !Number.isInteger(state.size) || state.size < 1) throw new TypeError(`${field}: size must be a positive integer`);
    if (!Array.isArray(state.mean) || state.mean.length !== state.size || !Array.isArray(state.m2) || state.m2.length !== state.size) {
      throw new TypeError(`${field}: mean and m2 must be arrays of ${state.size} numbers`);
    }
    if (![...state.mean, ...state.m2, state.count].every(Number.isFinite) || state.count < 0) throw new TypeError(`${field}: count, mean and m2 must be finite numbers`);
    const n = new Normaliser(state.size);
    n.mean.set(state.mean);
    n.m2.set(state.m2);
    n.count = state.count;
    return n;
  }
}
