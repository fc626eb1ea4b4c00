/**
 * Where the iterations of a steady-state evaluation start (steadyState.ts): close starts make the
 * household's policy and the distribution converge in a few dozen steps instead of hundreds.
 * Two sources: the last two evaluations on the same grid, extrapolated in r; and a solution on a
 * coarser grid (every k-th wealth point), carried over to the fine one.
 */

/**
 * The warm start of the next evaluation: the household's marginal values and the distribution,
 * extrapolated linearly in r from the last two evaluations (their change is smooth in r), so that
 * near the root, where Brent's steps shrink, the start is off by O(dr^2) rather than O(dr). Used
 * only for steps at most 1.5 times the last one; the distribution is kept nonnegative with each
 * ability node's mass exact (the chain's stationary mass), marginal values positive.
 */
export class SecantWarmStart {
  private rLast = NaN;
  private rBefore = NaN;
  private last: { Va: Float64Array; D: Float64Array };
  private before: { Va: Float64Array; D: Float64Array };

  constructor(private readonly pi: Float64Array, private readonly points: number) {
    const states = pi.length * points;
    this.last = { Va: new Float64Array(states), D: new Float64Array(states) };
    this.before = { Va: new Float64Array(states), D: new Float64Array(states) };
  }

  remember(r: number, Va: Float64Array, D: Float64Array): void {
    [this.last, this.before] = [this.before, this.last];
    this.rBefore = this.rLast;
    this.rLast = r;
    this.last.Va.set(Va);
    this.last.D.set(D);
  }

  /** Writes the start for rate r over Va and D (which hold the last evaluation's solution). */
  extrapolate(r: number, Va: Float64Array, D: Float64Array): void {
    const t = (r - this.rLast) / (this.rLast - this.rBefore);
    if (!(Math.abs(t) <= 1.5)) return;
    const { last, before } = this;
    let positive = true;
    for (let s = 0; s < Va.length; s++) {
      const v = last.Va[s] + t * (last.Va[s] - before.Va[s]);
      if (!(v > 0)) positive = false;
      Va[s] = v;
    }
    if (!positive) Va.set(last.Va);
    const n = this.points;
    for (let i = 0; i < this.pi.length; i++) {
      let mass = 0;
      for (let j = i * n; j < (i + 1) * n; j++) mass += D[j] = Math.max(0, last.D[j] + t * (last.D[j] - before.D[j]));
      const scale = mass > 0 ? this.pi[i] / mass : 0;
      for (let j = i * n; j < (i + 1) * n; j++) D[j] *= scale;
    }
  }
}

/** Indices into a grid of N points of every `every`-th point, the last always included. */
export function coarseIndices(points: number, every: number): Int32Array {
  const out: number[] = [];
  for (let j = 0; j < points - 1; j += every) out.push(j);
  out.push(points - 1);
  return Int32Array.from(out);
}

/**
 * A policy on the coarse grid (fine indices `coarse`) read on every fine point, linearly in wealth
 * between coarse points (consumption is nearly linear in wealth there; marginal values are not).
 */
export function refinePolicy(values: Float64Array, coarse: Int32Array, fineAssets: Float64Array, nodes: number): Float64Array {
  const n = fineAssets.length;
  const q = coarse.length;
  const out = new Float64Array(nodes * n);
  for (let i = 0; i < nodes; i++) {
    for (let k = 0; k < q - 1; k++) {
      const lo = coarse[k], hi = coarse[k + 1];
      const vLo = values[i * q + k], vHi = values[i * q + k + 1];
      for (let j = lo; j <= hi; j++) {
        const t = (fineAssets[j] - fineAssets[lo]) / (fineAssets[hi] - fineAssets[lo]);
        out[i * n + j] = vLo + t * (vHi - vLo);
      }
    }
  }
  return out;
}

/**
 * A distribution on the coarse grid spread over the fine one: each coarse point's mass over the
 * fine points between its neighbours, by the hat function that is 1 at the point and 0 at the
 * neighbours (so mass is exact and mean wealth nearly so, with no spikes at every k-th point).
 */
export function spreadDistribution(mass: Float64Array, coarse: Int32Array, fineAssets: Float64Array, nodes: number): Float64Array {
  const n = fineAssets.length;
  const q = coarse.length;
  const out = new Float64Array(nodes * n);
  const a = fineAssets;
  const hat = (k: number, j: number) => {
    const c = coarse[k];
    if (j === c) return 1;
    const neighbour = j < c ? coarse[k - 1] : coarse[k + 1];
    return (a[j] - a[neighbour]) / (a[c] - a[neighbour]);
  };
  for (let k = 0; k < q; k++) {
    const from = k > 0 ? coarse[k - 1] + 1 : 0;
    const to = k < q - 1 ? coarse[k + 1] - 1 : n - 1;
    let total = 0;
    for (let j = from; j <= to; j++) total += hat(k, j);
    for (let i = 0; i < nodes; i++) {
      const m = mass[i * q + k];
      if (m === 0) continue;
      for (let j = from; j <= to; j++) out[i * n + j] += (m * hat(k, j)) / total;
    }
  }
  return out;
}
