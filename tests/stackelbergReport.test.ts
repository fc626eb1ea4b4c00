// Notebook 10's sections (src/analysis/report/stackelbergReport.ts): the regret record is read with
// clear errors, its table holds the ground truth and every government with a method's interval over
// seeds, and the figures draw the first-year income tax and the equilibrium paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegretRecord, readStackelbergRecord, readTimeToTruthRecords, regretPathFigure, regretTable, regretTaxFigure, stackelbergStartsTable, timeToTruthSummary, timeToTruthTable } from '../src/analysis/report/stackelbergReport.js';
import { authorsUsFederal2022 } from '../src/data/taxSchedules.js';

const sketch = (tax: unknown, k: number) => ({ capitalPerHousehold: [1e5 * k, 1.1e5 * k], socialWelfare: [300 + k, 301 + k], incomeTax: tax });
const row = (label: string, method: string, seed: number | null, value: number, tax: unknown, trainedN: number | null = seed === null ? null : 100) => ({
  label, method, seed, trainedN, government: label, households: 'bc', valueOwnFollowers: value - 50, ownFollowersYears: 300, valueInEquilibrium: value,
  equilibriumResidual: 5e-7, equilibriumConverged: true, regret: 1000 - value, relativeRegret: (1000 - value) / 1000, followersGain: 0.001, note: '', equilibrium: sketch(tax, 2),
});
// a bracket schedule's infinite top bound is null in JSON
const brackets = { kind: 'brackets', schedule: { ...authorsUsFederal2022(), topUpperBoundUsd: null } };
const record = {
  task: 'gdp', preset: 'aiyagari', n: 1000, seed: 1, years: 2,
  groundTruth: { government: 'constant:0.5,0.5', value: 1000, residual: 4e-7, equilibrium: sketch({ kind: 'hsv', tau: 0.2, xi: 0.1 }, 1) },
  rows: [
    row('us-federal-2022', 'us-federal-2022', null, 900, brackets),
    row('smfrl seed 1', 'smfrl', 1, 950, { kind: 'hsv', tau: 0.1, xi: 0.05 }),
    row('smfrl seed 2', 'smfrl', 2, 970, { kind: 'hsv', tau: 0.15, xi: 0.05 }),
    row('smfrl N=1000 seed 1', 'smfrl', 1, 990, { kind: 'hsv', tau: 0.15, xi: 0.05 }, 1000),
    row('smfrl N=1000 seed 2', 'smfrl', 2, 994, { kind: 'hsv', tau: 0.15, xi: 0.05 }, 1000),
  ],
  methods: [
    { method: 'us-federal-2022', trainedN: null, seeds: [], meanRegret: 100, ci95Low: null, ci95High: null },
    { method: 'smfrl', trainedN: 100, seeds: [1, 2], meanRegret: 40, ci95Low: 30, ci95High: 50 },
    { method: 'smfrl', trainedN: 1000, seeds: [1, 2], meanRegret: 8, ci95Low: 6, ci95High: 10 },
  ],
  interval: 'bootstrap',
};

test('the regret record: a missing file or a bad field names it; the table, the tax figure and the paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-regret-report-'));
  try {
    const path = join(dir, 'regret-gdp.json');
    assert.throws(() => readRegretRecord('gdp', path), /regret-gdp\.json is missing: record it with smfg regret --task gdp/);
    writeFileSync(path, JSON.stringify({ ...record, rows: [{ ...record.rows[0], valueOwnFollowers: 'x' }] }));
    assert.throws(() => readRegretRecord('gdp', path), /rows\[0\]\.valueOwnFollowers is missing/);
    writeFileSync(path, JSON.stringify({ ...record, rows: [{ ...record.rows[1], trainedN: undefined }] }));
    assert.throws(() => readRegretRecord('gdp', path), /rows\[0\]\.trainedN \(the training run's N/);
    writeFileSync(path, JSON.stringify(record));
    assert.throws(() => readRegretRecord('social_welfare', path), /task \(expected 'social_welfare'\)/);
    const read = readRegretRecord('gdp', path);
    const rows = regretTable([read]).objects() as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => r.government), ['ground truth (constant:0.5,0.5)', 'us-federal-2022', 'smfrl seed 1', 'smfrl seed 2', 'smfrl N=1000 seed 1', 'smfrl N=1000 seed 2']);
    assert.deepEqual(rows.map((r) => r.trainedN), [null, null, 100, 100, 1000, 1000]);
    assert.equal(rows[2].regret, 50);
    // one method's pools are kept apart by the training N
    assert.deepEqual(rows.map((r) => r.methodMeanRegret), [null, null, 40, 40, 8, 8]);
    assert.equal(rows[2].methodInterval, '[30.0, 50.0]');
    assert.equal(rows[4].methodInterval, '[6.0, 10.0]');
    assert.equal(rows[1].methodInterval, '');
    const tax = regretTaxFigure(read);
    assert.deepEqual(tax.data.map((d) => d.name), ['ground truth', 'us-federal-2022', 'smfrl seed 1', 'smfrl seed 2', 'smfrl N=1000 seed 1', 'smfrl N=1000 seed 2']);
    // HSV's average rate at 100,000 USD: 1 - (1 - tau)/(1 - xi) z^-xi; the brackets' finite everywhere
    const x = tax.data[0].x as number[], y = tax.data[0].y as number[];
    const k = x.findIndex((z) => z >= 100_000);
    assert.ok(Math.abs(y[k] - (1 - (0.8 / 0.9) * x[k] ** -0.1)) < 1e-12);
    assert.ok((tax.data[1].y as number[]).every(Number.isFinite));
    const paths = regretPathFigure(read, 'capitalPerHousehold');
    assert.deepEqual(paths.data[0].y, [1e5, 1.1e5]);
    assert.equal(paths.data.length, 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the ground truth's record: each start where it ended, a missing file named", () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-stackelberg-report-'));
  try {
    const path = join(dir, 'stackelberg-gdp.json');
    assert.throws(() => readStackelbergRecord('gdp', path), /stackelberg-gdp\.json is missing: record it with smfg stackelberg --task gdp --json/);
    const starts = [{ start: [0.5, 0.5], point: [0.98, 0.69], value: 42, evaluations: 40, converged: false }, { start: [0.1, 0.2], point: [0.99, 0.69], value: 42.5, evaluations: 31, converged: true }];
    writeFileSync(path, JSON.stringify({ task: 'gdp', instruments: ['tau', 'xi'], action: [0.99, 0.69, 0, 0, 0, 0], value: 41, searchValue: 42.5, starts: [], valueSpread: 0, pointSpread: 0, evaluations: 71, infeasible: 3, rejected: [], seconds: 600 }));
    assert.throws(() => readStackelbergRecord('gdp', path), /starts is missing/);
    writeFileSync(path, JSON.stringify({ task: 'gdp', instruments: ['tau', 'xi'], action: [0.99, 0.69, 0, 0, 0, 0], value: 41, searchValue: 42.5, starts, valueSpread: 0.01, pointSpread: 0.01, evaluations: 71, infeasible: 3, rejected: [], seconds: 600 }));
    const rows = stackelbergStartsTable([readStackelbergRecord('gdp', path)]).objects() as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => [r.start, r.endedAt, r.searchValue, r.toleranceMet]), [[1, '0.9800, 0.6900', 42, false], [2, '0.9900, 0.6900', 42.5, true]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the time to the ground truth's records: every file read in name order, a table per run, medians per method and N", () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-time-to-truth-report-'));
  try {
    assert.deepEqual(readTimeToTruthRecords(join(dir, 'none')), []);
    const run = (n: number, seed: number, reached: number | null) => ({
      run: `/runs/${n}-${seed}`, method: 'smfrl', seed, n, evaluationSeeds: [1, 2], truthValues: [100, 102], truthMean: 101, target: 99.99,
      reached: reached === null ? null : { epoch: 3, runSeconds: reached, governmentReward: 100.5 },
      best: { epoch: 4, runSeconds: 50, governmentReward: 100.5, gap: 0.5 / 101 }, evaluations: 10, lastRunSeconds: 90,
    });
    writeFileSync(join(dir, 'time-to-truth-social_welfare-n1000.json'), JSON.stringify({ task: 'social_welfare', groundTruth: 'g', tolerance: 0.01, runs: [run(1000, 1, 40), run(1000, 2, null), run(1000, 3, 20)] }));
    writeFileSync(join(dir, 'time-to-truth-social_welfare-n100.json'), JSON.stringify({ task: 'social_welfare', groundTruth: 'g', tolerance: 0.01, runs: [run(100, 1, 30), run(100, 2, 10), run(100, 3, 20)] }));
    writeFileSync(join(dir, 'other.json'), '{}');
    const records = readTimeToTruthRecords(dir);
    assert.deepEqual(records.map((r) => r.runs[0].n), [100, 1000]);
    const rows = timeToTruthTable(records).objects() as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => [r.n, r.seed, r.reachedSeconds]), [[100, 1, 30], [100, 2, 10], [100, 3, 20], [1000, 1, 40], [1000, 2, null], [1000, 3, 20]]);
    assert.ok(Math.abs((rows[0].bestGapPercent as number) - 50 / 101) < 1e-12);
    // a run that never got there counts as endless: the median of 40, never and 20 is 40; of never, never and 20 none
    assert.deepEqual(timeToTruthSummary(records), [
      { task: 'social_welfare', method: 'smfrl', n: 100, runs: 3, notJudged: 0, reached: 3, medianSeconds: 20 },
      { task: 'social_welfare', method: 'smfrl', n: 1000, runs: 3, notJudged: 0, reached: 2, medianSeconds: 40 },
    ]);
    assert.equal(timeToTruthSummary([{ ...records[1], runs: [run(1000, 1, null), run(1000, 2, null), run(1000, 3, 20)] }])[0].medianSeconds, null);
    // a run whose ground truth was not found on its economies is left out of the median
    const unjudged = { ...run(1000, 2, null), truthMean: null, target: null, note: 'not judged' };
    assert.deepEqual(timeToTruthSummary([{ ...records[1], runs: [run(1000, 1, 40), unjudged, run(1000, 3, 20)] }])[0], { task: 'social_welfare', method: 'smfrl', n: 1000, runs: 2, notJudged: 1, reached: 2, medianSeconds: 30 });
    writeFileSync(join(dir, 'time-to-truth-gdp.json'), JSON.stringify({ task: 'gdp', tolerance: 0.01, runs: [{ n: 100 }] }));
    assert.throws(() => readTimeToTruthRecords(dir), /time-to-truth-gdp\.json: runs\[0\] needs truthMean \(a number, or null when not judged\), n and seed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
