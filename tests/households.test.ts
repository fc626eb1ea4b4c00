import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadHouseholdPool } from '../src/data/households.js';
import { drawHouseholds } from '../src/economy/households.js';
import { Rng } from '../src/economy/rng.js';
import { initialAbility, normalAbilityStatistics, transitionAbilityRange } from '../src/economy/ability.js';
import { makeConfig } from '../src/economy/config.js';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { sharedPath } from '../src/data/paths.js';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;

test('shipped SCF sample: 5,000 rows with weights; weighted draws are far less wealthy', () => {
  const pool = loadHouseholdPool();
  assert.equal(pool.assetsUsd.length, 5000);
  const unweighted = drawHouseholds(pool, 1000, 'unweighted', new Rng(1));
  const weighted = drawHouseholds(pool, 1000, 'weighted', new Rng(1));
  // the SCF over-samples the wealthy: the unweighted mean of assets is ~20 million USD,
  // the survey-weighted one ~1.2 million
  assert.ok(mean(unweighted.assetsUsd) > 8e6, `unweighted mean assets ${mean(unweighted.assetsUsd)}`);
  assert.ok(mean(weighted.assetsUsd) < 4e6, `weighted mean assets ${mean(weighted.assetsUsd)}`);
  assert.equal(new Set(unweighted.poolRow).size, 1000, 'rows are distinct');
  assert.equal(new Set(weighted.poolRow).size, 1000, 'rows are distinct');
  // beyond the pool size rows repeat
  const many = drawHouseholds(pool, 12_000, 'weighted', new Rng(2));
  assert.equal(many.withReplacement, true);
  assert.equal(many.assetsUsd.length, 12_000);
});

test('household file errors name the file, line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'WGT,EDUC,INCOME,ASSET\n1,10,5000,-3\n');
  assert.throws(() => loadHouseholdPool(bad), /bad\.csv line 2, column ASSET: -3 must be >= 0/);
  writeFileSync(bad, 'WGT,EDUC,INCOME\n1,10,5000\n');
  assert.throws(() => loadHouseholdPool(bad), /missing column 'ASSET'; columns are WGT, EDUC, INCOME/);
  writeFileSync(bad, 'WGT,EDUC,INCOME,ASSET\n1,0,5000,3\n');
  assert.throws(() => loadHouseholdPool(bad), /column EDUC: 0 must be > 0/);
  assert.throws(() => loadHouseholdPool(join(dir, 'missing.csv')), /household file not found/);
});

test('ability process: AR(1) in logs pulls abilities toward 1; super-stars at 504.3 x the mean', () => {
  const n = 20_000;
  const config = makeConfig({ n, abilityShockSd: 0.2 });
  const rng = new Rng(5);
  const state = initialAbility(new Float64Array(n).fill(10), config, rng);
  const ability = new Float64Array(n);
  const statistics = normalAbilityStatistics(state, 0, n);
  transitionAbilityRange(state, 0, n, statistics, config, rng, ability, new Int32Array(n), statistics, new Float64Array(n));
  // the statistics written by the transition are those of the new abilities
  assert.deepEqual(statistics, normalAbilityStatistics(state, 0, n));
  assert.deepEqual(ability, state.normal);
  // E[log e'] = 0.982 log 10, sd 0.2
  const logs = Array.from(state.normal, Math.log);
  assert.ok(Math.abs(mean(logs) - 0.982 * Math.log(10)) < 0.01, `mean log ability ${mean(logs)}`);
  const sd = Math.sqrt(mean(logs.map((x) => (x - mean(logs)) ** 2)));
  assert.ok(Math.abs(sd - 0.2) < 0.01, `sd ${sd}`);
  // force super-stars
  const always = makeConfig({ n, superstarEntryProb: 1 });
  const superState = initialAbility(new Float64Array(n).fill(10), makeConfig({ n }), new Rng(1));
  transitionAbilityRange(superState, 0, n, normalAbilityStatistics(superState, 0, n), always, new Rng(1), new Float64Array(n), new Int32Array(n), normalAbilityStatistics(superState, 0, n), new Float64Array(n));
  assert.equal(superState.superstar[0], 504.3 * 10);
  assert.equal(superState.normal[0], 0);
});

test("the loader reads the Federal Reserve's full summary extract when pointed at it", { skip: existsSync(sharedPath('data', 'scf2022', 'advanced_scfp2022.csv')) ? false : 'no ../shared' }, () => {
  const pool = loadHouseholdPool(sharedPath('data', 'scf2022', 'advanced_scfp2022.csv'));
  assert.equal(pool.assetsUsd.length, 22_955);
  // the shipped sample keeps the extract's row numbers and values (rounded to dollars)
  const sample = loadHouseholdPool();
  for (const k of [0, 1234, 4999]) {
    const row = sample.rowIndex[k];
    assert.equal(sample.assetsUsd[k], Math.round(pool.assetsUsd[row]));
    assert.equal(sample.education[k], pool.education[row]);
  }
});
