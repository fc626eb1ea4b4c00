/**
 * The households' ability process, log e' = (1 - rho) mu + rho log e + sigma eps (mu = 0 in the
 * authors' economy), as a finite Markov chain by
 * Rouwenhorst's method (Kopecky and Suen 2010): M nodes evenly spaced over +-sqrt(M - 1) stationary
 * standard deviations of log ability; the chain's conditional mean (rho y) and conditional variance
 * (sigma^2) are exact at every node, and it stays accurate as rho -> 1 (rho = 0.982 here), where
 * Tauchen's method needs a very fine grid. The super-star state is left out: entering it has
 * probability 2.2e-6 a year, which moves a value by at most p_e / (1 - gamma)^2 (docs/equilibrium.md).
 */

export interface AbilityGrid {
  /** Nodes in log ability, ascending. */
  logAbility: Float64Array;
  ability: Float64Array;
  /** transition[i * M + k] = P(node k next year | node i now). */
  transition: Float64Array;
  /** Per row, the range of k with a probability worth summing (outside it every entry is < NEGLIGIBLE_PROBABILITY). */
  rowStart: Int32Array;
  rowEnd: Int32Array;
}

/**
 * Probabilities below this are dropped from the sums: a row loses under 1e-10 of its mass, which
 * moves a value (rewards in [0, 1], at most 1 / (1 - gamma) = 40) by under 4e-9 a year.
 */
export const NEGLIGIBLE_PROBABILITY = 1e-11;

export function rouwenhorst(nodes: number, persistence: number, shockSd: number, logMean = 0): AbilityGrid {
  if (!Number.isInteger(nodes) || nodes < 2) throw new RangeError(`ability nodes must be an integer >= 2, got ${nodes}`);
  if (!(persistence > -1 && persistence < 1)) throw new RangeError(`ability persistence must be in (-1, 1), got ${persistence}`);
  if (!(shockSd > 0)) throw new RangeError(`ability shock sd must be > 0, got ${shockSd}`);
  const p = (1 + persistence) / 2;
  // the recursion on matrices of size 2, 3, ..., M
  let matrix = [
    [p, 1 - p],
    [1 - p, p],
  ];
  for (let size = 3; size <= nodes; size++) {
    const next = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (let i = 0; i < size - 1; i++) {
      for (let j = 0; j < size - 1; j++) {
        const m = matrix[i][j];
        next[i][j] += p * m;
        next[i][j + 1] += (1 - p) * m;
        next[i + 1][j] += (1 - p) * m;
        next[i + 1][j + 1] += p * m;
      }
    }
    // interior rows were counted twice
    for (let i = 1; i < size - 1; i++) for (let j = 0; j < size; j++) next[i][j] /= 2;
    matrix = next;
  }
  const stationarySd = shockSd / Math.sqrt(1 - persistence * persistence);
  const psi = stationarySd * Math.sqrt(nodes - 1);
  const logAbility = Float64Array.from({ length: nodes }, (_, j) => logMean - psi + (2 * psi * j) / (nodes - 1));
  const transition = new Float64Array(nodes * nodes);
  const rowStart = new Int32Array(nodes);
  const rowEnd = new Int32Array(nodes);
  for (let i = 0; i < nodes; i++) {
    let start = nodes, end = 0;
    for (let k = 0; k < nodes; k++) {
      transition[i * nodes + k] = matrix[i][k];
      if (matrix[i][k] >= NEGLIGIBLE_PROBABILITY) {
        start = Math.min(start, k);
        end = k + 1;
      }
    }
    rowStart[i] = start;
    rowEnd[i] = end;
  }
  return { logAbility, ability: logAbility.map(Math.exp), transition, rowStart, rowEnd };
}

/**
 * Where a log ability between nodes lies: the lower node and the weight of the upper one
 * (clamped to the grid's ends). A household's next-year distribution from there is the
 * weighted mix of the two nodes' rows, whose conditional mean is exactly rho log e inside the grid.
 */
export function bracketNode(grid: AbilityGrid, logAbility: number): { node: number; weight: number } {
  const y = grid.logAbility;
  const m = y.length;
  if (!(logAbility > y[0])) return { node: 0, weight: 0 };
  if (logAbility >= y[m - 1]) return { node: m - 2, weight: 1 };
  const spacing = y[1] - y[0];
  const node = Math.min(m - 2, Math.floor((logAbility - y[0]) / spacing));
  return { node, weight: (logAbility - y[node]) / spacing };
}

/** The next-year distribution over nodes from a log ability anywhere (mix of two rows), into `out` (length M). */
export function transitionFrom(grid: AbilityGrid, logAbility: number, out: Float64Array): Float64Array {
  const m = grid.logAbility.length;
  const { node, weight } = bracketNode(grid, logAbility);
  for (let k = 0; k < m; k++) out[k] = (1 - weight) * grid.transition[node * m + k] + weight * grid.transition[(node + 1) * m + k];
  return out;
}

/**
 * A chain given as data (node values and a row-stochastic matrix, row-major M x M), checked: values
 * finite, > 0 and ascending; every entry in [0, 1]; every row summing to 1 within 1e-10. Throws a
 * RangeError naming `field` and what is allowed.
 */
export function markovChain(ability: ArrayLike<number>, transition: ArrayLike<number>, field = 'ability'): AbilityGrid {
  const m = ability.length;
  if (m < 1) throw new RangeError(`${field}.values must hold at least 1 node, got an empty list`);
  for (let i = 0; i < m; i++) {
    if (!(ability[i] > 0) || !Number.isFinite(ability[i])) throw new RangeError(`${field}.values[${i}] must be a finite number > 0, got ${ability[i]}`);
    if (i > 0 && !(ability[i] > ability[i - 1])) throw new RangeError(`${field}.values must be strictly ascending: node ${i} (${ability[i]}) <= node ${i - 1} (${ability[i - 1]})`);
  }
  if (transition.length !== m * m) throw new RangeError(`${field}.transition must be ${m} x ${m} = ${m * m} entries (row-major), got ${transition.length}`);
  const matrix = Float64Array.from(transition);
  const rowStart = new Int32Array(m);
  const rowEnd = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0, start = m, end = 0;
    for (let k = 0; k < m; k++) {
      const p = matrix[i * m + k];
      if (!(p >= 0 && p <= 1)) throw new RangeError(`${field}.transition[${i}][${k}] must be a probability in [0, 1], got ${p}`);
      sum += p;
      if (p >= NEGLIGIBLE_PROBABILITY) {
        start = Math.min(start, k);
        end = k + 1;
      }
    }
    if (!(Math.abs(sum - 1) <= 1e-10)) throw new RangeError(`${field}.transition row ${i} must sum to 1 (a stochastic matrix), got ${sum}`);
    rowStart[i] = start;
    rowEnd[i] = end;
  }
  const values = Float64Array.from(ability);
  return { logAbility: values.map(Math.log), ability: values, transition: matrix, rowStart, rowEnd };
}

/**
 * The chain's stationary distribution pi = pi P, by Gaussian elimination with partial pivoting on
 * (P' - I) pi = 0 with one equation replaced by sum pi = 1: exact up to rounding, no iteration
 * tolerance (M is at most a few hundred). Throws if the chain has no unique one (reducible).
 */
export function stationaryDistribution(grid: AbilityGrid): Float64Array {
  const m = grid.ability.length;
  const P = grid.transition;
  // a[row][col], augmented with the right-hand side in column m
  const a = Array.from({ length: m }, (_, i) => {
    const row = new Float64Array(m + 1);
    for (let k = 0; k < m; k++) row[k] = P[k * m + i] - (i === k ? 1 : 0);
    return row;
  });
  a[m - 1].fill(1);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (!(Math.abs(a[pivot][col]) > 1e-14)) throw new RangeError('the ability chain has no unique stationary distribution (it is reducible)');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < m; r++) {
      const f = a[r][col] / a[col][col];
      if (f !== 0) for (let k = col; k <= m; k++) a[r][k] -= f * a[col][k];
    }
  }
  const pi = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = a[r][m];
    for (let k = r + 1; k < m; k++) s -= a[r][k] * pi[k];
    pi[r] = s / a[r][r];
  }
  // rounding can leave -1e-17 on nodes of negligible mass
  let total = 0;
  for (let i = 0; i < m; i++) total += (pi[i] = Math.max(0, pi[i]));
  for (let i = 0; i < m; i++) pi[i] /= total;
  return pi;
}

/** The same chain with ability scaled so that its stationary mean is `mean` (the toolkit's convention: E e = 1). */
export function withMeanAbility(grid: AbilityGrid, mean = 1): AbilityGrid {
  const pi = stationaryDistribution(grid);
  let current = 0;
  for (let i = 0; i < pi.length; i++) current += pi[i] * grid.ability[i];
  const ability = grid.ability.map((e) => (e * mean) / current);
  return { ...grid, ability, logAbility: ability.map(Math.log) };
}
