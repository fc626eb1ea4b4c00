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
export declare function newAbilityState(n: number): AbilityState;
export declare function copyAbilityState(from: AbilityState, to: AbilityState): void;
/** Total ability e_i = normal_i + superstar_i, written into `out`. */
export declare function abilityOf(state: AbilityState, out: Float64Array): Float64Array;
/** Sets every household to a normal state with the given abilities (e.g. injected by a replay). */
export declare function setNormalAbilities(state: AbilityState, abilities: ArrayLike<number>): void;
/**
 * Initial abilities: each household is a super-star with probability p (the authors then give it
 * ability 1, a quirk kept as is), otherwise its normal ability is its education level.
 */
export declare function initialAbility(education: Float64Array, config: EconomyConfig, rng: Rng): AbilityState;
/**
 * One year of the ability process, in place; writes total abilities into `abilityOut`.
 * Entries into the super-star state are Bernoulli(p) per normal household; they are drawn as
 * geometric gaps between entries (one draw per entry instead of one per household).
 * With superstarReturn = 'authors', a super-star falling back draws uniformly between the
 * minimum and maximum of the normal-ability column as it stands mid-update (its own entry is
 * still 0, so the minimum is 0); with 'normalRange' it draws between the minimum and maximum of
 * last year's normal abilities.
 */
export declare function transitionAbility(state: AbilityState, config: EconomyConfig, rng: Rng, abilityOut: Float64Array): void;
