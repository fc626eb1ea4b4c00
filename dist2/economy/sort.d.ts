/**
 * Rank orders of Float64Arrays. An order is an Int32Array of indices that lists the values
 * ascending, equal values by descending index: read backwards it is Python's stable
 * `sorted(..., reverse=True)`, the order in which the authors group households.
 *
 * Every year the economy needs the order of incomes (Gini and observation) and of wealth (Gini,
 * and the observation of next year's assets). Both change little from one use to the next
 * (post-tax income is monotone in income, this year's post-tax wealth in last year's assets),
 * so `sortBy` first checks, in one pass, whether the order it is given already sorts the values,
 * and sorts only when it does not.
 */
/** Whether `order` lists `values` ascending, equal values by descending index (NaN never is). */
export declare function isSortedBy(values: Float64Array, order: Int32Array): boolean;
export declare class IndexSorter {
    readonly capacity: number;
    private readonly keys;
    private readonly keysScratch;
    private readonly indexScratch;
    /** Two interleaved histograms per digit, so that runs of equal digits do not serialise the counting. */
    private readonly counts;
    /** Scratch for arrays up to `capacity` long (longer ones get a one-off allocation). */
    constructor(capacity: number);
    /** Makes `order` sort `values` (see the module comment); returns whether it had to sort. */
    sortBy(values: Float64Array, order: Int32Array): boolean;
    /** Writes into `order` the indices of `values` ascending, equal values by descending index. */
    argsort(values: Float64Array, order: Int32Array): Int32Array;
    /**
     * LSD radix sort on the high 32 bits of the IEEE-754 pattern, mapped to signed integers whose
     * order is the numeric order (-0 mapped onto +0). Stable, fed indices in descending order.
     * Returns the sorted keys.
     */
    private radixByHighWord;
    private allShareDigit;
}
