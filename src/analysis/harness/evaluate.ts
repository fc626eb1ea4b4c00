/**
 * The evaluation harness every method is judged by: run a government policy against a household
 * policy over several seeds and episodes, and report the paper's metrics per episode and, across
 * seeds, as a mean with a 95 % percentile bootstrap interval (src/statistics.ts), over all episodes
 * and over the surviving ones (alive the full episode length), beside the survival share with
 * its Wilson interval.
 */
import type { EconomyConfig, GovernmentTask, Preset } from '../../economy/config.js';
import { ConfigError } from '../../economy/config.js';
import { EPISODE_METRIC_NAMES, type EpisodeMetrics } from '../../economy/metrics.js';
import type { YearResult } from '../../economy/economy.js';
import { createEconomy } from '../../data/defaults.js';
import { aq, type Table } from '../../data/frames.js';
import type { GovernmentPolicy } from '../../policies/government.js';
import type { HouseholdPolicy } from '../../policies/households.js';
import { runEpisode } from '../../policies/episode.js';
import { BOOTSTRAP_INTERVAL_NAME, WILSON_INTERVAL_NAME, bootstrapEstimate, mean, wilsonInterval, type Estimate, type Interval } from '../../statistics.js';

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
  /** Years an episode lasts when the economy does not collapse. */
  episodeYears: number;
  /** Episodes alive the full episode length, with a Wilson interval of their share. */
  survival: Survival;
  /** Per metric: over all episodes and over surviving ones (see MetricSummary). */
  metrics: Record<EpisodeMetricName, MetricSummary>;
  /**
   * One row per metric, then a row 'survival' (its Wilson interval): mean across seeds, the 95 %
   * bounds, the same over surviving episodes, and the interval cells that display.ts prints as
   * "[low, high]" (columns in SUMMARY_COLUMNS).
   */
  summary: Table;
}

export type EpisodeMetricName = (typeof EPISODE_METRIC_NAMES)[number];

export interface Survival {
  survived: number;
  episodes: number;
  share: number;
  interval: Interval;
}

/**
 * One metric across seeds: each seed's mean over its episodes, then the mean of those with a
 * percentile bootstrap interval. `survivors` does the same over surviving episodes only, over
 * the seeds that have one (mean null if none survived).
 */
export interface MetricSummary {
  all: Estimate;
  survivors: Estimate;
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
  let episodeYears = 0;
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
    episodeYears = years;
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
  const survival = survivalOf(records, episodeYears);
  const metrics = summarizeMetrics(records, seeds, episodeYears);
  return { government: governmentName, households: householdName, n: options.n, task, preset, seeds, records, episodes, episodeYears, survival, metrics, summary: summaryTable(metrics, survival) };
}

export function survivalOf(records: EpisodeRecord[], episodeYears: number): Survival {
  const survived = records.filter((r) => r.metrics.years >= episodeYears).length;
  return { survived, episodes: records.length, share: survived / records.length, interval: wilsonInterval(survived, records.length) };
}

/** Each seed's mean over its episodes (those passing `keep`); seeds with none are left out. */
function perSeedMeans(records: EpisodeRecord[], seeds: number[], metric: EpisodeMetricName, keep: (r: EpisodeRecord) => boolean): number[] {
  const out: number[] = [];
  for (const seed of seeds) {
    const values = records.filter((r) => r.seed === seed && keep(r)).map((r) => r.metrics[metric]);
    if (values.length > 0) out.push(mean(values));
  }
  return out;
}

function summarizeMetrics(records: EpisodeRecord[], seeds: number[], episodeYears: number): Record<EpisodeMetricName, MetricSummary> {
  const alive = (r: EpisodeRecord) => r.metrics.years >= episodeYears;
  return Object.fromEntries(
    EPISODE_METRIC_NAMES.map((metric) => [
      metric,
      { all: bootstrapEstimate(perSeedMeans(records, seeds, metric, () => true)), survivors: bootstrapEstimate(perSeedMeans(records, seeds, metric, alive)) },
    ]),
  ) as Record<EpisodeMetricName, MetricSummary>;
}

/** A row of Evaluation.summary. */
export interface SummaryRow {
  metric: EpisodeMetricName | 'survival';
  mean: number | null;
  ci95_low: number | null;
  ci95_high: number | null;
  ci95: Interval;
  seeds: number;
  survivors_mean: number | null;
  survivors_ci95_low: number | null;
  survivors_ci95_high: number | null;
  survivors_ci95: Interval;
  /** Seeds with at least one surviving episode. */
  survivor_seeds: number;
  /** Which interval ci95 is. */
  interval: string;
}

function summaryTable(metrics: Record<EpisodeMetricName, MetricSummary>, survival: Survival): Table {
  const rows: SummaryRow[] = EPISODE_METRIC_NAMES.map((metric) => {
    const { all, survivors } = metrics[metric];
    return {
      metric,
      mean: all.mean,
      ci95_low: all.interval.low,
      ci95_high: all.interval.high,
      ci95: all.interval,
      seeds: all.interval.samples,
      survivors_mean: survivors.mean,
      survivors_ci95_low: survivors.interval.low,
      survivors_ci95_high: survivors.interval.high,
      survivors_ci95: survivors.interval,
      survivor_seeds: survivors.interval.samples,
      interval: BOOTSTRAP_INTERVAL_NAME,
    };
  });
  const { share, interval } = survival;
  const none: Interval = { low: null, high: null, samples: 0 };
  rows.push({
    metric: 'survival',
    mean: share,
    ci95_low: interval.low,
    ci95_high: interval.high,
    ci95: interval,
    seeds: rows[0].seeds,
    survivors_mean: null,
    survivors_ci95_low: null,
    survivors_ci95_high: null,
    survivors_ci95: none,
    survivor_seeds: rows[0].survivor_seeds,
    interval: WILSON_INTERVAL_NAME,
  });
  return aq.from(rows);
}

/** Numeric columns of a summary (no interval cells), for CSV files. */
export const SUMMARY_CSV_COLUMNS = ['metric', 'mean', 'ci95_low', 'ci95_high', 'seeds', 'survivors_mean', 'survivors_ci95_low', 'survivors_ci95_high', 'survivor_seeds', 'interval'] as const;

/**
 * Several evaluations side by side, one row per evaluation: per metric the mean over all
 * episodes (`years`), its interval (`years_ci95`, an interval cell display.ts prints as
 * "[low, high]"), the bounds as numbers (`years_low`, `years_high`), and the mean and interval
 * over surviving episodes (`years_survivors`, `years_survivors_ci95`); then the survival share
 * (`survival`, `survival_ci95`: Wilson).
 */
export function comparisonTable(evaluations: Evaluation[]): Table {
  return aq.from(
    evaluations.map((e) => {
      const row: Record<string, unknown> = { government: e.government, households: e.households, n: e.n, seeds: e.seeds.length };
      for (const metric of EPISODE_METRIC_NAMES) {
        const { all, survivors } = e.metrics[metric];
        row[metric] = all.mean;
        row[`${metric}_ci95`] = all.interval;
        row[`${metric}_low`] = all.interval.low;
        row[`${metric}_high`] = all.interval.high;
        row[`${metric}_survivors`] = survivors.mean;
        row[`${metric}_survivors_ci95`] = survivors.interval;
      }
      row.survival = e.survival.share;
      row.survival_ci95 = e.survival.interval;
      row.survived = e.survival.survived;
      row.episodes = e.survival.episodes;
      return row;
    }),
  );
}

/** The metrics of the paper's table (gdp, the total, is N times gdpPerHousehold). */
export const PAPER_METRICS: readonly EpisodeMetricName[] = ['years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'incomeGini', 'wealthGini'];

/**
 * The paper's table: one row per evaluation, one "mean [low, high]" cell per metric (estimate
 * cells; display.ts and textTable print them). Over all episodes it starts with the survival
 * share; over surviving episodes (`episodes: 'survivors'`) with how many seeds had a survivor,
 * and without years (the full length by definition).
 */
export function paperTable(evaluations: Evaluation[], options: { episodes?: 'all' | 'survivors'; metrics?: readonly EpisodeMetricName[] } = {}): Table {
  const survivors = options.episodes === 'survivors';
  const metrics = (options.metrics ?? PAPER_METRICS).filter((m) => !(survivors && m === 'years'));
  return aq.from(
    evaluations.map((e) => {
      const row: Record<string, unknown> = { government: e.government, households: e.households, n: e.n, seeds: e.seeds.length };
      if (survivors) row.survivor_seeds = e.metrics.years.survivors.interval.samples;
      else row.survival = { mean: e.survival.share, interval: e.survival.interval } satisfies Estimate;
      for (const metric of metrics) row[metric] = survivors ? e.metrics[metric].survivors : e.metrics[metric].all;
      return row;
    }),
  );
}
