import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { availableSchedules, loadBracketSchedule, loadBracketRows } from '../src/data/taxSchedules.js';
import { loadMacroCalibration } from '../src/data/macro.js';
import { dataPath } from '../src/data/paths.js';
import { initialAggregates } from '../src/economy/macro.js';
import { makeConfig } from '../src/economy/config.js';

test('shipped schedules: US federal 2017-2025 for three filing statuses', () => {
  const keys = availableSchedules();
  assert.equal(keys.length, 27);
  assert.deepEqual(keys[0], { country: 'us', year: 2017, filingStatus: 'head_of_household' });
  const s2018 = loadBracketSchedule({ country: 'us', year: 2018, filingStatus: 'married_filing_jointly' });
  assert.deepEqual(s2018.marginalRates, [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37]);
  assert.equal(s2018.deductionUsd, 24_000);
});

test('unknown schedules list the ones that exist', () => {
  assert.throws(() => loadBracketSchedule({ country: 'us', year: 1999, filingStatus: 'single' }), /no tax schedule for country 'us', year 1999, filing status 'single'; available: us 2017 head_of_household; .*us 2025 single/);
  assert.throws(() => loadBracketSchedule({ country: 'fr', year: 2022, filingStatus: 'single' }), /country 'fr'/);
  // 2025 has brackets but no standard deduction in the data: say so
  assert.throws(() => loadBracketSchedule({ country: 'us', year: 2025, filingStatus: 'single' }), /no standard deduction for us 2025 single/);
});

function scheduleDir(brackets: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-tax-'));
  writeFileSync(join(dir, 'us_federal_income_tax_brackets.csv'), brackets);
  copyFileSync(dataPath('tax-schedules', 'us_federal_standard_deduction.csv'), join(dir, 'us_federal_standard_deduction.csv'));
  return dir;
}

test('schedule files with negative incomes, gaps or overlaps are rejected', () => {
  const header = 'year,filing_status,bracket_index,lower_bound_usd,upper_bound_usd,marginal_rate\n';
  assert.throws(() => loadBracketRows(scheduleDir(header + '2022,single,0,-100,1000,0.1\n2022,single,1,1000,,0.2\n')), /line 2, column lower_bound_usd: -100 must be >= 0/);
  assert.throws(() => loadBracketRows(scheduleDir(header + '2022,single,0,0,1000,0.1\n2022,single,1,1500,,0.2\n')), /schedule 2022 single has a gap between bracket 0 \(ends 1000\) and bracket 1 \(starts 1500\)/);
  assert.throws(() => loadBracketRows(scheduleDir(header + '2022,single,0,0,1000,0.1\n2022,single,1,900,,0.2\n')), /has a overlap|has an overlap|overlap between bracket 0/);
  assert.throws(() => loadBracketRows(scheduleDir(header + '2022,single,0,0,1000,12\n2022,single,1,1000,,0.2\n')), /marginal_rate: 12 must be a share in \[0, 1\]/);
  assert.throws(() => loadBracketRows(scheduleDir(header + '2022,single,0,0,1000,abc\n')), /column marginal_rate: 'abc' is not a number/);
});

test('macro calibration reproduces the authors reset aggregates bit for bit', () => {
  const macro = loadMacroCalibration();
  const start = initialAggregates(macro, makeConfig({ n: 100 }));
  // the values of the authors' reference recording (Kt, Bt of the first step)
  assert.equal(start.capitalUsd, 1279527.0809342163);
  assert.equal(start.debtUsd, 8480537.685601698);
  const perHousehold = initialAggregates(macro, makeConfig({ n: 100, macroUnit: 'perHousehold' }));
  assert.ok(Math.abs(perHousehold.gdpPerHouseholdUsd - 177_704) < 10, String(perHousehold.gdpPerHouseholdUsd));
  const dir = mkdtempSync(join(tmpdir(), 'smfg-macro-'));
  writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...macro, gdpBillionUsd: -1 }));
  assert.throws(() => loadMacroCalibration(join(dir, 'm.json')), /gdpBillionUsd must be > 0, got -1/);
});
