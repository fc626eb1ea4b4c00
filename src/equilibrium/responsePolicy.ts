/**
 * Decisions at any state (not only grid points), from a solved program: the best response acts
 * greedily on next year's best-response values at its exact state (one-step lookahead, the same
 * maximisation as the grid's), and the households' policy is asked at its exact state. A
 * household's value is the first year done this way from its own initial state: one backward
 * induction serves every household.
 */
import { ActionValue } from './actionValue.js';
import { bestAction, referencePolicy, type BestAction, type BestResponse, type GridValues } from './backwardInduction.js';
import { bracketNode, transitionFrom } from './abilityGrid.js';
import { wealthBracket, type HouseholdGrid } from './grid.js';
import type { PolicyQuery } from './policyAdapter.js';

/** Shares chosen in year index t at (ability, assets), clipped. */
export type Decide = (t: number, ability: number, assetsUsd: number, out: { saving: number; work: number }) => void;

/** The best response at any state, with its value. */
export function bestResponseAt(br: BestResponse): (t: number, ability: number, assetsUsd: number, out: BestAction) => BestAction {
  const grid = br.grid;
  const av = new ActionValue(grid);
  const row = new Float64Array(grid.nodes);
  const { actionClipLow: lo, actionClipHigh: hi } = grid.field;
  const guess = { saving: 0, work: 0 };
  const where = { point: 0, weight: 0 };
  const policy = br.policy;
  const one = { ability: new Float64Array(1), assets: new Float64Array(1) };
  const policySaving = new Float64Array(policy?.samples ?? 1), policyWork = new Float64Array(policy?.samples ?? 1);
  const reference = new Float64Array(grid.nodes);
  return (t, ability, assetsUsd, out) => {
    av.setYear(t, br.value[t + 1]);
    transitionFrom(grid.ability, Math.log(ability), row);
    av.setState(row, 0, grid.nodes, assetsUsd);
    // the cap is relative to the policy's consumption at this very state
    if (policy && grid.field.years[t].consumptionCapUsd !== Infinity) {
      one.ability[0] = ability;
      one.assets[0] = assetsUsd;
      policy.act(t, one.ability, one.assets, policySaving, policyWork);
      referencePolicy(av, policy, policySaving, policyWork, 1, 0, reference);
    } else {
      av.setReference(reference.fill(0));
    }
    // the search starts from the grid's solution at the nearest state
    const { node, weight } = bracketNode(grid.ability, Math.log(ability));
    wealthBracket(grid, t, assetsUsd, where);
    const q = (weight < 0.5 ? node : node + 1) * grid.points + (where.weight < 0.5 ? where.point : where.point + 1);
    guess.saving = br.saving[t][q];
    guess.work = br.work[t][q];
    return bestAction(av, lo, hi, guess, out);
  };
}

export function bestResponseDecide(br: BestResponse): Decide {
  const at = bestResponseAt(br);
  const action: BestAction = { saving: 0, work: 0, value: 0 };
  return (t, ability, assets, out) => {
    at(t, ability, assets, action);
    out.saving = action.saving;
    out.work = action.work;
  };
}

/**
 * Value of following the policy from these states in year index t (its draws averaged), with
 * the policy's grid values for the years after.
 */
export function policyValuesAt(values: GridValues, policy: PolicyQuery, t: number, ability: Float64Array, assetsUsd: Float64Array): Float64Array {
  const grid: HouseholdGrid = values.grid;
  const n = ability.length;
  const saving = new Float64Array(policy.samples * n);
  const work = new Float64Array(policy.samples * n);
  policy.act(t, ability, assetsUsd, saving, work);
  const av = new ActionValue(grid);
  av.setYear(t, values.value[t + 1]);
  const row = new Float64Array(grid.nodes);
  const out = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    transitionFrom(grid.ability, Math.log(ability[q]), row);
    av.setState(row, 0, grid.nodes, assetsUsd[q]);
    let sum = 0, lastWork = NaN;
    for (let s = 0; s < policy.samples; s++) {
      const h = work[s * n + q];
      if (h !== lastWork) av.setWork((lastWork = h));
      sum += av.value(saving[s * n + q]);
    }
    out[q] = sum / policy.samples;
  }
  return out;
}
