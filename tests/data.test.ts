import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { availableSchedules, loadBracketSchedule, loadBracketRows } from '../src/data/taxSchedules.js';
import { loadMacroCalibration } from '../src/data/macro.js';
import { dataPath, sharedPath } from '../src/data/paths.js';
import { loadHouseholdPool, SHIPPED_HOUSEHOLD_SAMPLE } from '../src/data/households.js';
import { numberColumn, parseCsv, readCsv } from '../src/data/csv.js';
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

/** The same file with every header name and field in double quotes, CRLF line ends and a UTF-8 BOM. */
function quotedVariant(source: string, dir: string): string {
  const text = readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
  assert.ok(!text.includes('"'), `${source} has quotes already`);
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const out = join(dir, 'quoted-' + source.split('/').pop());
  writeFileSync(out, '\uFEFF' + lines.map((line) => line.split(',').map((cell) => `"${cell}"`).join(',')).join('\r\n') + '\r\n');
  return out;
}

test('the SCF households load to the same numbers from a quoted, CRLF, BOM copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-quoted-'));
  const sources = [dataPath(SHIPPED_HOUSEHOLD_SAMPLE), sharedPath('data', 'scf2022', 'advanced_scfp2022.csv')].filter(existsSync);
  for (const source of sources) {
    const quoted = quotedVariant(source, dir);
    assert.match(readFileSync(quoted, 'utf8').slice(0, 40), /^\uFEFF"(scf_row|WGT)","/);
    const [a, b] = [readCsv(source), readCsv(quoted)];
    assert.deepEqual(b.columns, a.columns);
    assert.deepEqual(b.rows, a.rows);
    assert.deepEqual(b.lines, a.lines);
    const [original, copy] = [loadHouseholdPool(source), loadHouseholdPool(quoted)];
    for (const key of ['weight', 'education', 'assetsUsd', 'incomeUsd', 'rowIndex'] as const) assert.deepEqual(copy[key], original[key], key);
  }
});

test('quoted fields keep commas, doubled quotes and line breaks; lines count from the file', () => {
  const table = parseCsv('name,note,value\r\n"a, b","say ""hi""",1\r\n\r\n"multi\r\nline",x,2\r\n  \r\nc,,3', 'f.csv');
  assert.deepEqual(table.rows, [['a, b', 'say "hi"', '1'], ['multi\r\nline', 'x', '2'], ['c', '', '3']]);
  assert.deepEqual(table.lines, [2, 4, 7]);
  // a bad cell after a record spanning two lines is placed on its own line
  assert.throws(() => numberColumn(parseCsv('name,value\n"two\nlines",1\nc,x\n', 'bad.csv'), 'value'), /bad\.csv line 4, column value: 'x' is not a number/);
});

test('malformed household files: errors name the file, line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-bad-'));
  const bad = join(dir, 'households.csv');
  const header = '"WGT","EDUC","INCOME","ASSET"\r\n';
  const cases: [string, RegExp][] = [
    ['1,10,5000,3\r\n2,9,"6000,4\r\n3,8,7000,5\r\n', /households\.csv line 3, column INCOME: a quoted field is never closed/],
    ['1,10,5000,3\r\n2,9,6000\r\n', /households\.csv line 3: expected 4 fields \(WGT,EDUC,INCOME,ASSET\), got 3: no field for column ASSET/],
    ['1,10,5000,3,7\r\n', /households\.csv line 2: expected 4 fields \(WGT,EDUC,INCOME,ASSET\), got 5: an extra field after column ASSET/],
    ['1,10,5000,3\r\n\r\n"2","9","six thousand","4"\r\n', /households\.csv line 4, column INCOME: 'six thousand' is not a number/],
    ['1,10,5000,3\r\n2,9,6"000,4\r\n', /households\.csv line 3, column INCOME: a quote inside an unquoted field/],
    ['1,10,"5000"x,3\r\n', /households\.csv line 2, column INCOME: text after the closing quote/],
  ];
  for (const [body, message] of cases) {
    writeFileSync(bad, '\uFEFF' + header + body);
    assert.throws(() => loadHouseholdPool(bad), message);
  }
  writeFileSync(bad, '"WGT","EDUC","WGT"\n1,2,3\n');
  assert.throws(() => loadHouseholdPool(bad), /households\.csv line 1: column 'WGT' appears twice in the header/);
  writeFileSync(bad, '\uFEFF\r\n');
  assert.throws(() => loadHouseholdPool(bad), /households\.csv is empty: expected a header row/);
});
