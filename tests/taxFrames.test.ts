import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketsTable, deductionsTable, loadBracketSchedule } from '../src/data/taxSchedules.js';
import { incomeQuantiles, scheduleComparisonTable, scheduleFigure } from '../src/analysis/report/taxComparison.js';
import { bracketAverageRate } from '../src/economy/tax.js';
import { lorenzFigure } from '../src/analysis/report/figures.js';
import { figureHtml } from '../src/analysis/report/display.js';
import { CHROMIUM, checkReport, saveFigurePng } from '../src/analysis/report/browser.js';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { HouseholdPool } from '../src/economy/households.js';
import { assertClose } from './helpers.js';

test('schedules as data frames', () => {
  const brackets = bracketsTable();
  assert.equal(brackets.numRows(), 9 * 3 * 7); // 2017-2025, three filing statuses, seven brackets
  assert.deepEqual(brackets.columnNames(), ['country', 'year', 'filing_status', 'bracket', 'lower_bound_usd', 'upper_bound_usd', 'marginal_rate']);
  const top2017 = brackets.filter((d: { year: number; bracket: number; filing_status: string }) => d.year === 2017 && d.bracket === 6 && d.filing_status === 'single').object(0) as Record<string, unknown>;
  assert.equal(top2017.marginal_rate, 0.396);
  assert.equal(top2017.upper_bound_usd, null);
  assert.equal(deductionsTable().numRows(), 8 * 3);
});

test('weighted income quantiles and the comparison table by hand', () => {
  const pool: HouseholdPool = {
    source: 'hand',
    incomeUsd: Float64Array.of(10_000, 50_000, 100_000, 1_000_000),
    weight: Float64Array.of(1, 1, 1, 97),
    assetsUsd: new Float64Array(4),
    education: new Float64Array(4).fill(1),
    rowIndex: Int32Array.of(0, 1, 2, 3),
  };
  assert.deepEqual(incomeQuantiles(pool, [0.5], false), [50_000]);
  assert.deepEqual(incomeQuantiles(pool, [0.5], true), [1_000_000]); // 97 % of the weight is on the rich row
  const s2022 = loadBracketSchedule({ country: 'us', year: 2022, filingStatus: 'single' });
  const table = scheduleComparisonTable([s2022], [50_000]);
  const row = table.object(0) as { tax_usd: number; average_rate: number; marginal_rate: number };
  // taxable 37,050: 10 % of 10,275 + 12 % of 26,775
  assertClose(row.tax_usd, 1027.5 + 0.12 * 26_775, 1e-12);
  assertClose(row.average_rate, (1027.5 + 0.12 * 26_775) / 50_000, 1e-12);
  assert.equal(row.marginal_rate, 0.12);
  assert.equal(bracketAverageRate(0, s2022), 0);
});

test('figures are plain Plotly specs; their HTML draws them with Plotly.newPlot', () => {
  const figure = lorenzFigure([{ name: 'wealth', values: [1, 1, 1, 7] }], 'test', 4);
  assert.equal(figure.data.length, 2);
  assert.deepEqual(figure.data[1].y, [0, 0.1, 0.2, 0.3, 1]);
  const html = figureHtml(figure, false, 'fig-1');
  assert.match(html, /<div id="fig-1"/);
  assert.match(html, /getElementById\("fig-1"\)/);
  assert.match(html, /Plotly\.newPlot\(el,/);
  // a page without plotly.js (a notebook reloaded after the kernel inlined it) says so instead of throwing
  assert.match(html, /typeof Plotly==='undefined'[^]*Restart & Run All/);
  assert.doesNotMatch(html, /<script>[^]{100000,}/); // no library when not asked
  const schedules = scheduleFigure([loadBracketSchedule({ country: 'us', year: 2018, filingStatus: 'single' })], 'marginal', { maxIncomeUsd: 100_000 });
  const y = schedules.data[0].y as number[];
  // 100,000 - 12,000 deduction = 88,000 taxable: the 24 % bracket (82,500-157,500)
  assert.equal(Math.max(...y), 0.24);
});

test('a figure without plotly.js on its page explains itself instead of a page error', { skip: existsSync(CHROMIUM) ? false : 'no /usr/bin/chromium' }, async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'smfg-noplotly-')), 'figure.html');
  writeFileSync(path, `<html><body>${figureHtml(lorenzFigure([{ name: 'wealth', values: [1, 2, 3, 10] }]), false, 'fig-2')}</body></html>`);
  const report = await checkReport(path);
  assert.deepEqual(report.pageErrors, []);
  assert.deepEqual(report.consoleErrors, []);
  assert.equal(report.figures, 0);
});

test('a figure saved as PNG through headless Chromium', { skip: existsSync(CHROMIUM) ? false : 'no /usr/bin/chromium' }, async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'smfg-png-')), 'lorenz.png');
  await saveFigurePng(lorenzFigure([{ name: 'wealth', values: [1, 2, 3, 10] }]), path, { width: 600, height: 400 });
  const png = readFileSync(path);
  assert.deepEqual([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  assert.equal(png.readUInt32BE(16), 600); // image width from the IHDR chunk
  assert.ok(png.length > 5000, `PNG of ${png.length} bytes`);
});
