/**
 * The classical rows of the paper's table: free market, Saez and US federal 2022 governments
 * against behaviour-cloned households, at N = 100 and 1,000, over several seeds.
 */
import { type Table } from '../data/frames.js';
import type { GovernmentTask, Preset } from '../economy/config.js';
import { type Evaluation } from './evaluate.js';
export declare const CLASSICAL_GOVERNMENTS: readonly ["free-market", "saez", "us-federal-2022"];
/** The authors' numbers (paper-results.md, their code on this machine, gdp task), for side-by-side tables. */
export declare const AUTHORS_CLASSICAL: {
    government: string;
    n: number;
    seed: string;
    years: string;
    governmentReward: string;
    socialWelfare: string;
    gdpPerHousehold: string;
    incomeGini: string;
    wealthGini: string;
}[];
export declare function authorsClassicalTable(): Table;
export interface ClassicalOptions {
    ns?: number[];
    seeds?: number | number[];
    episodes?: number;
    households?: string;
    governments?: string[];
    task?: GovernmentTask;
    preset?: Preset;
    onProgress?: (label: string, done: number, total: number) => void;
}
export interface ClassicalResult {
    evaluations: Evaluation[];
    /** One row per (government, N): mean and 95 % half-width of every metric. */
    table: Table;
}
export declare function classicalComparison(options?: ClassicalOptions): ClassicalResult;
