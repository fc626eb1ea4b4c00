/**
 * Scale: how the economy and learning cost and behave as N grows, far beyond the paper's 1,000.
 * Measured here (economy years, updates, memory, a shipped policy's quality at other N) or read
 * from the recorded time-to-target runs (data/measurements/time-to-target.json, made by
 * `node scripts/time-to-target.mjs`), with the authors' code on this machine as reference lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { aq, type Table } from '../../data/frames.js';
import { dataPath } from '../../data/paths.js';
import { governmentByName, householdsByName } from '../../policies/registry.js';
import { benchEconomy } from './economySpeed.js';
import { evaluate } from '../harness/evaluate.js';
import { smfrlUpdateSpeed } from './learningSpeed.js';
import type { Figure } from '../report/figures.js';

/** The authors' code measured on this machine (learning-reference.md, design.md). */
export const AUTHORS_REFERENCE = {
  usPerHouseholdStep: [8, 12],
  secondsPerEpoch: { 100: 40, 1000: 560 } as Record<number, number>,
  secondsToTarget: { 100: 107, 1000: 1140 } as Record<number, number>,
};

/** Microseconds per household-step of the economy at each N (short timings: a notebook's budget). */
export function economyScale(sizes = [10, 100, 1_000, 10_000, 100_000, 1_000_000], budgetMs = 300): Table {
  return aq.from(benchEconomy({ sizes, budgetMs }).map((r) => ({ n: r.n, usPerHouseholdStep: r.usPerHouseholdStep, msPerYear: r.msPerStep, speedupVsAuthors: r.speedupVsAuthors, threading: r.threading })));
}

/** Milliseconds per SMFRL update (leader and followers, sampled) and resident memory at each N. Needs a tensor backend (await useBestBackend()). */
export function updateScale(sizes = [100, 1_000, 10_000], budgetMs = 1000): Table {
  return aq.from(sizes.map((n) => {
    const r = smfrlUpdateSpeed(n, 'sampled', budgetMs);
    return { n, msPerUpdate: r.msPerUpdate, updatesPerSecond: r.updatesPerSecond, residentMegabytes: r.heapMegabytes };
  }));
}

export interface TimeToTargetRecord {
  method: string;
  n: number;
  seed: number;
  epochs: number | null;
  seconds: number | null;
}

/** The recorded time-to-target runs (empty when none are shipped). */
export function recordedTimeToTarget(): TimeToTargetRecord[] {
  const path = dataPath('measurements', 'time-to-target.json');
  if (!existsSync(path)) return [];
  const file = JSON.parse(readFileSync(path, 'utf8')) as { runs: TimeToTargetRecord[] };
  return file.runs;
}

/** Median seconds and epochs to the target per (method, N), a miss counting as slower than any hit. */
export function timeToTargetTable(records = recordedTimeToTarget()): Table {
  const groups = new Map<string, TimeToTargetRecord[]>();
  for (const r of records) groups.set(`${r.method}|${r.n}`, [...(groups.get(`${r.method}|${r.n}`) ?? []), r]);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  return aq.from([...groups.values()].map((runs) => ({
    method: runs[0].method,
    n: runs[0].n,
    seeds: runs.map((r) => r.seed).join(', '),
    reached: runs.filter((r) => r.seconds !== null).length,
    medianSeconds: (() => {
      const m = median(runs.map((r) => r.seconds ?? Infinity));
      return Number.isFinite(m) ? m : null;
    })(),
    medianEpochs: (() => {
      const m = median(runs.map((r) => r.epochs ?? Infinity));
      return Number.isFinite(m) ? m : null;
    })(),
    authorsSeconds: runs[0].method === 'smfrl' ? AUTHORS_REFERENCE.secondsToTarget[runs[0].n] ?? null : null,
  })));
}

/** A shipped policy evaluated at other N (its networks do not depend on N): government reward and survival. */
export function policyAcrossN(folder: string, sizes = [10, 100, 1_000, 10_000], seeds: number[] = [1, 2, 3]): Table {
  return aq.from(sizes.map((n) => {
    const e = evaluate(governmentByName(folder), householdsByName(folder), { n, seeds, keepTrajectories: false });
    return { n, survival: { mean: e.survival.share, interval: e.survival.interval }, governmentReward: e.metrics.governmentReward.all, gdpPerHousehold: e.metrics.gdpPerHousehold.all, wealthGini: e.metrics.wealthGini.all };
  }));
}

/** Cost per household-step of the economy against N, with the authors' 8-12 us as a band. */
export function economyScaleFigure(table: Table): Figure {
  const rows = table.objects() as { n: number; usPerHouseholdStep: number }[];
  const [lo, hi] = AUTHORS_REFERENCE.usPerHouseholdStep;
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'this economy', x: rows.map((r) => r.n), y: rows.map((r) => r.usPerHouseholdStep) },
      { type: 'scatter', mode: 'lines', name: `the authors' code (${lo}-${hi} us)`, x: [rows[0].n, rows[rows.length - 1].n, rows[rows.length - 1].n, rows[0].n], y: [lo, lo, hi, hi], fill: 'toself', line: { color: 'rgba(200,80,80,0.4)' } },
    ],
    layout: { title: { text: 'Microseconds per household-step' }, xaxis: { type: 'log', title: { text: 'households N' } }, yaxis: { type: 'log', title: { text: 'us per household per simulated year' } } },
  };
}

/** Milliseconds per update against N, with the authors' seconds per epoch divided by their 100 updates as reference points. */
export function updateScaleFigure(table: Table): Figure {
  const rows = table.objects() as { n: number; msPerUpdate: number }[];
  const authors = Object.entries(AUTHORS_REFERENCE.secondsPerEpoch).map(([n, s]) => ({ n: Number(n), ms: (1000 * s) / 200 }));
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'SMFRL update here (sampled)', x: rows.map((r) => r.n), y: rows.map((r) => r.msPerUpdate) },
      { type: 'scatter', mode: 'markers', name: "the authors' code (an epoch's time / its 200 updates)", x: authors.map((a) => a.n), y: authors.map((a) => a.ms), marker: { symbol: 'x', size: 12 } },
    ],
    layout: { title: { text: 'Milliseconds per update (leader and followers)' }, xaxis: { type: 'log', title: { text: 'households N' } }, yaxis: { type: 'log', title: { text: 'ms' } } },
  };
}
