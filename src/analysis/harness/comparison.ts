/**
 * The paper's whole comparison: every method at each N, classical governments against
 * behaviour-cloned households and every learned row the method registry declares (each learned
 * method's shipped policy from its folder in data/models, and the rows derived from it),
 * evaluated over the same seeds by the same harness; the authors' numbers beside ours, and the
 * ratios the paper headlines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aq, type Table } from '../../data/frames.js';
import { dataPath } from '../../data/paths.js';
import { governmentByName } from '../../policies/registry.js';
import { BEST_RESPONSE_PREFIX, householdsOrBestResponse } from '../../equilibrium/bestRespondingHouseholds.js';
import { CLASSICAL_GOVERNMENTS } from './classical.js';
import { evaluate, paperTable, type Evaluation } from './evaluate.js';
import { readRunMetrics, type EpochMetrics } from '../../learning/train.js';
import { comparisonRows } from '../../learning/methods/index.js';
import type { Figure } from '../report/figures.js';

/** One row of the comparison: what governs, what the households do. */
export interface ComparisonEntry {
  /** The row's name in the paper's words. */
  label: string;
  /** The row's key: a learned row's (comparisonRows), a classical row's government. */
  method: string;
  n: number;
  government: string;
  /** A household policy's name: 'bc', a policy folder, or best-response:<policy folder>. */
  households: string;
  /** A learned method's shipped policy folder (null for classical rows). */
  folder: string | null;
}

const CLASSICAL_LABELS: Record<string, string> = { 'free-market': 'free market + BC households', saez: 'Saez + BC households', 'us-federal-2022': 'US federal 2022 + BC households' };

/** The shipped policy folder of a learned method at N (data/models/<method>-gdp-n<N>). */
export function shippedFolder(method: string, n: number): string {
  return dataPath('models', `${method}-gdp-n${n}`);
}

/**
 * Every row at each N: the classical governments with behaviour-cloned households, then each
 * learned method whose policy is shipped; `missing` lists the learned rows with no folder yet.
 */
export function comparisonEntries(ns: number[] = [100, 1000]): { entries: ComparisonEntry[]; missing: { method: string; n: number }[] } {
  const entries: ComparisonEntry[] = [];
  const missing: { method: string; n: number }[] = [];
  for (const n of ns) {
    for (const g of CLASSICAL_GOVERNMENTS) entries.push({ label: CLASSICAL_LABELS[g], method: g, n, government: g, households: 'bc', folder: null });
    for (const row of comparisonRows()) {
      const folder = shippedFolder(row.method, n);
      const households = row.households === 'best-response' ? BEST_RESPONSE_PREFIX + folder : folder;
      if (existsSync(join(folder, 'policy.json'))) entries.push({ label: row.label, method: row.row, n, government: folder, households, folder });
      else missing.push({ method: row.row, n });
    }
  }
  return { entries, missing };
}

export interface ComparisonOptions {
  ns?: number[];
  seeds?: number | number[];
  /** Episodes per seed (default 1). */
  episodes?: number;
  /** Only these methods (classical governments or learned method names). */
  methods?: string[];
  onProgress?: (label: string, done: number, total: number) => void;
}

export interface ComparisonResult {
  entries: ComparisonEntry[];
  evaluations: Evaluation[];
  missing: { method: string; n: number }[];
}

/** Evaluates every row over the same seeds (default 5). */
export function runComparison(options: ComparisonOptions = {}): ComparisonResult {
  const { entries: all, missing } = comparisonEntries(options.ns);
  const entries = options.methods ? all.filter((e) => options.methods!.includes(e.method)) : all;
  const evaluations = entries.map((e) =>
    evaluate(governmentByName(e.government), householdsOrBestResponse(e.households, { n: e.n }), {
      n: e.n,
      seeds: options.seeds ?? 5,
      episodes: options.episodes ?? 1,
      keepTrajectories: true,
      onProgress: (done, total) => options.onProgress?.(`${e.label} N=${e.n}`, done, total),
    }),
  );
  evaluations.forEach((e, k) => {
    e.government = entries[k].label;
    e.households = entries[k].folder ? entries[k].method : 'bc';
  });
  return { entries, evaluations, missing };
}

/** A recorded exploitability row (scripts/exploitability.mjs, from smfg exploit --json). */
export interface ExploitabilityRecord {
  row: string;
  n: number;
  meanRelativeGain: { mean: number; ci95Low: number | null; ci95High: number | null };
  maxRelativeGain: number;
  seeds: string;
  command: string;
  /** How the households' policy was valued (records before 2026-12-06 are all 'grid'). */
  valuedBy?: 'grid' | 'simulation';
}

/** The followers' exploitability recorded for each row (data/measurements/exploitability.json), if any. */
export function recordedExploitability(): ExploitabilityRecord[] {
  const path = dataPath('measurements', 'exploitability.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { rows: ExploitabilityRecord[] }).rows : [];
}

/**
 * The paper's table of a comparison (one "mean [low, high]" cell per metric), rows labelled, with
 * the followers' exploitability beside them: the mean relative gain of a household's exact best
 * response over seeds, in percent, where it has been recorded (scripts/exploitability.mjs).
 */
export function comparisonPaperTable(result: ComparisonResult, exploitability = recordedExploitability()): Table {
  const rows = paperTable(result.evaluations).objects() as Record<string, unknown>[];
  return aq.from(
    rows.map((row, k) => {
      const entry = result.entries[k];
      const record = exploitability.find((r) => r.row === entry.method && r.n === entry.n);
      const pct = (v: number | null) => (v === null ? null : 100 * v);
      const gain = record ? { mean: pct(record.meanRelativeGain.mean), interval: { low: pct(record.meanRelativeGain.ci95Low), high: pct(record.meanRelativeGain.ci95High), samples: Number(record.seeds) || 0 } } : null;
      const { government, ...rest } = row;
      // a simulated valuation is a lower bound (the gain of one deviation), the grid's is exact
      return { method: government, ...rest, exploitabilityPercent: gain, largestGainPercent: record ? 100 * record.maxRelativeGain : null, exploitabilityBy: record ? (record.valuedBy ?? 'grid') : null };
    }),
  );
}

/** The authors' numbers for the same rows (paper-results.md; their code on this machine, gdp task). */
export function authorsComparisonTable(): Table {
  return aq.from([
    { method: 'SMFRL (their trained policy)', n: 100, seeds: '2 / 1 / 3', years: '300 / 123 / 63', governmentReward: '3378 / 898 / 465', socialWelfare: '97.1 / 55.8 / 41.0', gdpPerHousehold: '9.1e12 / 3.4e12 / 1.7e12', incomeGini: '0.497 / 0.68 / 0.73', wealthGini: '0.566 / 0.79 / 0.83' },
    { method: 'SMFRL (their trained policy)', n: 1000, seeds: '1 / 2', years: '300', governmentReward: '3368 / 3373', socialWelfare: '971.5 / 972.3', gdpPerHousehold: '9.2e12 / 9.0e12', incomeGini: '0.47', wealthGini: '0.45' },
    { method: 'Saez + BC households', n: 100, seeds: '2 / 3', years: '300', governmentReward: '2676 / 2712', socialWelfare: '94.9', gdpPerHousehold: '8.9e11 / 8.0e11', incomeGini: '0.41 / 0.42', wealthGini: '0.37 / 0.38' },
    { method: 'Saez + BC households', n: 1000, seeds: '2', years: '300', governmentReward: '2679', socialWelfare: '948.4', gdpPerHousehold: '9.0e11', incomeGini: '0.42', wealthGini: '0.39' },
    { method: 'US federal 2022 + BC households', n: 100, seeds: '2 (others collapse)', years: '300 (1-2)', governmentReward: '2565 (-400 to -730)', socialWelfare: '95.1 (31-35)', gdpPerHousehold: '4.1e11 (1.4e5)', incomeGini: '0.41', wealthGini: '0.38' },
    { method: 'free market + BC households', n: 100, seeds: 'all (also N = 1000)', years: '1-2', governmentReward: '-440 to -770', socialWelfare: '32-38', gdpPerHousehold: '1.4e5', incomeGini: '0.79-0.92', wealthGini: '0.85-0.95' },
    { method: 'AI Economist, MADDPG, MF w/o Stackelberg, IDDPG (their shipped models)', n: 100, seeds: 'all (also N = 1000)', years: '1-2', governmentReward: '-490 to -970', socialWelfare: '', gdpPerHousehold: '0.9e5-1.6e5', incomeGini: '', wealthGini: '' },
  ]);
}

/**
 * The ratios the paper headlines, per N: per-household GDP of `method` (default SMFRL) over the
 * mean of the classical governments' and over US federal 2022's (all episodes, collapses included).
 */
export function headlineRatios(result: ComparisonResult, method = 'smfrl'): Table {
  const rows: Record<string, unknown>[] = [];
  const ns = [...new Set(result.entries.map((e) => e.n))];
  for (const n of ns) {
    const gdp = (m: string) => {
      const k = result.entries.findIndex((e) => e.n === n && e.method === m);
      return k < 0 ? null : result.evaluations[k].metrics.gdpPerHousehold.all.mean;
    };
    const own = gdp(method), federal = gdp('us-federal-2022');
    const classical = CLASSICAL_GOVERNMENTS.map(gdp).filter((v): v is number => v !== null);
    const classicalMean = classical.length ? classical.reduce((s, v) => s + v, 0) / classical.length : null;
    rows.push({
      n,
      method,
      gdpPerHousehold: own,
      overClassicalMean: own !== null && classicalMean ? own / classicalMean : null,
      overUsFederal2022: own !== null && federal ? own / federal : null,
      paperClaims: 'about 4x classical, 19x US federal 2022',
    });
  }
  return aq.from(rows);
}

/** Every shipped learned policy's learning curve: evaluation government reward against its run's clock (runSeconds: seconds since the process started, summed over a resumed run's processes). */
export function learningCurvesFigure(n: number, methods: readonly string[] = [...new Set(comparisonRows().map((r) => r.method))]): Figure {
  const data = methods.flatMap((method) => {
    const folder = shippedFolder(method, n);
    if (!existsSync(join(folder, 'metrics.jsonl'))) return [];
    const metrics: EpochMetrics[] = readRunMetrics(folder).filter((m) => m.evalGovernmentReward !== null);
    return [{ type: 'scatter', mode: 'lines+markers', name: method, x: metrics.map((m) => m.runSeconds), y: metrics.map((m) => m.evalGovernmentReward) }];
  });
  return {
    data,
    layout: {
      title: { text: `Learning curves of the shipped policies, N = ${n} (evaluation, no noise)` },
      xaxis: { title: { text: 'training seconds since the run started (summed over resumed processes)' }, type: 'log' },
      yaxis: { title: { text: 'government reward (300 years)' } },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 3370, y1: 3370, line: { dash: 'dot', color: 'grey' } }],
    },
  };
}

/** Per-household GDP of every row, with its interval, on a log axis (the main comparison figure). */
export function comparisonFigure(result: ComparisonResult, n: number): Figure {
  const rows = result.entries.map((e, k) => ({ e, ev: result.evaluations[k] })).filter(({ e }) => e.n === n);
  const gdp = rows.map(({ ev }) => ev.metrics.gdpPerHousehold.all);
  return {
    data: [
      {
        type: 'bar',
        x: rows.map(({ e }) => e.label),
        y: gdp.map((g) => g.mean),
        error_y: { type: 'data', symmetric: false, array: gdp.map((g) => (g.interval.high ?? g.mean ?? 0) - (g.mean ?? 0)), arrayminus: gdp.map((g) => (g.mean ?? 0) - (g.interval.low ?? g.mean ?? 0)) },
        text: rows.map(({ ev }) => `survival ${ev.survival.survived}/${ev.survival.episodes}`),
        textposition: 'outside',
      },
    ],
    layout: { title: { text: `Per-household GDP, N = ${n}: mean over seeds with 95 % bootstrap interval` }, yaxis: { type: 'log', title: { text: 'USD per household per year' } }, margin: { b: 160 } },
  };
}
