/**
 * The stationary distribution of households over (ability node, wealth point) by Young's lottery
 * method (Young 2010): a household whose policy a' lies between grid points a_k <= a' <= a_k+1 moves
 * to a_k with probability (a_k+1 - a') / (a_k+1 - a_k) and to a_k+1 otherwise, which keeps mean wealth
 * exact; then its ability moves by the chain. The distribution is iterated forward from a start
 * (the previous solution when warm) until no cell moves by more than a tolerance.
 *
 * Timing: D(i, j) is the mass at the start of a period with this period's ability i known and
 * wealth a_j, the state the policy acts on. Arrays are node-major: (i, j) at i * N + j.
 */
import { stationaryDistribution, type AbilityGrid } from './abilityGrid.js';

/** Where each state's a' falls: the lower grid point and the probability of moving there. */
export interface Lottery {
  lower: Int32Array;
  lowerWeight: Float64Array;
}

export interface LotteryOptions {
  /** Stop when no cell's mass moved by more than this in one step (default 1e-11). */
  tolerance?: number;
  /** Default 100,000. */
  maxIterations?: number;
}

export class LotteryError extends Error {}

/** The lottery of a policy; a' outside the grid goes to its end point (the EGM keeps a' on it). */
export function lotteryOf(assets: Float64Array, assetsNext: Float64Array, nodes: number, out?: Lottery): Lottery {
  const n = assets.length;
  const lottery = out ?? { lower: new Int32Array(nodes * n), lowerWeight: new Float64Array(nodes * n) };
  for (let i = 0; i < nodes; i++) {
    let k = 0;
    for (let j = 0; j < n; j++) {
      const s = i * n + j;
      const a = assetsNext[s];
      // policies are nondecreasing in wealth, so the bracket only moves up; step back if not
      while (k > 0 && a < assets[k]) k--;
      while (k < n - 2 && a > assets[k + 1]) k++;
      const w = (assets[k + 1] - a) / (assets[k + 1] - assets[k]);
      lottery.lower[s] = k;
      lottery.lowerWeight[s] = w < 0 ? 0 : w > 1 ? 1 : w;
    }
  }
  return lottery;
}

/**
 * One period forward: wealth by the lottery, then ability by the chain, from `from` into `to`
 * (scratch holds the wealth-moved mass). Returns the largest change of any cell.
 */
export function forwardStep(chain: AbilityGrid, lottery: Lottery, from: Float64Array, to: Float64Array, scratch: Float64Array): number {
  const m = chain.ability.length;
  const n = from.length / m;
  const P = chain.transition;
  scratch.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const s = row + j;
      const mass = from[s];
      if (mass === 0) continue;
      const k = row + lottery.lower[s];
      const w = lottery.lowerWeight[s];
      scratch[k] += w * mass;
      scratch[k + 1] += (1 - w) * mass;
    }
  }
  // ability next period: row l of `to` gathers every node's wealth-moved mass, then is compared
  let change = 0;
  for (let l = 0; l < m; l++) {
    const row = l * n;
    to.fill(0, row, row + n);
    for (let i = 0; i < m; i++) {
      const p = P[i * m + l];
      // every entry, however small: dropping any would leak mass over thousands of steps
      if (p === 0) continue;
      const source = i * n;
      for (let j = 0; j < n; j++) to[row + j] += p * scratch[source + j];
    }
    for (let j = row; j < row + n; j++) {
      const d = Math.abs(to[j] - from[j]);
      if (d > change) change = d;
    }
  }
  return change;
}

/** The chain's stationary distribution times a uniform one over wealth: a cold start. */
export function initialDistribution(chain: AbilityGrid, points: number): Float64Array {
  const pi = stationaryDistribution(chain);
  const out = new Float64Array(pi.length * points);
  for (let i = 0; i < pi.length; i++) out.fill(pi[i] / points, i * points, (i + 1) * points);
  return out;
}

/**
 * Iterates forwardStep from `distribution` (the start, overwritten with the result) to the
 * stationary distribution of the policy. Returns the iterations taken.
 */
export function stationaryWealthDistribution(
  chain: AbilityGrid,
  assets: Float64Array,
  assetsNext: Float64Array,
  distribution: Float64Array,
  options: LotteryOptions = {},
): number {
  const tolerance = options.tolerance ?? 1e-11;
  const maxIterations = options.maxIterations ?? 100_000;
  const lottery = lotteryOf(assets, assetsNext, chain.ability.length);
  let current = distribution;
  let next: Float64Array = new Float64Array(distribution.length);
  const scratch = new Float64Array(distribution.length);
  for (let it = 1; it <= maxIterations; it++) {
    const change = forwardStep(chain, lottery, current, next, scratch);
    [current, next] = [next, current];
    if (change < tolerance) {
      if (current !== distribution) distribution.set(current);
      return it;
    }
  }
  throw new LotteryError(`the wealth distribution did not converge to ${tolerance} in ${maxIterations} iterations`);
}

export interface HouseholdAggregates {
  /** sum D a': the wealth households carry into next period (capital supply). */
  assets: number;
  /** sum D e h: effective labour. */
  labor: number;
  /** sum D c. */
  consumption: number;
  /** Total mass (1 up to rounding). */
  mass: number;
}

export function householdAggregates(chain: AbilityGrid, hours: Float64Array, distribution: Float64Array, assetsNext: Float64Array, consumption: Float64Array): HouseholdAggregates {
  const m = chain.ability.length;
  const n = distribution.length / m;
  let assets = 0, labor = 0, c = 0, mass = 0;
  for (let i = 0; i < m; i++) {
    let nodeMass = 0;
    for (let j = 0; j < n; j++) {
      const s = i * n + j;
      const d = distribution[s];
      nodeMass += d;
      assets += d * assetsNext[s];
      c += d * consumption[s];
    }
    mass += nodeMass;
    labor += nodeMass * chain.ability[i] * hours[i];
  }
  return { assets, labor, consumption: c, mass };
}
