/**
 * Inequality measures over a population of N values: Gini, Lorenz curve, income shares.
 * All take an already sorted ascending copy or sort into a scratch buffer, never the input.
 */

/** Added to every value before the Gini, as the authors do, so an all-zero economy has Gini 0. */
export const GINI_OFFSET = 1e-7;

/**
 * Gini coefficient as the authors compute it:
 *   G = sum_i (2i - n - 1) x_(i) / (n sum_i x_(i)),  x_(i) sorted ascending, i = 1..n,
 * after adding GINI_OFFSET to every value. NaN when the values are not ascending (or hold NaN).
 */
export function giniOfSorted(sorted: ArrayLike<number>): number {
  return giniIfAscending(sorted) ?? NaN;
}

/**
 * The same Gini, or undefined when the values are not ascending (checked in the same pass; NaN
 * never is). The economy scatters values to where last year's rank order puts them and keeps
 * the Gini when they turn out sorted.
 */
export function giniIfAscending(values: ArrayLike<number>): number | undefined {
  const n = values.length;
  let weighted = 0;
  let total = 0;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (!(value >= previous)) return undefined;
    previous = value;
    const x = value + GINI_OFFSET;
    weighted += (2 * (i + 1) - n - 1) * x;
    total += x;
  }
  return weighted / (n * total);
}

/** Gini of unsorted values; `scratch` (length >= n) avoids an allocation on the hot path. */
export function gini(values: ArrayLike<number>, scratch?: Float64Array): number {
  return giniOfSorted(sortedCopy(values, scratch));
}

export function sortedCopy(values: ArrayLike<number>, scratch?: Float64Array): Float64Array {
  const n = values.length;
  const buffer = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  buffer.set(values as ArrayLike<number>);
  return buffer.sort();
}

/**
 * The Lorenz curve of sorted (ascending) values as a function: the share of the total held by the
 * poorest p of the population, linear within a household. An all-zero population is equal.
 */
export function lorenzOfSorted(sorted: ArrayLike<number>): (populationShare: number) => number {
  const n = sorted.length;
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + sorted[i];
  const total = cumulative[n];
  return (p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`population share must be in [0, 1], got ${p}`);
    const position = p * n;
    const whole = Math.floor(position);
    const partial = whole < n ? (position - whole) * sorted[whole] : 0;
    return total === 0 ? p : (cumulative[whole] + partial) / total;
  };
}

/** Lorenz curve points at the given population shares. */
export function lorenzPoints(values: ArrayLike<number>, populationShares: ArrayLike<number>): { population: number; share: number }[] {
  const shareBelow = lorenzOfSorted(sortedCopy(values));
  return Array.from(populationShares, (p) => ({ population: p, share: shareBelow(p) }));
}

/** Share of the total held by the top `fraction` of the population (e.g. 0.1 for the top 10 %). */
export function topShare(values: ArrayLike<number>, fraction: number): number {
  return 1 - lorenzOfSorted(sortedCopy(values))(1 - fraction);
}

/** Share of the total held by the bottom `fraction` of the population (e.g. 0.5 for the bottom 50 %). */
export function bottomShare(values: ArrayLike<number>, fraction: number): number {
  return lorenzOfSorted(sortedCopy(values))(fraction);
}
