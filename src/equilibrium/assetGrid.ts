/**
 * The wealth grid of the stationary household problem: points a_0 < a_1 < ... < a_{N-1}, the first
 * the borrowing limit. Points crowd near the limit, where the policy bends (the constraint binds
 * for some, precautionary saving is strongest), and thin out where it is nearly linear.
 */

/**
 * N points equally spaced in log(a - min + pivot) from min to max (pivot 0.25): the grid of the
 * sequence-space Jacobian toolkit's examples (its `agrid`), so the textbook check runs on the same
 * points. The first point is exactly min.
 */
export function logSpacedAssetGrid(max: number, points: number, min = 0, pivot = 0.25): Float64Array {
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`asset grid points must be an integer >= 2, got ${points}`);
  if (!(max > min) || !Number.isFinite(max)) throw new RangeError(`asset grid max must be a finite number > min (${min}), got ${max}`);
  const shift = Math.abs(min) + pivot;
  const lo = Math.log(min + shift);
  const hi = Math.log(max + shift);
  const grid = new Float64Array(points);
  for (let j = 0; j < points; j++) grid[j] = Math.exp(lo + ((hi - lo) * j) / (points - 1)) - shift;
  grid[0] = min;
  grid[points - 1] = max;
  return grid;
}

/**
 * Checks a grid given as data: at least 2 points, finite, strictly ascending, the first 0 (the
 * borrowing limit a' >= 0 is the grid's floor). Throws a RangeError naming `field` and what is allowed.
 */
export function checkAssetGrid(grid: ArrayLike<number>, field = 'assets'): Float64Array {
  if (grid.length < 2) throw new RangeError(`${field} must be a grid of at least 2 wealth points (ascending, the first 0: the borrowing limit), got ${grid.length}`);
  for (let j = 0; j < grid.length; j++) {
    if (!Number.isFinite(grid[j])) throw new RangeError(`${field}[${j}] must be a finite number, got ${grid[j]}`);
    if (j > 0 && !(grid[j] > grid[j - 1])) throw new RangeError(`${field} must be strictly ascending: point ${j} (${grid[j]}) <= point ${j - 1} (${grid[j - 1]})`);
  }
  if (grid[0] !== 0) throw new RangeError(`${field}[0] must be 0, the borrowing limit (a' >= 0), got ${grid[0]}`);
  return Float64Array.from(grid);
}

/** The k with assets[k] <= a < assets[k + 1], for a inside the grid (binary search). */
export function bracketIndex(assets: ArrayLike<number>, a: number): number {
  let lo = 0, hi = assets.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (assets[mid] <= a) lo = mid;
    else hi = mid;
  }
  return lo;
}
