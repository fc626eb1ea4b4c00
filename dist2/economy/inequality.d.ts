/**
 * Inequality measures over a population of N values: Gini, Lorenz curve, income shares.
 * All take an already sorted ascending copy or sort into a scratch buffer, never the input.
 */
/** Added to every value before the Gini, as the authors do, so an all-zero economy has Gini 0. */
export declare const GINI_OFFSET = 1e-7;
/**
 * Gini coefficient as the authors compute it:
 *   G = sum_i (2i - n - 1) x_(i) / (n sum_i x_(i)),  x_(i) sorted ascending, i = 1..n,
 * after adding GINI_OFFSET to every value.
 */
export declare function giniOfSorted(sorted: ArrayLike<number>): number;
/** The same Gini, of values listed ascending by `order` (see sort.ts); identical arithmetic. */
export declare function giniInOrder(values: Float64Array, order: Int32Array): number;
/** Gini of unsorted values; `scratch` (length >= n) avoids an allocation on the hot path. */
export declare function gini(values: ArrayLike<number>, scratch?: Float64Array): number;
export declare function sortedCopy(values: ArrayLike<number>, scratch?: Float64Array): Float64Array;
/**
 * The Lorenz curve of sorted (ascending) values as a function: the share of the total held by the
 * poorest p of the population, linear within a household. An all-zero population is equal.
 */
export declare function lorenzOfSorted(sorted: ArrayLike<number>): (populationShare: number) => number;
/** Lorenz curve points at the given population shares. */
export declare function lorenzPoints(values: ArrayLike<number>, populationShares: ArrayLike<number>): {
    population: number;
    share: number;
}[];
/** Share of the total held by the top `fraction` of the population (e.g. 0.1 for the top 10 %). */
export declare function topShare(values: ArrayLike<number>, fraction: number): number;
/** Share of the total held by the bottom `fraction` of the population (e.g. 0.5 for the bottom 50 %). */
export declare function bottomShare(values: ArrayLike<number>, fraction: number): number;
