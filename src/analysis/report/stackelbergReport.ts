/**
 * Notebook 10's sections: the records of `smfg regret` (data/measurements/regret-<task>.json) as a
 * table, the governments' first-year income taxes beside the ground truth's, and their followers'
 * equilibrium paths (capital per household, social welfare).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dataPath, projectRoot } from '../../data/paths.js';
import { aq, type Table } from '../../data/frames.js';
import { taxDue, type TaxRule } from '../../economy/tax.js';
import type { RegretRecord } from '../harness/regret.js';
import type { TimeToGroundTruthRecord } from '../harness/timeToGroundTruth.js';
import { median } from '../../statistics.js';
import { taxScheduleFigure, type Figure } from './figures.js';

export class RegretRecordError extends Error {}

export const REGRET_TASKS = ['social_welfare', 'gdp'] as const;
export const regretRecordPath = (task: string): string => dataPath('measurements', `regret-${task}.json`);

/** Reads one task's record; a missing file or a field of the wrong type is an error that says which. */
export function readRegretRecord(task: string, path = regretRecordPath(task)): RegretRecord {
  const shown = relative(projectRoot(), path) || path;
  if (!existsSync(path)) {
    throw new RegretRecordError(`${shown} is missing: record it with smfg regret --task ${task} --ground-truth <folder> --gov <governments> --save ${shown}`);
  }
  let record: RegretRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RegretRecordError(`${shown}: not JSON (${(error as Error).message})`);
  }
  const bad = (field: string) => new RegretRecordError(`${shown}: ${field} is missing or not of the expected type`);
  if (record.task !== task) throw bad(`task (expected '${task}')`);
  if (!Number.isFinite(record.groundTruth?.value)) throw bad('groundTruth.value');
  if (!Array.isArray(record.rows)) throw bad('rows');
  record.rows.forEach((row, k) => {
    if (typeof row.label !== 'string') throw bad(`rows[${k}].label`);
    if (!Number.isFinite(row.valueOwnFollowers)) throw bad(`rows[${k}].valueOwnFollowers`);
    if (row.valueInEquilibrium !== null && !Number.isFinite(row.valueInEquilibrium)) throw bad(`rows[${k}].valueInEquilibrium`);
    if (row.trainedN !== null && !Number.isInteger(row.trainedN)) throw bad(`rows[${k}].trainedN (the training run's N, or null for a classical government)`);
  });
  if (!Array.isArray(record.methods)) throw bad('methods');
  return record;
}

/** The tasks whose records exist (regret and ground truth), in REGRET_TASKS's order; an error when none does. */
export function recordedTasks(): string[] {
  const tasks = REGRET_TASKS.filter((task) => existsSync(regretRecordPath(task)) && existsSync(stackelbergRecordPath(task)));
  if (tasks.length === 0) throw new RegretRecordError(`no task has both records: ${REGRET_TASKS.map((t) => `${relative(projectRoot(), regretRecordPath(t))} and ${relative(projectRoot(), stackelbergRecordPath(t))}`).join('; ')} (smfg stackelberg --json and smfg regret --save)`);
  return tasks;
}

/** One row per task and government: values with own followers and in equilibrium, the regret (and a method's interval over seeds), the followers' gain. */
export function regretTable(records: RegretRecord[]): Table {
  const rows = records.flatMap((record) => [
    { task: record.task, government: `ground truth (${record.groundTruth.government})`, trainedN: null as number | null, n: record.n, valueOwnFollowers: null as number | null, valueInEquilibrium: record.groundTruth.value, regret: 0, regretPercent: 0, methodMeanRegret: null as number | null, methodInterval: '', followersGainPercent: null as number | null, note: '' },
    ...record.rows.map((r) => {
      const method = record.methods.find((m) => m.method === r.method && m.trainedN === r.trainedN && m.seeds.length > 1);
      return {
        task: record.task,
        government: r.label,
        trainedN: r.trainedN,
        n: record.n,
        valueOwnFollowers: r.valueOwnFollowers,
        valueInEquilibrium: r.valueInEquilibrium,
        regret: r.regret,
        regretPercent: r.relativeRegret === null ? null : 100 * r.relativeRegret,
        methodMeanRegret: method ? method.meanRegret : null,
        methodInterval: method && method.ci95Low !== null ? `[${method.ci95Low.toFixed(1)}, ${method.ci95High!.toFixed(1)}]` : '',
        followersGainPercent: r.followersGain === null ? null : 100 * r.followersGain,
        note: r.note,
      };
    }),
  ]);
  return aq.from(rows);
}

/** A rule whose JSON top bound may be null (infinite). */
function ruleOf(rule: TaxRule): TaxRule {
  if (rule.kind !== 'brackets') return rule;
  return { ...rule, schedule: { ...rule.schedule, topUpperBoundUsd: rule.schedule.topUpperBoundUsd ?? Infinity } };
}

/** The first year's average income tax T(z)/z against income (log axis): the ground truth's and each government's whose followers have an equilibrium. */
export function regretTaxFigure(record: RegretRecord): Figure {
  const incomeUsd = Array.from({ length: 61 }, (_, k) => Math.round(10 ** (3.5 + (k * 3.5) / 60)));
  const series: { name: string; incomeUsd: number[]; value: number[] }[] = [];
  const add = (name: string, rule: TaxRule | null | undefined) => {
    if (!rule) return;
    const r = ruleOf(rule);
    series.push({ name, incomeUsd, value: incomeUsd.map((z) => taxDue(r, z) / z) });
  };
  add('ground truth', record.groundTruth.equilibrium?.incomeTax);
  for (const row of record.rows) add(row.label, row.equilibrium?.incomeTax);
  return taxScheduleFigure(series, { title: `Average income tax in year 1, followers in equilibrium (task ${record.task})`, logX: true });
}

/** A path of the followers' equilibria: capital per household or social welfare, per year. */
export function regretPathFigure(record: RegretRecord, metric: 'capitalPerHousehold' | 'socialWelfare'): Figure {
  const lines = [{ name: 'ground truth', values: record.groundTruth.equilibrium?.[metric] }, ...record.rows.map((r) => ({ name: r.label, values: r.equilibrium?.[metric] }))].filter((l): l is { name: string; values: number[] } => Array.isArray(l.values));
  const title = metric === 'capitalPerHousehold' ? 'capital per household (USD)' : `social welfare (sum over the ${record.n} households)`;
  return {
    data: lines.map((l) => ({ type: 'scatter', mode: 'lines', name: l.name, x: l.values.map((_, t) => t + 1), y: l.values })),
    layout: { title: { text: `${title}, followers in equilibrium (task ${record.task})` }, xaxis: { title: { text: 'year' } }, yaxis: { title: { text: title } }, legend: { orientation: 'h', y: -0.22 } },
  };
}

/** `smfg stackelberg --json`'s output for a task, as recorded (data/measurements/stackelberg-<task>.json). */
export interface StackelbergRecord {
  task: string;
  instruments: string[];
  action: number[];
  /** false: no start's optimum had an equilibrium on the final settings; the best other candidate's. */
  optimumOfAStart?: boolean;
  value: number;
  searchValue: number;
  starts: { start: number[]; point: number[]; value: number; evaluations: number; converged: boolean }[];
  valueSpread: number;
  pointSpread: number;
  evaluations: number;
  infeasible: number;
  rejected: { point: number[]; reason: string }[];
  seconds: number;
}

export const stackelbergRecordPath = (task: string): string => dataPath('measurements', `stackelberg-${task}.json`);

export function readStackelbergRecord(task: string, path = stackelbergRecordPath(task)): StackelbergRecord {
  const shown = relative(projectRoot(), path) || path;
  if (!existsSync(path)) throw new RegretRecordError(`${shown} is missing: record it with smfg stackelberg --task ${task} --json > ${shown}`);
  const record = JSON.parse(readFileSync(path, 'utf8')) as StackelbergRecord;
  const bad = (field: string) => new RegretRecordError(`${shown}: ${field} is missing or not of the expected type`);
  if (record.task !== task) throw bad(`task (expected '${task}')`);
  if (!Array.isArray(record.starts) || record.starts.length === 0) throw bad('starts');
  if (!Array.isArray(record.action) || !Number.isFinite(record.value)) throw bad('action or value');
  return record;
}

/** The convergence evidence: each start, where it ended and its value on the search's households. */
export function stackelbergStartsTable(records: StackelbergRecord[]): Table {
  return aq.from(
    records.flatMap((r) =>
      r.starts.map((s, k) => ({
        task: r.task,
        start: k + 1,
        from: s.start.map((x) => x.toFixed(3)).join(', '),
        endedAt: s.point.map((x) => x.toFixed(4)).join(', '),
        searchValue: s.value,
        evaluations: s.evaluations,
        toleranceMet: s.converged,
      })),
    ),
  );
}

/** `smfg time-to-truth --save`'s records (data/measurements/time-to-truth-*.json), in name order; none is an empty list. */
export function readTimeToTruthRecords(folder = dataPath('measurements')): TimeToGroundTruthRecord[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^time-to-truth-.*\.json$/.test(name))
    .sort()
    .map((name) => {
      const path = join(folder, name);
      const shown = relative(projectRoot(), path) || path;
      let record: TimeToGroundTruthRecord;
      try {
        record = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new RegretRecordError(`${shown}: not JSON (${(error as Error).message})`);
      }
      if (typeof record.task !== 'string' || !Number.isFinite(record.tolerance) || !Array.isArray(record.runs)) throw new RegretRecordError(`${shown}: task, tolerance and runs are required`);
      record.runs.forEach((r, k) => {
        if ((r.truthMean !== null && !Number.isFinite(r.truthMean)) || !Number.isInteger(r.n) || !Number.isInteger(r.seed)) throw new RegretRecordError(`${shown}: runs[${k}] needs truthMean (a number, or null when not judged), n and seed`);
      });
      return record;
    });
}

/** One row per run: the ground truth's value on its evaluation economies, when it came within the tolerance, its best evaluation. */
export function timeToTruthTable(records: TimeToGroundTruthRecord[]): Table {
  return aq.from(
    records.flatMap((record) =>
      record.runs.map((r) => ({
        task: record.task,
        method: r.method,
        n: r.n,
        seed: r.seed,
        groundTruth: r.truthMean,
        withinPercent: 100 * record.tolerance,
        reachedEpoch: r.reached?.epoch ?? null,
        reachedSeconds: r.reached?.runSeconds ?? null,
        bestEvaluation: r.best?.governmentReward ?? null,
        bestGapPercent: r.best && r.best.gap !== null ? 100 * r.best.gap : null,
        note: r.note ?? '',
        evaluations: r.evaluations,
        runSeconds: r.lastRunSeconds,
      })),
    ),
  );
}

/**
 * Per task, method and N: how many runs were judged (the ground truth found in equilibrium on all
 * their evaluation economies), how many of them came within the tolerance, and the median time over
 * the judged runs (a run that never got there counts as endless; null when that is the median).
 */
export function timeToTruthSummary(records: TimeToGroundTruthRecord[]): { task: string; method: string; n: number; runs: number; notJudged: number; reached: number; medianSeconds: number | null }[] {
  const groups = new Map<string, { task: string; method: string; n: number; times: (number | null)[]; notJudged: number }>();
  for (const record of records) {
    for (const r of record.runs) {
      const key = `${record.task} ${r.method} ${r.n}`;
      if (!groups.has(key)) groups.set(key, { task: record.task, method: r.method, n: r.n, times: [], notJudged: 0 });
      const group = groups.get(key)!;
      if (r.truthMean === null) group.notJudged++;
      else group.times.push(r.reached?.runSeconds ?? null);
    }
  }
  return [...groups.values()].map((g) => {
    const middle = g.times.length === 0 ? Infinity : median(g.times.map((t) => t ?? Infinity));
    return { task: g.task, method: g.method, n: g.n, runs: g.times.length, notJudged: g.notJudged, reached: g.times.filter((t) => t !== null).length, medianSeconds: Number.isFinite(middle) ? middle : null };
  });
}
