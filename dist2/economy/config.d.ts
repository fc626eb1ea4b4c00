/**
 * The economy's configuration: calibrated parameters, the government task, and the named
 * corrections of the authors' quirks. Two presets: `paper` (the authors' behaviour exactly,
 * the default) and `calibrated` (survey-weighted households plus every correction).
 */
export declare const GOVERNMENT_TASKS: readonly ["gdp", "gini", "social_welfare", "gdp_gini"];
export type GovernmentTask = (typeof GOVERNMENT_TASKS)[number];
export declare const PRESETS: readonly ["paper", "calibrated"];
export type Preset = (typeof PRESETS)[number];
/** How the N households are drawn from the survey. */
export declare const SAMPLINGS: readonly ["unweighted", "weighted"];
export type Sampling = (typeof SAMPLINGS)[number];
/** Initial production capital K0. */
export declare const INITIAL_CAPITALS: readonly ["gdpShare", "householdAssets"];
export type InitialCapital = (typeof INITIAL_CAPITALS)[number];
/** Units of the macro calibration: per person (authors) or per household. */
export declare const MACRO_UNITS: readonly ["perPerson", "perHousehold"];
export type MacroUnit = (typeof MACRO_UNITS)[number];
/** Where a super-star returning to normal lands. */
export declare const SUPERSTAR_RETURNS: readonly ["authors", "normalRange"];
export type SuperstarReturn = (typeof SUPERSTAR_RETURNS)[number];
/** What the gdp task rewards. */
export declare const GDP_REWARDS: readonly ["capitalGrowth", "outputGrowth"];
export type GdpReward = (typeof GDP_REWARDS)[number];
export interface EconomyConfig {
    /** Number of households N. */
    n: number;
    /** Seed of the economy's random number generator. */
    seed: number;
    preset: Preset;
    task: GovernmentTask;
    /** Episode length T in years. */
    episodeYears: number;
    /** Capital share alpha in Cobb-Douglas output. */
    alpha: number;
    /** Total factor productivity A. */
    tfp: number;
    /** Bank interest rate r per year. */
    interestRate: number;
    /** Declared by the authors, unused in the step (kept for completeness). */
    depreciationRate: number;
    /** Consumption tax rate tau_c. */
    consumptionTaxRate: number;
    /** Relative risk aversion theta (1 = log utility). */
    crra: number;
    /** Inverse Frisch elasticity gamma. */
    inverseFrisch: number;
    /** Weight of the labour disutility in household utility. */
    laborDisutilityWeight: number;
    /** Consumption unit inside the log utility (USD). */
    consumptionScaleUsd: number;
    /** Log-ability AR(1) persistence rho_e. */
    abilityPersistence: number;
    /** Log-ability shock standard deviation sigma_e. */
    abilityShockSd: number;
    /** Yearly probability normal -> super-star p_e. */
    superstarEntryProb: number;
    /** Yearly probability super-star stays super-star q_e. */
    superstarStayProb: number;
    /** Super-star ability as a multiple of the mean normal ability. */
    superstarMultiplier: number;
    /** Scale of the income-tax level action tau (and wealth tax tau_a). */
    tauMax: number;
    /** Scale of the progressivity action xi (and xi_a). */
    xiMax: number;
    /** Scale of the spending action: G = g Y with g up to this value. */
    spendingMax: number;
    /** Lower and upper clip bound of every action entry. */
    actionClipLow: number;
    actionClipHigh: number;
    /** Maximum hours per year: 8760 x 2/3 x 2/3. */
    maxHoursPerYear: number;
    /** Weight w of the Gini product in the gdp_gini task. */
    giniWeight: number;
    sampling: Sampling;
    initialCapital: InitialCapital;
    macroUnit: MacroUnit;
    superstarReturn: SuperstarReturn;
    gdpReward: GdpReward;
    /** Draw new households at every reset instead of restoring the ones drawn at construction. */
    resampleOnReset: boolean;
    /** Free market means no tax at all (no HSV floor, no consumption tax) instead of the clipped all-zero action. */
    exactFreeMarket: boolean;
}
/** What each preset sets on top of the base parameters. */
export declare const PRESET_OVERRIDES: Record<Preset, Partial<EconomyConfig>>;
export declare class ConfigError extends Error {
    constructor(message: string);
}
type FieldRule = {
    kind: 'number';
    min: number;
    max: number;
    integer?: boolean;
    minExclusive?: boolean;
} | {
    kind: 'enum';
    values: readonly string[];
} | {
    kind: 'boolean';
};
/** The allowed values of a field, as a user would read them in an error message. */
export declare function describeRule(rule: FieldRule): string;
/**
 * Build a full, validated configuration from a preset and user overrides.
 * Unknown fields, wrong types and out-of-range values get a ConfigError naming the field
 * and the allowed values.
 */
export declare function makeConfig(overrides: Partial<EconomyConfig> & {
    n: number;
}): EconomyConfig;
export {};
