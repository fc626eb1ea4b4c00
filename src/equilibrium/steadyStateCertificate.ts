/**
 * The steady-state households' best-response gain on their own mean field: the steady state's
 * budget terms frozen for T years (no consumption caps: the steady state has no episode to end),
 * the exact dynamic program of the simulator's timing (backwardInduction.ts: shares chosen on last
 * year's ability, this year's drawn after) against the saved policy (equilibriumHouseholds.ts)
 * valued on the same grid, for households drawn from the stationary distribution. The gain is the
 * consumption equivalent of gains.ts. It measures both the solver's accuracy and the difference of
 * timing between the solver (ability known when choosing) and the simulator.
 */
import { preferencesOf } from '../economy/householdBudget.js';
import { Rng } from '../economy/rng.js';
import { GLOBAL_OBSERVATION } from '../economy/spaces.js';
import { equilibriumHouseholds } from '../policies/equilibriumHouseholds.js';
import { evaluatePolicy, solveBestResponse, type BestAction } from './backwardInduction.js';
import { relativeGainOf } from './gains.js';
import { buildGrid } from './grid.js';
import type { FrozenMeanField } from './meanField.js';
import { queryPolicy } from './policyAdapter.js';
import { steadyStatePolicyFile, type SteadyStateRun } from './presetEquilibrium.js';
import { bestResponseAt, policyValuesAt } from './responsePolicy.js';

export interface SteadyStateGain {
  meanRelativeGain: number;
  maxRelativeGain: number;
  households: number;
  years: number;
  seconds: number;
}

export function steadyStateBestResponseGain(run: SteadyStateRun, options: { years?: number; households?: number; seed?: number } = {}): SteadyStateGain {
  const started = performance.now();
  const years = options.years ?? 300;
  const count = options.households ?? 100;
  const s = run.solution;
  const config = run.config;
  // households from the stationary distribution: a state by its mass, its node's ability and grid wealth
  const rng = new Rng(options.seed ?? 1);
  const initialAbility = new Float64Array(count), initialAssetsUsd = new Float64Array(count);
  const n = s.assetGrid.length;
  for (let h = 0; h < count; h++) {
    let u = rng.uniform(), k = 0;
    while (k < s.distribution.length - 1 && u > s.distribution[k]) u -= s.distribution[k++];
    initialAbility[h] = s.chain.ability[Math.floor(k / n)];
    initialAssetsUsd[h] = s.assetGrid[k % n];
  }
  const action = Float64Array.from(run.government.action);
  const field: FrozenMeanField = {
    n: count,
    seed: options.seed ?? 1,
    years: Array.from({ length: years }, (_, t) => ({
      year: t + 1,
      budget: { ...s.terms },
      governmentSpendingUsd: s.spending * count,
      consumptionCapUsd: Infinity,
      governmentAction: action,
      globalObservation: new Float64Array(GLOBAL_OBSERVATION.size),
    })),
    endReason: `the steady state frozen for ${years} years`,
    maxHoursPerYear: config.maxHoursPerYear,
    discountFactor: config.discountFactor,
    actionClipLow: config.actionClipLow,
    actionClipHigh: config.actionClipHigh,
    preferences: preferencesOf(config),
    ability: { persistence: config.abilityPersistence, shockSd: config.abilityShockSd, logMean: config.abilityLogMean, superstarEntryProb: 0 },
    initialAbility,
    initialAssetsUsd,
    abilityPath: [],
    superstarYears: 0,
    trajectory: [],
  };
  const grid = buildGrid(field, { abilityNodes: s.chain.ability.length, wealthPoints: n, gamma: config.discountFactor });
  const policy = queryPolicy(equilibriumHouseholds(steadyStatePolicyFile(run)), field, 1);
  const best = bestResponseAt(solveBestResponse(grid, policy));
  const own = policyValuesAt(evaluatePolicy(grid, policy), policy, 0, initialAbility, initialAssetsUsd);
  const out: BestAction = { saving: 0, work: 0, value: 0 };
  let sum = 0, max = -Infinity;
  for (let h = 0; h < count; h++) {
    best(0, initialAbility[h], initialAssetsUsd[h], out);
    const gain = relativeGainOf(out.value, own[h], field, grid.gamma);
    sum += gain;
    max = Math.max(max, gain);
  }
  return { meanRelativeGain: sum / count, maxRelativeGain: max, households: count, years, seconds: (performance.now() - started) / 1000 };
}
