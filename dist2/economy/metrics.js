"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EPISODE_METRIC_NAMES = void 0;
exports.summarizeEpisode = summarizeEpisode;
exports.distributionMetrics = distributionMetrics;
const inequality_js_1 = require("./inequality.js");
exports.EPISODE_METRIC_NAMES = ['years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'gdp', 'incomeGini', 'wealthGini'];
function summarizeEpisode(years) {
    if (years.length === 0)
        throw new RangeError('an episode needs at least one year to summarize');
    let reward = 0, welfare = 0, perGdp = 0, gdp = 0, incomeGini = 0, wealthGini = 0;
    for (const y of years) {
        reward += y.governmentReward;
        welfare += y.socialWelfare;
        perGdp += y.gdpPerHousehold;
        gdp += y.gdp;
        incomeGini += y.incomeGini;
        wealthGini += y.wealthGini;
    }
    const T = years.length;
    return {
        years: T,
        governmentReward: reward,
        socialWelfare: welfare / T,
        gdpPerHousehold: perGdp / T,
        gdp: gdp / T,
        incomeGini: incomeGini / T,
        wealthGini: wealthGini / T,
        endReason: years[T - 1].doneReason,
    };
}
/** Inequality of one distribution (wealth or income) with one sort. */
function distributionMetrics(values, lorenzSteps = 20) {
    const sorted = (0, inequality_js_1.sortedCopy)(values);
    const n = sorted.length;
    if (n === 0)
        throw new RangeError('distribution metrics need at least one value');
    const shareBelow = (0, inequality_js_1.lorenzOfSorted)(sorted);
    let total = 0;
    for (let i = 0; i < n; i++)
        total += sorted[i];
    return {
        gini: (0, inequality_js_1.giniOfSorted)(sorted),
        top10Share: 1 - shareBelow(0.9),
        bottom50Share: shareBelow(0.5),
        mean: total / n,
        median: n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
        lorenz: Array.from({ length: lorenzSteps + 1 }, (_, k) => ({ population: k / lorenzSteps, share: shareBelow(k / lorenzSteps) })),
    };
}
//# sourceMappingURL=metrics.js.map