/**
 * An economy on the project's shipped data in one call: the SCF 2022 household sample and the
 * US 2022 macro calibration, households drawn with the economy's own seeded RNG.
 */
import { Economy } from '../economy/economy.js';
import type { EconomyConfig } from '../economy/config.js';
import type { MacroCalibration } from '../economy/macro.js';
export interface EconomyData {
    /** Household file (default: the shipped sample); the full SCF summary extract works too. */
    householdsPath?: string;
    macro?: MacroCalibration;
}
export declare function createEconomy(config: Partial<EconomyConfig> & {
    n: number;
}, data?: EconomyData): Economy;
