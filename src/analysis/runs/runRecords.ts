/**
 * What each smfg command keeps in its run folder runs/<id>/ (runs.ts): its configuration and
 * its results as JSON and CSV. Each function writes a new folder and returns it.
 */
import { join } from 'node:path';
import type { EconomyConfig } from '../../economy/config.js';
import type { Exploitability } from '../../equilibrium/exploit.js';
import type { ComparisonResult } from '../harness/comparison.js';
import type { Episode } from '../../policies/episode.js';
import { comparisonTable, SUMMARY_CSV_COLUMNS, type Evaluation } from '../harness/evaluate.js';
import { exploitJson } from '../report/exploitReport.js';
import { newRunFolder, writeCsv, writeJson } from './runFolder.js';

/** `smfg run`: config.json, metrics.csv (one row per government), each government's trajectory. */
export function recordBaselineRun(config: EconomyConfig, households: string, episodes: Episode[]): string {
  const folder = newRunFolder('run');
  writeJson(join(folder, 'config.json'), { command: 'run', config, households, node: process.version });
  writeCsv(join(folder, 'metrics.csv'), episodes.map((e) => ({ government: e.government, households: e.households, ...e.metrics })));
  for (const e of episodes) {
    writeCsv(
      join(folder, `trajectory-${e.government.split(' ').slice(0, 2).join('-').toLowerCase()}.csv`),
      e.trajectory.map(({ instruments, ...year }) => ({ ...year, ...instruments })),
    );
  }
  return folder;
}

/** The policies by the names the command was given, and the evaluation's setting. */
export interface EvaluationSetting {
  government: string;
  households: string;
  n: number;
  seeds: number[];
  episodes: number;
  preset: string;
  task: string;
  /** Economy fields given with --config. */
  config?: Record<string, unknown>;
}

/** `smfg evaluate`: config.json, episodes.csv (one row per episode), summary.csv (across seeds). */
export function recordEvaluation(evaluation: Evaluation, setting: EvaluationSetting): string {
  const folder = newRunFolder('evaluate');
  writeJson(join(folder, 'config.json'), { command: 'evaluate', ...setting });
  writeCsv(join(folder, 'episodes.csv'), evaluation.episodes.objects() as Record<string, unknown>[]);
  writeCsv(join(folder, 'summary.csv'), evaluation.summary.select(...SUMMARY_CSV_COLUMNS).objects() as Record<string, unknown>[]);
  return folder;
}

/** `smfg exploit`: exploit.json (what --json prints), households.csv (one row per household and seed). */
export function recordExploit(result: Exploitability): string {
  const folder = newRunFolder('exploit');
  writeJson(join(folder, 'exploit.json'), exploitJson(result));
  writeCsv(join(folder, 'households.csv'), result.followers.households as unknown as Record<string, unknown>[]);
  return folder;
}

/** `smfg reproduce`: config.json (the rows and the missing ones), comparison.csv (one row per method and N), episodes.csv. */
export function recordComparison(result: ComparisonResult, setting: { ns: number[]; seeds: number[]; episodes: number }): string {
  // interval cells are for display; the CSV keeps their bounds as numbers (<metric>_low, _high)
  const rows = (comparisonTable(result.evaluations).objects() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v !== 'object' || v === null)));
  const folder = newRunFolder('reproduce');
  writeJson(join(folder, 'config.json'), { command: 'reproduce', ...setting, rows: result.entries, missing: result.missing });
  writeCsv(join(folder, 'comparison.csv'), rows);
  writeCsv(
    join(folder, 'episodes.csv'),
    result.evaluations.flatMap((e) => (e.episodes.objects() as Record<string, unknown>[]).map((row) => ({ method: e.government, n: e.n, ...row }))),
  );
  return folder;
}
