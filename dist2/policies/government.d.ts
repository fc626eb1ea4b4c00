/**
 * Government policies behind one small interface: each year, given the economy, a policy returns
 * the raw 5-vector action (tax and spending instruments, clipped and scaled by the economy) and
 * optionally a tax system that replaces the HSV taxes (real bracket schedules).
 */
import type { Economy } from '../economy/economy.js';
import { type BracketSchedule, type TaxSystem } from '../economy/tax.js';
export interface GovernmentDecision {
    action: Float64Array;
    taxSystem?: TaxSystem;
}
export interface GovernmentPolicy {
    name: string;
    /** Called after every reset (adaptive policies clear their state). */
    reset?(economy: Economy): void;
    decide(economy: Economy): GovernmentDecision;
}
/**
 * The authors' free market: the all-zero action. The economy clips it to 0.001 before scaling,
 * so a tiny HSV tax (tau = 2e-4, xi = 5e-5), spending of 3e-4 GDP and the 6.5 % consumption tax
 * remain, unless the economy's exactFreeMarket correction is on.
 */
export declare function freeMarket(): GovernmentPolicy;
/**
 * A real bracket schedule on income, no wealth tax, and the free market's (clipped all-zero)
 * spending action, as the authors run their US federal baseline.
 */
export declare function bracketSchedulePolicy(schedule: BracketSchedule): GovernmentPolicy;
/** A constant raw action (HSV taxes), e.g. for tests or a hand-set policy. */
export declare function constantAction(values: ArrayLike<number>, name?: string): GovernmentPolicy;
