/**
 * Any household policy of src/policies, asked what it would do at states of our choosing: for a
 * year of the frozen episode, every state (ability at the decision, assets) is put into a stand-in
 * of the economy holding just what household policies read (n, ability, assetsNext, the private
 * and global observations, the year), after the policy has seen that year's government action
 * (observeGovernment, as learned followers need). Learned followers, behaviour-cloned households
 * and the rules all act through this one door. A policy that draws its actions (behaviour-cloned,
 * random rules) is asked `samples` times; the dynamic program averages over the draws.
 */
import type { Economy } from '../economy/economy.js';
import type { HouseholdPolicy } from '../policies/households.js';
import type { FrozenMeanField } from './meanField.js';
import { clipShare } from './householdYear.js';

export class PolicyQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyQueryError';
  }
}

export interface PolicyQuery {
  /** Draws per state (1 for a deterministic policy). */
  readonly samples: number;
  readonly name: string;
  /**
   * Clipped shares at the given states in year index t: out arrays of samples x states,
   * draw s of state q at s * states + q.
   */
  act(t: number, ability: Float64Array, assetsUsd: Float64Array, saving: Float64Array, work: Float64Array): void;
}

/** The fields of Economy a household policy reads; the adapter fills them. */
interface EconomyStandIn {
  n: number;
  year: number;
  ability: Float64Array;
  assetsNext: Float64Array;
  observation: { global: Float64Array; private: Float64Array };
}

/**
 * The adapter. `samples`: draws per state for a policy that draws its actions (default 32);
 * whether it does is found by asking it twice at the same states.
 */
export function queryPolicy(policy: HouseholdPolicy, field: FrozenMeanField, samples = 32): PolicyQuery {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be an integer >= 1, got ${samples}`);
  const ask = (t: number, ability: Float64Array, assets: Float64Array, saving: Float64Array, work: Float64Array): void => {
    const n = ability.length;
    const observation = { global: field.years[t].globalObservation, private: new Float64Array(2 * n) };
    for (let q = 0; q < n; q++) {
      observation.private[2 * q] = ability[q];
      observation.private[2 * q + 1] = assets[q];
    }
    const standIn: EconomyStandIn = { n, year: t, ability, assetsNext: assets, observation };
    policy.observeGovernment?.(field.years[t].governmentAction);
    policy.act(standIn as unknown as Economy, { savingShare: saving, workShare: work });
    for (let q = 0; q < n; q++) {
      if (Number.isNaN(saving[q]) || Number.isNaN(work[q])) {
        throw new PolicyQueryError(`household policy '${policy.name}' gave NaN at ability ${ability[q]}, assets ${assets[q]} USD in year ${t + 1}: it may read a field of the economy the adapter does not provide (n, year, ability, assetsNext, observation)`);
      }
      saving[q] = clipShare(saving[q], field);
      work[q] = clipShare(work[q], field);
    }
  };
  // deterministic? ask twice at a few states of the first year
  const probeAbility = Float64Array.from([0.5, 1, 3, 8]);
  const probeAssets = Float64Array.from([1e3, 1e5, 1e7, 1e9]);
  const s1 = new Float64Array(4), w1 = new Float64Array(4), s2 = new Float64Array(4), w2 = new Float64Array(4);
  ask(0, probeAbility, probeAssets, s1, w1);
  ask(0, probeAbility, probeAssets, s2, w2);
  const drawn = s1.some((v, q) => v !== s2[q] || w1[q] !== w2[q]);
  const draws = drawn ? samples : 1;
  return {
    samples: draws,
    name: policy.name,
    act(t, ability, assets, saving, work) {
      const n = ability.length;
      if (saving.length < draws * n || work.length < draws * n) throw new RangeError(`policy query: out arrays need ${draws} x ${n} entries`);
      for (let s = 0; s < draws; s++) ask(t, ability, assets, saving.subarray(s * n, (s + 1) * n), work.subarray(s * n, (s + 1) * n));
    },
  };
}
