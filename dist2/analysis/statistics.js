"use strict";
/** Means and 95 % confidence intervals across seeds (Student t, the seeds' means as samples). */
Object.defineProperty(exports, "__esModule", { value: true });
exports.tQuantile975 = tQuantile975;
exports.meanInterval = meanInterval;
// two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom
const T975 = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
    2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
function tQuantile975(degreesOfFreedom) {
    if (degreesOfFreedom < 1)
        return NaN;
    return degreesOfFreedom <= 30 ? T975[degreesOfFreedom - 1] : 1.96;
}
function meanInterval(values) {
    const count = values.length;
    if (count === 0)
        throw new RangeError('a confidence interval needs at least one value');
    const mean = values.reduce((s, v) => s + v, 0) / count;
    const sd = count > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (count - 1)) : NaN;
    const halfWidth = count > 1 ? (tQuantile975(count - 1) * sd) / Math.sqrt(count) : NaN;
    return { mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth, count };
}
//# sourceMappingURL=statistics.js.map