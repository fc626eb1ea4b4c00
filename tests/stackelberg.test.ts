/**
 * The leader's optimum against rational followers (src/equilibrium/stackelberg.ts, `smfg
 * stackelberg`), on a short episode and a coarse grid so that it runs in seconds: the stationary
 * optimum beats a scan of the instrument and the starts agree; the path family starts at it and
 * never ends below it; saved folders play as governments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { constantGovernmentName, pathGovernmentName, solveStackelberg, solveStackelbergPath } from '../src/equilibrium/stackelberg.js';
import { governmentByName } from '../src/policies/registry.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

// the search's tolerance (at N = 100 on a coarse grid some paths stall between 1e-6 and 1e-5)
const settings = { n: 100, abilityNodes: 7, wealthPoints: 30, tolerance: 1e-5 };
const config = { preset: 'aiyagari' as const, seed: 2 };
const years = 30;
/** The welfare with the followers in equilibrium; NaN where the solver finds none (the leader cannot choose it). */
const valueAt = (action: number[]) => {
  const run = solvePresetTransition({ government: constantGovernmentName(action), config: { ...config, task: 'social_welfare', n: settings.n }, years, ...settings, maxIterations: 80 });
  return run.converged ? run.metrics.governmentReward : NaN;
};
// social welfare over the income tax's level, its progressivity and spending held; both families search this
const problem = { task: 'social_welfare' as const, config, years, instruments: ['tau' as const], fixedAction: [0, 0.2, 0, 0, 0.1, 0], search: settings, final: settings };
const result = solveStackelberg({
  ...problem,
  startPoints: [[0.2], [0.8]],
  maxEvaluations: 25,
});

test('social welfare over the income tax level (progressivity, spending held): the optimum beats a scan of the box, and both starts end there', () => {
  const best = result.value;
  assert.ok(Number.isFinite(best));
  let scanned = 0;
  for (const tau of [0.05, 0.2, 0.35, 0.5, 0.65]) {
    const value = valueAt([tau, 0.2, 0, 0, 0.1, 0]);
    if (Number.isNaN(value)) continue;
    scanned++;
    assert.ok(value <= best + 1e-5 * Math.abs(best), `tau ${tau}: ${value} > optimum ${best} at ${result.action[0]}`);
  }
  assert.ok(scanned >= 3, `only ${scanned} of the scan's points have an equilibrium`);
  assert.equal(result.starts.length, 2);
  assert.ok(result.valueSpread < 1e-4, `value spread ${result.valueSpread}`);
  // the search and the final settings are the same here: the same value
  assert.ok(Math.abs(result.searchValue - result.value) <= 1e-5 * Math.abs(result.value));
  assert.deepEqual(result.action.slice(1), [0.2, 0, 0, 0.1, 0]);
});

test('smfg stackelberg: JSON, the saved folder is a government and holds its followers; bad input is refused', () => {
  const folder = mkdtempSync(join(tmpdir(), 'smfg-stackelberg-'));
  try {
    const out = cli('stackelberg', '--task', 'social_welfare', '--instruments', 'spendingShare', '--years', '20', '--n', '60', '--search-n', '60', '--search-ability-nodes', '5', '--search-wealth-points', '20', '--starts', '1', '--max-evaluations', '8', '--save', folder, '--json');
    assert.equal(out.status, 0, out.stderr);
    const json = JSON.parse(out.stdout);
    assert.equal(json.action.length, 6);
    assert.equal(json.starts.length, 1);
    assert.ok(Number.isFinite(json.value));
    // a government by its folder: the action saved
    const government = governmentByName(folder)(1);
    assert.equal(government.name, folder);
    const saved = JSON.parse(readFileSync(join(folder, 'constant-government.json'), 'utf8'));
    assert.deepEqual(saved.action, json.action);
    const evaluated = cli('evaluate', '--gov', folder, '--households', folder, '--preset', 'aiyagari', '--n', '60', '--seeds', '3', '--quiet');
    assert.equal(evaluated.status, 0, evaluated.stderr);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const bad = cli('stackelberg', '--instruments', 'vat');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--instruments/);
  const misplaced = cli('stackelberg', '--from', 'constant:0.1,0.2,0,0,0');
  assert.equal(misplaced.status, 2);
  assert.match(misplaced.stderr, /--from: only for --family path/);
  const unknown = cli('stackelberg', '--family', 'path', '--from', 'nowhere');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--from nowhere: a stationary optimum's folder/);
});

test('the path family from the stationary optimum: its start is worth the stationary value, its optimum no less', () => {
  const path = solveStackelbergPath({
    ...problem,
    pieces: 3,
    from: result.action,
    initialStep: 0.05,
    maxEvaluations: 12,
  });
  assert.equal(path.pieces.length, 3);
  for (const action of path.pieces) assert.deepEqual(action.slice(1), [0.2, 0, 0, 0.1, 0]);
  // three equal pieces of the stationary action are the stationary government
  assert.ok(Math.abs(path.startValue - result.value) <= 1e-5 * Math.abs(result.value), `start ${path.startValue}, stationary ${result.value}`);
  assert.ok(path.value >= path.startValue - 1e-5 * Math.abs(path.startValue), `path ${path.value} below its start ${path.startValue}`);
  assert.equal(path.government, pathGovernmentName(path.pieces));
  assert.equal(path.evaluations, 12);
});

test('smfg stackelberg --family path: JSON with the pieces, the saved folder plays them', () => {
  const folder = mkdtempSync(join(tmpdir(), 'smfg-stackelberg-path-'));
  try {
    const out = cli('stackelberg', '--family', 'path', '--pieces', '2', '--from', 'constant:0.1,0.2,0,0,0.1', '--task', 'social_welfare', '--instruments', 'spendingShare', '--years', '20', '--n', '60', '--search-n', '60', '--search-ability-nodes', '5', '--search-wealth-points', '20', '--max-evaluations', '5', '--save', folder, '--json');
    assert.equal(out.status, 0, out.stderr);
    const json = JSON.parse(out.stdout);
    assert.equal(json.family, 'path');
    assert.equal(json.pieces.length, 2);
    for (const action of json.pieces) assert.deepEqual([action[0], action[1], action[5]], [0.1, 0.2, 0]);
    assert.match(json.government, /^path:/);
    assert.ok(json.value >= json.startValue - 1e-4 * Math.abs(json.startValue));
    const saved = JSON.parse(readFileSync(join(folder, 'constant-government.json'), 'utf8'));
    assert.deepEqual(saved.pieces, json.pieces);
    const government = governmentByName(folder)(1);
    const at = (year: number) => Array.from(government.decide({ year, config: { episodeYears: 20 } } as never).action);
    assert.deepEqual([at(0), at(10)], json.pieces);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
