import { type Mlp } from '../learning/mlp.js';
import { type FeatureScaling } from '../learning/cloneFeatures.js';
import type { HouseholdPolicy } from './households.js';
export declare const SHIPPED_CLONE = "models/bc-households";
export interface ClonedHouseholdOptions {
    seed?: number;
    /** Take the mean action instead of sampling (default: sample, like the authors). */
    deterministic?: boolean;
    /** Model folder (default: the shipped clone). */
    folder?: string;
}
export declare function loadClone(folder?: string): {
    mlp: Mlp;
    scaling: FeatureScaling;
};
export declare function clonedHouseholds(options?: ClonedHouseholdOptions): HouseholdPolicy;
