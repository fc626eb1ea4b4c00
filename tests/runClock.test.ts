// The run's clock (runSeconds): it continues across --resume, time to target is taken on it, and
// logs written before it (the shipped policies' metrics) get it reconstructed when read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../src/data/paths.js';
import { readLatestCheckpoint } from '../src/learning/checkpoint.js';
import { readRunMetrics, resume, withRunSeconds, type EpochMetrics } from '../src/learning/train.js';
import { learningCurveFigure, policyMetrics } from '../src/analysis/harness/learnedPolicy.js';
import { learningCurvesFigure } from '../src/analysis/harness/comparison.js';
import { retrainPlan } from '../src/analysis/runs/retrain.js';
import { cli, tmpFolder } from './trainHelpers.js';

const tiny = ['--n', '20', '--steps-per-epoch', '40', '--updates-per-epoch', '5', '--eval-episodes', '1', '--quiet'];
const rawRows = (path: string): Record<string, number>[] => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const increasing = (values: number[]) => values.every((v, k) => k === 0 || v > values[k - 1]);
const trainerOf = (run: string) => readLatestCheckpoint<{ runSeconds?: number }>(join(run, 'checkpoints')).trainer;

test('the shipped resumed runs: the clock reconstructed from their logs never runs backwards and ends at the sum of the processes', () => {
  const expected = { 'maddpg-gdp-n100': { resumedAt: 36, segmentEnds: [1218.0, 398.01] }, 'aie-bc-gdp-n100': { resumedAt: 3, segmentEnds: [242.55, 1029.54] } };
  for (const [name, { resumedAt, segmentEnds }] of Object.entries(expected)) {
    const folder = dataPath('models', name);
    const raw = rawRows(join(folder, 'metrics.jsonl'));
    assert.ok(raw.every((r) => !('runSeconds' in r)), `${name} is an old log: the file is left as shipped`);
    // the processes as the log shows them: processSeconds starts again where the second begins
    const starts = raw.flatMap((r, k) => (k > 0 && r.processSeconds < raw[k - 1].processSeconds ? [k] : []));
    assert.deepEqual(starts, [resumedAt]);
    const ends = [raw[resumedAt - 1].processSeconds, raw[raw.length - 1].processSeconds];
    ends.forEach((end, k) => assert.ok(Math.abs(end - segmentEnds[k]) < 0.01, `${name}: process ${k + 1} ends at ${end}`));

    for (const rows of [readRunMetrics(folder), policyMetrics(folder)]) {
      const clock = rows.map((m) => m.runSeconds);
      assert.ok(increasing(clock), `${name}: ${clock.join(', ')}`);
      assert.equal(clock[clock.length - 1], ends[0] + ends[1]);
      rows.forEach((m, k) => assert.equal(m.runSeconds, (k < resumedAt ? 0 : ends[0]) + m.processSeconds));
      // the seconds the loop counted across the processes (trainSeconds) are within each process's start-up of it
      const last = rows[rows.length - 1];
      assert.ok(last.runSeconds - last.trainSeconds > 0 && last.runSeconds - last.trainSeconds < 15, `${last.runSeconds} vs ${last.trainSeconds}`);
    }
    console.log(`${name}: last processSeconds ${ends[1].toFixed(2)}, reconstructed runSeconds ${(ends[0] + ends[1]).toFixed(2)} (trainSeconds ${raw[raw.length - 1].trainSeconds.toFixed(2)})`);
  }
  // a run never resumed: its clock is its process's
  for (const rows of [readRunMetrics(dataPath('models', 'smfrl-gdp-n1000')), readRunMetrics(dataPath('models', 'aie-gdp-n100'))]) {
    assert.ok(rows.every((m) => m.runSeconds === m.processSeconds));
  }
});

test('a resume whose first epoch outlasts the earlier process is found by trainSeconds, which continues while processSeconds restarts', () => {
  // process 1 starts its loop at 2 s, process 2 at 1 s and carries 3 training seconds over
  const rows = [
    { processSeconds: 3, trainSeconds: 1 },
    { processSeconds: 5, trainSeconds: 3 },
    { processSeconds: 6, trainSeconds: 8 },
    { processSeconds: 9, trainSeconds: 11 },
  ];
  assert.deepEqual(withRunSeconds(rows).map((r) => r.runSeconds), [3, 5, 11, 14]);
  // without trainSeconds only a falling processSeconds shows a resume
  assert.deepEqual(withRunSeconds(rows.map(({ processSeconds }) => ({ processSeconds }))).map((r) => r.runSeconds), [3, 5, 6, 9]);
  assert.deepEqual(withRunSeconds([{ processSeconds: 4 }, { processSeconds: 2 }, { processSeconds: 3 }]).map((r) => r.runSeconds), [4, 6, 7]);
  // rows that record the clock keep it
  assert.deepEqual(withRunSeconds([{ processSeconds: 4, runSeconds: 10 }, { processSeconds: 6, runSeconds: 12 }]).map((r) => r.runSeconds), [10, 12]);
});

test('the learning curves and the retraining estimate use the run clock', () => {
  const curves = learningCurvesFigure(100, ['maddpg', 'aie-bc']);
  assert.equal(curves.data.length, 2);
  for (const trace of curves.data as { x: number[] }[]) assert.ok(increasing(trace.x), trace.x.join(', '));
  assert.match(String((curves.layout as { xaxis: { title: { text: string } } }).xaxis.title.text), /since the run started \(summed over resumed processes\)/);
  const maddpg = learningCurveFigure(policyMetrics(dataPath('models', 'maddpg-gdp-n100')));
  for (const trace of maddpg.data as { x: number[] }[]) assert.ok(increasing(trace.x));
  assert.match(String((maddpg.layout as { xaxis: { title: { text: string } } }).xaxis.title.text), /since the run started/);

  // retraining: a resumed seed counts all its processes, not its last one
  const plan = retrainPlan([100], [1], 'runs/not-created');
  for (const method of ['maddpg', 'aie-bc']) {
    const runs = (JSON.parse(readFileSync(dataPath('models', `${method}-gdp-n100`, 'training.json'), 'utf8')) as { runs: { processSeconds: number; trainSeconds: number }[] }).runs;
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    const estimate = plan.basis.find((b) => b.method === method && b.n === 100)!.secondsPerSeed!;
    assert.equal(estimate, Math.min(1800, mean((r) => Math.max(r.processSeconds, r.trainSeconds))));
    console.log(`retraining ${method} at N = 100: ${estimate.toFixed(0)} s a seed (the last processes alone: ${mean((r) => r.processSeconds).toFixed(0)} s)`);
    assert.ok(estimate > mean((r) => r.processSeconds) + 200);
  }
});

test('smfg train --resume: the run clock continues from the checkpoint, also from a checkpoint written before it, and never falls', () => {
  const root = tmpFolder('smfg-clock-');
  try {
    const run = join(root, 'run');
    const first = cli('train', ...tiny, '--epochs', '2', '--out', run);
    assert.equal(first.status, 0, first.stderr);
    let rows = readRunMetrics(run);
    assert.ok(rows.every((m) => m.runSeconds === m.processSeconds), 'a run never resumed: its process clock');
    assert.equal(trainerOf(run)?.runSeconds, rows[1].runSeconds);

    // the run as written before runSeconds: neither its metrics nor its checkpoint hold the clock
    const metricsPath = join(run, 'metrics.jsonl');
    writeFileSync(metricsPath, rawRows(metricsPath).map(({ runSeconds: _, ...row }) => JSON.stringify(row)).join('\n') + '\n');
    const statePath = join(readLatestCheckpoint(join(run, 'checkpoints')).folder, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    delete state.trainer.runSeconds;
    writeFileSync(statePath, JSON.stringify(state));
    const old = rows[1].runSeconds;

    let resumed = cli('train', '--resume', run, '--epochs', '3', '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    rows = readRunMetrics(run);
    assert.equal(rows.length, 3);
    assert.equal(rows[2].runSeconds, old + rows[2].processSeconds, 'continues from the clock its metrics reconstruct');
    assert.ok(rawRows(metricsPath).every((r) => typeof r.runSeconds === 'number'), 'the resumed run writes the clock into its earlier rows');
    assert.equal(trainerOf(run)?.runSeconds, rows[2].runSeconds);

    const saved = rows[2].runSeconds;
    resumed = cli('train', '--resume', run, '--epochs', '5', '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    rows = readRunMetrics(run);
    assert.equal(rows.length, 5);
    for (const m of rows.slice(3)) assert.equal(m.runSeconds, saved + m.processSeconds);
    assert.equal(trainerOf(run)?.runSeconds, rows[4].runSeconds);
    const clock = rows.map((m) => m.runSeconds);
    assert.ok(increasing(clock), clock.join(', '));
    // three processes, each from its own start: the clock is the sum of their last rows
    assert.ok(Math.abs(clock[4] - (rows[1].processSeconds + rows[2].processSeconds + rows[4].processSeconds)) < 1e-9);
    // the reconstruction gives the recorded clock back
    const reconstructed = withRunSeconds(rows.map(({ runSeconds: _, ...m }) => m as Omit<EpochMetrics, 'runSeconds'>)).map((m) => m.runSeconds);
    reconstructed.forEach((v, k) => assert.ok(Math.abs(v - clock[k]) < 1e-9, `${v} vs ${clock[k]}`));
    console.log(`resumed twice: processSeconds ${rows.map((m) => m.processSeconds.toFixed(2)).join(', ')}; runSeconds ${clock.map((v) => v.toFixed(2)).join(', ')}`);

    // a corrupt clock in the checkpoint is named
    const latest = join(readLatestCheckpoint(join(run, 'checkpoints')).folder, 'state.json');
    const bad = JSON.parse(readFileSync(latest, 'utf8'));
    bad.trainer.runSeconds = -1;
    writeFileSync(latest, JSON.stringify(bad));
    assert.throws(() => resume(run), /state\.json: trainer\.runSeconds must be a number of seconds at least 0/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('time to target of a resumed run is on the run clock', () => {
  const root = tmpFolder('smfg-clock-target-');
  try {
    const run = join(root, 'run');
    // N = 100 seed 1 passes 3,370 alive from its first epoch: a first process aiming at 4,000 misses, the resumed one aiming at 3,000 hits
    const first = cli('train', '--n', '100', '--seed', '1', '--eval-episodes', '1', '--target-reward', '4000', '--epochs', '1', '--out', run, '--quiet');
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /time_to_target_s=none\s*$/);
    const resumed = cli('train', '--resume', run, '--target-reward', '3000', '--epochs', '3', '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    const rows = readRunMetrics(run);
    assert.equal(rows.length, 2);
    const printed = Number(/time_to_target_s=([\d.]+)\s*$/.exec(resumed.stdout)![1]);
    assert.equal(printed, Number(rows[1].runSeconds.toFixed(2)));
    assert.ok(printed > rows[0].runSeconds && rows[1].runSeconds > rows[1].processSeconds);
    // resumed again after the target: nothing trains, the time is the one recorded
    const again = cli('train', '--resume', run, '--epochs', '3', '--quiet');
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readRunMetrics(run).length, 2);
    assert.match(again.stdout, new RegExp(`time_to_target_s=${rows[1].runSeconds.toFixed(2)}\\s*$`));
    console.log(`time to target: ${printed} s on the run clock (first process ${rows[0].processSeconds.toFixed(2)} s, then ${rows[1].processSeconds.toFixed(2)} s in the resumed one)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('smfg train --budget-s counts the run clock: a resumed run whose budget is spent trains and saves nothing, a larger budget continues it', () => {
  const root = tmpFolder('smfg-clock-budget-');
  try {
    const run = join(root, 'run');
    const first = cli('train', ...tiny, '--epochs', '2', '--budget-s', '600', '--out', run);
    assert.equal(first.status, 0, first.stderr);
    assert.doesNotMatch(first.stdout, /budget spent|stopped by the budget/, 'a budget not reached says nothing');
    // the clock of a run that trained for 1,000 s: past any budget a fresh process's uptime reaches in this test
    const statePath = join(readLatestCheckpoint(join(run, 'checkpoints')).folder, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    state.trainer.runSeconds = 1000;
    writeFileSync(statePath, JSON.stringify(state));
    const files = (folder: string) => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name)).sort();
    const before = new Map(files(run).map((f) => [f, readFileSync(f)]));

    // the old rule (this process's seconds) trained two more epochs here
    const spent = cli('train', '--resume', run, '--epochs', '4', '--budget-s', '500', '--quiet');
    assert.equal(spent.status, 0, spent.stderr);
    assert.deepEqual(files(run), [...before.keys()], 'no file added or removed');
    for (const [f, bytes] of before) assert.ok(readFileSync(f).equals(bytes), `${f} unchanged`);
    assert.match(spent.stdout, /budget spent: the run's clock \(runSeconds, summed over its processes\) is at 10\d\d\.\d s, --budget-s 500; no epoch trained and nothing saved/);
    // with a target, the budget ending first is a miss
    const missed = cli('train', '--resume', run, '--epochs', '4', '--budget-s', '500', '--target-reward', '1e9', '--quiet');
    assert.equal(missed.status, 1, missed.stderr);
    assert.match(missed.stdout, /budget spent: [^\n]*\n(?:.*\n)*time_to_target_s=none\s*$/);

    // a budget still ahead of the clock: the run continues from its checkpoint
    const more = cli('train', '--resume', run, '--epochs', '3', '--budget-s', '2000', '--quiet');
    assert.equal(more.status, 0, more.stderr);
    assert.doesNotMatch(more.stdout, /budget spent|stopped by the budget/);
    const rows = readRunMetrics(run);
    assert.equal(rows.length, 3);
    assert.equal(rows[2].runSeconds, 1000 + rows[2].processSeconds);
    console.log(`resumed at runSeconds 1000: --budget-s 500 stopped before any epoch, --budget-s 2000 trained epoch 3 (runSeconds ${rows[2].runSeconds.toFixed(2)})`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
