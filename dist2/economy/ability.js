"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newAbilityState = newAbilityState;
exports.copyAbilityState = copyAbilityState;
exports.abilityOf = abilityOf;
exports.setNormalAbilities = setNormalAbilities;
exports.initialAbility = initialAbility;
exports.transitionAbility = transitionAbility;
function newAbilityState(n) {
    return { normal: new Float64Array(n), logNormal: new Float64Array(n), superstar: new Float64Array(n) };
}
function copyAbilityState(from, to) {
    to.normal.set(from.normal);
    to.logNormal.set(from.logNormal);
    to.superstar.set(from.superstar);
}
/** Total ability e_i = normal_i + superstar_i, written into `out`. */
function abilityOf(state, out) {
    for (let i = 0; i < out.length; i++)
        out[i] = state.normal[i] + state.superstar[i];
    return out;
}
/** Sets every household to a normal state with the given abilities (e.g. injected by a replay). */
function setNormalAbilities(state, abilities) {
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
function initialAbility(education, config, rng) {
    const n = education.length;
    const state = newAbilityState(n);
    for (let i = 0; i < n; i++) {
        const u = rng.uniform();
        if (u > config.superstarEntryProb) {
            state.normal[i] = education[i];
            state.logNormal[i] = Math.log(education[i]);
        }
        if (u < config.superstarEntryProb)
            state.superstar[i] = 1;
    }
    return state;
}
/**
 * One year of the ability process, in place; writes total abilities into `abilityOut`.
 * Entries into the super-star state are Bernoulli(p) per normal household; they are drawn as
 * geometric gaps between entries (one draw per entry instead of one per household).
 * With superstarReturn = 'authors', a super-star falling back draws uniformly between the
 * minimum and maximum of the normal-ability column as it stands mid-update (its own entry is
 * still 0, so the minimum is 0); with 'normalRange' it draws between the minimum and maximum of
 * last year's normal abilities.
 */
function transitionAbility(state, config, rng, abilityOut) {
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
            if (e < pastMin)
                pastMin = e;
            if (e > pastMax)
                pastMax = e;
        }
    }
    const superstarAbility = config.superstarMultiplier * (sum / count);
    const { abilityPersistence: rho, abilityShockSd: sigma, superstarEntryProb: p, superstarStayProb: q } = config;
    let normalsBeforeEntry = rng.geometric(p);
    for (let i = 0; i < n; i++) {
        if (!(superstar[i] > 0)) {
            if (normalsBeforeEntry-- <= 0) {
                normalsBeforeEntry = rng.geometric(p);
                normal[i] = 0;
                logNormal[i] = 0;
                superstar[i] = superstarAbility;
                abilityOut[i] = superstarAbility;
            }
            else {
                const logAbility = rho * logNormal[i] + sigma * rng.normal();
                const e = Math.exp(logAbility);
                logNormal[i] = logAbility;
                normal[i] = e;
                abilityOut[i] = e;
            }
        }
        else if (rng.uniform() < q) {
            superstar[i] = superstarAbility;
            abilityOut[i] = superstarAbility;
        }
        else {
            superstar[i] = 0;
            let e;
            if (config.superstarReturn === 'authors') {
                let lo = Infinity;
                let hi = -Infinity;
                for (let j = 0; j < n; j++) {
                    if (normal[j] < lo)
                        lo = normal[j];
                    if (normal[j] > hi)
                        hi = normal[j];
                }
                e = rng.uniformIn(lo, hi);
            }
            else {
                e = count > 0 ? rng.uniformIn(pastMin, pastMax) : 1;
            }
            normal[i] = e;
            logNormal[i] = Math.log(e);
            abilityOut[i] = e;
        }
    }
}
//# sourceMappingURL=ability.js.map