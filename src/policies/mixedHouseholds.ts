/**
 * Households of which a share does not adopt a policy: every year both policies act for the whole
 * population and each household takes its own group's action. Who does not adopt is drawn once
 * (seeded, without replacement), so the same households keep their choice all episode. Used for
 * the paper's robustness experiment: non-adopters behave as the behaviour-cloned households do.
 */
import type { Economy } from '../economy/economy.js';
import { Rng } from '../economy/rng.js';
import { newHouseholdActions, type HouseholdPolicy } from './households.js';

export interface MixedHouseholds extends HouseholdPolicy {
  /** 1 for a household that does not adopt, 0 for an adopter (set at reset, per economy). */
  readonly nonAdopter: Uint8Array;
}

export function mixedHouseholds(adopters: HouseholdPolicy, others: HouseholdPolicy, nonAdopterShare: number, seed: number): MixedHouseholds {
  if (!(nonAdopterShare >= 0 && nonAdopterShare <= 1)) throw new RangeError(`nonAdopterShare must be a share in [0, 1], got ${nonAdopterShare}`);
  let nonAdopter = new Uint8Array(0);
  let theirs = newHouseholdActions(0);
  const policy: MixedHouseholds = {
    name: `${adopters.name}, ${Math.round(100 * nonAdopterShare)} % as ${others.name}`,
    get nonAdopter() {
      return nonAdopter;
    },
    reset(economy: Economy) {
      const n = economy.n;
      nonAdopter = new Uint8Array(n);
      const order = Int32Array.from({ length: n }, (_, i) => i);
      const rng = new Rng(seed, 21);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.uniform() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let k = 0; k < Math.round(nonAdopterShare * n); k++) nonAdopter[order[k]] = 1;
      theirs = newHouseholdActions(n);
      adopters.reset?.(economy);
      others.reset?.(economy);
    },
    observeGovernment(action) {
      adopters.observeGovernment?.(action);
      others.observeGovernment?.(action);
    },
    act(economy, out) {
      adopters.act(economy, out);
      others.act(economy, theirs);
      for (let i = 0; i < economy.n; i++) {
        if (nonAdopter[i]) {
          out.savingShare[i] = theirs.savingShare[i];
          out.workShare[i] = theirs.workShare[i];
        }
      }
    },
  };
  return policy;
}
