// Notebook 09's tables and figures (src/analysis/report/equilibriumEconomyReport.ts): the recorded
// exploitability against N is read with clear errors, and the steady state's table and wealth
// distribution are what the solver found (about 3 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  equilibriumExploitabilityFigure,
  equilibriumExploitabilityTable,
  presetPricesTable,
  readEquilibriumExploitability,
  stationaryWealthCdf,
  steadyStateWealthFigure,
} from '../src/analysis/report/equilibriumEconomyReport.js';
import { runSteadyState } from '../src/equilibrium/presetEquilibrium.js';

const record = {
  policy: 'equilibrium households',
  government: 'us-federal-2022',
  seeds: [1, 2],
  rows: [
    { n: 1000, meanRelativeGain: 0.002, perSeed: [{ seed: 1, meanRelativeGain: 0.001, maxRelativeGain: 0.01 }, { seed: 2, meanRelativeGain: 0.003, maxRelativeGain: 0.02 }] },
    { n: 100, meanRelativeGain: 0.01, perSeed: [{ seed: 1, meanRelativeGain: 0.008, maxRelativeGain: 0.05 }, { seed: 2, meanRelativeGain: 0.012, maxRelativeGain: 0.04 }] },
  ],
  command: 'smfg exploit ...',
};

test('the recorded exploitability against N: a missing file or a bad field is an error that names it; rows in percent by N', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-eq-report-'));
  try {
    const path = join(dir, 'equilibrium-exploitability.json');
    assert.throws(() => readEquilibriumExploitability(path), /equilibrium-exploitability\.json is missing: .*rows: \[\{ n, meanRelativeGain, perSeed/);
    writeFileSync(path, JSON.stringify({ ...record, rows: [{ ...record.rows[0], perSeed: [{ seed: 1, meanRelativeGain: 0.1 }] }] }));
    assert.throws(() => readEquilibriumExploitability(path), /rows\[0\]\.perSeed\[0\]\.maxRelativeGain is missing/);
    writeFileSync(path, JSON.stringify(record));
    const read = readEquilibriumExploitability(path);
    const rows = equilibriumExploitabilityTable(read).objects() as Record<string, number>[];
    assert.deepEqual(rows.map((r) => r.n), [100, 1000]);
    assert.ok(Math.abs(rows[0].meanGainPercent - 1) < 1e-12 && Math.abs(rows[0].lowestSeedPercent - 0.8) < 1e-12 && Math.abs(rows[0].largestHouseholdPercent - 5) < 1e-12);
    const figure = equilibriumExploitabilityFigure(read);
    assert.equal((figure.layout.xaxis as { type: string }).type, 'log');
    assert.deepEqual(figure.data[1].x, [100, 1000]);
    assert.deepEqual(figure.data[0].x, [100, 100, 1000, 1000]);
    // households that solve the draw they play: a second series, checked field by field too
    const solvedPerDraw = { policy: 'solved per draw', command: 'smfg exploit', rows: [{ n: 1000, meanRelativeGain: 0.0005, perSeed: [{ seed: 11, meanRelativeGain: 0.0005, maxRelativeGain: 0.001 }] }] };
    writeFileSync(path, JSON.stringify({ ...record, solvedPerDraw: { ...solvedPerDraw, rows: [{ n: 1000, meanRelativeGain: 'x', perSeed: [] }] } }));
    assert.throws(() => readEquilibriumExploitability(path), /solvedPerDraw\.rows\[0\]\.meanRelativeGain is missing/);
    writeFileSync(path, JSON.stringify({ ...record, solvedPerDraw }));
    const both = readEquilibriumExploitability(path);
    const table = equilibriumExploitabilityTable(both).objects() as Record<string, number | string>[];
    assert.deepEqual(table.map((r) => [r.households, r.n]), [["one draw's table", 100], ["one draw's table", 1000], ['solved for the draw played', 1000]]);
    assert.ok(Math.abs((table[2].meanGainPercent as number) - 0.05) < 1e-12);
    assert.deepEqual(equilibriumExploitabilityFigure(both).data.map((d) => d.name), ["one draw's table: one seed", "one draw's table: mean over seeds", 'solved for the draw played: one seed', 'solved for the draw played: mean over seeds']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the two presets' prices beside the aiyagari free market's steady state, and its stationary wealth", () => {
  const run = runSteadyState({ government: 'free-market', config: { preset: 'aiyagari' } });
  const [paper, aiyagari] = presetPricesTable(run).objects() as Record<string, unknown>[];
  assert.equal(paper.interestRate, 0.04);
  assert.match(String(paper.prices), /^bank/);
  assert.match(String(aiyagari.prices), /^firm: r = alpha Y \/ K - delta = 0\.36 Y \/ K - 0\.06/);
  assert.equal(aiyagari.interestRate, run.solution.interestRate);
  assert.ok(Math.abs((aiyagari.capitalOutput as number) - 5.087) < 0.01, String(aiyagari.capitalOutput));
  const { wealthUsd, share } = stationaryWealthCdf(run);
  assert.equal(wealthUsd.length, run.solution.assetGrid.length);
  assert.ok(share.every((v, k) => k === 0 || v >= share[k - 1]));
  assert.ok(Math.abs(share[share.length - 1] - 1) < 1e-9);
  // the curve's mean is the solver's mean wealth
  let mean = 0;
  share.forEach((v, k) => (mean += (v - (k ? share[k - 1] : 0)) * wealthUsd[k]));
  assert.ok(Math.abs(mean / run.solution.assets - 1) < 1e-6, `${mean} vs ${run.solution.assets}`);
  const figure = steadyStateWealthFigure(run);
  assert.equal(figure.data.length, 2);
  assert.ok((figure.data[0].x as number[]).every((x) => x > 0));
});
