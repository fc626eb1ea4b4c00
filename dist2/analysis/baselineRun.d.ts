import type { EconomyConfig } from '../economy/config.js';
import { type Episode } from './episode.js';
export declare const BASELINE_GOVERNMENTS: readonly ["free-market", "us-federal-2022"];
export interface BaselineRunOptions {
    config: Partial<EconomyConfig> & {
        n: number;
    };
    /** Households by name (see HOUSEHOLD_NAMES). */
    households: string;
    onYear?: (government: string, year: number) => void;
}
export declare function runBaselines(options: BaselineRunOptions): Episode[];
