/**
 * 95 % intervals that stay inside what they measure.
 *
 * Across a handful of seeds the paper's metrics are bimodal (an economy collapses in years 1-3
 * or lives 300 years), so a Student t interval (mean +/- t * sd / sqrt(k)) leaves the metric's
 * range: negative years, Ginis above 1. Instead:
 * - a metric's mean across seeds gets a percentile bootstrap: resample the per-seed means with
 *   replacement, take the 2.5 and 97.5 percentiles of the resampled means. Every resampled mean
 *   lies between the smallest and largest seed, so the interval does too. The generator is
 *   seeded, so the same values give the same interval bit for bit.
 * - a share of successes (episodes that survive) gets the Wilson score interval, which stays in
 *   [0, 1] and does not collapse to zero width at 0 of k or k of k.
 * With 3-5 seeds the bootstrap is a description of the spread between seeds, not a guarantee of
 * 95 % coverage (a percentile bootstrap under-covers for so few samples).
 */
import { Rng } from './economy/rng.js';

export const INTERVAL_LEVEL = 0.95;
/** Standard normal quantile at 0.975, for the Wilson interval. */
const Z975 = 1.959963984540054;

export const BOOTSTRAP_DEFAULTS = { resamples: 10_000, seed: 20_240_318 } as const;

/** Plain-words names of the two intervals, for tables, JSON and captions. */
export const BOOTSTRAP_INTERVAL_NAME = `percentile bootstrap over seeds, 95 % (${BOOTSTRAP_DEFAULTS.resamples.toLocaleString('en-US')} resamples of the per-seed means)`;
export const WILSON_INTERVAL_NAME = 'Wilson score interval over episodes, 95 %';

/**
 * An interval and how many independent samples it rests on. low and high are null when it does
 * not exist (fewer than two samples: one seed tells nothing about the spread between seeds).
 */
export interface Interval {
  low: number | null;
  high: number | null;
  samples: number;
}

/** A mean with its interval; mean is null with no samples (e.g. no episode survived). */
export interface Estimate {
  mean: number | null;
  interval: Interval;
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('a median needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('a mean needs at least one value');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Linear interpolation between order statistics (R's type 7) of sorted values. */
function percentileOfSorted(sorted: Float64Array, p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** Percentile bootstrap interval of the mean (95 %); no interval with fewer than two values. */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions = {}): Interval {
  for (const [k, v] of values.entries()) if (!Number.isFinite(v)) throw new RangeError(`bootstrap: value ${k} is ${v}; every value must be a finite number`);
  const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be an integer >= 1, got ${resamples}`);
  const k = values.length;
  if (k < 2) return { low: null, high: null, samples: k };
  const rng = new Rng(options.seed ?? BOOTSTRAP_DEFAULTS.seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += values[Math.floor(rng.uniform() * k)];
    means[b] = sum / k;
  }
  means.sort();
  const tail = (1 - INTERVAL_LEVEL) / 2;
  // a mean cannot leave [min, max]; rounding in the sum can, by an ulp
  const min = Math.min(...values);
  const max = Math.max(...values);
  const clamp = (x: number) => Math.min(max, Math.max(min, x));
  return { low: clamp(percentileOfSorted(means, tail)), high: clamp(percentileOfSorted(means, 1 - tail)), samples: k };
}

/** Mean and percentile bootstrap interval; no mean with no values. */
export function bootstrapEstimate(values: readonly number[], options: BootstrapOptions = {}): Estimate {
  return { mean: values.length === 0 ? null : mean(values), interval: bootstrapMeanInterval(values, options) };
}

/** Wilson score interval (95 %) of a share of successes in independent trials. */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`Wilson interval: trials must be an integer >= 1, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) throw new RangeError(`Wilson interval: successes must be an integer in [0, ${trials}], got ${successes}`);
  const p = successes / trials;
  const z2 = Z975 * Z975;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z975 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // at 0 of n and n of n the bound is exactly 0 or 1; centre -/+ half gets there only up to rounding
  return { low: successes === 0 ? 0 : centre - half, high: successes === trials ? 1 : centre + half, samples: trials };
}
