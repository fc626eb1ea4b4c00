/**
 * Backward induction over the episode's years, once for all households (they differ only by
 * their initial state): the best response (max over the shares) and the value of a given policy
 * (its shares, averaged over its draws), on the same grid with the same shocks, so that their
 * difference is exact up to the discretisation. V_T = 0 after the episode's last year, whether it
 * reached T or collapsed: the frozen mean field ends where the played episode ended.
 */
import { ActionValue } from './actionValue.js';
import { brentMaximise, concaveArgmax } from './maximise.js';
import { wealthAt, type HouseholdGrid } from './grid.js';
import type { PolicyQuery } from './policyAdapter.js';

/** Tolerances of the shares' optimisation (a share error e costs of order e^2 in value). */
const WORK_TOLERANCE = 2e-4;
const SAVING_TOLERANCE = 1e-5;
/** Half-width of the first search around the work share of the neighbouring state. */
const WORK_WINDOW = 0.05;

export interface GridValues {
  grid: HouseholdGrid;
  /** value[t][i * J + j]: value at year index t's decision, node i, wealth point j (value[T] = 0). */
  value: Float64Array[];
}

export interface BestResponse extends GridValues {
  /** The best shares at each state (same layout, years 0 .. T - 1). */
  saving: Float64Array[];
  work: Float64Array[];
  /** The households' policy the consumption caps were relative to (none: absolute caps). */
  policy?: PolicyQuery;
}

export interface BestAction {
  saving: number;
  work: number;
  value: number;
}

/**
 * The best shares at the state last set on `av`. Warm start: the work share is first sought
 * within +-WORK_WINDOW of `guess.work` (the neighbouring state's), and over the whole range when
 * the optimum lands on that window's inner edge; the saving share starts from `guess.saving`.
 */
export function bestAction(av: ActionValue, lo: number, hi: number, guess: { saving: number; work: number }, out: BestAction): BestAction {
  let saving = guess.saving;
  const slope = (p: number) => av.slope(p);
  // saving below minSaving() would end the episode (consumption over the year's cap): never best
  const valueOfWork = (h: number): number => {
    av.setWork(h);
    saving = concaveArgmax(slope, Math.min(hi, Math.max(lo, av.minSaving())), hi, saving, SAVING_TOLERANCE);
    return av.value(saving);
  };
  const best = { value: 0 };
  // under a cap, more work means more income and, even saving the most, more consumption: the
  // work shares that can stay under it are those up to a bound (found by bisection)
  const top = av.isCapped ? mostWorkUnderCap(av, lo, hi) : hi;
  const windowLo = Math.min(top, Math.max(lo, guess.work - WORK_WINDOW));
  const windowHi = Math.min(top, guess.work + WORK_WINDOW);
  let work = brentMaximise(valueOfWork, windowLo, windowHi, WORK_TOLERANCE, best);
  if ((windowLo > lo && work - windowLo < 2 * WORK_TOLERANCE) || (windowHi < top && windowHi - work < 2 * WORK_TOLERANCE) || windowHi <= windowLo) {
    work = brentMaximise(valueOfWork, lo, top, WORK_TOLERANCE, best);
  }
  av.setWork(work);
  out.saving = concaveArgmax(slope, Math.min(hi, Math.max(lo, av.minSaving())), hi, saving, SAVING_TOLERANCE);
  out.work = work;
  out.value = av.value(out.saving);
  return out;
}

/**
 * Caps the state last set on `av` by the policy's consumption there: `saving` and `work` hold the
 * policy's draws (samples x states, state q). `scratch` has M entries.
 */
export function referencePolicy(av: ActionValue, policy: PolicyQuery, saving: Float64Array, work: Float64Array, states: number, q: number, scratch: Float64Array): void {
  scratch.fill(0);
  let lastWork = NaN;
  for (let s = 0; s < policy.samples; s++) {
    const h = work[s * states + q];
    if (h !== lastWork) av.setWork((lastWork = h));
    av.addConsumption(saving[s * states + q], 1 / policy.samples, scratch);
  }
  av.setReference(scratch);
}

/**
 * The best response. With the households' policy, each state's consumption cap is relative to
 * what the policy consumes there (meanField.ts, consumptionCaps); without it, the cap is absolute
 * (as if the policy consumed nothing).
 */
/** The largest work share at which saving the most keeps consumption under the state's cap (lo if none does). */
function mostWorkUnderCap(av: ActionValue, lo: number, hi: number): number {
  av.setWork(hi);
  if (av.minSaving() <= hi) return hi;
  let a = lo, b = hi;
  av.setWork(lo);
  if (av.minSaving() > hi) return lo;
  for (let k = 0; k < 40 && b - a > WORK_TOLERANCE / 4; k++) {
    const m = 0.5 * (a + b);
    av.setWork(m);
    if (av.minSaving() <= hi) a = m;
    else b = m;
  }
  return a;
}

export function solveBestResponse(grid: HouseholdGrid, policy?: PolicyQuery, onYear?: (doneYears: number) => void): BestResponse {
  const { years, nodes, points } = grid;
  const states = nodes * points;
  const { actionClipLow: lo, actionClipHigh: hi } = grid.field;
  const value = Array.from({ length: years + 1 }, () => new Float64Array(states));
  const saving: Float64Array[] = new Array(years);
  const work: Float64Array[] = new Array(years);
  const av = new ActionValue(grid);
  const action: BestAction = { saving: 0, work: 0, value: 0 };
  const { transition, rowStart, rowEnd } = grid.ability;
  const samples = policy?.samples ?? 1;
  const ability = new Float64Array(states), assets = new Float64Array(states);
  const policySaving = new Float64Array(samples * states), policyWork = new Float64Array(samples * states);
  const reference = new Float64Array(nodes);
  for (let t = years - 1; t >= 0; t--) {
    av.setYear(t, value[t + 1]);
    saving[t] = new Float64Array(states);
    work[t] = new Float64Array(states);
    const capped = policy !== undefined && grid.field.years[t].consumptionCapUsd !== Infinity;
    if (capped) {
      statesOf(grid, t, ability, assets);
      policy.act(t, ability, assets, policySaving, policyWork);
    }
    for (let i = 0; i < nodes; i++) {
      const row = transition.subarray(i * nodes, (i + 1) * nodes);
      const guess = { saving: hi, work: 0.5 };
      for (let j = 0; j < points; j++) {
        av.setState(row, rowStart[i], rowEnd[i], wealthAt(grid, t, j));
        if (capped) referencePolicy(av, policy, policySaving, policyWork, states, i * points + j, reference);
        else av.setReference(reference.fill(0));
        bestAction(av, lo, hi, guess, action);
        guess.saving = action.saving;
        guess.work = action.work;
        saving[t][i * points + j] = action.saving;
        work[t][i * points + j] = action.work;
        value[t][i * points + j] = action.value;
      }
    }
    onYear?.(years - t);
  }
  return { grid, value, saving, work, policy };
}

/** The value of following `policy` forever after, on the grid (its draws averaged state by state). */
export function evaluatePolicy(grid: HouseholdGrid, policy: PolicyQuery, onYear?: (doneYears: number) => void): GridValues {
  const { years, nodes, points } = grid;
  const states = nodes * points;
  const value = Array.from({ length: years + 1 }, () => new Float64Array(states));
  const av = new ActionValue(grid);
  const { transition, rowStart, rowEnd } = grid.ability;
  const ability = new Float64Array(states);
  const assets = new Float64Array(states);
  const saving = new Float64Array(policy.samples * states);
  const work = new Float64Array(policy.samples * states);
  for (let t = years - 1; t >= 0; t--) {
    statesOf(grid, t, ability, assets);
    policy.act(t, ability, assets, saving, work);
    av.setYear(t, value[t + 1]);
    for (let i = 0; i < nodes; i++) {
      const row = transition.subarray(i * nodes, (i + 1) * nodes);
      for (let j = 0; j < points; j++) {
        const q = i * points + j;
        av.setState(row, rowStart[i], rowEnd[i], assets[q]);
        let sum = 0, lastWork = NaN;
        for (let s = 0; s < policy.samples; s++) {
          // the incomes depend on the work share only (draws often share one: policyAdapter.ts)
          const h = work[s * states + q];
          if (h !== lastWork) av.setWork((lastWork = h));
          sum += av.value(saving[s * states + q]);
        }
        value[t][q] = sum / policy.samples;
      }
    }
    onYear?.(years - t);
  }
  return { grid, value };
}

/** Ability and assets of every grid state of year index t (state i * J + j). */
function statesOf(grid: HouseholdGrid, t: number, ability: Float64Array, assets: Float64Array): void {
  for (let i = 0; i < grid.nodes; i++) {
    for (let j = 0; j < grid.points; j++) {
      ability[i * grid.points + j] = grid.ability.ability[i];
      assets[i * grid.points + j] = wealthAt(grid, t, j);
    }
  }
}
