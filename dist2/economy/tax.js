"use strict";
/**
 * Tax functions of the economy. A TaxSchedule turns pre-tax amounts (income or wealth, USD per
 * year) into tax due; the government either drives the HSV family with its action or replaces
 * it by a real bracket schedule.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_TAX = void 0;
exports.hsvTax = hsvTax;
exports.validateBracketSchedule = validateBracketSchedule;
exports.bracketTax = bracketTax;
exports.bracketMarginalRate = bracketMarginalRate;
exports.bracketAverageRate = bracketAverageRate;
exports.hsvTaxSystem = hsvTaxSystem;
exports.bracketTaxSystem = bracketTaxSystem;
/**
 * Heathcote-Storesletten-Violante tax: T(x) = x - (1 - tau)/(1 - xi) x^(1 - xi).
 * tau sets the level, xi the progressivity (xi = 0 is a flat tax at rate tau).
 * x^(1 - xi) is evaluated as x exp(-xi ln x): twice as fast as Math.pow here and as accurate,
 * since the exponent's argument is small. Negative amounts give NaN, as in the authors' numpy.
 */
function hsvTax(x, tau, xi) {
    const retained = x > 0 ? x * Math.exp(-xi * Math.log(x)) : Math.pow(x, 1 - xi);
    return x - ((1 - tau) / (1 - xi)) * retained;
}
/** Check a bracket schedule; throws naming the offending field. */
function validateBracketSchedule(s) {
    const where = `tax schedule '${s.name}'`;
    const { lowerBoundsUsd: lower, marginalRates: rates } = s;
    if (lower.length === 0 || lower.length !== rates.length) {
        throw new RangeError(`${where}: needs one marginal rate per bracket (got ${lower.length} bounds, ${rates.length} rates)`);
    }
    if (lower[0] !== 0)
        throw new RangeError(`${where}: the first bracket must start at 0 USD, got ${lower[0]}`);
    for (let i = 0; i < lower.length; i++) {
        if (!Number.isFinite(lower[i]) || lower[i] < 0)
            throw new RangeError(`${where}: bracket ${i} lower bound must be >= 0 USD, got ${lower[i]}`);
        if (i > 0 && !(lower[i] > lower[i - 1]))
            throw new RangeError(`${where}: bracket ${i} lower bound ${lower[i]} must exceed bracket ${i - 1}'s ${lower[i - 1]}`);
        if (!(rates[i] >= 0 && rates[i] <= 1))
            throw new RangeError(`${where}: bracket ${i} marginal rate must be in [0, 1], got ${rates[i]}`);
    }
    if (!(s.topUpperBoundUsd > lower[lower.length - 1]))
        throw new RangeError(`${where}: topUpperBoundUsd must exceed the last lower bound`);
    if (!(s.deductionUsd >= 0) || !Number.isFinite(s.deductionUsd))
        throw new RangeError(`${where}: deductionUsd must be a finite number >= 0, got ${s.deductionUsd}`);
    if (!(s.creditUsd >= 0) || !Number.isFinite(s.creditUsd))
        throw new RangeError(`${where}: creditUsd must be a finite number >= 0, got ${s.creditUsd}`);
    return s;
}
/**
 * Tax due under a bracket schedule, computed bracket by bracket in ascending order as the
 * authors do: sum_k rate_k * max(0, min(taxable, upper_k) - lower_k), minus the credit, floored at 0.
 */
function bracketTax(income, s) {
    const taxable = Math.max(0, income - s.deductionUsd);
    const lower = s.lowerBoundsUsd;
    const rates = s.marginalRates;
    const last = lower.length - 1;
    let tax = 0;
    for (let k = 0; k <= last; k++) {
        const upper = k < last ? lower[k + 1] : s.topUpperBoundUsd;
        tax += Math.max(0, Math.min(taxable, upper) - lower[k]) * rates[k];
    }
    return Math.max(0, tax - s.creditUsd);
}
/** Marginal rate of a bracket schedule at a given income (0 below the deduction or where the credit absorbs the tax). */
function bracketMarginalRate(income, s) {
    if (bracketTax(income, s) <= 0)
        return 0;
    const taxable = income - s.deductionUsd;
    if (taxable >= s.topUpperBoundUsd)
        return 0;
    let rate = s.marginalRates[0];
    for (let k = 0; k < s.lowerBoundsUsd.length; k++)
        if (taxable >= s.lowerBoundsUsd[k])
            rate = s.marginalRates[k];
    return rate;
}
/** Average tax rate T(x)/x of a bracket schedule (0 at zero income). */
function bracketAverageRate(income, s) {
    return income > 0 ? bracketTax(income, s) / income : 0;
}
/** HSV taxes on income (tau, xi) and on wealth (tauA, xiA): the learned government's instrument. */
function hsvTaxSystem(tau, xi, tauA, xiA) {
    return {
        incomeTax(income, out) {
            for (let i = 0; i < income.length; i++)
                out[i] = hsvTax(income[i], tau, xi);
        },
        wealthTax(assets, out) {
            for (let i = 0; i < assets.length; i++)
                out[i] = hsvTax(assets[i], tauA, xiA);
        },
    };
}
/** A bracket schedule on income and no wealth tax (the US federal baseline). */
function bracketTaxSystem(schedule) {
    validateBracketSchedule(schedule);
    return {
        incomeTax(income, out) {
            for (let i = 0; i < income.length; i++)
                out[i] = bracketTax(income[i], schedule);
        },
        wealthTax(_assets, out) {
            out.fill(0);
        },
    };
}
/** No tax at all. */
exports.NO_TAX = {
    incomeTax(_income, out) {
        out.fill(0);
    },
    wealthTax(_assets, out) {
        out.fill(0);
    },
};
//# sourceMappingURL=tax.js.map