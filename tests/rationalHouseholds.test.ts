/**
 * Households of an equilibrium path that solve the equilibrium of the draw they play
 * (src/equilibrium/rationalHouseholds.ts): the folder's own draw plays its table without a solve,
 * another seed's draw plays that seed's equilibrium (the same as solving it directly), solved once
 * per draw, and the exploitability's queries of a played episode get the table that episode played.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEconomy } from '../src/data/defaults.js';
import { makeConfig } from '../src/economy/config.js';
import { freezeMeanField } from '../src/equilibrium/meanField.js';
import { queryPolicy } from '../src/equilibrium/policyAdapter.js';
import { readTermsPath, solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { rationalHouseholds } from '../src/equilibrium/rationalHouseholds.js';
import { equilibriumHouseholds } from '../src/policies/equilibriumHouseholds.js';
import { governmentByName } from '../src/policies/registry.js';

const grid = { abilityNodes: 7, wealthPoints: 40 };
const years = 40;
const base = { preset: 'aiyagari' as const, n: 200, episodeYears: years };
const folder = solvePresetTransition({ government: 'free-market', config: { ...base, seed: 1 }, years, ...grid, tolerance: 1e-7 }).policy;
const play = (seed: number, households: ReturnType<ReturnType<typeof rationalHouseholds>>) => {
  const economy = createEconomy(makeConfig({ ...base, seed }));
  try {
    return freezeMeanField(economy, governmentByName('free-market')(seed), households);
  } finally {
    economy.close();
  }
};

test("an equilibrium path's households play their own draw's table, and solve another draw's equilibrium once", () => {
  const solves: number[] = [];
  const lines: string[] = [];
  const households = rationalHouseholds(folder, { log: (line) => lines.push(line), onSolve: (s) => solves.push(s.seed) });
  // the folder's draw: its table, no solve, the same episode as the table itself plays
  const own = play(1, households(1));
  assert.deepEqual(solves, []);
  const table = play(1, equilibriumHouseholds(folder));
  assert.deepEqual(own.trajectory.map((y) => y.gdp), table.trajectory.map((y) => y.gdp));

  // seed 2: one solve, whose episode is seed 2's equilibrium solved directly from the folder's path
  const other = play(2, households(2));
  assert.deepEqual(solves, [2]);
  const initialTerms = readTermsPath(folder.terms!);
  const direct = solvePresetTransition({ government: 'free-market', config: { ...base, seed: 2 }, years, ...grid, initialTerms });
  assert.ok(direct.converged);
  assert.deepEqual(other.trajectory.map((y) => y.gdp), direct.trajectory.map((y) => y.gdp));
  // it is another economy than the folder's: another first-year interest rate
  assert.ok(Math.abs(other.trajectory[0].interestRate - own.trajectory[0].interestRate) > 1e-4, `r ${other.trajectory[0].interestRate} vs ${own.trajectory[0].interestRate}`);
  // the same draw again (a fresh policy of the same factory): no second solve
  play(2, households(3));
  assert.deepEqual(solves, [2]);
  assert.ok(lines.some((l) => /solved in \d+ evaluations/.test(l)), lines.join('\n'));

  // the exploitability's queries on a stand-in of seed 2's episode get seed 2's table, not the folder's
  const query = queryPolicy(households(4), other, 1);
  const ability = Float64Array.of(1, 4), assets = Float64Array.of(5e4, 2e6);
  const saving = new Float64Array(2), work = new Float64Array(2);
  query.act(0, ability, assets, saving, work);
  const expected = queryPolicy(equilibriumHouseholds(direct.policy), other, 1);
  const saving2 = new Float64Array(2), work2 = new Float64Array(2);
  expected.act(0, ability, assets, saving2, work2);
  assert.deepEqual([...saving, ...work], [...saving2, ...work2]);
  const folders = queryPolicy(equilibriumHouseholds(folder), other, 1);
  folders.act(0, ability, assets, saving2, work2);
  assert.notDeepEqual([...saving, ...work], [...saving2, ...work2]);
});

test("a reset economy's later episode (another draw than its config's first) plays the folder's table, with a note", () => {
  const solves: number[] = [];
  const lines: string[] = [];
  const households = rationalHouseholds(folder, { log: (line) => lines.push(line), onSolve: (s) => solves.push(s.seed) });
  const economy = createEconomy(makeConfig({ ...base, seed: 1 }));
  try {
    freezeMeanField(economy, governmentByName('free-market')(1), households(1));
    // the second episode of seed 1's economy draws other households: its equilibrium cannot be replayed from the config
    const second = freezeMeanField(economy, governmentByName('free-market')(1), households(1));
    assert.deepEqual(solves, [1]);
    assert.ok(lines.some((l) => l.includes('not the first draw')), lines.join('\n'));
    assert.equal(second.years.length, years);
  } finally {
    economy.close();
  }
});
