/**
 * The adaptive Saez government (Saez 2001 optimal marginal rates, as in the AI Economist's
 * PeriodicBracketTax planner that the authors port). Every `periodYears` it re-sets the marginal
 * rates of a few income brackets from the incomes it has observed:
 *
 *   tau(z) = (1 - G(z)) / (1 - G(z) + A(z) e)
 *
 * with G(z) the mean welfare weight of incomes above z relative to the population's (weights
 * 1/z: inverse-income), A(z) = z h(z) / (1 - H(z)) the local Pareto parameter of the income
 * distribution, and e the elasticity of taxable income, estimated by OLS of log z on
 * log(1 - tau) over the observed (income, marginal rate) pairs and smoothed over periods.
 * Rates are computed on fine income bins, then averaged into the brackets. Before it has seen
 * `bufferSize` incomes it draws the bracket rates uniformly (the planner's exploration).
 * No wealth tax; the action keeps the free market's (clipped all-zero) spending.
 */
import type { Economy } from '../economy/economy.js';
import type { TaxSystem } from '../economy/tax.js';
import type { GovernmentPolicy } from './government.js';
export interface SaezOptions {
    /** Bracket lower bounds, USD (the authors: 0, 1e6, 2e6, 3e6, 4e6; the last bracket is open). */
    bracketCutoffsUsd?: number[];
    /** Estimation bins between 0 and the top cutoff. */
    estimationBins?: number;
    /** Observed (income, marginal rate) pairs kept (first in, first out). */
    bufferSize?: number;
    /** Years between two re-settings of the rates. */
    periodYears?: number;
    /** Initial elasticity and the weight of the old estimate when smoothing. */
    initialElasticity?: number;
    elasticitySmoothing?: number;
    /** Fixed elasticity instead of the estimate. */
    fixedElasticity?: number | null;
    rateMin?: number;
    rateMax?: number;
    /** Seed of the initial random rates. */
    seed?: number;
}
export interface SaezState {
    rates: number[];
    elasticity: number;
    /** Position in the tax period, 1-based (rates are re-set when it is 1). */
    cyclePosition: number;
    buffered: number;
    reachedMinSamples: boolean;
    /** Years in which the rates were set, and how (random exploration or Saez formula). */
    history: {
        call: number;
        rates: number[];
        elasticity: number;
        source: 'random' | 'saez';
    }[];
}
export declare class SaezGovernment implements GovernmentPolicy {
    readonly name = "Saez";
    private readonly o;
    private readonly rng;
    private readonly cutoffs;
    private readonly bracketSizes;
    private readonly binEdges;
    private readonly binWidth;
    private readonly incomes;
    private readonly marginals;
    private count;
    private head;
    private rates;
    private elasticity;
    private cyclePosition;
    private calls;
    private reachedMinSamples;
    readonly history: SaezState['history'];
    private readonly action;
    private readonly taxSystem;
    constructor(options?: SaezOptions);
    /** Called before each year: re-sets the rates at the start of every period. */
    decide(_economy: Economy): {
        action: Float64Array;
        taxSystem: TaxSystem;
    };
    /** Current marginal rate of each bracket (capped at rateMax). */
    get marginalRates(): number[];
    get bracketCutoffs(): number[];
    state(): SaezState;
    /** Tax due on one income: sum over brackets of rate x income inside the bracket. */
    taxDue(income: number): number;
    /** Marginal rate of the bracket an income falls in (0 below zero). */
    marginalRate(income: number): number;
    /** Adds this year's incomes (and their marginal rates under the current schedule) to the buffer. */
    private observe;
    private buffer;
    private setRates;
    /** OLS of log z on [log(1 - tau), 1]; the slope is the elasticity, smoothed with the old estimate. */
    private estimateElasticity;
    /** Saez rate on each estimation bin (and the open top bin), gaps filled by linear interpolation. */
    binMarginalRates(z: Float64Array, elasticity: number): number[];
    /** Average the bin rates over each bracket; the open top bracket takes the top bin's rate. */
    private bracketize;
}
export declare function saezGovernment(options?: SaezOptions): SaezGovernment;
