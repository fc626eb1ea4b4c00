/**
 * Households that do not learn but behave like US households: the behaviour-cloned Gaussian
 * policy trained on the SCF 2022 (src/learning/behaviourCloning.ts; weights in
 * data/models/bc-households/, read by src/learning/cloneModel.ts). Each year every household
 * samples its saving and work shares from N(mean, std) given its (ability, wealth), as the
 * authors' "real" households do; with `deterministic` it takes the mean.
 */
import type { Economy } from '../economy/economy.js';
import { Rng } from '../economy/rng.js';
import { forward, newScratch } from '../learning/mlp.js';
import { loadClone, rawFeatures } from '../learning/cloneModel.js';
import type { HouseholdPolicy } from './households.js';

export interface ClonedHouseholdOptions {
  seed?: number;
  /** Take the mean action instead of sampling (default: sample, like the authors). */
  deterministic?: boolean;
  /** Model folder (default: the shipped clone). */
  folder?: string;
}

export function clonedHouseholds(options: ClonedHouseholdOptions = {}): HouseholdPolicy {
  const { mlp, scaling } = loadClone(options.folder);
  const rng = new Rng(options.seed ?? 0);
  const input = new Float64Array(2);
  const out = new Float64Array(4);
  const scratch = newScratch(mlp);
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const std = (x: number) => Math.exp(Math.min(2, Math.max(-20, x)));
  const forwardAt = (economy: Economy, i: number): Float64Array => {
    const [e, w] = rawFeatures(economy.ability[i], economy.assetsNext[i]);
    input[0] = (e - scaling.mean[0]) / scaling.sd[0];
    input[1] = (w - scaling.mean[1]) / scaling.sd[1];
    return forward(mlp, input, out, scratch);
  };
  return {
    name: options.deterministic ? 'behaviour-cloned (mean)' : 'behaviour-cloned',
    act(economy: Economy, actions) {
      for (let i = 0; i < economy.n; i++) {
        forwardAt(economy, i);
        let saving = sigmoid(out[0]);
        let work = sigmoid(out[1]);
        if (!options.deterministic) {
          saving += std(out[2]) * rng.normal();
          work += std(out[3]) * rng.normal();
        }
        actions.savingShare[i] = saving;
        actions.workShare[i] = work;
      }
    },
    gaussianShares(economy, mean, sd) {
      for (let i = 0; i < economy.n; i++) {
        forwardAt(economy, i);
        mean.savingShare[i] = sigmoid(out[0]);
        mean.workShare[i] = sigmoid(out[1]);
        sd.savingShare[i] = options.deterministic ? 0 : std(out[2]);
        sd.workShare[i] = options.deterministic ? 0 : std(out[3]);
      }
    },
  };
}
