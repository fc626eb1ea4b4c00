/**
 * `smfg evaluate` as text and JSON: each episode's metrics, and across seeds the survival share
 * and each metric's mean with its interval, over all and over surviving episodes.
 */
import { EPISODE_METRIC_NAMES } from '../../economy/metrics.js';
import { BEST_RESPONSE_PREFIX } from '../../equilibrium/bestRespondingHouseholds.js';
import { isPolicyFolder, loadPolicy } from '../../learning/policyFolder.js';
import type { Evaluation } from '../harness/evaluate.js';
import { formatEstimate } from './format.js';
import { BOOTSTRAP_INTERVAL_NAME, WILSON_INTERVAL_NAME, type Estimate } from '../../statistics.js';
import { textTable } from './textTable.js';

/** The evaluation's setting, one row per episode, then the summary across seeds. */
export function evaluationText(evaluation: Evaluation, episodes: number): string {
  const { government, households, n, seeds, preset, task } = evaluation;
  return [
    `${government} vs ${households}: N = ${n}, seeds ${seeds.join(', ')}, ${episodes} episode(s) each, preset '${preset}', task '${task}'`,
    textTable(
      ['seed', 'episode', ...EPISODE_METRIC_NAMES, 'ended because'],
      evaluation.records.map((r) => [r.seed, r.episode, ...EPISODE_METRIC_NAMES.map((m) => r.metrics[m]), r.metrics.endReason]),
    ),
    `\nacross seeds:\n${summaryText(evaluation)}`,
  ].join('\n');
}

/** Across seeds as text: survival with its Wilson interval, then per metric "mean [low, high]" over all and over surviving episodes. */
export function summaryText(evaluation: Evaluation): string {
  const { survival, metrics, episodeYears } = evaluation;
  const survivorSeeds = metrics.years.survivors.interval.samples;
  const lines = [
    `survival: ${survival.survived} of ${survival.episodes} episodes alive ${episodeYears} years, share ${formatEstimate({ mean: survival.share, interval: survival.interval }, 'survival')} (${WILSON_INTERVAL_NAME})`,
    `metrics: mean across seeds of each seed's mean over its episodes [${BOOTSTRAP_INTERVAL_NAME}]`,
    textTable(
      ['metric', 'all episodes', `surviving episodes (${survivorSeeds} seed${survivorSeeds === 1 ? '' : 's'})`],
      EPISODE_METRIC_NAMES.map((m) => [m, formatEstimate(metrics[m].all, m), formatEstimate(metrics[m].survivors, m)]),
    ),
  ];
  return lines.join('\n');
}

/** The aggregate of `smfg evaluate --json`; the field names up to `metrics` are read by scripts (ship-policy.sh) and tests, keep them. */
export function evaluationJson(evaluation: Evaluation, method: string | null, episodes: number): object {
  const bounds = (e: Estimate) => ({ mean: e.mean, ci95Low: e.interval.low, ci95High: e.interval.high });
  const { survival } = evaluation;
  return {
    government: evaluation.government,
    households: evaluation.households,
    method,
    n: evaluation.n,
    seeds: evaluation.seeds,
    episodes,
    preset: evaluation.preset,
    task: evaluation.task,
    interval: `${BOOTSTRAP_INTERVAL_NAME}; null bounds with one seed`,
    episodesSurvived: survival.survived,
    episodesTotal: survival.episodes,
    metrics: Object.fromEntries(EPISODE_METRIC_NAMES.map((m) => [m, bounds(evaluation.metrics[m].all)])),
    episodeYears: evaluation.episodeYears,
    survival: { share: survival.share, ci95Low: survival.interval.low, ci95High: survival.interval.high, interval: WILSON_INTERVAL_NAME },
    survivors: {
      seeds: evaluation.metrics.years.survivors.interval.samples,
      interval: `${BOOTSTRAP_INTERVAL_NAME}, over the seeds with a surviving episode; mean null if none survived`,
      metrics: Object.fromEntries(EPISODE_METRIC_NAMES.map((m) => [m, bounds(evaluation.metrics[m].survivors)])),
    },
  };
}

/** The learned method behind either side (a policy folder, or the best response to one), if any. */
export function learnedMethodOf(government: string, households: string): string | null {
  for (const side of [government, households]) {
    const name = side.startsWith(BEST_RESPONSE_PREFIX) ? side.slice(BEST_RESPONSE_PREFIX.length) : side;
    if (isPolicyFolder(name)) return loadPolicy(name).file.method;
  }
  return null;
}
