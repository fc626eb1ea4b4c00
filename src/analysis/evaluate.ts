/**
 * The evaluation harness every method is judged by: run a government policy against a household
 * policy over several seeds and episodes, and report the paper's metrics per episode and as
 * mean and 95 % confidence interval across seeds.
 */
import type { EconomyConfig, GovernmentTask, Preset } from '../economy/config.js';
import { ConfigError } from '../economy/config.js';
import { EPISODE_METRIC_NAMES, type EpisodeMetrics } from '../economy/metrics.js';
import type { YearResult } from '../economy/economy.js';
import { createEconomy } from '../data/defaults.js';
import { aq, type Table } from '../data/frames.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { runEpisode } from './episode.js';
import { meanInterval } from './statistics.js';

/** A policy, or a function making a fresh one for a seed (adaptive or random policies). */
export type PolicySource<P> = P | ((seed: number) => P);

export interface EvaluateOptions {
  /** Households N. */
  n: number;
  /** Seeds (integers), or how many: 5 means seeds 1..5. */
  seeds: number[] | number;
  /** Episodes per seed (default 1). */
  episodes?: number;
  task?: GovernmentTask;
  preset?: Preset;
  /** Further economy settings (corrections, episode length, ...). */
  config?: Partial<EconomyConfig>;
  /** Keep every year of every episode (for trajectory figures); default true. */
  keepTrajectories?: boolean;
  /** Progress in years: done out of total (episodes x episode length; an episode that ends early jumps ahead). */
  onProgress?: (doneYears: number, totalYears: number) => void;
}

export interface EpisodeRecord {
  seed: number;
  episode: number;
  metrics: EpisodeMetrics;
  trajectory: YearResult[] | null;
  /** Households' wealth and pre-tax income in the last year of the episode. */
  finalWealth: Float64Array;
  finalIncome: Float64Array;
}

export interface Evaluation {
  government: string;
  households: string;
  n: number;
  task: GovernmentTask;
  preset: Preset;
  seeds: number[];
  records: EpisodeRecord[];
  /** One row per episode: seed, episode, the paper's metrics, why it ended. */
  episodes: Table;
  /** One row per metric: mean across seeds (of each seed's mean over episodes), 95 % interval. */
  summary: Table;
}

export function resolveSeeds(seeds: number[] | number): number[] {
  if (typeof seeds === 'number') {
    if (!Number.isInteger(seeds) || seeds < 1) throw new ConfigError(`seeds must be a positive integer count or a list of integer seeds, got ${seeds}`);
    return Array.from({ length: seeds }, (_, k) => k + 1);
  }
  if (!Array.isArray(seeds) || seeds.length === 0) throw new ConfigError('seeds must be a non-empty list of integers >= 0');
  for (const s of seeds) {
    if (!Number.isInteger(s) || s < 0) throw new ConfigError(`every seed must be an integer >= 0, got ${s}`);
  }
  if (new Set(seeds).size !== seeds.length) throw new ConfigError(`seeds must be distinct, got ${seeds.join(', ')}`);
  return seeds;
}

function make<P>(source: PolicySource<P>, seed: number): P {
  return typeof source === 'function' ? (source as (seed: number) => P)(seed) : source;
}

export function evaluate(government: PolicySource<GovernmentPolicy>, households: PolicySource<HouseholdPolicy>, options: EvaluateOptions): Evaluation {
  const seeds = resolveSeeds(options.seeds);
  const episodesPerSeed = options.episodes ?? 1;
  if (!Number.isInteger(episodesPerSeed) || episodesPerSeed < 1) throw new ConfigError(`episodes must be an integer >= 1, got ${episodesPerSeed}`);
  if (!Number.isInteger(options.n) || options.n < 1) throw new ConfigError(`n (households) must be an integer >= 1, got ${options.n}`);
  const keep = options.keepTrajectories ?? true;
  const total = seeds.length * episodesPerSeed;
  const records: EpisodeRecord[] = [];
  let governmentName = '';
  let householdName = '';
  let task: GovernmentTask = 'gdp';
  let preset: Preset = 'paper';
  for (const seed of seeds) {
    const economy = createEconomy({ ...options.config, n: options.n, seed, task: options.task ?? options.config?.task ?? 'gdp', preset: options.preset ?? options.config?.preset ?? 'paper' });
    task = economy.config.task;
    preset = economy.config.preset;
    const gov = make(government, seed);
    // the households' own randomness is a separate stream from the economy's
    const house = make(households, seed + 1_000_003);
    governmentName = gov.name;
    householdName = house.name;
    const years = economy.config.episodeYears;
    try {
      for (let episode = 0; episode < episodesPerSeed; episode++) {
        const before = records.length * years;
        const result = runEpisode(economy, gov, house, { onYear: (y) => options.onProgress?.(before + y.year, total * years) });
        records.push({
          seed,
          episode,
          metrics: result.metrics,
          trajectory: keep ? result.trajectory : null,
          finalWealth: Float64Array.from(economy.assetsNext),
          finalIncome: Float64Array.from(economy.income),
        });
        options.onProgress?.(records.length * years, total * years);
      }
    } finally {
      economy.close();
    }
  }
  const episodes = aq.from(records.map((r) => ({ seed: r.seed, episode: r.episode, ...r.metrics })));
  return { government: governmentName, households: householdName, n: options.n, task, preset, seeds, records, episodes, summary: summarize(records, seeds) };
}

function summarize(records: EpisodeRecord[], seeds: number[]): Table {
  const rows = EPISODE_METRIC_NAMES.map((metric) => {
    const perSeed = seeds.map((seed) => {
      const values = records.filter((r) => r.seed === seed).map((r) => r.metrics[metric]);
      return values.reduce((s, v) => s + v, 0) / values.length;
    });
    const ci = meanInterval(perSeed);
    return { metric, mean: ci.mean, ci95_low: ci.low, ci95_high: ci.high, half_width: ci.halfWidth, sd: ci.sd, seeds: ci.count };
  });
  return aq.from(rows);
}

/** Several evaluations side by side: one row per evaluation, "mean ± half-width" cells and raw columns. */
export function comparisonTable(evaluations: Evaluation[]): Table {
  return aq.from(
    evaluations.map((e) => {
      const row: Record<string, unknown> = { government: e.government, households: e.households, n: e.n, seeds: e.seeds.length };
      for (const s of e.summary.objects() as { metric: string; mean: number; half_width: number }[]) {
        row[s.metric] = s.mean;
        row[`${s.metric}_ci95`] = s.half_width;
      }
      return row;
    }),
  );
}
