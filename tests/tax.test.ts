import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketMarginalRate, bracketTax, bracketTaxSystem, hsvTax, hsvTaxSystem, validateBracketSchedule } from '../src/economy/tax.js';
import { authorsUsFederal2022, loadBracketSchedule } from '../src/data/taxSchedules.js';
import { assertClose } from './helpers.js';

test('HSV tax matches hand-computed values', () => {
  // 100000 - 0.8/0.95 * 100000^0.95
  assertClose(hsvTax(100_000, 0.2, 0.05), 52644.941036602206, 1e-13);
  // wealth: 1e6 - 0.9/0.98 * 1e6^0.98
  assertClose(hsvTax(1e6, 0.1, 0.02), 303347.12497319875, 1e-13);
  // xi = 0 is a flat tax at rate tau
  assertClose(hsvTax(50_000, 0.1, 0), 5000, 1e-14);
  assert.equal(hsvTax(0, 0.2, 0.05), 0);
  assert.ok(Number.isNaN(hsvTax(-10, 0.2, 0.05)), 'negative income is NaN as in numpy');
});

test('HSV tax system applies the income and wealth schedules elementwise', () => {
  const system = hsvTaxSystem(0.2, 0.05, 0.1, 0.02);
  const out = new Float64Array(2);
  system.incomeTax(Float64Array.of(100_000, 0), out);
  assertClose(out[0], 52644.941036602206, 1e-13);
  assert.equal(out[1], 0);
  system.wealthTax(Float64Array.of(1e6, 0), out);
  assertClose(out[0], 303347.12497319875, 1e-13);
});

test("authors' US federal 2022 schedule at bracket edges", () => {
  const s = authorsUsFederal2022();
  assert.deepEqual(s.lowerBoundsUsd, [0, 10275, 41775, 89075, 170050, 215950, 539900]);
  assert.equal(s.deductionUsd, 12950);
  // at or below the deduction: nothing
  assert.equal(bracketTax(12_950, s), 0);
  assert.equal(bracketTax(0, s), 0);
  // 10 % of 5,000 = 500 is absorbed by the 559.98 credit
  assert.equal(bracketTax(12_950 + 5_000, s), 0);
  // first bracket full: 1,027.50 - 559.98
  assertClose(bracketTax(12_950 + 10_275, s), 467.52, 1e-12);
  // second bracket full: 1,027.50 + 12 % x 31,500 - 559.98
  assertClose(bracketTax(12_950 + 41_775, s), 4247.52, 1e-12);
  // one dollar into the third bracket adds 22 cents
  assertClose(bracketTax(12_950 + 41_776, s) - bracketTax(12_950 + 41_775, s), 0.22, 1e-9);
  // top bracket capped at 1e9 of taxable income in the authors' code
  const atCap = bracketTax(12_950 + 1e9, s);
  assert.equal(bracketTax(12_950 + 2e9, s), atCap);
  assert.equal(bracketMarginalRate(12_950 + 600_000, s), 0.37);
  assert.equal(bracketMarginalRate(12_950 + 100, s), 0);
});

test('statutory schedule (no credit, open top bracket) keeps taxing above 1e9', () => {
  const s = loadBracketSchedule({ country: 'us', year: 2022, filingStatus: 'single' });
  assert.equal(s.deductionUsd, 12_950);
  assert.equal(s.creditUsd, 0);
  assertClose(bracketTax(12_950 + 2e9, s) - bracketTax(12_950 + 1e9, s), 0.37e9, 1e-12);
  // 2017 adds the personal exemption to the standard deduction
  assert.equal(loadBracketSchedule({ country: 'us', year: 2017, filingStatus: 'single' }).deductionUsd, 6350 + 4050);
});

test('bracket tax system taxes income only', () => {
  const system = bracketTaxSystem(authorsUsFederal2022());
  const out = new Float64Array(2);
  system.wealthTax(Float64Array.of(1e6, 5), out);
  assert.deepEqual(Array.from(out), [0, 0]);
});

test('bad bracket schedules are rejected with the offending field', () => {
  const base = { name: 'bad', lowerBoundsUsd: [0, 100], marginalRates: [0.1, 0.2], topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 };
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [5, 100] }), /first bracket must start at 0/);
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [0, -1] }), /lower bound must be >= 0/);
  assert.throws(() => validateBracketSchedule({ ...base, marginalRates: [0.1, 1.5] }), /marginal rate must be in \[0, 1\]/);
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [0, 100, 50], marginalRates: [0.1, 0.2, 0.3] }), /must exceed/);
  assert.throws(() => validateBracketSchedule({ ...base, deductionUsd: -5 }), /deductionUsd/);
});
