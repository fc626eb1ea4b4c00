/**
 * Numbers as a paper's tables print them, one place for the terminal and the notebooks: a fixed
 * number of significant digits per metric, integers as integers, years with at most one
 * decimal, GDP in exponent form, and intervals as "mean [low, high]" everywhere.
 */
import type { Estimate, Interval } from '../../statistics.js';

/** How one metric's numbers are written. */
export type NumberStyle = { significant: number; scientific?: boolean } | { decimals: number };

const DEFAULT_STYLE: NumberStyle = { significant: 4 };

// by the metric's name (case-insensitive), first match wins
const STYLES: [RegExp, NumberStyle][] = [
  [/years$/i, { decimals: 1 }],
  [/^survival$/i, { significant: 2 }],
  [/gini$/i, { significant: 3 }],
  [/gdp/i, { significant: 3, scientific: true }],
  [/reward$|welfare$/i, { significant: 4 }],
  [/(share|rate)$/i, { significant: 3 }],
];

/** Suffixes of derived columns (intervals, bounds, surviving episodes) that format like their metric. */
const DERIVED = /(_ci95|_low|_high|_survivors|_mean)+$/;

/** The style of a metric or of a column derived from one (`years_ci95`, `incomeGini_survivors`). */
export function styleFor(name: string): NumberStyle {
  const metric = name.replace(DERIVED, '');
  return STYLES.find(([pattern]) => pattern.test(metric))?.[1] ?? DEFAULT_STYLE;
}

/** JavaScript writes 1.2e+7; papers write 1.2e7. */
const exponent = (value: number, significant: number) => value.toExponential(significant - 1).replace('e+', 'e');

/** One number in a style: integers as they are (below 1e7), tiny and huge ones in exponent form. */
export function formatNumber(value: number, style: NumberStyle = DEFAULT_STYLE): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if ('decimals' in style) {
    // at most `decimals`: 300 stays 300, 61.64 is 61.6
    return String(Number(value.toFixed(style.decimals)));
  }
  if (Number.isInteger(value) && magnitude < 1e7 && !(style.scientific && magnitude >= 1e4)) return String(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3 || (style.scientific && magnitude >= 1e4))) return exponent(value, style.significant);
  // a value exact at this precision is a setting (work share 0.35, survival 0.5): as written, not padded to 0.350
  if (Number(value.toPrecision(style.significant)) === value) return String(value);
  // fixed notation with `significant` digits, but never rounding away digits before the point
  const decimals = Math.max(0, style.significant - 1 - Math.floor(Math.log10(magnitude || 1)));
  return value.toFixed(decimals);
}

/** A metric's value in its style; empty for a missing value. */
export function formatMetric(value: number | null | undefined, metric: string): string {
  return value === null || value === undefined ? '' : formatNumber(value, styleFor(metric));
}

/** "[low, high]", or why there is none ("no interval (1 seed)"). */
export function formatInterval(interval: Interval, metric: string): string {
  if (interval.low === null || interval.high === null) return interval.samples === 0 ? 'none' : `no interval (${interval.samples} seed${interval.samples === 1 ? '' : 's'})`;
  return `[${formatMetric(interval.low, metric)}, ${formatMetric(interval.high, metric)}]`;
}

/** "mean [low, high]"; "mean (no interval, 1 seed)"; "none" without samples. */
export function formatEstimate(estimate: Estimate, metric: string): string {
  if (estimate.mean === null) return 'none';
  const { low, high, samples } = estimate.interval;
  if (low === null || high === null) return `${formatMetric(estimate.mean, metric)} (no interval, ${samples} seed${samples === 1 ? '' : 's'})`;
  return `${formatMetric(estimate.mean, metric)} ${formatInterval(estimate.interval, metric)}`;
}

export function isInterval(value: unknown): value is Interval {
  return typeof value === 'object' && value !== null && 'low' in value && 'high' in value && 'samples' in value;
}

export function isEstimate(value: unknown): value is Estimate {
  return typeof value === 'object' && value !== null && 'mean' in value && isInterval((value as Estimate).interval);
}

/** Any table cell in its column's style: numbers, intervals, estimates, text; empty for null. */
export function formatCell(value: unknown, column: string): string {
  if (typeof value === 'number') return formatMetric(value, column);
  if (isEstimate(value)) return formatEstimate(value, column);
  if (isInterval(value)) return formatInterval(value, column);
  return value === null || value === undefined ? '' : String(value);
}
