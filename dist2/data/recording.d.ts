export interface Recording {
    folder: string;
    n: number;
    steps: number;
    taxModule: 'ai_agent' | 'us_federal';
    /** Steps preceded by a reset. */
    resets: Set<number>;
    households: {
        assetsUsd: Float64Array;
        education: Float64Array;
        incomeUsd: Float64Array;
        scfRow: Int32Array;
    };
    /** Raw government action per step (5 each). */
    governmentActions: Float64Array[];
    /** Raw household actions per step. */
    savingShare: Float64Array[];
    workShare: Float64Array[];
    /** Ability of each household in each step (after the transition). */
    abilities: Float64Array[];
    /** Abilities drawn by the reset before a step. */
    resetAbilities: Map<number, Float64Array>;
    /** Expected aggregates: column -> value per step. */
    expectedAggregates: Map<string, Float64Array>;
    /** Expected per-household values: column -> [step][household]. */
    expectedHouseholds: Map<string, Float64Array[]>;
    /** The six global observations right after the first reset, when recorded. */
    firstResetGlobalObservation: Float64Array | null;
}
export declare function readRecording(folder: string): Recording;
