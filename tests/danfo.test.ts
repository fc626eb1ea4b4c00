import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { aq } from '../src/data/frames.js';
import { bracketsTable } from '../src/data/taxSchedules.js';
import { toDanfo } from '../src/analysis/report/danfo.js';

test('the library does not load danfojs-node until a conversion is asked for', () => {
  const script = "require('./src/index.ts'); console.log(Object.keys(require.cache).some((k) => k.includes('danfojs-node')))";
  assert.equal(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim(), 'false');
});

test('toDanfo keeps the columns, rows and values of the 2022 federal schedule', () => {
  const table = bracketsTable().filter(aq.escape((d: { year: number; filing_status: string }) => d.year === 2022 && d.filing_status === 'single'));
  const frame = toDanfo(table);
  assert.deepEqual(frame.columns, table.columnNames());
  assert.deepEqual(frame.shape, [7, 7]);
  // the open-ended top bracket (null in arquero) is NaN, danfo's missing number
  const expected = table.objects().map((row) => Object.values(row).map((v) => v ?? NaN));
  assert.deepEqual(frame.values, expected);
  assert.deepEqual(frame['marginal_rate'].values, [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37]);
  assert.deepEqual(frame['upper_bound_usd'].values.slice(0, 6), [10275, 41775, 89075, 170050, 215950, 539900]);
  assert.equal(frame['upper_bound_usd'].count(), 6);
});

test('danfo works on the converted frame: groupby over all schedules, and an empty table', () => {
  const frame = toDanfo(bracketsTable());
  const byYear = frame.groupby(['year']).agg({ marginal_rate: 'max', bracket: 'count' });
  assert.deepEqual(byYear['year'].values, [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  assert.deepEqual(byYear['marginal_rate_max'].values, [0.396, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37, 0.37]);
  assert.deepEqual(byYear['bracket_count'].values, Array(9).fill(21));
  const empty = toDanfo(aq.table({ a: [], b: [] }));
  assert.deepEqual(empty.shape, [0, 2]);
  assert.deepEqual(empty.columns, ['a', 'b']);
});
