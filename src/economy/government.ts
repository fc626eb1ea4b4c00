/**
 * The government's action: a vector of instruments, each entry clipped to [0.001, 0.99] then scaled into
 * the policy instruments (income tax level and progressivity, wealth tax level and
 * progressivity, spending share of GDP, lump-sum transfers as a share of GDP).
 *
 * The paper's five come first and are required; an action of those five alone (every recording and
 * every policy written before the transfer) pays no transfer. The transfer's entry is clipped to
 * [0, 0.99], so that a raw 0 pays nothing.
 */
import type { EconomyConfig } from './config.js';

export interface GovernmentInstruments {
  /** Income tax level tau. */
  tau: number;
  /** Income tax progressivity xi. */
  xi: number;
  /** Wealth tax level tau_a. */
  tauA: number;
  /** Wealth tax progressivity xi_a. */
  xiA: number;
  /** Public spending as a share of GDP, g. */
  spendingShare: number;
  /** Lump-sum transfers as a share of GDP, paid in equal amounts to every household. */
  transferShare: number;
  /** Whether the raw action was all zeros (the free-market government). */
  allZero: boolean;
}

/** The instruments, in the order of the action's entries (spaces.ts: GOVERNMENT_ACTION). */
export const GOVERNMENT_ACTION_NAMES = ['tau', 'xi', 'tauA', 'xiA', 'spendingShare', 'transferShare'] as const;
const SIZE = GOVERNMENT_ACTION_NAMES.length;
/** The paper's instruments, required in every action. */
const REQUIRED = 5;

export function decodeGovernmentAction(action: ArrayLike<number>, config: EconomyConfig): GovernmentInstruments {
  if (!action || action.length < REQUIRED || action.length > SIZE) {
    throw new RangeError(`the government action must have ${REQUIRED} to ${SIZE} entries (${GOVERNMENT_ACTION_NAMES.join(', ')}; those not given are 0), got ${action?.length}`);
  }
  const { actionClipLow: lo, actionClipHigh: hi } = config;
  const u = new Array<number>(SIZE).fill(0);
  let allZero = true;
  for (let i = 0; i < action.length; i++) {
    const x = action[i];
    if (Number.isNaN(x)) throw new RangeError(`government action entry ${i} (${GOVERNMENT_ACTION_NAMES[i]}) is NaN`);
    u[i] = Math.min(Math.max(x, i < REQUIRED ? lo : 0), hi);
    allZero &&= x === 0;
  }
  return {
    tau: u[0] * config.tauMax,
    xi: u[1] * config.xiMax,
    tauA: u[2] * config.tauMax,
    xiA: u[3] * config.xiMax,
    spendingShare: u[4] * config.spendingMax,
    transferShare: u[5] * config.transferMax,
    allZero,
  };
}
