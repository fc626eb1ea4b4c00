/**
 * Best responses by brute force, the check that gradient-based exploitability cannot give: one
 * household deviates from the learned followers' policy to a constant work share while everyone
 * else follows it, and we compare its own discounted reward; and the government reward of
 * constant actions, to see what a target reward asks of the households.
 */
import { createEconomy } from '../../data/defaults.js';
import { aq, type Table } from '../../data/frames.js';
import type { LoadedPolicy } from '../../learning/policyFolder.js';
import { loadPolicy } from '../../learning/policyFolder.js';
import { learnedGovernment, learnedHouseholds } from '../../policies/learned.js';
import { constantAction } from '../../policies/government.js';
import type { HouseholdPolicy } from '../../policies/households.js';
import { runEpisode } from '../../policies/episode.js';

export interface DeviationOptions {
  seed?: number;
  /** Households that deviate, one at a time (indices). */
  households?: number[];
  workShares?: number[];
  gamma?: number;
}

/** Own discounted reward of a household following the policy ('policy') or working a constant share, averaged over the deviating households. */
export function householdDeviationTable(source: string | LoadedPolicy, options: DeviationOptions = {}): Table {
  const policy = typeof source === 'string' ? loadPolicy(source) : source;
  const n = policy.file.n;
  const seed = options.seed ?? 1;
  const who = options.households ?? [0, 0.17, 0.33, 0.5, 0.71, 0.88].map((q) => Math.floor(q * n));
  const gamma = options.gamma ?? 0.975;
  const rows = [null, ...(options.workShares ?? [0.2, 0.35, 0.5, 0.7, 0.9])].map((work) => {
    let own = 0, government = 0;
    for (const i of who) {
      const economy = createEconomy({ n, seed, preset: policy.file.preset as 'paper', task: policy.file.task as 'gdp' });
      const base = learnedHouseholds(policy);
      const households: HouseholdPolicy = {
        name: 'one household deviates',
        observeGovernment: (a) => base.observeGovernment!(a),
        act(e, out) {
          base.act(e, out);
          if (work !== null) out.workShare[i] = work;
        },
      };
      let value = 0, discount = 1;
      try {
        const episode = runEpisode(economy, learnedGovernment(policy), households, {
          onYear: (_y, e) => {
            value += discount * e.householdReward[i];
            discount *= gamma;
          },
        });
        government += episode.metrics.governmentReward;
      } finally {
        economy.close();
      }
      own += value;
    }
    return { deviation: work === null ? 'follows the policy' : `works ${work}`, ownDiscountedReward: own / who.length, governmentReward: government / who.length };
  });
  return aq.from(rows);
}

/** Government reward, social welfare and a household's mean discounted reward when everyone saves `savingShare` and works each share. */
export function workShareSweepTable(options: { n?: number; seed?: number; governmentAction?: number[]; savingShare?: number; workShares?: number[]; gamma?: number } = {}): Table {
  const n = options.n ?? 100, gamma = options.gamma ?? 0.975;
  const action = options.governmentAction ?? [0.99, 0.99, 0, 0, 0];
  const saving = options.savingShare ?? 0.99;
  return aq.from(
    (options.workShares ?? [0.001, 0.1, 0.3, 0.5, 0.7, 1]).map((work) => {
      const economy = createEconomy({ n, seed: options.seed ?? 1, preset: 'paper' });
      let value = 0, discount = 1;
      try {
        const episode = runEpisode(economy, constantAction(action), { name: 'constant shares', act: (_e, out) => (out.savingShare.fill(saving), out.workShare.fill(work)) }, {
          onYear: (y) => {
            value += (discount * y.socialWelfare) / n;
            discount *= gamma;
          },
        });
        return { workShare: work, years: episode.metrics.years, governmentReward: episode.metrics.governmentReward, socialWelfare: episode.metrics.socialWelfare, householdValue: value };
      } finally {
        economy.close();
      }
    }),
  );
}
