export declare const GLOBAL_OBSERVATION_NAMES: readonly ["top10MeanWealth", "top10MeanIncome", "top10MeanAbility", "bottom50MeanWealth", "bottom50MeanIncome", "bottom50MeanAbility"];
/**
 * The six global numbers, in GLOBAL_OBSERVATION_NAMES order, from rank orders of wealth and
 * income (ascending, ties by descending index: see sort.ts). Groups as the authors form them:
 * the top floor(0.1 N) and everyone below rank floor(0.5 N) of a descending stable sort — by
 * wealth for the wealth means, by income for the income and ability means. An empty group
 * (N < 10 for the top 10 %) has mean 0.
 */
export declare function globalObservationInOrder(wealth: Float64Array, wealthOrder: Int32Array, income: Float64Array, incomeOrder: Int32Array, ability: Float64Array, out?: Float64Array): Float64Array;
/** The same from unsorted values (sorts them; the economy keeps its orders between years instead). */
export declare function globalObservation(wealth: Float64Array, income: Float64Array, ability: Float64Array, out?: Float64Array): Float64Array;
/** Private observations (e_i, a_i) interleaved: [e_0, a_0, e_1, a_1, ...]. */
export declare function privateObservation(ability: Float64Array, wealth: Float64Array, out?: Float64Array): Float64Array;
