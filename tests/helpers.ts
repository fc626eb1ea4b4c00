/** Shared test helpers: tiny economies with hand-set households, tolerance checks. */
import assert from 'node:assert/strict';
import { Economy } from '../src/economy/economy.js';
import type { EconomyConfig } from '../src/economy/config.js';
import { loadMacroCalibration } from '../src/data/macro.js';

export function assertClose(actual: number, expected: number, relTol = 1e-12, message = ''): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) / scale <= relTol, `${message} expected ${expected}, got ${actual} (rel err ${Math.abs(actual - expected) / scale})`);
}

/** An economy of hand-set households (assets, education, income) on the US 2022 calibration. */
export function handEconomy(households: { assets: number[]; education: number[]; income: number[] }, config: Partial<EconomyConfig> = {}): Economy {
  const n = households.assets.length;
  return new Economy(
    { n, ...config },
    {
      assetsUsd: Float64Array.from(households.assets),
      education: Float64Array.from(households.education),
      incomeUsd: Float64Array.from(households.income),
      poolRow: new Int32Array(n).fill(-1),
    },
    loadMacroCalibration(),
  );
}
