/**
 * Any household policy of src/policies, asked what it would do at states of our choosing: for a
 * year of the frozen episode, every state (ability at the decision, assets) is put into a stand-in
 * of the economy holding just what household policies read (n, ability, assetsNext, the private
 * and global observations, the year), after the policy has seen that year's government action
 * (observeGovernment, as learned followers need). Learned followers, behaviour-cloned households
 * and the rules all act through this one door. A policy that draws its shares from normal
 * distributions and says so (gaussianShares: behaviour-cloned) is integrated over them: 6 x 6
 * equally likely pairs of quantiles (the midpoints of six equal-probability slices of each
 * normal, scaled to unit variance). Any other policy that draws (random rules) is asked `samples`
 * times. The dynamic program averages over the draws.
 */
import type { Economy } from '../economy/economy.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { clipShare, type FrozenMeanField } from './meanField.js';

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

/** Standard normal quantiles at (k + 0.5) / 6, scaled to unit variance (their own is 0.804). */
export const NORMAL_NODES = [-1.5424186894066345, -0.7522415143560072, -0.23468551435591756, 0.23468551435591756, 0.7522415143560072, 1.5424186894066345];

/**
 * The adapter. `samples`: draws per state for a policy that draws its actions other than by
 * gaussianShares (default 32); whether it draws is found by asking it twice at the same states.
 */
export function queryPolicy(policy: HouseholdPolicy, field: FrozenMeanField, samples = 32): PolicyQuery {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be an integer >= 1, got ${samples}`);
  if (policy.historyDependent) {
    throw new PolicyQueryError(`${policy.name} acts on its own history (a recurrent policy): it has no value at a bare (ability, wealth) state, so its exploitability cannot be measured on the grid`);
  }
  const standInAt = (t: number, ability: Float64Array, assets: Float64Array): EconomyStandIn => {
    const n = ability.length;
    const observation = { global: field.years[t].globalObservation, private: new Float64Array(2 * n) };
    for (let q = 0; q < n; q++) {
      observation.private[2 * q] = ability[q];
      observation.private[2 * q + 1] = assets[q];
    }
    policy.observeGovernment?.(field.years[t].governmentAction);
    return { n, year: t, ability, assetsNext: assets, observation };
  };
  const check = (t: number, ability: Float64Array, assets: Float64Array, saving: Float64Array, work: Float64Array): void => {
    for (let q = 0; q < ability.length; q++) {
      if (Number.isNaN(saving[q]) || Number.isNaN(work[q])) {
        throw new PolicyQueryError(`household policy '${policy.name}' gave NaN at ability ${ability[q]}, assets ${assets[q]} USD in year ${t + 1}: it may read a field of the economy the adapter does not provide (n, year, ability, assetsNext, observation)`);
      }
    }
  };
  const ask = (t: number, ability: Float64Array, assets: Float64Array, saving: Float64Array, work: Float64Array): void => {
    policy.act(standInAt(t, ability, assets) as unknown as Economy, { savingShare: saving, workShare: work });
    check(t, ability, assets, saving, work);
    for (let q = 0; q < ability.length; q++) {
      saving[q] = clipShare(saving[q], field);
      work[q] = clipShare(work[q], field);
    }
  };
  if (policy.gaussianShares) return gaussianQuery(policy, field, standInAt, check);
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

/** A policy with gaussianShares: 36 equally likely pairs of quantiles per state (1 draw when every sd is 0). */
function gaussianQuery(
  policy: HouseholdPolicy,
  field: FrozenMeanField,
  standInAt: (t: number, ability: Float64Array, assets: Float64Array) => EconomyStandIn,
  check: (t: number, ability: Float64Array, assets: Float64Array, saving: Float64Array, work: Float64Array) => void,
): PolicyQuery {
  const moments = (t: number, ability: Float64Array, assets: Float64Array) => {
    const n = ability.length;
    const mean = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
    const sd = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
    policy.gaussianShares!(standInAt(t, ability, assets) as unknown as Economy, mean, sd);
    check(t, ability, assets, mean.savingShare, mean.workShare);
    return { mean, sd };
  };
  const probe = moments(0, Float64Array.from([0.5, 1, 3, 8]), Float64Array.from([1e3, 1e5, 1e7, 1e9]));
  const drawn = probe.sd.savingShare.some((v) => v > 0) || probe.sd.workShare.some((v) => v > 0);
  const nodes = drawn ? NORMAL_NODES : [0];
  const draws = nodes.length * nodes.length;
  return {
    samples: draws,
    name: policy.name,
    act(t, ability, assets, saving, work) {
      const n = ability.length;
      if (saving.length < draws * n || work.length < draws * n) throw new RangeError(`policy query: out arrays need ${draws} x ${n} entries`);
      const { mean, sd } = moments(t, ability, assets);
      // work outermost: consecutive draws share a work share, so the program sets it once per six
      for (let b = 0; b < nodes.length; b++) {
        for (let a = 0; a < nodes.length; a++) {
          const offset = (b * nodes.length + a) * n;
          for (let q = 0; q < n; q++) {
            saving[offset + q] = clipShare(mean.savingShare[q] + sd.savingShare[q] * nodes[a], field);
            work[offset + q] = clipShare(mean.workShare[q] + sd.workShare[q] * nodes[b], field);
          }
        }
      }
    },
  };
}
