import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gini, giniIfAscending, giniOfSorted, GINI_OFFSET, lorenzPoints, topShare, bottomShare } from '../src/economy/inequality.js';
import { distributionMetrics } from '../src/economy/metrics.js';
import { followsInOrder, householdAtRank, IndexSorter, ranksOf } from '../src/economy/sort.js';
import { Rng } from '../src/economy/rng.js';
import { assertClose } from './helpers.js';

test('Gini with the authors formula', () => {
  // coefficients (2i - n - 1) = -3, -1, 1, 3 -> 10 / (4 x 10) = 0.25
  assertClose(gini(Float64Array.of(4, 1, 3, 2)), 0.25, 1e-7);
  // exact with the 1e-7 offset the authors add
  const x = [1, 2, 3, 4].map((v) => v + GINI_OFFSET);
  assert.equal(gini(Float64Array.of(1, 2, 3, 4)), (-3 * x[0] - x[1] + x[2] + 3 * x[3]) / (4 * (x[0] + x[1] + x[2] + x[3])));
  assert.equal(gini(Float64Array.of(5, 5, 5)), 0);
  // one household owns everything: (n - 1)/n
  assertClose(gini(Float64Array.of(0, 0, 0, 100)), 0.75, 1e-8);
  // all zeros: the offset makes it 0, not NaN
  assert.equal(gini(new Float64Array(4)), 0);
});

test('Lorenz curve and shares', () => {
  const values = Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1, 2, 10); // total 20
  const points = lorenzPoints(values, [0, 0.5, 0.9, 1]);
  assert.deepEqual(points.map((p) => p.share), [0, 5 / 20, 10 / 20, 1]);
  assertClose(topShare(values, 0.1), 10 / 20, 1e-15);
  assertClose(bottomShare(values, 0.5), 5 / 20, 1e-15);
  const m = distributionMetrics(values, 10);
  assert.equal(m.lorenz.length, 11);
  assertClose(m.top10Share, 0.5, 1e-15);
  assertClose(m.bottom50Share, 0.25, 1e-15);
  assert.equal(m.median, 1);
  assert.equal(m.mean, 2);
  assert.throws(() => lorenzPoints(values, [1.5]), /population share must be in \[0, 1\]/);
});

test('rank order equals a stable descending argsort read backwards: negatives, zeros, ties and near-ties', () => {
  const rng = new Rng(3);
  for (const n of [1, 10, 47, 48, 5000, 70_000]) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      values[i] = u < 0.05 ? 0 : u < 0.1 ? -0 : u < 0.2 ? -Math.exp(rng.normal() * 5) : u < 0.25 ? 42 : Math.exp(rng.normal() * 8);
    }
    if (n >= 3) {
      values[0] = 1 + 2 ** -40; // same high word as 1 but a different low word
      values[1] = 1;
      values[2] = 1 + 2 ** -45;
    }
    // the authors' order: sorted(range(n), key=value, reverse=True), read from the end
    const descending = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    const expected = descending.reverse();
    const sorter = new IndexSorter(n);
    const order = new Int32Array(n);
    const sorted = sorter.sort(values, order, new Float64Array(n));
    assert.deepEqual(Array.from(order), expected, `n=${n}`);
    assert.deepEqual(Array.from(sorted), expected.map((i) => values[i]));
    assert.deepEqual(Array.from(sorter.argsort(values, new Int32Array(n))), expected);
    // the values alone sort the same, bit for bit (-0 and 0 included), and give back any rank's index
    assert.deepEqual(Array.from(sorter.sortValues(values, new Float64Array(n))), Array.from(sorted));
    for (let k = 0; k < n; k += n < 100 ? 1 : 97) assert.equal(householdAtRank(values, sorted, k), order[k], `n=${n} rank ${k}`);
    // ranksOf inverts the order
    const ranks = ranksOf(order, new Int32Array(n));
    for (let k = 0; k < n; k++) assert.equal(ranks[order[k]], k);
    // the Gini of the sorted values equals the Gini of a sorted copy, bit for bit; unsorted values have none
    assert.equal(giniIfAscending(sorted), giniOfSorted(Float64Array.from(values).sort()));
    if (n > 1) assert.equal(giniIfAscending(Float64Array.from(sorted).reverse()), undefined);
  }
  // values as the economy's (about 25 bits of high word): one or two narrowed passes suffice; values
  // crowded between two outliers: the first try gives up and the sorter redoes every pass
  const crowded = (i: number): number => (i === 7 ? 1e300 : i === 11 ? -1e300 : 1 + rng.uniform() * 2 ** -12);
  const incomeLike = (): number => 500 + 1e4 * Math.exp(1.5 * rng.normal());
  for (const [draw, retries] of [[incomeLike, 0], [crowded, 1]] as const) {
    for (const n of [1000, 5000, 70_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => draw(i));
      values[n - 1] = values[3]; // a tie
      const sorter = new IndexSorter(n);
      const order = new Int32Array(n);
      const sorted = sorter.sort(values, order, new Float64Array(n));
      const expected = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || b - a);
      assert.deepEqual(Array.from(order), expected, `n=${n}`);
      assert.deepEqual(Array.from(sorted), expected.map((i) => values[i]));
      assert.equal(sorter.retries, retries, `n=${n}`);
      const valuesOnly = new IndexSorter(n);
      assert.deepEqual(Array.from(valuesOnly.sortValues(values, new Float64Array(n))), Array.from(sorted));
      assert.equal(valuesOnly.retries, retries, `n=${n}`);
    }
  }
  // the rule every pass compares with: NaN never follows nor is followed
  assert.equal(followsInOrder(1, 0, NaN, 1), false);
  assert.equal(followsInOrder(NaN, 0, 1, 1), false);
  assert.equal(followsInOrder(1, 1, 1, 0), true);
  assert.equal(followsInOrder(1, 0, 1, 1), false);
  assert.equal(giniIfAscending(Float64Array.of(1, NaN)), undefined);
  assert.equal(householdAtRank(Float64Array.of(NaN, 1), Float64Array.of(1, NaN), 1), -1);
  assert.ok(Number.isNaN(giniOfSorted(Float64Array.of(2, 1))));
  assert.throws(() => new IndexSorter(3).argsort(new Float64Array(3), new Int32Array(2)), /one entry per value \(3\), got 2/);
  assert.throws(() => new IndexSorter(3).sort(new Float64Array(3), new Int32Array(3), new Float64Array(4)), /sorted must have one entry per value \(3\), got 4/);
});
