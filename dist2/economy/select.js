"use strict";
/**
 * Order statistics without a full sort: thresholds of the top-k groups by quickselect
 * (expected O(n)), with ties broken by index as Python's stable `sorted(..., reverse=True)` does.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.selectInPlace = selectInPlace;
exports.topGroupSums = topGroupSums;
/** Rearranges a[lo..hi] so that a[target] holds the value a sort would put there (Hoare quickselect). */
function selectInPlace(a, lo, hi, target) {
    while (hi > lo) {
        const mid = (lo + hi) >>> 1;
        if (a[mid] < a[lo])
            swap(a, mid, lo);
        if (a[hi] < a[lo])
            swap(a, hi, lo);
        if (a[hi] < a[mid])
            swap(a, hi, mid);
        const pivot = a[mid];
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                swap(a, i, j);
                i++;
                j--;
            }
        }
        if (target <= j)
            hi = j;
        else if (target >= i)
            lo = i;
        else
            return a[target];
    }
    return a[target];
}
function swap(a, i, j) {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
}
/**
 * Sums of `keys` and `companion` over the top k members by key and over the members outside the
 * top m (k <= m), ties at a threshold taken in index order. Two quickselects share one scratch copy: the m-th largest splits
 * the array, and the k-th largest lies in the upper part.
 */
function topGroupSums(keys, companion, k, m, scratch, out) {
    const n = keys.length;
    out.topKKey = out.topKCompanion = out.restKey = out.restCompanion = 0;
    const a = scratch.subarray(0, n);
    a.set(keys);
    const thresholdM = m > 0 ? selectInPlace(a, 0, n - 1, n - m) : Infinity;
    const thresholdK = k > 0 ? selectInPlace(a, n - m, n - 1, n - k) : Infinity;
    let aboveK = 0;
    let aboveM = 0;
    for (let i = 0; i < n; i++) {
        const key = keys[i];
        if (key > thresholdK)
            aboveK++;
        if (key > thresholdM)
            aboveM++;
    }
    let tiesK = k - aboveK;
    let tiesM = m - aboveM;
    for (let i = 0; i < n; i++) {
        const key = keys[i];
        const c = companion === null ? 0 : companion[i];
        if (key > thresholdK || (key === thresholdK && tiesK-- > 0)) {
            out.topKKey += key;
            out.topKCompanion += c;
        }
        if (!(key > thresholdM || (key === thresholdM && tiesM-- > 0))) {
            out.restKey += key;
            out.restCompanion += c;
        }
    }
    return out;
}
//# sourceMappingURL=select.js.map