import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, comparisonTable, paperTable, resolveSeeds, type SummaryRow } from '../src/analysis/harness/evaluate.js';
import { bootstrapMeanInterval, mean, wilsonInterval } from '../src/statistics.js';
import { formatCell, formatEstimate, formatInterval, formatMetric } from '../src/analysis/report/format.js';
import { EPISODE_METRIC_NAMES } from '../src/economy/metrics.js';
import { constantAction, freeMarket } from '../src/policies/government.js';
import { createEconomy } from '../src/data/defaults.js';
import { runEpisode } from '../src/policies/episode.js';
import { fixedShares, thriftyHouseholds } from '../src/policies/households.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { assertClose } from './helpers.js';

test('percentile bootstrap: zero width for equal values, inside [min, max], the same bit for bit', () => {
  // 0.1 + 0.1 + 0.1 is not 0.3: the resampled means may leave the values by an ulp; the interval must not
  assert.deepEqual(bootstrapMeanInterval([0.1, 0.1, 0.1]), { low: 0.1, high: 0.1, samples: 3 });
  const bimodal = [2, 300, 3, 300, 1];
  const ci = bootstrapMeanInterval(bimodal);
  assert.ok(ci.low! >= 1 && ci.high! <= 300, `[${ci.low}, ${ci.high}]`);
  assert.ok(ci.low! < mean(bimodal) && mean(bimodal) < ci.high!);
  assert.deepEqual(bootstrapMeanInterval(bimodal), ci);
  // 3 seeds, one survivor: all three resampled from the collapses has probability 8/27 > 2.5 %
  const few = bootstrapMeanInterval([2, 300, 3]);
  assert.equal(few.low, 2);
  assert.equal(few.high, 300);
  // a wide, smooth sample: close to the normal interval mean +/- 1.96 sd / sqrt(k)
  const wide = Array.from({ length: 400 }, (_, k) => k);
  const normal = (1.96 * Math.sqrt(wide.reduce((s, v) => s + (v - 199.5) ** 2, 0) / 399)) / 20;
  const w = bootstrapMeanInterval(wide);
  assert.notDeepEqual(bootstrapMeanInterval(wide, { seed: 7 }), w);
  assert.ok(Math.abs(w.low! - (199.5 - normal)) < 1.5 && Math.abs(w.high! - (199.5 + normal)) < 1.5, `[${w.low}, ${w.high}] vs +/- ${normal}`);
  assert.deepEqual(bootstrapMeanInterval([5]), { low: null, high: null, samples: 1 });
  assert.throws(() => bootstrapMeanInterval([1, NaN]), /value 1 is NaN/);
  assert.throws(() => bootstrapMeanInterval([1, 2], { resamples: 0 }), /resamples must be an integer >= 1, got 0/);
});

test('Wilson score interval against hand-computed values', () => {
  const three = wilsonInterval(3, 5);
  assertClose(three.low!, 0.2307, 2e-4);
  assertClose(three.high!, 0.8824, 2e-4);
  // p = 0.6, z = 1.96: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
  const z = 1.959963984540054;
  const centre = (0.6 + (z * z) / 10) / (1 + (z * z) / 5);
  const half = (z * Math.sqrt(0.24 / 5 + (z * z) / 100)) / (1 + (z * z) / 5);
  assertClose(three.low!, centre - half, 1e-14);
  assertClose(three.high!, centre + half, 1e-14);
  assert.equal(wilsonInterval(0, 3).low, 0);
  assertClose(wilsonInterval(0, 3).high!, 0.5615, 2e-4);
  assert.equal(wilsonInterval(3, 3).high, 1);
  assert.throws(() => wilsonInterval(4, 3), /successes must be an integer in \[0, 3\], got 4/);
  assert.throws(() => wilsonInterval(0, 0), /trials must be an integer >= 1, got 0/);
});

test('Saez against behaviour-cloned households, N = 100, 3 seeds: every interval inside its metric\'s range', () => {
  const e = evaluate(governmentByName('saez'), householdsByName('bc'), { n: 100, seeds: 3, keepTrajectories: false });
  const years = e.records.map((r) => r.metrics.years);
  assert.deepEqual(years, [2, 300, 3]);
  assert.deepEqual(e.metrics.years.all.interval, { low: 2, high: 300, samples: 3 });
  for (const metric of EPISODE_METRIC_NAMES) {
    const values = e.records.map((r) => r.metrics[metric]);
    const { low, high } = e.metrics[metric].all.interval;
    assert.ok(low! >= Math.min(...values) && high! <= Math.max(...values), `${metric}: [${low}, ${high}]`);
  }
  for (const gini of ['incomeGini', 'wealthGini'] as const) assert.ok(e.metrics[gini].all.interval.high! <= 1);
  assert.deepEqual({ survived: e.survival.survived, episodes: e.survival.episodes }, { survived: 1, episodes: 3 });
  assertClose(e.survival.interval.low!, 0.0615, 1e-3);
  assertClose(e.survival.interval.high!, 0.7923, 1e-3);
  // the surviving episode alone: its own numbers, no interval from one seed
  assert.equal(e.metrics.years.survivors.mean, 300);
  assert.equal(e.metrics.governmentReward.survivors.mean, e.records[1].metrics.governmentReward);
  assert.deepEqual(e.metrics.years.survivors.interval, { low: null, high: null, samples: 1 });
  const survival = (e.summary.objects() as { metric: string; mean: number }[]).find((r) => r.metric === 'survival')!;
  assertClose(survival.mean, 1 / 3, 1e-15);
});

test('table numbers: per-metric significant digits, integers as integers, "mean [low, high]"', () => {
  assert.equal(formatMetric(61.6, 'years'), '61.6');
  assert.equal(formatMetric(300, 'years'), '300');
  assert.equal(formatMetric(101.666, 'years'), '101.7');
  assert.equal(formatMetric(1.4, 'evalYears'), '1.4');
  assert.equal(formatMetric(0.45339, 'incomeGini'), '0.453');
  assert.equal(formatMetric(0.40001, 'wealthGini_ci95'), '0.400');
  assert.equal(formatMetric(0.35, 'workShare'), '0.35');
  assert.equal(formatMetric(0.001, 'workShare'), '0.001');
  assert.equal(formatMetric(3271.7, 'governmentReward'), '3272');
  assert.equal(formatMetric(-686.3019, 'governmentReward'), '-686.3');
  assert.equal(formatMetric(98.6498, 'socialWelfare'), '98.65');
  assert.equal(formatMetric(9.467e12, 'gdpPerHousehold'), '9.47e12');
  assert.equal(formatMetric(117704.7, 'gdpPerHousehold'), '1.18e5');
  assert.equal(formatMetric(5, 'seeds'), '5');
  assert.equal(formatMetric(3.2e-12, 'max_rel_err'), '3.200e-12');
  assert.equal(formatMetric(12345.67, 'updates/s'), '12346');
  assert.equal(formatMetric(0.48123, 'us/household-step'), '0.4812');
  assert.equal(formatEstimate({ mean: 101.67, interval: { low: 2, high: 300, samples: 3 } }, 'years'), '101.7 [2, 300]');
  assert.equal(formatEstimate({ mean: 2, interval: { low: null, high: null, samples: 1 } }, 'years'), '2 (no interval, 1 seed)');
  assert.equal(formatEstimate({ mean: null, interval: { low: null, high: null, samples: 0 } }, 'years'), 'none');
  assert.equal(formatInterval({ low: null, high: null, samples: 1 }, 'years'), 'no interval (1 seed)');
  assert.equal(formatCell({ low: 0.0615, high: 0.7923, samples: 3 }, 'survival_ci95'), '[0.061, 0.79]');
  assert.equal(formatCell(null, 'years'), '');
});

test('evaluate: per-episode metrics, summary across seeds, reproducible', () => {
  const run = () => evaluate(freeMarket(), (seed) => thriftyHouseholds(seed), { n: 40, seeds: [3, 4, 5], episodes: 2, config: { episodeYears: 20 } });
  const a = run();
  assert.equal(a.episodes.numRows(), 6);
  assert.deepEqual(a.episodes.array('seed'), [3, 3, 4, 4, 5, 5]);
  const summary = Object.fromEntries((a.summary.objects() as SummaryRow[]).map((r) => [r.metric, r]));
  assert.equal(summary.years.mean, 20);
  // the summary mean is the mean over seeds of each seed's mean over episodes
  const rewards = a.records.map((r) => r.metrics.governmentReward);
  const perSeed = [0, 2, 4].map((k) => (rewards[k] + rewards[k + 1]) / 2);
  assertClose(summary.governmentReward.mean, (perSeed[0] + perSeed[1] + perSeed[2]) / 3, 1e-12);
  assert.ok(summary.governmentReward.ci95_high! > summary.governmentReward.ci95_low!);
  assert.deepEqual(summary.governmentReward.ci95, a.metrics.governmentReward.all.interval);
  assert.equal(summary.survival.mean, 1);
  assert.equal(summary.survival.interval, 'Wilson score interval over episodes, 95 %');
  const b = run();
  assert.deepEqual(b.episodes.objects(), a.episodes.objects());
  assert.deepEqual(b.metrics, a.metrics);
  const table = comparisonTable([a]);
  assert.deepEqual(table.columnNames().slice(0, 8), ['government', 'households', 'n', 'seeds', 'years', 'years_ci95', 'years_low', 'years_high']);
  assert.equal(formatCell(table.get('governmentReward_ci95', 0), 'governmentReward_ci95'), formatInterval(a.metrics.governmentReward.all.interval, 'governmentReward'));
  const paper = paperTable([a]);
  assert.deepEqual(paper.columnNames(), ['government', 'households', 'n', 'seeds', 'survival', 'years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'incomeGini', 'wealthGini']);
  assert.equal(formatCell(paper.get('years', 0), 'years'), '20 [20, 20]');
  assert.deepEqual(paperTable([a], { episodes: 'survivors' }).columnNames(), ['government', 'households', 'n', 'seeds', 'survivor_seeds', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'incomeGini', 'wealthGini']);
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
  assert.throws(() => governmentByName('laffer'), /unknown government 'laffer'; governments: a policy folder \(with policy.json, from smfg train\), a constant government's folder \(constant-government.json, from smfg stackelberg --save\), free-market, saez, us-federal-2022 .*us-federal-2017-head_of_household/);
  assert.throws(() => governmentByName('us-federal-1999'), /no tax schedule for country 'us', year 1999/);
  assert.equal(householdsByName('bc')(1).name, 'behaviour-cloned');
  assert.throws(() => householdsByName('lazy'), /unknown households 'lazy'; households: a policy folder \(with policy.json, from smfg train\), an equilibrium folder \(with equilibrium-households.json, from smfg equilibrium --save\), bc/);
  assert.equal(governmentByName('constant:0.3,0.5,0,0,0.1')(1).name, 'constant:0.3,0.5,0,0,0.1');
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
  assert.throws(() => constantAction([1, 2]), /a government action has 5 to 6 entries/);
});
