/**
 * A training run's time to within a tolerance of the ground truth (src/analysis/harness/timeToGroundTruth.ts,
 * `smfg time-to-truth`): the ground truth is solved in equilibrium on the run's own evaluation
 * economies, and the first evaluation within the tolerance of their mean, every episode alive, gives
 * the run's clock then.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { runEvaluations, timeToGroundTruth } from '../src/analysis/harness/timeToGroundTruth.js';
import { solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { evaluationSeeds } from '../src/learning/train.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });
const HEADER = 'epoch,attempt,processSeconds,runSeconds,evalGovernmentReward,evalAllSurvived';

function runFolder(dir: string, name: string, config: Record<string, unknown>, rows: string[]): string {
  const run = join(dir, name);
  mkdirSync(run);
  writeFileSync(join(run, 'config.json'), JSON.stringify({ config }));
  writeFileSync(join(run, 'metrics.csv'), [HEADER, ...rows].join('\n') + '\n');
  return run;
}

test("time to the ground truth: solved on the run's evaluation economies; the first evaluation within the tolerance, alive, on the run's clock", () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-time-to-truth-'));
  try {
    const truth = 'constant:0.3,0.5,0,0,0.1';
    const config = { method: 'smfrl', task: 'social_welfare', preset: 'aiyagari', n: 60, seed: 4, evalEpisodes: 2, economy: { episodeYears: 20 } };
    const grid = { abilityNodes: 7, wealthPoints: 40 };
    const seeds = evaluationSeeds(4, 2);
    const values = seeds.map((seed) => solvePresetTransition({ government: truth, config: { preset: 'aiyagari', task: 'social_welfare', n: 60, seed, episodeYears: 20 }, years: 20, ...grid }).metrics.governmentReward);
    const mean = (values[0] + values[1]) / 2;
    // epoch 1 within 1 % but one episode died; epoch 2 within 2 %; epoch 3 within 1 %; epoch 4 above the truth
    const at = (share: number) => mean - share * Math.abs(mean);
    const run = runFolder(dir, 'run', config, [
      `0,0,5,5,${at(0.5)},true`,
      `1,0,9,9,${at(0.001)},false`,
      '2,0,12,12,,',
      `3,0,15,15,${at(0.02)},true`,
      `4,0,20,20,${at(0.005)},true`,
      `5,0,26,26,${at(-0.03)},true`,
    ]);
    const record = timeToGroundTruth({ task: 'social_welfare', groundTruth: truth, runs: [run, run], tolerance: 0.01, grid });
    const [r] = record.runs;
    assert.deepEqual(r.evaluationSeeds, seeds);
    assert.deepEqual(r.truthValues, values);
    assert.equal(r.target, mean - 0.01 * Math.abs(mean));
    assert.deepEqual(r.reached && [r.reached.epoch, r.reached.runSeconds], [4, 20]);
    assert.deepEqual(r.best && [r.best.epoch, r.best.runSeconds], [5, 26]);
    assert.ok(Math.abs(r.best!.gap + 0.03) < 1e-12);
    assert.equal(r.evaluations, 5);
    assert.deepEqual(record.runs[1], r);
    // within 3 %: epoch 3 is the first
    assert.equal(timeToGroundTruth({ task: 'social_welfare', groundTruth: truth, runs: [run], tolerance: 0.03, grid }).runs[0].reached?.epoch, 3);
    assert.equal(runEvaluations(run).length, 5);

    // runs that cannot be judged: another preset or task, a missing config, a bad field
    const paper = runFolder(dir, 'paper', { ...config, preset: 'paper' }, []);
    assert.throws(() => timeToGroundTruth({ task: 'social_welfare', groundTruth: truth, runs: [paper], grid }), /trained on preset 'paper'; the ground truth is on preset 'aiyagari'/);
    assert.throws(() => timeToGroundTruth({ task: 'gdp', groundTruth: truth, runs: [run], grid }), /trained on task 'social_welfare', judged on 'gdp'/);
    const noSeed = runFolder(dir, 'no-seed', { ...config, seed: 'x' }, []);
    assert.throws(() => timeToGroundTruth({ task: 'social_welfare', groundTruth: truth, runs: [noSeed], grid }), /config\.seed must be an integer/);
    let out = cli('time-to-truth', '--task', 'social_welfare', '--ground-truth', truth, '--runs', join(dir, 'nowhere'));
    assert.equal(out.status, 2);
    assert.match(out.stderr, /nowhere is not a training run: .*config\.json is missing/);
    out = cli('time-to-truth', '--task', 'social_welfare', '--ground-truth', truth);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /--runs is required/);
    out = cli('time-to-truth', '--task', 'social_welfare', '--ground-truth', truth, '--runs', run, '--within', '2');
    assert.equal(out.status, 2);
    assert.match(out.stderr, /--within/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
