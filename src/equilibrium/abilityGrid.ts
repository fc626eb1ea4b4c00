/**
 * The households' ability process, log e' = rho log e + sigma eps, as a finite Markov chain by
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

export function rouwenhorst(nodes: number, persistence: number, shockSd: number): AbilityGrid {
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
  const logAbility = Float64Array.from({ length: nodes }, (_, j) => -psi + (2 * psi * j) / (nodes - 1));
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
