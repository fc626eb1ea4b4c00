/**
 * The two-state ability process of the households (Aiyagari with super-stars).
 * Normal state: log e' = rho log e + sigma eps. A normal household becomes a super-star with
 * probability p, a super-star stays one with probability q; super-star ability is a multiple of
 * the mean normal ability of the previous year.
 */
import type { EconomyConfig } from './config.js';
import type { Rng } from './rng.js';
import { exp } from './powers.js';

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

/** Last year's normal abilities, summarised over the whole population (non-zero entries only). */
export interface NormalAbilityStatistics {
  sum: number;
  count: number;
  min: number;
  max: number;
  /** Households in the super-star state. */
  superstars: number;
}

/** Statistics of the normal abilities of households [start, end). */
export function normalAbilityStatistics(state: AbilityState, start: number, end: number): NormalAbilityStatistics {
  const { normal, superstar } = state;
  let sum = 0, count = 0, min = Infinity, max = -Infinity, superstars = 0;
  for (let i = start; i < end; i++) {
    const e = normal[i];
    sum += e;
    // selects, not branches: V8 deoptimises hot code at branches it has rarely seen taken
    count += e !== 0 ? 1 : 0;
    min = e !== 0 && e < min ? e : min;
    max = e !== 0 && e > max ? e : max;
    superstars += superstar[i] > 0 ? 1 : 0;
  }
  return { sum, count, min, max, superstars };
}

/**
 * One year of the ability process for households [start, end), in place, with `past` the
 * statistics of last year's whole population; writes total abilities into `abilityOut`.
 * Entries into the super-star state are Bernoulli(p) per normal household; they are drawn as
 * geometric gaps between entries (one draw per entry instead of one per household).
 * A super-star falling back draws its normal ability uniformly between the minimum and maximum
 * of last year's normal abilities (superstarReturn 'normalRange'). Under 'authors' the range is
 * the normal-ability column as it stands mid-update, which depends on households outside the
 * range: such households get ability 0 and their indices go to `deferred` (returns how many),
 * for settleAuthorsReturns once every range has moved. Writes the statistics of the range's new
 * normal abilities into `statistics` (those households counted at 0). `shocks` is scratch of at
 * least end - start entries.
 */
export function transitionAbilityRange(
  state: AbilityState,
  start: number,
  end: number,
  past: NormalAbilityStatistics,
  config: EconomyConfig,
  rng: Rng,
  abilityOut: Float64Array,
  deferred: Int32Array,
  statistics: NormalAbilityStatistics,
  shocks: Float64Array,
): number {
  const { normal, logNormal, superstar } = state;
  // one shock per household of the range, drawn first (the authors draw a whole vector too)
  rng.fillNormal(shocks, end - start);
  let sum = 0, count = 0, min = Infinity, max = -Infinity, superstars = 0;
  const authorsReturn = config.superstarReturn === 'authors';
  const { abilityPersistence: rho, abilityShockSd: sigma, superstarEntryProb: p, superstarStayProb: q } = config;
  // the long-run mean of log ability (0, the authors': abilities drift from the survey's towards 1)
  const drift = (1 - rho) * config.abilityLogMean;
  const superstarAbility = config.superstarMultiplier * (past.sum / past.count);
  let normalsBeforeEntry = rng.geometric(p);
  let deferredCount = 0;
  for (let i = start; i < end; i++) {
    if (!(superstar[i] > 0)) {
      if (normalsBeforeEntry-- <= 0) {
        normalsBeforeEntry = rng.geometric(p);
        normal[i] = 0;
        logNormal[i] = 0;
        superstar[i] = superstarAbility;
        abilityOut[i] = superstarAbility;
      } else {
        const logAbility = drift + rho * logNormal[i] + sigma * shocks[i - start];
        const e = exp(logAbility);
        logNormal[i] = logAbility;
        normal[i] = e;
        abilityOut[i] = e;
      }
    } else if (rng.uniform() < q) {
      superstar[i] = superstarAbility;
      abilityOut[i] = superstarAbility;
    } else if (authorsReturn) {
      superstar[i] = 0;
      abilityOut[i] = 0;
      deferred[deferredCount++] = i;
    } else {
      const e = past.count > 0 ? rng.uniformIn(past.min, past.max) : 1;
      superstar[i] = 0;
      normal[i] = e;
      logNormal[i] = Math.log(e);
      abilityOut[i] = e;
    }
    // this year's statistics, next year's `past` (selects, not branches, as in normalAbilityStatistics)
    const e = normal[i];
    sum += e;
    count += e !== 0 ? 1 : 0;
    min = e !== 0 && e < min ? e : min;
    max = e !== 0 && e > max ? e : max;
    superstars += superstar[i] > 0 ? 1 : 0;
  }
  statistics.sum = sum;
  statistics.count = count;
  statistics.min = min;
  statistics.max = max;
  statistics.superstars = superstars;
  return deferredCount;
}

/**
 * The deferred returns of the authors' rule, in household order: each draws uniformly between
 * the minimum and maximum of the normal-ability column as the authors' sequential loop sees it:
 * households before it already moved, itself 0, households after it as last year
 * (`pastNormal`). Writes their abilities; returns nothing else, the caller re-sums.
 */
export function settleAuthorsReturns(state: AbilityState, pastNormal: Float64Array, deferred: ArrayLike<number>, rng: Rng, abilityOut: Float64Array): void {
  const { normal, logNormal } = state;
  for (let k = 0; k < deferred.length; k++) {
    const i = deferred[k];
    let lo = 0; // its own entry
    let hi = 0;
    for (let j = 0; j < normal.length; j++) {
      const e = j < i ? normal[j] : j > i ? pastNormal[j] : 0;
      if (e < lo) lo = e;
      if (e > hi) hi = e;
    }
    const e = rng.uniformIn(lo, hi);
    normal[i] = e;
    logNormal[i] = Math.log(e);
    abilityOut[i] = e;
  }
}
