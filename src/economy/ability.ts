/**
 * The two-state ability process of the households (Aiyagari with super-stars).
 * Normal state: log e' = rho log e + sigma eps. A normal household becomes a super-star with
 * probability p, a super-star stays one with probability q; super-star ability is a multiple of
 * the mean normal ability of the previous year.
 */
import type { EconomyConfig } from './config.js';
import type { Rng } from './rng.js';

/**
 * Ability of every household, split by state: exactly one of normal[i], superstar[i] is
 * non-zero. logNormal[i] = ln normal[i] for normal households (kept so that the AR(1) step
 * needs one exp and no log).
 */
export interface AbilityState {
  normal: Float64Array;
  logNormal: Float64Array;
  superstar: Float64Array;
}

export function newAbilityState(n: number): AbilityState {
  return { normal: new Float64Array(n), logNormal: new Float64Array(n), superstar: new Float64Array(n) };
}

export function copyAbilityState(from: AbilityState, to: AbilityState): void {
  to.normal.set(from.normal);
  to.logNormal.set(from.logNormal);
  to.superstar.set(from.superstar);
}

/** Total ability e_i = normal_i + superstar_i, written into `out`. */
export function abilityOf(state: AbilityState, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = state.normal[i] + state.superstar[i];
  return out;
}

/** Sets every household to a normal state with the given abilities (e.g. injected by a replay). */
export function setNormalAbilities(state: AbilityState, abilities: ArrayLike<number>): void {
  for (let i = 0; i < abilities.length; i++) {
    state.normal[i] = abilities[i];
    state.logNormal[i] = Math.log(abilities[i]);
    state.superstar[i] = 0;
  }
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
    if (u > config.superstarEntryProb) {
      state.normal[i] = education[i];
      state.logNormal[i] = Math.log(education[i]);
    }
    if (u < config.superstarEntryProb) state.superstar[i] = 1;
  }
  return state;
}

/**
 * One year of the ability process, in place; writes total abilities into `abilityOut` and
 * returns how many households are super-stars now.
 * Entries into the super-star state are Bernoulli(p) per normal household; they are drawn as
 * geometric gaps between entries (one draw per entry instead of one per household).
 * With superstarReturn = 'authors', a super-star falling back draws uniformly between the
 * minimum and maximum of the normal-ability column as it stands mid-update (its own entry is
 * still 0, so the minimum is 0); with 'normalRange' it draws between the minimum and maximum of
 * last year's normal abilities.
 */
export function transitionAbility(state: AbilityState, config: EconomyConfig, rng: Rng, abilityOut: Float64Array): number {
  const n = state.normal.length;
  const { normal, logNormal, superstar } = state;
  let sum = 0;
  let count = 0;
  let pastMin = Infinity;
  let pastMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const e = normal[i];
    sum += e;
    if (e !== 0) {
      count++;
      if (e < pastMin) pastMin = e;
      if (e > pastMax) pastMax = e;
    }
  }
  const superstarAbility = config.superstarMultiplier * (sum / count);
  const { abilityPersistence: rho, abilityShockSd: sigma, superstarEntryProb: p, superstarStayProb: q } = config;
  let normalsBeforeEntry = rng.geometric(p);
  let superstars = 0;
  for (let i = 0; i < n; i++) {
    if (!(superstar[i] > 0)) {
      if (normalsBeforeEntry-- <= 0) {
        normalsBeforeEntry = rng.geometric(p);
        normal[i] = 0;
        logNormal[i] = 0;
        superstar[i] = superstarAbility;
        abilityOut[i] = superstarAbility;
      } else {
        const logAbility = rho * logNormal[i] + sigma * rng.normal();
        const e = Math.exp(logAbility);
        logNormal[i] = logAbility;
        normal[i] = e;
        abilityOut[i] = e;
      }
    } else if (rng.uniform() < q) {
      superstar[i] = superstarAbility;
      abilityOut[i] = superstarAbility;
    } else {
      superstar[i] = 0;
      let e: number;
      if (config.superstarReturn === 'authors') {
        let lo = Infinity;
        let hi = -Infinity;
        for (let j = 0; j < n; j++) {
          if (normal[j] < lo) lo = normal[j];
          if (normal[j] > hi) hi = normal[j];
        }
        e = rng.uniformIn(lo, hi);
      } else {
        e = count > 0 ? rng.uniformIn(pastMin, pastMax) : 1;
      }
      normal[i] = e;
      logNormal[i] = Math.log(e);
      abilityOut[i] = e;
    }
    // a select, not a branch: V8 deoptimises code at branches it has rarely seen taken
    superstars += superstar[i] > 0 ? 1 : 0;
  }
  return superstars;
}
