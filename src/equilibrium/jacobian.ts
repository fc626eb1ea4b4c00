/**
 * The sequence-space Jacobian of the household block around a steady state, by the fake-news
 * algorithm of Auclert, Bardoczy, Rognlie and Straub (Econometrica 2021): J[t][s] = d A_t / d X_s,
 * the response of households' aggregate assets sum D_t a'_t in period t to an input X (anything
 * that moves cash on hand: r, W, a tax, or capital through the firm's prices) in period s alone,
 * everything else at the steady state, for t, s = 0 .. T - 1.
 *
 * A shock to X at s moves policies only in periods 0 .. s (households see it coming), and by time
 * invariance the policy change in period t depends only on s - t. So:
 *  1. One backward pass: X raised by h in the last period, T EGM steps back (endogenousGrid.ts)
 *     give the policy change da'_u u periods ahead of the shock, u = 0 .. T - 1; from it
 *     dY_u = sum D_ss da'_u (the aggregate's change) and dD_u (the next period's distribution's
 *     change, through the lottery's weights and then the ability chain).
 *  2. One forward pass: expectation vectors E_0 = a'_ss, E_k = Lambda' E_(k-1) (the expected
 *     a' k periods on, from each state), T - 1 of them.
 *  3. The fake-news matrix F[0][s] = dY_s, F[t][s] = E_(t-1) . dD_s (t >= 1), and the Jacobian
 *     J[t][s] = F[t][s] + J[t - 1][s - 1].
 * Cost: T EGM steps and T expectation steps per input, and a T x S by S x T product (S states).
 * Finite differences are one-sided (step h), against one EGM step from the steady state's own
 * marginal values, so that the steady state's iteration tolerance does not enter the difference.
 */
import type { AbilityGrid } from './abilityGrid.js';
import { egmScratch, egmStep, emptyPolicy, type CashOnHand, type HouseholdProblem } from './endogenousGrid.js';
import { lotteryOf, type Lottery } from './lottery.js';

export interface SteadyStateHouseholds {
  problem: HouseholdProblem;
  /** Cash on hand at the steady state's prices and instruments. */
  cashOnHand: CashOnHand;
  /** The steady state's V_a (endogenousGrid.ts), node-major. */
  marginalValue: Float64Array;
  /** The steady state's distribution at the start of a period, node-major. */
  distribution: Float64Array;
}

export interface JacobianInput {
  name: string;
  /** Cash on hand with the input raised by `step` (everything else at the steady state). */
  cashOnHand: CashOnHand;
  step: number;
  /** The household's problem in the shocked period, when the input moves it (a consumption tax); default the steady state's. */
  problem?: HouseholdProblem;
}

/** Row-major T x T Jacobians, J[t * T + s] = d A_t / d X_s, one per input (by name). */
export type HouseholdJacobians = Record<string, Float64Array>;

/** E_k for k = 0 .. count - 1, row-major (count x S): the expected a' k periods on. */
function expectationVectors(chain: AbilityGrid, lottery: Lottery, assetsNext: Float64Array, count: number): Float64Array {
  const states = assetsNext.length;
  const m = chain.ability.length;
  const n = states / m;
  const P = chain.transition;
  const out = new Float64Array(count * states);
  out.set(assetsNext, 0);
  const mixed = new Float64Array(states);
  for (let k = 1; k < count; k++) {
    const prev = out.subarray((k - 1) * states, k * states);
    // sum_l P[i][l] E(l, .) then the lottery's weights on the wealth point reached
    mixed.fill(0);
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let l = 0; l < m; l++) {
        const p = P[i * m + l];
        if (p === 0) continue;
        const from = l * n;
        for (let j = 0; j < n; j++) mixed[row + j] += p * prev[from + j];
      }
    }
    const base = k * states;
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const s = row + j;
        const lo = row + lottery.lower[s];
        const w = lottery.lowerWeight[s];
        out[base + s] = w * mixed[lo] + (1 - w) * mixed[lo + 1];
      }
    }
  }
  return out;
}

/**
 * The change of next period's distribution when a' moves by da at every state (mass D): the
 * lottery's weight on the lower point falls by da / (a_k+1 - a_k); then ability moves by the chain.
 */
function distributionChange(chain: AbilityGrid, assets: Float64Array, lottery: Lottery, D: Float64Array, da: Float64Array, scratch: Float64Array, out: Float64Array): void {
  const m = chain.ability.length;
  const n = assets.length;
  const P = chain.transition;
  scratch.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const s = row + j;
      const d = D[s] * da[s];
      if (d === 0) continue;
      const k = lottery.lower[s];
      const moved = d / (assets[k + 1] - assets[k]);
      scratch[row + k] -= moved;
      scratch[row + k + 1] += moved;
    }
  }
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const from = i * n;
    for (let l = 0; l < m; l++) {
      const p = P[i * m + l];
      if (p === 0) continue;
      const to = l * n;
      for (let j = 0; j < n; j++) out[to + j] += p * scratch[from + j];
    }
  }
}

/**
 * rows (R x S) times cols (C x S) transposed, written into out (row-major with `stride`, starting
 * at row `rowOffset`): two rows by four columns at a time (eight sums in registers), over the
 * states listed in `active` only (the others are zero in every column).
 */
function productTransposed(rows: Float64Array, R: number, cols: Float64Array, C: number, S: number, active: Int32Array, out: Float64Array, stride: number, rowOffset: number): void {
  // gather the active states contiguously: the inner loop then streams both operands
  const K = active.length;
  const a = new Float64Array(R * K);
  const b = new Float64Array(C * K);
  for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) a[r * K + k] = rows[r * S + active[k]];
  for (let c = 0; c < C; c++) for (let k = 0; k < K; k++) b[c * K + k] = cols[c * S + active[k]];
  const dot = (r: number, c: number): number => {
    let v = 0;
    for (let k = 0; k < K; k++) v += a[r * K + k] * b[c * K + k];
    return v;
  };
  let r = 0;
  for (; r + 1 < R; r += 2) {
    const a0 = r * K, a1 = a0 + K;
    const o0 = (r + rowOffset) * stride, o1 = o0 + stride;
    let c = 0;
    for (; c + 3 < C; c += 4) {
      const b0 = c * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k], x1 = a[a1 + k];
        const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      out[o0 + c] = s00; out[o0 + c + 1] = s01; out[o0 + c + 2] = s02; out[o0 + c + 3] = s03;
      out[o1 + c] = s10; out[o1 + c + 1] = s11; out[o1 + c + 2] = s12; out[o1 + c + 3] = s13;
    }
    for (; c < C; c++) {
      out[o0 + c] = dot(r, c);
      out[o1 + c] = dot(r + 1, c);
    }
  }
  for (; r < R; r++) for (let c = 0; c < C; c++) out[(r + rowOffset) * stride + c] = dot(r, c);
}

/**
 * The states where some column of dD is not negligible: mass below 1e-300 (subnormal numbers,
 * slow to multiply, that the lottery leaves far out in the wealth grid) moves no aggregate.
 */
function activeStates(dD: Float64Array, columns: number, S: number): Int32Array {
  const keep = new Uint8Array(S);
  for (let c = 0; c < columns; c++) {
    const base = c * S;
    for (let s = 0; s < S; s++) if (Math.abs(dD[base + s]) > 1e-300) keep[s] = 1;
  }
  const out: number[] = [];
  for (let s = 0; s < S; s++) if (keep[s]) out.push(s);
  return Int32Array.from(out);
}

/** The fake-news Jacobians of aggregate assets with respect to each input, over T periods. */
export function householdJacobians(steady: SteadyStateHouseholds, inputs: JacobianInput[], years: number): HouseholdJacobians {
  const { problem, cashOnHand } = steady;
  const { chain, assets } = problem;
  const states = steady.marginalValue.length;
  const T = years;
  const scratch = egmScratch(problem);

  // the steady state's own step: the baseline every difference is taken against
  const base = emptyPolicy(states);
  base.marginalValue.set(steady.marginalValue);
  egmStep(problem, cashOnHand, base, scratch);
  const lottery = lotteryOf(assets, base.assetsNext, chain.ability.length);
  const D = steady.distribution;
  const E = expectationVectors(chain, lottery, base.assetsNext, T - 1);

  const out: HouseholdJacobians = {};
  const policy = emptyPolicy(states);
  const da = new Float64Array(states);
  const moved = new Float64Array(states);
  for (const input of inputs) {
    const dY = new Float64Array(T);
    const dD = new Float64Array(T * states);
    policy.marginalValue.set(steady.marginalValue);
    for (let u = 0; u < T; u++) {
      egmStep(u === 0 ? input.problem ?? problem : problem, u === 0 ? input.cashOnHand : cashOnHand, policy, scratch);
      let y = 0;
      for (let s = 0; s < states; s++) {
        const d = (policy.assetsNext[s] - base.assetsNext[s]) / input.step;
        da[s] = d;
        y += D[s] * d;
      }
      dY[u] = y;
      distributionChange(chain, assets, lottery, D, da, moved, dD.subarray(u * states, (u + 1) * states));
    }
    // F[0][s] = dY_s; F[t][s] = E_(t-1) . dD_s
    const J = new Float64Array(T * T);
    J.set(dY, 0);
    productTransposed(E, T - 1, dD, T, states, activeStates(dD, T, states), J, T, 1);
    // J[t][s] = F[t][s] + J[t-1][s-1]
    for (let t = 1; t < T; t++) for (let s = 1; s < T; s++) J[t * T + s] += J[(t - 1) * T + s - 1];
    out[input.name] = J;
  }
  return out;
}

/** LU factors of a dense n x n matrix with partial pivoting (in place), for repeated solves. */
export class DenseLU {
  private readonly lu: Float64Array;
  private readonly pivot: Int32Array;

  constructor(matrix: Float64Array, readonly n: number) {
    const a = Float64Array.from(matrix);
    const piv = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      let p = k;
      let best = Math.abs(a[k * n + k]);
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(a[i * n + k]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (!(best > 0)) throw new RangeError(`the Jacobian is singular at column ${k}`);
      piv[k] = p;
      if (p !== k) {
        for (let j = 0; j < n; j++) {
          const t = a[k * n + j];
          a[k * n + j] = a[p * n + j];
          a[p * n + j] = t;
        }
      }
      const pivotValue = a[k * n + k];
      for (let i = k + 1; i < n; i++) {
        const f = (a[i * n + k] /= pivotValue);
        if (f === 0) continue;
        for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
      }
    }
    this.lu = a;
    this.pivot = piv;
  }

  /** A^-1, row-major (n solves). */
  inverse(): Float64Array {
    const { n } = this;
    const out = new Float64Array(n * n);
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      const col = this.solve(e);
      for (let i = 0; i < n; i++) out[i * n + j] = col[i];
    }
    return out;
  }

  /** x with A x = b (b is not changed). */
  solve(b: ArrayLike<number>): Float64Array {
    const { n, lu, pivot } = this;
    const x = Float64Array.from(b);
    for (let k = 0; k < n; k++) {
      const p = pivot[k];
      if (p !== k) {
        const t = x[k];
        x[k] = x[p];
        x[p] = t;
      }
    }
    for (let i = 1; i < n; i++) {
      let s = x[i];
      for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
      x[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
      x[i] = s / lu[i * n + i];
    }
    return x;
  }
}
