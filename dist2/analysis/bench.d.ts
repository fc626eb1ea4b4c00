export interface BenchRow {
    n: number;
    /** Median microseconds per household-step. */
    usPerHouseholdStep: number;
    householdStepsPerSecond: number;
    /** Median milliseconds of one step (one year of all N households). */
    msPerStep: number;
    /** Median milliseconds of one reset. */
    msPerReset: number;
    /** Speed-up over the authors' Python at 8 us per household-step (the fast end of 8-12 us). */
    speedupVsAuthors: number;
    steps: number;
}
export declare const AUTHORS_US_PER_HOUSEHOLD_STEP = 8;
export interface BenchOptions {
    sizes?: number[];
    /** Wall-time budget per size in milliseconds (at least 5 steps are always timed). */
    budgetMs?: number;
    onRow?: (row: BenchRow) => void;
}
export declare function benchEconomy(options?: BenchOptions): BenchRow[];
