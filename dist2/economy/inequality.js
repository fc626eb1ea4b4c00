"use strict";
/**
 * Inequality measures over a population of N values: Gini, Lorenz curve, income shares.
 * All take an already sorted ascending copy or sort into a scratch buffer, never the input.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.GINI_OFFSET = void 0;
exports.giniOfSorted = giniOfSorted;
exports.giniInOrder = giniInOrder;
exports.gini = gini;
exports.sortedCopy = sortedCopy;
exports.lorenzOfSorted = lorenzOfSorted;
exports.lorenzPoints = lorenzPoints;
exports.topShare = topShare;
exports.bottomShare = bottomShare;
/** Added to every value before the Gini, as the authors do, so an all-zero economy has Gini 0. */
exports.GINI_OFFSET = 1e-7;
/**
 * Gini coefficient as the authors compute it:
 *   G = sum_i (2i - n - 1) x_(i) / (n sum_i x_(i)),  x_(i) sorted ascending, i = 1..n,
 * after adding GINI_OFFSET to every value.
 */
function giniOfSorted(sorted) {
    const n = sorted.length;
    let weighted = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
        const x = sorted[i] + exports.GINI_OFFSET;
        weighted += (2 * (i + 1) - n - 1) * x;
        total += x;
    }
    return weighted / (n * total);
}
/** The same Gini, of values listed ascending by `order` (see sort.ts); identical arithmetic. */
function giniInOrder(values, order) {
    const n = order.length;
    let weighted = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
        const x = values[order[i]] + exports.GINI_OFFSET;
        weighted += (2 * (i + 1) - n - 1) * x;
        total += x;
    }
    return weighted / (n * total);
}
/** Gini of unsorted values; `scratch` (length >= n) avoids an allocation on the hot path. */
function gini(values, scratch) {
    return giniOfSorted(sortedCopy(values, scratch));
}
function sortedCopy(values, scratch) {
    const n = values.length;
    const buffer = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
    buffer.set(values);
    return buffer.sort();
}
/**
 * The Lorenz curve of sorted (ascending) values as a function: the share of the total held by the
 * poorest p of the population, linear within a household. An all-zero population is equal.
 */
function lorenzOfSorted(sorted) {
    const n = sorted.length;
    const cumulative = new Float64Array(n + 1);
    for (let i = 0; i < n; i++)
        cumulative[i + 1] = cumulative[i] + sorted[i];
    const total = cumulative[n];
    return (p) => {
        if (!(p >= 0 && p <= 1))
            throw new RangeError(`population share must be in [0, 1], got ${p}`);
        const position = p * n;
        const whole = Math.floor(position);
        const partial = whole < n ? (position - whole) * sorted[whole] : 0;
        return total === 0 ? p : (cumulative[whole] + partial) / total;
    };
}
/** Lorenz curve points at the given population shares. */
function lorenzPoints(values, populationShares) {
    const shareBelow = lorenzOfSorted(sortedCopy(values));
    return Array.from(populationShares, (p) => ({ population: p, share: shareBelow(p) }));
}
/** Share of the total held by the top `fraction` of the population (e.g. 0.1 for the top 10 %). */
function topShare(values, fraction) {
    return 1 - lorenzOfSorted(sortedCopy(values))(1 - fraction);
}
/** Share of the total held by the bottom `fraction` of the population (e.g. 0.5 for the bottom 50 %). */
function bottomShare(values, fraction) {
    return lorenzOfSorted(sortedCopy(values))(fraction);
}
//# sourceMappingURL=inequality.js.map