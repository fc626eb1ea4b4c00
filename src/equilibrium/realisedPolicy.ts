/**
 * A policy that acts on its own history (a recurrent network) has no action at a bare (ability,
 * wealth) state, yet the best response's consumption caps are measured against the policy's
 * consumption at a state. This stands in for it: the played episode's own actions, recorded, read
 * as a Markov policy. At a state of year t it answers with the shares the policy chose that year
 * for the household whose (log ability, log wealth) was nearest.
 */
import type { HouseholdPolicy } from '../policies/households.js';
import type { PolicyQuery } from './policyAdapter.js';
import { clipShare, type FrozenMeanField } from './meanField.js';
import { GRID_DEFAULTS } from './grid.js';

/** Each year's states and actions of every household, as the policy played them. */
export interface RealisedActions {
  /** [t]: log ability at the decision, log(assets + shift) and the shares as the policy wrote them (clipped when read), one entry per household. */
  logAbility: Float64Array[];
  logWealth: Float64Array[];
  saving: Float64Array[];
  work: Float64Array[];
}

/** Wealth enters as log(assets + shift), as the grid's wealth axis does. */
const WEALTH_SHIFT_USD = GRID_DEFAULTS.wealthShiftUsd;

/** `base`, recording every household's state and shares each year into `into`. */
export function recordingActions(base: HouseholdPolicy, into: RealisedActions): HouseholdPolicy {
  return {
    name: base.name,
    historyDependent: base.historyDependent,
    reset: base.reset ? (e) => base.reset!(e) : undefined,
    observeGovernment: base.observeGovernment ? (a) => base.observeGovernment!(a) : undefined,
    act(economy, out) {
      base.act(economy, out);
      into.logAbility.push(Float64Array.from(economy.ability, Math.log));
      into.logWealth.push(Float64Array.from(economy.assetsNext, (a) => Math.log(Math.max(a, 0) + WEALTH_SHIFT_USD)));
      into.saving.push(Float64Array.from(out.savingShare));
      into.work.push(Float64Array.from(out.workShare));
    },
  };
}

export function emptyRealisedActions(): RealisedActions {
  return { logAbility: [], logWealth: [], saving: [], work: [] };
}

/** The recorded actions as a (deterministic) policy query: nearest recorded state of the same year. */
export function realisedPolicy(recorded: RealisedActions, field: FrozenMeanField, name: string): PolicyQuery {
  if (recorded.saving.length < field.years.length) {
    throw new RangeError(`realisedPolicy: ${recorded.saving.length} recorded years for an episode of ${field.years.length}`);
  }
  return {
    samples: 1,
    name: `${name} (its played actions at the nearest played state)`,
    act(t, ability, assetsUsd, saving, work) {
      const la = recorded.logAbility[t], lw = recorded.logWealth[t];
      for (let q = 0; q < ability.length; q++) {
        const a = Math.log(ability[q]), w = Math.log(Math.max(assetsUsd[q], 0) + WEALTH_SHIFT_USD);
        let best = 0, bestDistance = Infinity;
        for (let i = 0; i < la.length; i++) {
          const d = (la[i] - a) ** 2 + (lw[i] - w) ** 2;
          if (d < bestDistance) (bestDistance = d), (best = i);
        }
        saving[q] = clipShare(recorded.saving[t][best], field);
        work[q] = clipShare(recorded.work[t][best], field);
      }
    },
  };
}
