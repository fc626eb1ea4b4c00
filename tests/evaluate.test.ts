import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, comparisonTable, resolveSeeds } from '../src/analysis/evaluate.js';
import { meanInterval, tQuantile975 } from '../src/analysis/statistics.js';
import { constantAction, freeMarket } from '../src/policies/government.js';
import { createEconomy } from '../src/data/defaults.js';
import { runEpisode } from '../src/analysis/episode.js';
import { fixedShares, thriftyHouseholds } from '../src/policies/households.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { assertClose } from './helpers.js';

test('95 % interval across seeds uses Student t', () => {
  const ci = meanInterval([1, 2, 3]);
  assert.equal(ci.mean, 2);
  assert.equal(ci.sd, 1);
  assertClose(ci.halfWidth, 4.303 / Math.sqrt(3), 1e-12);
  assert.equal(tQuantile975(4), 2.776);
  assert.ok(Number.isNaN(meanInterval([5]).halfWidth));
});

test('evaluate: per-episode metrics, summary across seeds, reproducible', () => {
  const run = () => evaluate(freeMarket(), (seed) => thriftyHouseholds(seed), { n: 40, seeds: [3, 4, 5], episodes: 2, config: { episodeYears: 20 } });
  const a = run();
  assert.equal(a.episodes.numRows(), 6);
  assert.deepEqual(a.episodes.array('seed'), [3, 3, 4, 4, 5, 5]);
  const summary = Object.fromEntries((a.summary.objects() as { metric: string; mean: number; half_width: number }[]).map((r) => [r.metric, r]));
  assert.equal(summary.years.mean, 20);
  // the summary mean is the mean over seeds of each seed's mean over episodes
  const rewards = a.records.map((r) => r.metrics.governmentReward);
  const perSeed = [0, 2, 4].map((k) => (rewards[k] + rewards[k + 1]) / 2);
  assertClose(summary.governmentReward.mean, (perSeed[0] + perSeed[1] + perSeed[2]) / 3, 1e-12);
  assert.ok(summary.governmentReward.half_width > 0);
  assert.deepEqual(run().episodes.objects(), a.episodes.objects());
  const table = comparisonTable([a]);
  assert.deepEqual(table.columnNames().slice(0, 6), ['government', 'households', 'n', 'seeds', 'years', 'years_ci95']);
});

test('bad evaluation input: N = 0, non-integer seed, no episodes', () => {
  const gov = freeMarket();
  const households = fixedShares(0.97, 0.5);
  assert.throws(() => evaluate(gov, households, { n: 0, seeds: 2 }), /n \(households\) must be an integer >= 1, got 0/);
  assert.throws(() => evaluate(gov, households, { n: 10, seeds: [1, 2.5] }), /every seed must be an integer >= 0, got 2\.5/);
  assert.throws(() => evaluate(gov, households, { n: 10, seeds: 0 }), /seeds must be a positive integer count/);
  assert.throws(() => evaluate(gov, households, { n: 10, seeds: 2, episodes: 0 }), /episodes must be an integer >= 1/);
  assert.deepEqual(resolveSeeds(3), [1, 2, 3]);
  assert.throws(() => resolveSeeds([1, 1]), /seeds must be distinct/);
});

test('policies by name; unknown names list what exists', () => {
  assert.equal(governmentByName('free-market')(1).name, 'free market');
  assert.equal(governmentByName('saez')(1).name, 'Saez');
  assert.match(governmentByName('us-federal-2018-married_filing_jointly')(1).name, /US federal 2018 married filing jointly/);
  assert.equal(governmentByName('us-federal-2022')(1).name, "US federal 2022 (authors')");
  assert.throws(() => governmentByName('laffer'), /unknown government 'laffer'; governments: a policy folder \(with policy.json, from smfg train\), free-market, saez, us-federal-2022 .*us-federal-2017-head_of_household/);
  assert.throws(() => governmentByName('us-federal-1999'), /no tax schedule for country 'us', year 1999/);
  assert.equal(householdsByName('bc')(1).name, 'behaviour-cloned');
  assert.throws(() => householdsByName('lazy'), /unknown households 'lazy'; households: a policy folder \(with policy.json, from smfg train\), bc/);
});

test('a hand-set HSV government taxes income and spends its share of GDP', () => {
  const economy = createEconomy({ n: 50, seed: 2 });
  const episode = runEpisode(economy, constantAction([0.5, 0.5, 0, 0, 0.5]), fixedShares(0.99, 0.5), { maxYears: 3 });
  const year = episode.trajectory[0];
  assertClose(year.instruments.tau, 0.1, 1e-15);
  assertClose(year.instruments.xi, 0.025, 1e-15);
  assertClose(year.governmentSpending, 0.15 * year.gdp, 1e-12);
  assert.ok(year.meanIncomeTax > 0.05 * year.meanIncome, `income tax ${year.meanIncomeTax} of income ${year.meanIncome}`);
  assert.equal(episode.trajectory.length, 3);
  assert.throws(() => constantAction([1, 2]), /a government action has 5 entries/);
});
