"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.drawHouseholds = drawHouseholds;
/**
 * Draw n households: uniformly over rows (the authors' draw, which over-represents the wealthy
 * households the SCF over-samples) or with probability proportional to the survey weight
 * (representative of US households). Rows are distinct while n fits in the pool; beyond it
 * (scale experiments) they are drawn with replacement.
 */
function drawHouseholds(pool, n, sampling, rng) {
    const rows = pool.assetsUsd.length;
    if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`the number of households must be a positive integer, got ${n}`);
    const withReplacement = n > rows;
    let index;
    if (!withReplacement) {
        index = sampling === 'weighted' ? rng.weightedSampleWithoutReplacement(pool.weight, n) : rng.sampleWithoutReplacement(rows, n);
    }
    else if (sampling === 'weighted') {
        index = rng.weightedSampleWithReplacement(pool.weight, n);
    }
    else {
        index = Int32Array.from({ length: n }, () => rng.int(rows));
    }
    return {
        withReplacement,
        assetsUsd: Float64Array.from(index, (r) => pool.assetsUsd[r]),
        education: Float64Array.from(index, (r) => pool.education[r]),
        incomeUsd: Float64Array.from(index, (r) => pool.incomeUsd[r]),
        poolRow: Int32Array.from(index, (r) => pool.rowIndex[r]),
    };
}
//# sourceMappingURL=households.js.map