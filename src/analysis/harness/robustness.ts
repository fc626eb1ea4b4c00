/**
 * The paper's robustness experiment: a learned government with households of which a share does
 * not adopt the learned followers' policy and behaves as the behaviour-cloned households do.
 * For each share: the government's outcomes and the economy's survival, and adopters' against
 * non-adopters' own discounted utility (the households' reward, gamma 0.975, over the years the
 * economy lives) and final wealth, each a mean over seeds with a bootstrap interval.
 */
import { createEconomy } from '../../data/defaults.js';
import { aq, type Table } from '../../data/frames.js';
import { governmentByName, householdsByName } from '../../policies/registry.js';
import { mixedHouseholds } from '../../policies/mixedHouseholds.js';
import { runEpisode } from '../../policies/episode.js';
import { resolveSeeds } from './evaluate.js';
import { bootstrapEstimate, wilsonInterval, type Estimate } from '../../statistics.js';
import type { Figure } from '../report/figures.js';

export interface RobustnessOptions {
  /** The learned policy folder (its leader governs; its followers are the adopters' policy). */
  policy: string;
  n: number;
  shares?: number[];
  seeds?: number | number[];
  gamma?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RobustnessRow {
  nonAdopterShare: number;
  survival: Estimate;
  years: Estimate;
  governmentReward: Estimate;
  gdpPerHousehold: Estimate;
  adopterUtility: Estimate;
  nonAdopterUtility: Estimate;
  adopterWealth: Estimate;
  nonAdopterWealth: Estimate;
}

export function robustnessStudy(options: RobustnessOptions): RobustnessRow[] {
  const shares = options.shares ?? [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const seeds = resolveSeeds(options.seeds ?? 5);
  const gamma = options.gamma ?? 0.975;
  const government = governmentByName(options.policy);
  const learned = householdsByName(options.policy), cloned = householdsByName('bc');
  const total = shares.length * seeds.length;
  let done = 0;
  return shares.map((share) => {
    const perSeed = seeds.map((seed) => {
      const economy = createEconomy({ n: options.n, seed, preset: 'paper' });
      try {
        const households = mixedHouseholds(learned(seed), cloned(seed), share, seed);
        const utility = new Float64Array(options.n);
        let discount = 1;
        const episode = runEpisode(economy, government(seed), households, {
          onYear: (_year, e) => {
            for (let i = 0; i < e.n; i++) if (Number.isFinite(e.householdReward[i])) utility[i] += discount * e.householdReward[i];
            discount *= gamma;
          },
        });
        const group = (nonAdopter: 0 | 1, values: ArrayLike<number>) => {
          let sum = 0, count = 0;
          for (let i = 0; i < options.n; i++) if (households.nonAdopter[i] === nonAdopter) (sum += values[i]), count++;
          return count > 0 ? sum / count : null;
        };
        const wealth = economy.assets;
        done++;
        options.onProgress?.(done, total);
        return {
          survived: episode.metrics.years >= economy.config.episodeYears,
          years: episode.metrics.years,
          governmentReward: episode.metrics.governmentReward,
          gdpPerHousehold: episode.metrics.gdpPerHousehold,
          adopterUtility: group(0, utility),
          nonAdopterUtility: group(1, utility),
          adopterWealth: group(0, wealth),
          nonAdopterWealth: group(1, wealth),
        };
      } finally {
        economy.close();
      }
    });
    const estimate = (pick: (r: (typeof perSeed)[number]) => number | null) => bootstrapEstimate(perSeed.map(pick).filter((v): v is number => v !== null && Number.isFinite(v)));
    const survived = perSeed.filter((r) => r.survived).length;
    return {
      nonAdopterShare: share,
      survival: { mean: survived / perSeed.length, interval: wilsonInterval(survived, perSeed.length) },
      years: estimate((r) => r.years),
      governmentReward: estimate((r) => r.governmentReward),
      gdpPerHousehold: estimate((r) => r.gdpPerHousehold),
      adopterUtility: estimate((r) => r.adopterUtility),
      nonAdopterUtility: estimate((r) => r.nonAdopterUtility),
      adopterWealth: estimate((r) => r.adopterWealth),
      nonAdopterWealth: estimate((r) => r.nonAdopterWealth),
    };
  });
}

/** The study as a table of estimate cells ("mean [low, high]" in showTable). */
export function robustnessTable(rows: RobustnessRow[]): Table {
  return aq.from(rows.map((r) => ({ ...r, nonAdopterShare: `${Math.round(100 * r.nonAdopterShare)} %` })));
}

/** Adopters' and non-adopters' discounted utility against the share of non-adopters, with intervals. */
export function robustnessFigure(rows: RobustnessRow[], what: 'Utility' | 'Wealth' = 'Utility'): Figure {
  const series = (key: 'adopter' | 'nonAdopter', name: string) => {
    const pts = rows.map((r) => ({ x: 100 * r.nonAdopterShare, e: r[`${key}${what}`] })).filter((p) => p.e.mean !== null);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: pts.map((p) => p.x),
      y: pts.map((p) => p.e.mean),
      error_y: { type: 'data', symmetric: false, array: pts.map((p) => (p.e.interval.high ?? p.e.mean!) - p.e.mean!), arrayminus: pts.map((p) => p.e.mean! - (p.e.interval.low ?? p.e.mean!)) },
    };
  };
  return {
    data: [series('adopter', 'adopters (learned followers)'), series('nonAdopter', 'non-adopters (behaviour-cloned)')],
    layout: {
      title: { text: what === 'Utility' ? "Households' own discounted utility (gamma 0.975)" : 'Mean wealth in the last year (USD)' },
      xaxis: { title: { text: 'households that do not adopt the learned policy (%)' } },
      yaxis: { title: { text: what === 'Utility' ? 'discounted utility' : 'wealth (USD)' }, type: what === 'Wealth' ? 'log' : 'linear' },
    },
  };
}
