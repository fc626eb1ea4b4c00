/**
 * Household policies that do not learn: fixed shares, uniform random shares, and the thrifty rule
 * of the authors' surviving recording (save 95-100 % of income, work a random share).
 * A household policy writes every household's raw saving and work share each year.
 */
import type { Economy, HouseholdActions } from '../economy/economy.js';
import { Rng } from '../economy/rng.js';

export interface HouseholdPolicy {
  name: string;
  reset?(economy: Economy): void;
  /** Called each year with the government's raw action before act() (learned followers respond to it). */
  observeGovernment?(action: ArrayLike<number>): void;
  /** Fill the actions of all N households for this year. */
  act(economy: Economy, out: { savingShare: Float64Array; workShare: Float64Array }): void;
  /**
   * For a policy that draws each share from a normal distribution (before the economy clips it):
   * the mean and standard deviation of every household's shares this year, independent draws.
   * Lets the equilibrium layer integrate over the draws instead of sampling them.
   */
  /**
   * True for a policy that acts on its own history (a recurrent network's state), not only on
   * this year's observation: it has no value at a bare (ability, wealth) state.
   */
  historyDependent?: boolean;
  gaussianShares?(economy: Economy, mean: { savingShare: Float64Array; workShare: Float64Array }, sd: { savingShare: Float64Array; workShare: Float64Array }): void;
}

export function newHouseholdActions(n: number): HouseholdActions & { savingShare: Float64Array; workShare: Float64Array } {
  return { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
}

function checkShare(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a share in [0, 1], got ${value}`);
  return value;
}

export function fixedShares(savingShare: number, workShare: number): HouseholdPolicy {
  checkShare('savingShare', savingShare);
  checkShare('workShare', workShare);
  return {
    name: `fixed (save ${savingShare}, work ${workShare})`,
    act(_economy, out) {
      out.savingShare.fill(savingShare);
      out.workShare.fill(workShare);
    },
  };
}

/** Shares drawn uniformly each year from [savingLow, savingHigh] and [workLow, workHigh]. */
export function randomShares(seed: number, saving: [number, number] = [0, 1], work: [number, number] = [0, 1], name = 'random'): HouseholdPolicy {
  for (const [label, [lo, hi]] of [['saving', saving], ['work', work]] as const) {
    checkShare(`${label} lower bound`, lo);
    checkShare(`${label} upper bound`, hi);
    if (lo > hi) throw new RangeError(`${label} range [${lo}, ${hi}] is empty`);
  }
  const rng = new Rng(seed);
  return {
    name,
    act(_economy, out) {
      for (let i = 0; i < out.savingShare.length; i++) {
        out.savingShare[i] = rng.uniformIn(saving[0], saving[1]);
        out.workShare[i] = rng.uniformIn(work[0], work[1]);
      }
    },
  };
}

/** The rule of the authors' surviving recording: save 95-100 % of income, work a uniform random share. */
export function thriftyHouseholds(seed: number): HouseholdPolicy {
  return randomShares(seed, [0.95, 1], [0, 1], 'thrifty (save 95-100 %, random work)');
}
