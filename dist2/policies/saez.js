"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SaezGovernment = void 0;
exports.saezGovernment = saezGovernment;
const rng_js_1 = require("../economy/rng.js");
const DEFAULTS = {
    bracketCutoffsUsd: [0, 1e6, 2e6, 3e6, 4e6],
    estimationBins: 100,
    bufferSize: 500,
    periodYears: 100,
    initialElasticity: 0.5,
    elasticitySmoothing: 0.98,
    fixedElasticity: null,
    rateMin: 0,
    rateMax: 1,
    seed: 0,
};
class SaezGovernment {
    name = 'Saez';
    o;
    rng;
    cutoffs;
    bracketSizes;
    binEdges;
    binWidth;
    incomes;
    marginals;
    count = 0;
    head = 0;
    rates;
    elasticity;
    cyclePosition = 1;
    calls = 0;
    reachedMinSamples = false;
    history = [];
    action = new Float64Array(5);
    taxSystem;
    constructor(options = {}) {
        this.o = { ...DEFAULTS, ...options };
        const o = this.o;
        const cutoffs = o.bracketCutoffsUsd;
        if (cutoffs.length < 2 || cutoffs[0] !== 0 || cutoffs.some((c, i) => i > 0 && !(c > cutoffs[i - 1]))) {
            throw new RangeError(`Saez bracketCutoffsUsd must start at 0 and increase, got ${cutoffs.join(', ')}`);
        }
        for (const [field, value, min] of [['estimationBins', o.estimationBins, 1], ['bufferSize', o.bufferSize, 10], ['periodYears', o.periodYears, 1]]) {
            if (!Number.isInteger(value) || value < min)
                throw new RangeError(`Saez ${field} must be an integer >= ${min}, got ${value}`);
        }
        if (!(o.rateMin >= 0 && o.rateMax <= 1 && o.rateMin <= o.rateMax))
            throw new RangeError(`Saez rates must satisfy 0 <= rateMin <= rateMax <= 1, got ${o.rateMin}, ${o.rateMax}`);
        this.rng = new rng_js_1.Rng(o.seed);
        this.cutoffs = cutoffs;
        this.bracketSizes = cutoffs.map((c, i) => (i + 1 < cutoffs.length ? cutoffs[i + 1] - c : Infinity));
        const top = cutoffs[cutoffs.length - 1];
        this.binWidth = top / o.estimationBins;
        this.binEdges = Float64Array.from({ length: o.estimationBins + 1 }, (_, j) => (top * j) / o.estimationBins);
        this.incomes = new Float64Array(o.bufferSize);
        this.marginals = new Float64Array(o.bufferSize);
        this.rates = cutoffs.map(() => 0);
        this.elasticity = o.initialElasticity;
        this.taxSystem = {
            incomeTax: (income, out) => {
                this.observe(income);
                for (let i = 0; i < income.length; i++)
                    out[i] = this.taxDue(income[i]);
            },
            wealthTax: (_assets, out) => out.fill(0),
        };
    }
    /** Called before each year: re-sets the rates at the start of every period. */
    decide(_economy) {
        this.calls++;
        if (this.cyclePosition === 1)
            this.setRates();
        if (this.cyclePosition >= this.o.periodYears)
            this.cyclePosition = 0;
        this.cyclePosition++;
        return { action: this.action, taxSystem: this.taxSystem };
    }
    /** Current marginal rate of each bracket (capped at rateMax). */
    get marginalRates() {
        return this.rates.map((r) => Math.min(r, this.o.rateMax));
    }
    get bracketCutoffs() {
        return [...this.cutoffs];
    }
    state() {
        return {
            rates: this.marginalRates,
            elasticity: this.elasticity,
            cyclePosition: this.cyclePosition,
            buffered: this.count,
            reachedMinSamples: this.reachedMinSamples,
            history: this.history,
        };
    }
    /** Tax due on one income: sum over brackets of rate x income inside the bracket. */
    taxDue(income) {
        let tax = 0;
        for (let b = 0; b < this.cutoffs.length; b++) {
            const inside = Math.min(this.bracketSizes[b], Math.max(0, income - this.cutoffs[b]));
            tax += Math.min(this.rates[b], this.o.rateMax) * inside;
        }
        return tax;
    }
    /** Marginal rate of the bracket an income falls in (0 below zero). */
    marginalRate(income) {
        if (income < 0)
            return 0;
        let b = 0;
        while (b + 1 < this.cutoffs.length && income >= this.cutoffs[b + 1])
            b++;
        return Math.min(this.rates[b], this.o.rateMax);
    }
    /** Adds this year's incomes (and their marginal rates under the current schedule) to the buffer. */
    observe(income) {
        const size = this.o.bufferSize;
        for (let i = 0; i < income.length; i++) {
            this.incomes[this.head] = income[i];
            this.marginals[this.head] = this.marginalRate(income[i]);
            this.head = (this.head + 1) % size;
            if (this.count < size)
                this.count++;
        }
        if (this.count >= size)
            this.reachedMinSamples = true;
    }
    buffer() {
        // oldest first, as the authors' list
        const size = this.o.bufferSize;
        const start = this.count < size ? 0 : this.head;
        const z = new Float64Array(this.count);
        const tau = new Float64Array(this.count);
        for (let k = 0; k < this.count; k++) {
            z[k] = this.incomes[(start + k) % size];
            tau[k] = this.marginals[(start + k) % size];
        }
        return { z, tau };
    }
    setRates() {
        const o = this.o;
        if (!this.reachedMinSamples) {
            this.rates = this.cutoffs.map(() => this.rng.uniformIn(o.rateMin, o.rateMax));
            this.history.push({ call: this.calls, rates: this.marginalRates, elasticity: this.elasticity, source: 'random' });
            return;
        }
        const { z, tau } = this.buffer();
        if (o.fixedElasticity === null)
            this.estimateElasticity(z, tau);
        else
            this.elasticity = o.fixedElasticity;
        const binRates = this.binMarginalRates(z, this.elasticity);
        this.rates = this.bracketize(binRates).map((r) => Math.min(Math.max(r, 0), 1));
        this.history.push({ call: this.calls, rates: this.marginalRates, elasticity: this.elasticity, source: 'saez' });
    }
    /** OLS of log z on [log(1 - tau), 1]; the slope is the elasticity, smoothed with the old estimate. */
    estimateElasticity(z, tau) {
        const rates = [];
        const xs = [];
        const ys = [];
        for (let k = 0; k < z.length; k++) {
            if (z[k] > 0 && tau[k] < 1) {
                rates.push(tau[k]);
                xs.push(Math.log(Math.max(1 - tau[k], 1e-9)));
                ys.push(Math.log(Math.max(z[k], 1e-9)));
            }
        }
        const n = xs.length;
        // too few pairs, or one rate for all (population std, as numpy's np.std): the slope is not
        // identified, keep the old estimate
        if (n < 10)
            return;
        const meanRate = rates.reduce((s, t) => s + t, 0) / n;
        if (Math.sqrt(rates.reduce((s, t) => s + (t - meanRate) ** 2, 0) / n) < 1e-6)
            return;
        const meanX = xs.reduce((s, x) => s + x, 0) / n;
        const meanY = ys.reduce((s, y) => s + y, 0) / n;
        let sxx = 0;
        let sxy = 0;
        for (let k = 0; k < n; k++) {
            sxx += (xs[k] - meanX) ** 2;
            sxy += (xs[k] - meanX) * (ys[k] - meanY);
        }
        if (!(sxx > 0))
            return;
        const slope = sxy / sxx;
        const smoothing = this.o.elasticitySmoothing;
        this.elasticity = (1 - smoothing) * Math.max(slope, 0) + smoothing * this.elasticity;
    }
    /** Saez rate on each estimation bin (and the open top bin), gaps filled by linear interpolation. */
    binMarginalRates(z, elasticity) {
        const bins = this.o.estimationBins;
        const top = this.binEdges[bins];
        const width = this.binWidth;
        const counts = new Float64Array(bins);
        let below = 0;
        let belowWeight = 0;
        let above = 0;
        let aboveWeight = 0;
        let aboveSum = 0;
        const weight = (x) => 1 / Math.max(1, x);
        for (let k = 0; k < z.length; k++) {
            const x = z[k];
            if (x < 0) {
                below++;
                belowWeight += weight(Math.max(x, 0));
            }
            else if (x > top) {
                above++;
                aboveWeight += weight(x);
                aboveSum += x;
            }
            else {
                // numpy histogram: right-open bins except the last, which includes the top edge
                counts[Math.min(Math.floor(x / width), bins - 1)]++;
            }
        }
        const total = counts.reduce((s, c) => s + c, 0) + below + above;
        // population share per bin (index `bins` is the open top bin) and cumulative share
        const p = new Float64Array(bins + 1);
        for (let j = 0; j < bins; j++)
            p[j] = counts[j] / total;
        p[bins] = above / total;
        const cumulative = new Float64Array(bins + 1);
        cumulative[0] = p[0] + below / total;
        for (let j = 1; j <= bins; j++)
            cumulative[j] = Math.min(Math.max(cumulative[j - 1] + p[j], 0), 1);
        // G: mean welfare weight above each bin relative to the population's
        const W = new Float64Array(bins + 1);
        for (let j = 0; j < bins; j++)
            W[j] = counts[j] * weight((this.binEdges[j] + this.binEdges[j + 1]) / 2);
        W[bins] = aboveWeight;
        const totalWeight = W.reduce((s, w) => s + w, 0) + belowWeight + 1e-9;
        const gBar = new Float64Array(bins + 1);
        let tailWeight = 0;
        let tailShare = 0;
        for (let j = bins; j >= 0; j--) {
            tailWeight += W[j] / totalWeight;
            tailShare += p[j];
            gBar[j] = tailWeight / (tailShare + 1e-9);
        }
        const G = new Float64Array(bins + 1);
        for (let j = 0; j < bins; j++)
            G[j] = 0.5 * (gBar[j] + gBar[j + 1]);
        G[bins] = gBar[bins];
        // A: local Pareto parameter
        const A = new Float64Array(bins + 1);
        for (let j = 0; j < bins; j++) {
            const mid = (this.binEdges[j] + this.binEdges[j + 1]) / 2;
            const shareAbove = 1 - cumulative[j] + 0.5 * p[j];
            A[j] = counts[j] === 0 ? NaN : (mid * p[j]) / (Math.min(Math.max(shareAbove, 0), 1) + 1e-9) / width;
        }
        const meanAbove = above > 0 ? aboveSum / above : 0;
        A[bins] = above > 0 ? meanAbove / (meanAbove - top + 1e-9) : 0;
        const taus = Array.from(G, (g, j) => (1 - g) / (1 - g + A[j] * elasticity + 1e-9));
        // fill empty bins by linear interpolation from the last real rate (0 before the first)
        let lastRate = 0;
        let lastIndex = -1;
        for (let j = 0; j < taus.length; j++) {
            if (Number.isNaN(taus[j]))
                continue;
            const gap = j - lastIndex - 1;
            for (let k = 1; k <= gap; k++)
                taus[lastIndex + k] = lastRate + ((taus[j] - lastRate) * k) / (gap + 1);
            lastRate = taus[j];
            lastIndex = j;
        }
        return taus;
    }
    /** Average the bin rates over each bracket; the open top bracket takes the top bin's rate. */
    bracketize(binRates) {
        const bins = this.o.estimationBins;
        const binSizes = [...Array.from({ length: bins }, () => this.binWidth), Infinity];
        const rates = [];
        let previousTotal = 0;
        for (let b = 1; b < this.cutoffs.length; b++) {
            let taxes = 0;
            for (let j = 0; j <= bins; j++)
                taxes += binRates[j] * Math.min(binSizes[j], Math.max(0, this.cutoffs[b] - this.binEdges[j]));
            taxes = Math.max(0, taxes);
            rates.push((taxes - previousTotal) / this.bracketSizes[b - 1]);
            previousTotal = taxes;
        }
        rates.push(binRates[bins]);
        return rates;
    }
}
exports.SaezGovernment = SaezGovernment;
function saezGovernment(options = {}) {
    return new SaezGovernment(options);
}
//# sourceMappingURL=saez.js.map