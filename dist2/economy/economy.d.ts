/**
 * The simulated economy: N households, a government, a market that clears and a bank.
 * One `step` is one year. State lives in typed arrays owned by the Economy; the per-household
 * arrays it exposes are overwritten by the next step (copy them to keep them).
 */
import { type EconomyConfig } from './config.js';
import { Rng } from './rng.js';
import type { InitialHouseholds } from './households.js';
import { type GovernmentInstruments } from './government.js';
import { type TaxSystem } from './tax.js';
import { type MacroCalibration } from './macro.js';
/** Raw household actions (clipped inside the step): saving share p_i and work share h~_i. */
export interface HouseholdActions {
    savingShare: ArrayLike<number>;
    workShare: ArrayLike<number>;
}
export interface StepOptions {
    /** Replaces the HSV taxes driven by the government action (bracket schedules, Saez, none). */
    taxSystem?: TaxSystem;
    /** Abilities to use this year instead of drawing them (replay of a recording). */
    abilities?: ArrayLike<number>;
}
export interface ResetOptions {
    /** Abilities to use after the reset instead of drawing the reset transition. */
    abilities?: ArrayLike<number>;
}
/** Aggregates of one year. Money in USD, hours per year. */
export interface YearResult {
    /** Year of the episode, 1-based. */
    year: number;
    done: boolean;
    /** Why the episode ended, when it did. */
    doneReason: string | null;
    gdp: number;
    gdpPerHousehold: number;
    wageRate: number;
    capital: number;
    debt: number;
    labor: number;
    capitalNext: number;
    debtNext: number;
    incomeGini: number;
    wealthGini: number;
    meanConsumption: number;
    meanWorkShare: number;
    meanHours: number;
    governmentReward: number;
    meanHouseholdReward: number;
    /** Sum of household rewards this year. */
    socialWelfare: number;
    meanIncome: number;
    meanPostTaxIncome: number;
    meanIncomeTax: number;
    meanWealthTax: number;
    totalTax: number;
    governmentSpending: number;
    totalAssets: number;
    totalAssetsNext: number;
    consumptionTaxRate: number;
    superstars: number;
    meanAbility: number;
    /** Whether consumption demand exceeded output and was scaled down. */
    consumptionRationed: boolean;
    instruments: GovernmentInstruments;
}
export interface Observation {
    /** Six global numbers (see GLOBAL_OBSERVATION_NAMES). */
    global: Float64Array;
    /** (e_i, a_i) interleaved, length 2N. */
    private: Float64Array;
}
export declare class EpisodeEndedError extends Error {
    constructor();
}
export declare class Economy {
    readonly config: EconomyConfig;
    readonly n: number;
    readonly macro: MacroCalibration;
    readonly rng: Rng;
    private initial;
    private readonly drawHouseholds;
    private ability0;
    private abilityState;
    readonly ability: Float64Array;
    readonly assets: Float64Array;
    readonly assetsNext: Float64Array;
    readonly income: Float64Array;
    readonly incomeTax: Float64Array;
    readonly wealthTax: Float64Array;
    readonly postTaxIncome: Float64Array;
    readonly postTaxAssets: Float64Array;
    readonly consumption: Float64Array;
    readonly savingShare: Float64Array;
    readonly workShare: Float64Array;
    readonly hours: Float64Array;
    readonly householdReward: Float64Array;
    capital: number;
    capitalNext: number;
    debt: number;
    debtNext: number;
    gdp: number;
    gdpPerHousehold: number;
    labor: number;
    year: number;
    done: boolean;
    private everReset;
    private readonly sorter;
    /**
     * Rank orders kept from one use to the next (see sort.ts): of wealth (post-tax assets in the
     * step, next year's assets in the observation, which are next step's order) and of income.
     */
    private readonly wealthOrder;
    private readonly incomeOrder;
    private readonly observationBuffers;
    /** Whether the observation buffers describe the current year (computed when first read). */
    private observationCurrent;
    /**
     * @param households the N households at reset, or a function drawing them (called once at
     *   construction, and at every reset when config.resampleOnReset)
     */
    constructor(config: Partial<EconomyConfig> & {
        n: number;
    }, households: InitialHouseholds | ((rng: Rng) => InitialHouseholds), macro: MacroCalibration);
    /** The households the next reset starts from. */
    get initialHouseholds(): InitialHouseholds;
    /**
     * Start a new episode: restore the households (assets, income, abilities) and the macro
     * aggregates, then apply one ability transition, as the authors do.
     */
    reset(options?: ResetOptions): Observation;
    /** One year: abilities move, the government and households act, the market clears. */
    step(governmentAction: ArrayLike<number>, households: HouseholdActions, options?: StepOptions): YearResult;
    /** Gini of N wealth or income values (the authors' formula), re-using that quantity's rank order. */
    private readonly giniOf;
    /** Household utility u = c^(1-theta)/(1-theta) - w h~^(1+gamma)/(1+gamma) through a sigmoid; returns the sum. */
    private householdRewards;
    private nextAbility;
    /**
     * What the agents observe now: from this year's incomes and next year's assets. Computed when
     * first read after a step (policies that do not observe, such as the classical governments,
     * do not pay for it); the buffers are overwritten by the next read after a step.
     */
    get observation(): Observation;
}
