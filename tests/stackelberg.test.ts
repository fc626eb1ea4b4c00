/**
 * The leader's stationary optimum against rational followers (src/equilibrium/stackelberg.ts,
 * `smfg stackelberg`), on a short episode and a coarse grid so that it runs in seconds: the optimum
 * beats a scan of the instrument, the starts agree, and the saved folder plays as a government.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { constantGovernmentName, solveStackelberg } from '../src/equilibrium/stackelberg.js';
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
const result = solveStackelberg({
  task: 'social_welfare',
  config,
  years,
  instruments: ['tau'],
  fixedAction: [0, 0.2, 0, 0, 0.1, 0],
  search: settings,
  final: settings,
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
  const path = cli('stackelberg', '--family', 'path');
  assert.equal(path.status, 2);
  assert.match(path.stderr, /only 'stationary'/);
});
