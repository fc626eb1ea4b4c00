/**
 * Governments judged against a ground truth (src/analysis/harness/regret.ts, `smfg regret`): the
 * regret is the ground truth's value in equilibrium minus the government's, every value on the same
 * households and seed; its own followers' value is the harness's episode; methods pool over seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { judgeAgainstGroundTruth } from '../src/analysis/harness/regret.js';
import { evaluate } from '../src/analysis/harness/evaluate.js';
import { solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { ExploitUndefinedError, exploitSeed } from '../src/equilibrium/exploit.js';
import { summariseSeed, type HouseholdGain } from '../src/equilibrium/gains.js';
import type { FrozenMeanField } from '../src/equilibrium/meanField.js';
import { SURCHARGE_CLIP } from '../src/economy/householdBudget.js';
import { createEconomy } from '../src/data/defaults.js';
import { runEpisode } from '../src/policies/episode.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

test('regret: the ground truth in equilibrium minus each government in equilibrium; own followers as the harness plays them; a method pooled over seeds', () => {
  const setting = { task: 'social_welfare' as const, n: 200, seed: 1, years: 30 };
  const grid = { abilityNodes: 7, wealthPoints: 40 };
  const truthName = 'constant:0.3,0.5,0,0,0.1';
  const record = judgeAgainstGroundTruth({
    ...setting,
    grid,
    groundTruth: truthName,
    governments: [
      { label: 'free market', method: 'free-market', seed: null, trainedN: null, government: 'free-market', households: 'bc' },
      { label: 'hsv a', method: 'hsv', seed: 1, trainedN: 100, government: 'constant:0.2,0.4,0,0,0.1', households: 'fixed' },
      { label: 'hsv b', method: 'hsv', seed: 2, trainedN: 100, government: 'constant:0.4,0.6,0,0,0.1', households: 'fixed' },
    ],
  });
  const config = { preset: 'aiyagari' as const, task: setting.task, n: setting.n, seed: setting.seed };
  const truth = solvePresetTransition({ government: truthName, config, years: setting.years, ...grid });
  assert.equal(record.groundTruth.value, truth.metrics.governmentReward);
  for (const row of record.rows) {
    const eq = solvePresetTransition({ government: row.government, config, years: setting.years, ...grid });
    assert.ok(eq.converged && row.equilibriumConverged);
    assert.equal(row.valueInEquilibrium, eq.metrics.governmentReward);
    assert.equal(row.regret, truth.metrics.governmentReward - eq.metrics.governmentReward);
    // own followers: the evaluation harness's episode on the same seed
    const own = evaluate(governmentByName(row.government), householdsByName(row.households), { n: setting.n, seeds: [setting.seed], task: setting.task, preset: 'aiyagari', config: { episodeYears: setting.years } });
    assert.equal(row.valueOwnFollowers, own.records[0].metrics.governmentReward);
  }
  // social welfare differs between the three governments and the fixed shares' followers do worse than in equilibrium
  assert.ok(new Set(record.rows.map((r) => r.regret)).size === 3);
  const [hsv] = record.methods.filter((m) => m.method === 'hsv');
  assert.deepEqual(hsv.seeds, [1, 2]);
  assert.ok(Math.abs(hsv.meanRegret - (record.rows[1].regret! + record.rows[2].regret!) / 2) < 1e-9);
  assert.ok(hsv.ci95Low !== null && hsv.ci95Low <= hsv.meanRegret && hsv.meanRegret <= hsv.ci95High!);

  // added to the record: the ground truth's value kept, a government judged again replaces its row,
  // the same method trained on another N pools apart
  const soFar: number[] = [];
  const added = judgeAgainstGroundTruth({
    ...setting,
    grid,
    groundTruth: truthName,
    addTo: record,
    onRecord: (r) => soFar.push(r.rows.length),
    governments: [
      { label: 'hsv b again', method: 'hsv', seed: 2, trainedN: 100, government: 'constant:0.4,0.6,0,0,0.1', households: 'fixed' },
      { label: 'hsv N=1000', method: 'hsv', seed: 1, trainedN: 1000, government: 'constant:0.3,0.55,0,0,0.1', households: 'fixed' },
    ],
  });
  assert.equal(added.groundTruth.value, record.groundTruth.value);
  // the record after each government: the one judged again replaces its row, the new one adds one
  assert.deepEqual(soFar, [3, 4]);
  assert.deepEqual(added.rows.map((r) => r.label), ['free market', 'hsv a', 'hsv b again', 'hsv N=1000']);
  assert.equal(added.rows[2].regret, record.rows[2].regret);
  assert.deepEqual(added.methods.map((m) => [m.method, m.trainedN, m.seeds]), [['free-market', null, []], ['hsv', 100, [1, 2]], ['hsv', 1000, [1]]]);
  assert.equal(added.methods[1].meanRegret, hsv.meanRegret);
  assert.throws(() => judgeAgainstGroundTruth({ ...setting, seed: 2, grid, groundTruth: truthName, addTo: record, governments: [] }), /the record to add to has seed 1 \(here 2\)/);
  assert.throws(() => judgeAgainstGroundTruth({ ...setting, grid, groundTruth: 'free-market', addTo: record, governments: [] }), /groundTruth "constant:0.3,0.5,0,0,0.1" \(here "free-market"\)/);
});

test('smfg regret: missing or unknown inputs exit 2 naming the flag', () => {
  let out = cli('regret', '--task', 'gdp', '--gov', 'free-market');
  assert.equal(out.status, 2);
  assert.match(out.stderr, /--ground-truth is required/);
  out = cli('regret', '--task', 'gdp', '--ground-truth', 'free-market');
  assert.equal(out.status, 2);
  assert.match(out.stderr, /--gov is required/);
  out = cli('regret', '--task', 'gdp', '--ground-truth', 'free-market', '--gov', 'free-market,no-such-government');
  assert.equal(out.status, 2);
  assert.match(out.stderr, /unknown government 'no-such-government'/);
  out = cli('regret', '--task', 'welfare', '--ground-truth', 'free-market', '--gov', 'free-market');
  assert.equal(out.status, 2);
  assert.match(out.stderr, /--task.*gdp.*social_welfare/s);
  out = cli('regret', '--task', 'gdp', '--ground-truth', 'free-market', '--gov', 'free-market', '--add-to', join(projectRoot(), 'no-such-record.json'));
  assert.equal(out.status, 2);
  assert.match(out.stderr, /no-such-record\.json is missing: record it with smfg regret --task gdp/);
});

test("regret --exploit: followers that act on their own history (the AI Economist's) get their gain by simulated deviations, their own episode as the harness plays it", () => {
  const setting = { task: 'gdp' as const, n: 40, seed: 1, years: 12 };
  const aie = join(projectRoot(), 'data', 'models', 'aie-gdp-n100');
  const record = judgeAgainstGroundTruth({
    ...setting,
    grid: { abilityNodes: 7, wealthPoints: 40 },
    groundTruth: 'constant:0.3,0.5,0,0,0.1',
    exploit: true,
    governments: [{ label: 'aie', method: 'aie', seed: 1, trainedN: 100, government: aie, households: aie }],
  });
  const [row] = record.rows;
  assert.ok(row.followersGain !== null && Number.isFinite(row.followersGain));
  const own = evaluate(governmentByName(aie), householdsByName(aie), { n: setting.n, seeds: [setting.seed], task: setting.task, preset: 'aiyagari', config: { episodeYears: setting.years } });
  assert.equal(row.valueOwnFollowers, own.records[0].metrics.governmentReward);
});

test("no budget folds: the most progressive schedule with the surcharge at its clip, and MADDPG's gdp leader of seed 1, give every household a value and a finite gain; a NaN value would be said, not averaged", () => {
  // under the surcharge levied on top of T(z) (up to stop 38) both left the households' values NaN
  // on this grid: incomes owed more than themselves in the years the surcharge reached +0.5
  const options = { n: 100, preset: 'aiyagari' as const, task: 'gdp' as const, config: { episodeYears: 30 }, grid: { abilityNodes: 7, wealthPoints: 40 } };
  const maddpg = join(projectRoot(), 'data', 'models', 'aiyagari', 'maddpg-gdp-tau-xi-n100-s1', 'policy');
  for (const [government, households] of [['constant:0.99,1,0,0,1,1', 'fixed'], [maddpg, maddpg]]) {
    const economy = createEconomy({ n: 100, seed: 1, preset: 'aiyagari', episodeYears: 30 });
    const years = runEpisode(economy, governmentByName(government)(1), householdsByName(households)(2)).trajectory;
    economy.close();
    if (government.startsWith('constant')) assert.ok(years.filter((y) => y.budget.incomeSurchargeRate === SURCHARGE_CLIP).length >= 5, 'the surcharge at its clip in several years');
    const { summary } = exploitSeed(governmentByName(government), householdsByName(households), 1, options);
    assert.ok(Number.isFinite(summary.meanPolicyValue) && Number.isFinite(summary.meanBestResponseValue), government);
    assert.ok(summary.meanRelativeGain > 0 && Number.isFinite(summary.maxRelativeGain), `${government}: gain ${summary.meanRelativeGain}`);
  }
  const row = (policyValue: number) => ({ policyValue, bestResponseValue: 2, relativeGain: 0.1 }) as HouseholdGain;
  const field = { years: [1], endReason: 'the episode ran its years', superstarYears: 0 } as unknown as FrozenMeanField;
  const seconds = { freeze: 0, bestResponse: 0, policy: 0, households: 0 };
  assert.equal(summariseSeed(3, field, [row(1), row(1.5)], seconds).meanPolicyValue, 1.25);
  assert.throws(() => summariseSeed(3, field, [row(1), row(NaN)], seconds), (e: unknown) => e instanceof ExploitUndefinedError && /values are not numbers on seed 3 \(the policy or best-response value of 1 of 2 households is NaN\)/.test((e as Error).message));
});
