"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_QUANTILES = void 0;
exports.incomeQuantiles = incomeQuantiles;
exports.scheduleComparisonTable = scheduleComparisonTable;
exports.incomeGrid = incomeGrid;
exports.scheduleFigure = scheduleFigure;
const tax_js_1 = require("../economy/tax.js");
const frames_js_1 = require("../data/frames.js");
const figures_js_1 = require("./figures.js");
/** Income quantiles of the survey households, weighted by WGT (representative) or not. */
function incomeQuantiles(pool, probabilities, weighted = true) {
    const order = Array.from(pool.incomeUsd.keys()).sort((a, b) => pool.incomeUsd[a] - pool.incomeUsd[b]);
    const weights = order.map((i) => (weighted ? pool.weight[i] : 1));
    const total = weights.reduce((s, w) => s + w, 0);
    return probabilities.map((p) => {
        if (!(p >= 0 && p <= 1))
            throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
        let cumulative = 0;
        for (let k = 0; k < order.length; k++) {
            cumulative += weights[k];
            if (cumulative >= p * total)
                return pool.incomeUsd[order[k]];
        }
        return pool.incomeUsd[order[order.length - 1]];
    });
}
exports.DEFAULT_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
/** One row per (schedule, income): tax due, average rate, marginal rate. */
function scheduleComparisonTable(schedules, incomesUsd, labels) {
    const rows = [];
    for (const s of schedules) {
        incomesUsd.forEach((income, k) => {
            rows.push({
                schedule: s.name,
                point: labels?.[k] ?? '',
                income_usd: income,
                tax_usd: (0, tax_js_1.bracketTax)(income, s),
                average_rate: (0, tax_js_1.bracketAverageRate)(income, s),
                marginal_rate: (0, tax_js_1.bracketMarginalRate)(income, s),
            });
        });
    }
    return frames_js_1.aq.from(rows);
}
/** Incomes from 0 to `maxUsd` (linear) for drawing schedules. */
function incomeGrid(maxUsd, points = 400) {
    return Array.from({ length: points + 1 }, (_, k) => (maxUsd * k) / points);
}
/** Average or marginal rate of several schedules over an income grid, with optional markers (e.g. quantiles). */
function scheduleFigure(schedules, rate, options = {}) {
    const grid = incomeGrid(options.maxIncomeUsd ?? 700_000);
    const f = rate === 'average' ? tax_js_1.bracketAverageRate : tax_js_1.bracketMarginalRate;
    return (0, figures_js_1.taxScheduleFigure)(schedules.map((s) => ({ name: s.name, incomeUsd: grid, value: grid.map((x) => f(x, s)) })), { title: `${rate === 'average' ? 'Average' : 'Marginal'} income tax rate`, yTitle: `${rate} tax rate`, steps: rate === 'marginal', markers: options.markers });
}
//# sourceMappingURL=taxComparison.js.map