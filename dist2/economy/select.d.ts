/**
 * Order statistics without a full sort: thresholds of the top-k groups by quickselect
 * (expected O(n)), with ties broken by index as Python's stable `sorted(..., reverse=True)` does.
 */
/** Rearranges a[lo..hi] so that a[target] holds the value a sort would put there (Hoare quickselect). */
export declare function selectInPlace(a: Float64Array, lo: number, hi: number, target: number): number;
/** Sums of a key and a companion value over the k largest and over everyone outside the m largest (k <= m). */
export interface TopGroupSums {
    topKKey: number;
    topKCompanion: number;
    restKey: number;
    restCompanion: number;
}
/**
 * Sums of `keys` and `companion` over the top k members by key and over the members outside the
 * top m (k <= m), ties at a threshold taken in index order. Two quickselects share one scratch copy: the m-th largest splits
 * the array, and the k-th largest lies in the upper part.
 */
export declare function topGroupSums(keys: ArrayLike<number>, companion: ArrayLike<number> | null, k: number, m: number, scratch: Float64Array, out: TopGroupSums): TopGroupSums;
