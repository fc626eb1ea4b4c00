import type { HouseholdPool } from '../economy/households.js';
export declare const SHIPPED_HOUSEHOLD_SAMPLE = "households/scf2022-sample.csv";
/** The columns the economy needs; a file lacking one gets an error naming it. */
export declare const REQUIRED_HOUSEHOLD_COLUMNS: readonly ["WGT", "EDUC", "INCOME", "ASSET"];
/**
 * Load survey households. Without a path, the shipped sample. Rows with a non-positive survey
 * weight or education level are rejected with an error naming the line.
 */
export declare function loadHouseholdPool(path?: string): HouseholdPool;
