import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalObservation, incomeGroupMeans, privateObservation, wealthGroupMeans } from '../src/economy/observations.js';
import { Rng } from '../src/economy/rng.js';
import { assertClose } from './helpers.js';

/** The authors' grouping, literally: a stable descending sort of indices, then slices. */
function bruteForce(wealth: number[], income: number[], ability: number[]): number[] {
  const n = wealth.length;
  const order = (key: number[]): number[] => key.map((_, i) => i).sort((a, b) => key[b] - key[a] || a - b);
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const byIncome = order(income);
  const byWealth = order(wealth);
  const top = Math.floor(0.1 * n);
  const half = Math.floor(0.5 * n);
  return [
    mean(byWealth.slice(0, top).map((i) => wealth[i])),
    mean(byIncome.slice(0, top).map((i) => income[i])),
    mean(byIncome.slice(0, top).map((i) => ability[i])),
    mean(byWealth.slice(half).map((i) => wealth[i])),
    mean(byIncome.slice(half).map((i) => income[i])),
    mean(byIncome.slice(half).map((i) => ability[i])),
  ];
}

test('global observation equals the authors stable-sort grouping, ties included', () => {
  const rng = new Rng(9);
  for (const n of [1, 7, 10, 33, 100, 1001]) {
    // few distinct values so that ties straddle the group boundaries
    const wealth = Array.from({ length: n }, () => Math.floor(rng.uniform() * 5) * 1000);
    const income = Array.from({ length: n }, () => Math.floor(rng.uniform() * 4) * 10);
    const ability = Array.from({ length: n }, () => 1 + rng.uniform());
    const ours = globalObservation(Float64Array.from(wealth), Float64Array.from(income), Float64Array.from(ability));
    const expected = bruteForce(wealth, income, ability);
    for (let k = 0; k < 6; k++) assertClose(ours[k], expected[k], 1e-12, `n=${n} entry ${k}`);
  }  // spread incomes (most households settled by their order keys), with negatives, zeros of both
  // signs, and near-ties that share a high word with the boundaries
  for (const n of [50, 1001, 20_000]) {
    const income = Array.from({ length: n }, () => {
      const u = rng.uniform();
      return u < 0.03 ? -0 : u < 0.06 ? 0 : u < 0.1 ? -1e3 * rng.uniform() : 1e4 * Math.exp(2 * rng.normal());
    });
    const byIncome = Array.from(income.keys()).sort((a, b) => income[a] - income[b] || b - a);
    const bottomBound = income[byIncome[n - Math.floor(n / 2) - 1]];
    for (let k = 0; k < 5; k++) income[Math.floor(rng.uniform() * n)] = bottomBound * (1 + (k - 2) * 2 ** -50);
    const wealth = Array.from({ length: n }, () => rng.uniform());
    const ability = Array.from({ length: n }, () => 1 + rng.uniform());
    const ours = globalObservation(Float64Array.from(wealth), Float64Array.from(income), Float64Array.from(ability));
    const expected = bruteForce(wealth, income, ability);
    for (let k = 0; k < 6; k++) assertClose(ours[k], expected[k], 1e-12, `spread n=${n} entry ${k}`);
  }
});

test('the observation puts households in income groups from two boundary households and refuses wrong ones', () => {
  const wealth = Float64Array.of(5, 1, 4, 2, 3, 9, 8, 7, 6, 0);
  const income = Float64Array.of(10, 30, 20, 50, 40, 60, 90, 80, 70, 100);
  const ability = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  const sortedWealth = Float64Array.from(wealth).sort();
  const out = new Float64Array(6);
  // last of the bottom 50 %: income 50 (household 3); first of the top 10 %: income 100 (household 9)
  assert.equal(incomeGroupMeans(income, ability, 3, 9, out), true);
  assert.deepEqual(Array.from(out), [0, 100, 10, 0, 30, 3]);
  wealthGroupMeans(sortedWealth, out);
  // top 10 %: income 100 (ability 10), wealth 9; bottom 50 %: incomes 10..50, wealths 0..4
  assert.deepEqual(Array.from(out), [9, 100, 10, 2, 30, 3]);
  assert.deepEqual(out, globalObservation(wealth, income, ability));
  // boundaries taken from another order give groups of the wrong size: refused, out untouched
  assert.equal(incomeGroupMeans(income, ability, 4, 9, out), false);
  assert.equal(incomeGroupMeans(income, ability, 3, 6, out), false);
  assert.deepEqual(Array.from(out), [9, 100, 10, 2, 30, 3]);
  // ties at a boundary are broken by index: among equal incomes the higher index ranks lower
  const tied = Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
  assert.equal(incomeGroupMeans(tied, ability, 5, 0, out), true);
  assert.deepEqual(Array.from(out), [9, 1, 1, 2, 1, 8]);
  // an infinite income counts in its group only (the fast pass would spread NaN to the other)
  const infinite = Float64Array.of(10, 30, 20, 50, 40, 60, 90, 80, 70, Infinity);
  assert.equal(incomeGroupMeans(infinite, ability, 3, 9, out), true);
  assert.deepEqual(Array.from(out), [9, Infinity, 10, 2, 30, 3]);
});

test('private observation interleaves ability and wealth', () => {
  assert.deepEqual(Array.from(privateObservation(Float64Array.of(1, 2), Float64Array.of(10, 20))), [1, 10, 2, 20]);
});
