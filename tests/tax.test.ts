import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketMarginalRate, bracketSchedule, bracketTax, hsvSchedule, hsvTax, hsvTaxInto, MAX_BRACKETS, NO_TAX, readTaxRule, TAX_RULE_SLOTS, taxDue, taxDueInto, validateBracketSchedule, writeTaxRule } from '../src/economy/tax.js';
import { exp, powerOneMinus, subtractScaledPowerInto } from '../src/economy/powers.js';
import { Rng } from '../src/economy/rng.js';
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

test('table x^(1 - xi) is within a few ulps of x exp(-xi ln x) from 1e-300 to 1e300, edge cases as the scalar tax; arrays of them subtract it', () => {
  const rng = new Rng(8);
  const n = 200_001; // odd: the array pass takes two amounts per turn, and one alone at the end
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.exp((rng.uniform() - 0.5) * 1380);
  const edges = [0, -0, -10, 1e-310, 5e-324, Infinity, NaN, 1, 2, 0.5, Number.MAX_VALUE];
  edges.forEach((v, k) => (x[k] = v));
  x[n - 1] = 12_345.67;
  const out = Float64Array.from(x, (v) => powerOneMinus(v, 0.3));
  // the array pass: x - factor x^(1 - xi), bit for bit, whatever the amounts' neighbours
  const subtracted = subtractScaledPowerInto(x, 0.3, 0.8, new Float64Array(n));
  for (let i = 0; i < n; i++) assert.ok(Object.is(subtracted[i], x[i] - 0.8 * out[i]), `x=${x[i]}: ${subtracted[i]} vs ${x[i] - 0.8 * out[i]}`);
  for (const xi of [0, 5e-5, 0.01, 0.3, 0.9, 1.7]) {
    for (let i = 0; i < n; i++) out[i] = powerOneMinus(x[i], xi);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const scalar = x[i] > 0 ? x[i] * Math.exp(-xi * Math.log(x[i])) : Math.pow(x[i], 1 - xi);
      if (i < edges.length || !(scalar > 0 && scalar < Infinity)) {
        assert.ok(Object.is(out[i], scalar) || Math.abs(out[i] - scalar) <= 1e-14 * Math.abs(scalar), `xi=${xi} x=${x[i]}: ${out[i]} vs ${scalar}`);
        continue;
      }
      // rounding xi ln x alone costs up to an ulp of |xi ln x| relative, in any method
      // (Math.pow is no reference: it rounds 1 - xi first, an error of 1e-16 ln x)
      worst = Math.max(worst, Math.abs(out[i] - scalar) / scalar / (1 + Math.abs(xi * Math.log(x[i]))));
    }
    assert.ok(worst < 2e-15, `xi=${xi}: worst relative error per unit of |xi ln x| ${worst}`);
  }
  // the HSV tax over an array equals the scalar one
  const incomes = Float64Array.of(0, 1, 12_345.67, 1e6, 3.2e9);
  const taxes = hsvTaxInto(incomes, 0.2, 0.05, new Float64Array(5));
  incomes.forEach((v, i) => assertClose(taxes[i], hsvTax(v, 0.2, 0.05), 1e-13, `income ${v}`));
});

test('table exp is within 2 ulps of Math.exp on [-745, 710], and Math.exp itself beyond +-700', () => {
  const rng = new Rng(12);
  let worst = 0;
  for (let i = 0; i < 200_000; i++) {
    const a = -745 + 1455 * rng.uniform();
    const expected = Math.exp(a);
    if (expected === 0 || expected === Infinity) continue;
    worst = Math.max(worst, Math.abs(exp(a) - expected) / expected);
  }
  assert.ok(worst < 4.5e-16, `worst relative error ${worst}`);
  for (const a of [0, -0, 1, -1, 1e-300, 699.9, -699.9, 700, -700, 709.7, 710, -745.2, -746, Infinity, -Infinity]) {
    const expected = Math.exp(a);
    assert.ok(Object.is(exp(a), expected) || Math.abs(exp(a) - expected) <= 4.5e-16 * expected, `exp(${a}) = ${exp(a)}, Math.exp ${expected}`);
  }
  assert.ok(Number.isNaN(exp(NaN)));
});

test('an HSV tax schedule taxes income and wealth elementwise, the same over arrays, one amount at a time and through the shared slots', () => {
  const schedule = hsvSchedule(0.2, 0.05, 0.1, 0.02);
  const out = new Float64Array(2);
  taxDueInto(schedule.income, Float64Array.of(100_000, 0), out);
  assertClose(out[0], 52644.941036602206, 1e-13);
  assert.equal(out[1], 0);
  assertClose(taxDue(schedule.income, 100_000), 52644.941036602206, 1e-13);
  taxDueInto(schedule.wealth, Float64Array.of(1e6, 0), out);
  assertClose(out[0], 303347.12497319875, 1e-13);
  const slots = new Float64Array(TAX_RULE_SLOTS + 3);
  writeTaxRule(schedule.wealth, slots, 3);
  assert.deepEqual(readTaxRule(slots, 3), schedule.wealth);
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

test('a bracket tax schedule taxes income only, and survives the shared slots bit for bit', () => {
  const schedule = bracketSchedule(authorsUsFederal2022());
  const out = new Float64Array(2);
  taxDueInto(schedule.wealth, Float64Array.of(1e6, 5), out);
  assert.deepEqual(Array.from(out), [0, 0]);
  const incomes = Float64Array.of(0, 12_950, 30_000, 250_000, 3e6);
  const slots = new Float64Array(TAX_RULE_SLOTS);
  writeTaxRule(schedule.income, slots, 0);
  const shared = readTaxRule(slots, 0);
  const viaSlots = new Float64Array(incomes.length);
  taxDueInto(shared, incomes, viaSlots);
  assert.deepEqual(Array.from(viaSlots), Array.from(incomes, (z) => bracketTax(z, authorsUsFederal2022())));
  assert.equal(taxDue(NO_TAX.income, 1e6), 0);
  const tooMany = { name: 'many', lowerBoundsUsd: Array.from({ length: MAX_BRACKETS + 1 }, (_, k) => 100 * k), marginalRates: Array.from({ length: MAX_BRACKETS + 1 }, () => 0.1), topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 };
  assert.throws(() => writeTaxRule(bracketSchedule(tooMany).income, slots, 0), /at most 32 brackets, got 33/);
});

test('bad bracket schedules are rejected with the offending field', () => {
  const base = { name: 'bad', lowerBoundsUsd: [0, 100], marginalRates: [0.1, 0.2], topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 };
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [5, 100] }), /first bracket must start at 0/);
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [0, -1] }), /lower bound must be >= 0/);
  assert.throws(() => validateBracketSchedule({ ...base, marginalRates: [0.1, 1.5] }), /marginal rate must be in \[0, 1\]/);
  assert.throws(() => validateBracketSchedule({ ...base, lowerBoundsUsd: [0, 100, 50], marginalRates: [0.1, 0.2, 0.3] }), /must exceed/);
  assert.throws(() => validateBracketSchedule({ ...base, deductionUsd: -5 }), /deductionUsd/);
});
