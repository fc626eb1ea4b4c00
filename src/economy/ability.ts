/**
 * The two-state ability process of the households (Aiyagari with super-stars).
 * Normal state: log e' = rho log e + sigma eps. A normal household becomes a super-star with
 * probability p, a super-star stays one with probability q; super-star ability is a multiple of
 * the mean normal ability of the previous year.
 */
import type { EconomyConfig } from './config.js';
import type { Rng } from './rng.js';

/** Ability of every household, split by state: exactly one of normal[i], superstar[i] is non-zero. */
export interface AbilityState {
  normal: Float64Array;
  superstar: Float64Array;
}

export function newAbilityState(n: number): AbilityState {
  return { normal: new Float64Array(n), superstar: new Float64Array(n) };
}

export function copyAbilityState(from: AbilityState, to: AbilityState): void {
  to.normal.set(from.normal);
  to.superstar.set(from.superstar);
}

/** Total ability e_i = normal_i + superstar_i, written into `out`. */
export function abilityOf(state: AbilityState, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = state.normal[i] + state.superstar[i];
  return out;
}

/**
 * Initial abilities: each household is a super-star with probability p (the authors then give it
 * ability 1, a quirk kept as is), otherwise its normal ability is its education level.
 */
export function initialAbility(education: Float64Array, config: EconomyConfig, rng: Rng): AbilityState {
  const n = education.length;
  const state = newAbilityState(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u > config.superstarEntryProb) state.normal[i] = education[i];
    if (u < config.superstarEntryProb) state.superstar[i] = 1;
  }
  return state;
}

/**
 * One year of the ability process, in place. `previous` is scratch of the same size.
 * With superstarReturn = 'authors', a super-star falling back draws uniformly between the
 * minimum and maximum of the normal-ability column as it stands mid-update (its own entry is
 * still 0, so the minimum is 0); with 'normalRange' it draws between the minimum and maximum of
 * last year's normal abilities.
 */
export function transitionAbility(state: AbilityState, previous: AbilityState, config: EconomyConfig, rng: Rng): void {
  copyAbilityState(state, previous);
  const n = state.normal.length;
  const { normal, superstar } = state;
  const pastNormal = previous.normal;
  let sum = 0;
  let count = 0;
  let pastMin = Infinity;
  let pastMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const e = pastNormal[i];
    sum += e;
    if (e !== 0) {
      count++;
      if (e < pastMin) pastMin = e;
      if (e > pastMax) pastMax = e;
    }
  }
  const superstarAbility = config.superstarMultiplier * (sum / count);
  const { abilityPersistence: rho, abilityShockSd: sigma, superstarEntryProb: p, superstarStayProb: q } = config;
  for (let i = 0; i < n; i++) {
    if (!(superstar[i] > 0)) {
      if (rng.uniform() < p) {
        normal[i] = 0;
        superstar[i] = superstarAbility;
      } else {
        superstar[i] = 0;
        normal[i] = Math.exp(rho * Math.log(pastNormal[i]) + sigma * rng.normal());
      }
    } else if (rng.uniform() < q) {
      normal[i] = 0;
      superstar[i] = superstarAbility;
    } else {
      superstar[i] = 0;
      if (config.superstarReturn === 'authors') {
        let lo = Infinity;
        let hi = -Infinity;
        for (let j = 0; j < n; j++) {
          if (normal[j] < lo) lo = normal[j];
          if (normal[j] > hi) hi = normal[j];
        }
        normal[i] = rng.uniformIn(lo, hi);
      } else {
        normal[i] = count > 0 ? rng.uniformIn(pastMin, pastMax) : 1;
      }
    }
  }
}
