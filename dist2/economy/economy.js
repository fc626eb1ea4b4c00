"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Economy = exports.EpisodeEndedError = void 0;
/**
 * The simulated economy: N households, a government, a market that clears and a bank.
 * One `step` is one year. State lives in typed arrays owned by the Economy; the per-household
 * arrays it exposes are overwritten by the next step (copy them to keep them).
 */
const config_js_1 = require("./config.js");
const rng_js_1 = require("./rng.js");
const ability_js_1 = require("./ability.js");
const government_js_1 = require("./government.js");
const tax_js_1 = require("./tax.js");
const inequality_js_1 = require("./inequality.js");
const sort_js_1 = require("./sort.js");
const observations_js_1 = require("./observations.js");
const macro_js_1 = require("./macro.js");
const rewards_js_1 = require("./rewards.js");
class EpisodeEndedError extends Error {
    constructor() {
        super('the episode has ended: call reset() before step() (the authors\' economy would return NaNs here)');
        this.name = 'EpisodeEndedError';
    }
}
exports.EpisodeEndedError = EpisodeEndedError;
class Economy {
    config;
    n;
    macro;
    rng;
    // households drawn at construction (restored by every reset unless resampleOnReset)
    initial;
    drawHouseholds;
    ability0;
    abilityState;
    // per-household state and outcomes of the last year
    ability;
    assets;
    assetsNext;
    income;
    incomeTax;
    wealthTax;
    postTaxIncome;
    postTaxAssets;
    consumption;
    savingShare;
    workShare;
    hours;
    householdReward;
    // aggregates
    capital = 0;
    capitalNext = 0;
    debt = 0;
    debtNext = 0;
    gdp = 0;
    gdpPerHousehold = 0;
    labor = 0;
    year = 0;
    done = false;
    everReset = false;
    sorter;
    /**
     * Rank orders kept from one use to the next (see sort.ts): of wealth (post-tax assets in the
     * step, next year's assets in the observation, which are next step's order) and of income.
     */
    wealthOrder;
    incomeOrder;
    observationBuffers;
    /** Whether the observation buffers describe the current year (computed when first read). */
    observationCurrent = false;
    /**
     * @param households the N households at reset, or a function drawing them (called once at
     *   construction, and at every reset when config.resampleOnReset)
     */
    constructor(config, households, macro) {
        this.config = (0, config_js_1.makeConfig)(config);
        this.n = this.config.n;
        this.macro = (0, macro_js_1.validateMacroCalibration)(macro);
        this.rng = new rng_js_1.Rng(this.config.seed);
        this.drawHouseholds = typeof households === 'function' ? households : null;
        this.initial = checkHouseholds(typeof households === 'function' ? households(this.rng) : households, this.n);
        const n = this.n;
        this.ability0 = (0, ability_js_1.initialAbility)(this.initial.education, this.config, this.rng);
        this.abilityState = (0, ability_js_1.newAbilityState)(n);
        this.ability = new Float64Array(n);
        this.assets = new Float64Array(n);
        this.assetsNext = new Float64Array(n);
        this.income = new Float64Array(n);
        this.incomeTax = new Float64Array(n);
        this.wealthTax = new Float64Array(n);
        this.postTaxIncome = new Float64Array(n);
        this.postTaxAssets = new Float64Array(n);
        this.consumption = new Float64Array(n);
        this.savingShare = new Float64Array(n);
        this.workShare = new Float64Array(n);
        this.hours = new Float64Array(n);
        this.householdReward = new Float64Array(n);
        this.sorter = new sort_js_1.IndexSorter(n);
        this.wealthOrder = Int32Array.from({ length: n }, (_, i) => i);
        this.incomeOrder = Int32Array.from({ length: n }, (_, i) => i);
        this.observationBuffers = { global: new Float64Array(6), private: new Float64Array(2 * n) };
    }
    /** The households the next reset starts from. */
    get initialHouseholds() {
        return this.initial;
    }
    /**
     * Start a new episode: restore the households (assets, income, abilities) and the macro
     * aggregates, then apply one ability transition, as the authors do.
     */
    reset(options = {}) {
        const config = this.config;
        if (this.everReset && config.resampleOnReset && this.drawHouseholds) {
            this.initial = checkHouseholds(this.drawHouseholds(this.rng), this.n);
            this.ability0 = (0, ability_js_1.initialAbility)(this.initial.education, config, this.rng);
        }
        this.everReset = true;
        this.year = 0;
        this.done = false;
        (0, ability_js_1.copyAbilityState)(this.ability0, this.abilityState);
        this.nextAbility(options.abilities);
        this.assets.set(this.initial.assetsUsd);
        this.assetsNext.set(this.initial.assetsUsd);
        this.income.set(this.initial.incomeUsd);
        const start = (0, macro_js_1.initialAggregates)(this.macro, config);
        this.gdpPerHousehold = start.gdpPerHouseholdUsd;
        this.gdp = start.gdpUsd;
        this.debt = start.debtUsd;
        this.debtNext = start.debtUsd;
        this.capital = config.initialCapital === 'householdAssets' ? sum(this.initial.assetsUsd) : start.capitalUsd;
        this.capitalNext = this.capital;
        this.labor = start.laborHours;
        this.observationCurrent = false;
        return this.observation;
    }
    /** One year: abilities move, the government and households act, the market clears. */
    step(governmentAction, households, options = {}) {
        if (!this.everReset)
            throw new Error('call reset() before the first step()');
        if (this.done)
            throw new EpisodeEndedError();
        const config = this.config;
        const n = this.n;
        checkActions(households, n);
        const previousGdpPerHousehold = this.gdpPerHousehold;
globalThis.__m(0);
        this.nextAbility(options.abilities);
        this.capital = this.capitalNext;
        this.debt = this.debtNext;
globalThis.__m(1);
        this.assets.set(this.assetsNext);
globalThis.__m(2);
        const instruments = (0, government_js_1.decodeGovernmentAction)(governmentAction, config);
        const freeMarket = config.exactFreeMarket && instruments.allZero;
        const spendingShare = freeMarket ? 0 : instruments.spendingShare;
        const consumptionTaxRate = freeMarket ? 0 : config.consumptionTaxRate;
        const taxes = options.taxSystem ?? (freeMarket ? tax_js_1.NO_TAX : (0, tax_js_1.hsvTaxSystem)(instruments.tau, instruments.xi, instruments.tauA, instruments.xiA));
        // households choose saving and work; labour supply clears the market
        const { actionClipLow: lo, actionClipHigh: hi, maxHoursPerYear } = config;
        const { ability, assets, savingShare, workShare, hours } = this;
        let labor = 0;
globalThis.__m(3);
        for (let i = 0; i < n; i++) {
            savingShare[i] = clip(households.savingShare[i], lo, hi);
            const h = clip(households.workShare[i], lo, hi);
            workShare[i] = h;
            hours[i] = maxHoursPerYear * h;
            labor += ability[i] * hours[i];
        }
        const { tfp: A, alpha, interestRate: r } = config;
        const capital = this.capital;
        const wageRate = A * (1 - alpha) * Math.pow(capital / labor, alpha);
        const gdp = A * Math.pow(capital, alpha) * Math.pow(labor, 1 - alpha);
        const spending = spendingShare * gdp;
        this.labor = labor;
        this.gdp = gdp;
        this.gdpPerHousehold = gdp / n;
        const { income, incomeTax, wealthTax, postTaxIncome, postTaxAssets, consumption } = this;
globalThis.__m(4);
        for (let i = 0; i < n; i++)
            income[i] = wageRate * ability[i] * hours[i] + r * assets[i];
globalThis.__m(5);
        taxes.incomeTax(income, incomeTax);
globalThis.__m(6);
        taxes.wealthTax(assets, wealthTax);
        let demand = 0;
        const priceFactor = 1 / (1 + consumptionTaxRate);
globalThis.__m(7);
        for (let i = 0; i < n; i++) {
            postTaxIncome[i] = income[i] - incomeTax[i];
            postTaxAssets[i] = assets[i] - wealthTax[i];
            const c = priceFactor * ((1 - savingShare[i]) * postTaxIncome[i]);
            consumption[i] = c;
            demand += c;
        }
        // goods market: consumption plus public spending cannot exceed output
        const consumptionRationed = demand + spending > gdp;
        if (consumptionRationed) {
            const ration = (gdp - spending) / demand;
globalThis.__m(8);
            for (let i = 0; i < n; i++)
                consumption[i] = ration * consumption[i];
        }
        const assetsNext = this.assetsNext;
        let totalTax = 0, totalIncomeTax = 0, totalWealthTax = 0, totalAssets = 0, totalAssetsNext = 0;
        let totalConsumption = 0, totalIncome = 0, totalPostTaxIncome = 0, minAssetsNext = Infinity;
globalThis.__m(9);
        for (let i = 0; i < n; i++) {
            const c = consumption[i];
            assetsNext[i] = postTaxIncome[i] + postTaxAssets[i] - c * (1 + consumptionTaxRate);
            totalTax += incomeTax[i] + wealthTax[i] + c * consumptionTaxRate;
            totalIncomeTax += incomeTax[i];
            totalWealthTax += wealthTax[i];
            totalAssets += assets[i];
            totalAssetsNext += assetsNext[i];
            totalConsumption += c;
            totalIncome += income[i];
            totalPostTaxIncome += postTaxIncome[i];
            if (assetsNext[i] < minAssetsNext)
                minAssetsNext = assetsNext[i];
        }
        this.debtNext = (1 + r) * this.debt + spending - totalTax;
        this.capitalNext = (1 + r) * (capital - totalAssets) - spending + totalTax + totalAssetsNext;
        this.observationCurrent = false;
globalThis.__m(10);
        let wealthGini = this.giniOf(postTaxAssets, 'wealth');
globalThis.__m(11);
        let incomeGini = this.giniOf(postTaxIncome, 'income');
globalThis.__m(12);
        const rewardInputs = {
            config,
            capital,
            capitalNext: this.capitalNext,
            gdpPerHousehold: this.gdpPerHousehold,
            previousGdpPerHousehold,
            wealthGini,
            incomeGini,
            socialWelfare: this.householdRewards(),
            assets,
            postTaxAssets,
            income,
            postTaxIncome,
            giniOf: this.giniOf,
        };
        let socialWelfare = rewardInputs.socialWelfare;
globalThis.__m(13);
        let reward = (0, rewards_js_1.governmentReward)(config.task, rewardInputs);
globalThis.__m(14);
        let doneReason = consumptionRationed ? 'consumption demand exceeded output' : null;
        if (wealthGini >= 1 || incomeGini >= 1)
            doneReason ??= 'a Gini coefficient reached 1';
        const invalid = Number.isNaN(reward * wealthGini * incomeGini) || Number.isNaN(socialWelfare);
        if (invalid)
            doneReason ??= 'a value became NaN';
        if (minAssetsNext < 0)
            doneReason ??= 'a household went bankrupt (negative assets)';
        if (this.capitalNext < 0)
            doneReason ??= 'production capital became negative';
        if (invalid) {
            // the authors' fallback: maximal hours, near-zero consumption, Ginis 0.99, zero observations
            hours.fill(maxHoursPerYear);
            consumption.fill(0.001);
            socialWelfare = this.householdRewards();
            reward = (0, rewards_js_1.governmentReward)(config.task, { ...rewardInputs, socialWelfare });
            wealthGini = 0.99;
            incomeGini = 0.99;
            this.observationBuffers.global.fill(0);
            this.observationBuffers.private.fill(0);
            this.observationCurrent = true;
        }
        this.year += 1;
        if (doneReason === null && this.year >= config.episodeYears)
            doneReason = `the episode reached ${config.episodeYears} years`;
        this.done = doneReason !== null;
        let superstars = 0, totalAbility = 0, totalWorkShare = 0, totalHours = 0;
        const superstar = this.abilityState.superstar;
globalThis.__m(15);
        for (let i = 0; i < n; i++) {
            // counted without a branch: a rarely taken branch in this hot function makes V8 deoptimise it
            superstars += superstar[i] > 0 ? 1 : 0;
            totalAbility += ability[i];
            totalWorkShare += workShare[i];
            totalHours += hours[i];
        }
globalThis.__m(16);
        return {
            year: this.year,
            done: this.done,
            doneReason,
            gdp,
            gdpPerHousehold: this.gdpPerHousehold,
            wageRate,
            capital,
            debt: this.debt,
            labor,
            capitalNext: this.capitalNext,
            debtNext: this.debtNext,
            incomeGini,
            wealthGini,
            meanConsumption: (invalid ? 0.001 * n : totalConsumption) / n,
            meanWorkShare: totalWorkShare / n,
            meanHours: totalHours / n,
            governmentReward: reward,
            meanHouseholdReward: socialWelfare / n,
            socialWelfare,
            meanIncome: totalIncome / n,
            meanPostTaxIncome: totalPostTaxIncome / n,
            meanIncomeTax: totalIncomeTax / n,
            meanWealthTax: totalWealthTax / n,
            totalTax,
            governmentSpending: spending,
            totalAssets,
            totalAssetsNext,
            consumptionTaxRate,
            superstars,
            meanAbility: totalAbility / n,
            consumptionRationed,
            instruments,
        };
    }
    /** Gini of N wealth or income values (the authors' formula), re-using that quantity's rank order. */
    giniOf = (values, kind) => {
        const order = kind === 'wealth' ? this.wealthOrder : this.incomeOrder;
        this.sorter.sortBy(values, order);
        return (0, inequality_js_1.giniInOrder)(values, order);
    };
    /** Household utility u = c^(1-theta)/(1-theta) - w h~^(1+gamma)/(1+gamma) through a sigmoid; returns the sum. */
    householdRewards() {
        const { crra, inverseFrisch, laborDisutilityWeight, consumptionScaleUsd } = this.config;
        const { consumption, workShare, householdReward } = this;
        const power = 1 + inverseFrisch;
        let total = 0;
        for (let i = 0; i < this.n; i++) {
            const c = consumption[i];
            const h = workShare[i];
            const disutility = laborDisutilityWeight * ((power === 3 ? h * h * h : Math.pow(h, power)) / power);
            // log utility: sigmoid(ln(c/s) - d) = 1 / (1 + (s/c) e^d), one exp instead of a log and an exp;
            // negative consumption stays NaN as the log would make it
            const u = crra === 1
                ? c >= 0
                    ? 1 / (1 + (consumptionScaleUsd / c) * Math.exp(disutility))
                    : NaN
                : 1 / (1 + Math.exp(-(Math.pow(c, 1 - crra) / (1 - crra) - disutility)));
            householdReward[i] = u;
            total += u;
        }
        return total;
    }
    nextAbility(injected) {
        if (injected) {
            if (injected.length !== this.n)
                throw new RangeError(`abilities must have one entry per household (${this.n}), got ${injected.length}`);
            for (let i = 0; i < this.n; i++) {
                const e = injected[i];
                if (!(e >= 0))
                    throw new RangeError(`abilities[${i}] must be a number >= 0, got ${e}`);
            }
            (0, ability_js_1.setNormalAbilities)(this.abilityState, injected);
            (0, ability_js_1.abilityOf)(this.abilityState, this.ability);
        }
        else {
            (0, ability_js_1.transitionAbility)(this.abilityState, this.config, this.rng, this.ability);
        }
    }
    /**
     * What the agents observe now: from this year's incomes and next year's assets. Computed when
     * first read after a step (policies that do not observe, such as the classical governments,
     * do not pay for it); the buffers are overwritten by the next read after a step.
     */
    get observation() {
        if (!this.observationCurrent) {
            this.sorter.sortBy(this.income, this.incomeOrder);
            this.sorter.sortBy(this.assetsNext, this.wealthOrder);
            (0, observations_js_1.globalObservationInOrder)(this.assetsNext, this.wealthOrder, this.income, this.incomeOrder, this.ability, this.observationBuffers.global);
            (0, observations_js_1.privateObservation)(this.ability, this.assetsNext, this.observationBuffers.private);
            this.observationCurrent = true;
        }
        return this.observationBuffers;
    }
}
exports.Economy = Economy;
function clip(x, lo, hi) {
    return x < lo ? lo : x > hi ? hi : x;
}
function sum(values) {
    let total = 0;
    for (let i = 0; i < values.length; i++)
        total += values[i];
    return total;
}
function checkHouseholds(h, n) {
    for (const field of ['assetsUsd', 'education', 'incomeUsd']) {
        const values = h[field];
        if (!values || values.length !== n)
            throw new RangeError(`households.${field} must have one entry per household (${n}), got ${values?.length}`);
        for (let i = 0; i < n; i++) {
            if (!Number.isFinite(values[i]))
                throw new RangeError(`households.${field}[${i}] must be a finite number, got ${values[i]}`);
        }
    }
    for (let i = 0; i < n; i++) {
        if (!(h.education[i] > 0))
            throw new RangeError(`households.education[${i}] (initial ability) must be > 0, got ${h.education[i]}`);
    }
    return h;
}
function checkActions(actions, n) {
    if (!actions || actions.savingShare?.length !== n || actions.workShare?.length !== n) {
        throw new RangeError(`household actions must have savingShare and workShare with one entry per household (${n}); got lengths ${actions?.savingShare?.length} and ${actions?.workShare?.length}`);
    }
}
//# sourceMappingURL=economy.js.map