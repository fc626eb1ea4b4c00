/**
 * An economy on the project's shipped data in one call: the SCF 2022 household sample and the
 * US 2022 macro calibration, households drawn with the economy's own seeded RNG.
 */
import { Economy } from '../economy/economy.js';
import type { EconomyConfig } from '../economy/config.js';
import { makeConfig } from '../economy/config.js';
import { drawHouseholds, type HouseholdPool } from '../economy/households.js';
import type { MacroCalibration } from '../economy/macro.js';
import { loadHouseholdPool } from './households.js';
import { loadMacroCalibration } from './macro.js';

const poolCache = new Map<string, HouseholdPool>();

export interface EconomyData {
  /** Household file (default: the shipped sample); the full SCF summary extract works too. */
  householdsPath?: string;
  macro?: MacroCalibration;
}

export function createEconomy(config: Partial<EconomyConfig> & { n: number }, data: EconomyData = {}): Economy {
  const full = makeConfig(config);
  const key = data.householdsPath ?? '<shipped>';
  let pool = poolCache.get(key);
  if (!pool) {
    pool = loadHouseholdPool(data.householdsPath);
    poolCache.set(key, pool);
  }
  const households = pool;
  return new Economy(full, (rng) => drawHouseholds(households, full.n, full.sampling, rng), data.macro ?? loadMacroCalibration());
}
