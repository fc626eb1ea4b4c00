"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GLOBAL_OBSERVATION_NAMES = void 0;
exports.globalObservationInOrder = globalObservationInOrder;
exports.globalObservation = globalObservation;
exports.privateObservation = privateObservation;
/**
 * What the agents observe. Global (leader and followers): mean wealth, mean income and mean
 * ability of the top 10 % and of the bottom 50 %; private (household i): (e_i, a_i).
 * Normalisation (running mean and std) belongs to the learners, not to the economy.
 */
const sort_js_1 = require("./sort.js");
exports.GLOBAL_OBSERVATION_NAMES = [
    'top10MeanWealth',
    'top10MeanIncome',
    'top10MeanAbility',
    'bottom50MeanWealth',
    'bottom50MeanIncome',
    'bottom50MeanAbility',
];
/**
 * The six global numbers, in GLOBAL_OBSERVATION_NAMES order, from rank orders of wealth and
 * income (ascending, ties by descending index: see sort.ts). Groups as the authors form them:
 * the top floor(0.1 N) and everyone below rank floor(0.5 N) of a descending stable sort — by
 * wealth for the wealth means, by income for the income and ability means. An empty group
 * (N < 10 for the top 10 %) has mean 0.
 */
function globalObservationInOrder(wealth, wealthOrder, income, incomeOrder, ability, out = new Float64Array(6)) {
    const n = wealth.length;
    const top = Math.floor(0.1 * n);
    const bottom = n - Math.floor(0.5 * n);
    let topWealth = 0, topIncome = 0, topAbility = 0, bottomWealth = 0, bottomIncome = 0, bottomAbility = 0;
    for (let k = 0; k < bottom; k++) {
        bottomWealth += wealth[wealthOrder[k]];
        const i = incomeOrder[k];
        bottomIncome += income[i];
        bottomAbility += ability[i];
    }
    for (let k = n - top; k < n; k++) {
        topWealth += wealth[wealthOrder[k]];
        const i = incomeOrder[k];
        topIncome += income[i];
        topAbility += ability[i];
    }
    const mean = (sum, count) => (count > 0 ? sum / count : 0);
    out[0] = mean(topWealth, top);
    out[1] = mean(topIncome, top);
    out[2] = mean(topAbility, top);
    out[3] = mean(bottomWealth, bottom);
    out[4] = mean(bottomIncome, bottom);
    out[5] = mean(bottomAbility, bottom);
    return out;
}
/** The same from unsorted values (sorts them; the economy keeps its orders between years instead). */
function globalObservation(wealth, income, ability, out) {
    const n = wealth.length;
    const sorter = new sort_js_1.IndexSorter(n);
    const wealthOrder = sorter.argsort(wealth, new Int32Array(n));
    const incomeOrder = sorter.argsort(income, new Int32Array(n));
    return globalObservationInOrder(wealth, wealthOrder, income, incomeOrder, ability, out);
}
/** Private observations (e_i, a_i) interleaved: [e_0, a_0, e_1, a_1, ...]. */
function privateObservation(ability, wealth, out = new Float64Array(2 * ability.length)) {
    for (let i = 0; i < ability.length; i++) {
        out[2 * i] = ability[i];
        out[2 * i + 1] = wealth[i];
    }
    return out;
}
//# sourceMappingURL=observations.js.map