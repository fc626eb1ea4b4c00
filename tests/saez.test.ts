import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SaezGovernment } from '../src/policies/saez.js';
import { createEconomy } from '../src/data/defaults.js';
import { thriftyHouseholds } from '../src/policies/households.js';
import { runEpisode } from '../src/policies/episode.js';
import { assertClose } from './helpers.js';

test('Saez rates on two bins by hand: tau = (1 - G) / (1 - G + A e)', () => {
  // bins [0, 100) and [100, 200]; two incomes in each; inverse-income welfare weights
  const saez = new SaezGovernment({ bracketCutoffsUsd: [0, 100, 200], estimationBins: 2 });
  const taus = saez.binMarginalRates(Float64Array.of(50, 50, 150, 150), 0.5);
  // G = (0.75, 0.25, 0), A = (1/3, 3, 0)
  assertClose(taus[0], 0.25 / (0.25 + 0.5 / 3), 1e-6); // the formula's 1e-9 guards shift it by ~2e-8
  assertClose(taus[1], 0.75 / (0.75 + 1.5), 1e-6);
  assertClose(taus[2], 1, 1e-6); // nobody above the top cutoff: the top rate goes to 1
});

test('Saez tax due is piecewise linear in the brackets', () => {
  const saez = new SaezGovernment({ bracketCutoffsUsd: [0, 100, 200], estimationBins: 2, seed: 3 });
  saez.decide({ year: 0 } as never); // first call: random exploration rates
  const [r0, r1, r2] = saez.marginalRates;
  assert.equal(saez.state().history[0].source, 'random');
  for (const r of [r0, r1, r2]) assert.ok(r >= 0 && r <= 1);
  assertClose(saez.taxDue(50), 50 * r0, 1e-14);
  assertClose(saez.taxDue(150), 100 * r0 + 50 * r1, 1e-14);
  assertClose(saez.taxDue(1000), 100 * r0 + 100 * r1 + 800 * r2, 1e-14);
  assert.equal(saez.taxDue(-5), 0);
  assert.equal(saez.marginalRate(150), r1);
});

test('Saez explores for one period, then sets rates from the formula every 100 years', () => {
  const saez = new SaezGovernment({ seed: 1 });
  const economy = createEconomy({ n: 100, seed: 1 });
  const episode = runEpisode(economy, saez, thriftyHouseholds(2));
  assert.equal(episode.metrics.years, 300);
  const history = saez.state().history;
  assert.deepEqual(history.map((h) => [h.call, h.source]), [[1, 'random'], [101, 'saez'], [201, 'saez']]);
  // the formula gives rates in [0, 1], the open top bracket near 1 when nobody earns above 4e6... or the data's rate
  for (const h of history) for (const r of h.rates) assert.ok(r >= 0 && r <= 1, String(r));
  // the tax the economy collected in year 150 is the schedule's tax on that year's incomes
  const year = episode.trajectory[149];
  assert.ok(year.meanIncomeTax > 0);
});

test('Saez options are validated', () => {
  assert.throws(() => new SaezGovernment({ bracketCutoffsUsd: [10, 20] }), /must start at 0 and increase/);
  assert.throws(() => new SaezGovernment({ bufferSize: 3 }), /bufferSize must be an integer >= 10/);
  assert.throws(() => new SaezGovernment({ rateMax: 2 }), /0 <= rateMin <= rateMax <= 1/);
});
