import { type GovernmentPolicy } from './government.js';
import { type HouseholdPolicy } from './households.js';
export declare class UnknownPolicyError extends Error {
    constructor(message: string);
}
export declare const GOVERNMENT_NAMES: readonly ["free-market", "us-federal-2022", "saez", "us-federal-<year>-<filing status>"];
/** A government policy factory (seed -> fresh policy) by name. */
export declare function governmentByName(name: string): (seed: number) => GovernmentPolicy;
export declare const HOUSEHOLD_NAMES: readonly ["bc", "bc-mean", "thrifty", "random", "fixed"];
/** A household policy factory (seed -> fresh policy) by name. */
export declare function householdsByName(name: string): (seed: number) => HouseholdPolicy;
