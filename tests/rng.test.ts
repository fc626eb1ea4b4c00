import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/economy/rng.js';

/** Standard normal CDF through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

test('ziggurat normals: moments, tails and the Kolmogorov-Smirnov distance to N(0, 1)', () => {
  const rng = new Rng(11);
  const n = 400_000;
  const draws = new Float64Array(n);
  for (let i = 0; i < n; i++) draws[i] = rng.normal();
  let sum = 0, sumSquares = 0, sumFourth = 0, beyond196 = 0, beyondTail = 0;
  for (const x of draws) {
    sum += x;
    sumSquares += x * x;
    sumFourth += x ** 4;
    if (Math.abs(x) > 1.959964) beyond196++;
    if (Math.abs(x) > 3.442619855899) beyondTail++; // only the tail algorithm produces these
  }
  const mean = sum / n;
  const variance = sumSquares / n - mean * mean;
  // standard errors: mean 1/sqrt(n) = 0.0016, variance sqrt(2/n) = 0.0022, kurtosis sqrt(96/n) = 0.015
  assert.ok(Math.abs(mean) < 0.006, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.009, `variance ${variance}`);
  assert.ok(Math.abs(sumFourth / n - 3) < 0.06, `fourth moment ${sumFourth / n}`);
  assert.ok(Math.abs(beyond196 / n - 0.05) < 0.0015, `P(|z| > 1.96) = ${beyond196 / n}`);
  // P(|z| > 3.4426) = 5.76e-4: about 230 draws, sd 15
  assert.ok(Math.abs(beyondTail - 5.76e-4 * n) < 75, `${beyondTail} draws beyond the ziggurat's base`);
  const sorted = Float64Array.from(draws).sort();
  let ks = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf(sorted[i]);
    ks = Math.max(ks, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  // 1 % critical value 1.63 / sqrt(n) = 0.0026
  assert.ok(ks < 0.0026, `KS distance ${ks}`);
  // successive draws are uncorrelated
  let lagged = 0;
  for (let i = 1; i < n; i++) lagged += draws[i] * draws[i - 1];
  assert.ok(Math.abs(lagged / n) < 0.008, `lag-1 correlation ${lagged / n}`);
});

test('geometric gaps: mean (1 - p) / p, and the edge cases p = 0 and p = 1', () => {
  const rng = new Rng(4);
  for (const p of [0.5, 0.01, 2.2e-6]) {
    const draws = 20_000;
    let total = 0;
    for (let i = 0; i < draws; i++) total += rng.geometric(p);
    const expected = (1 - p) / p;
    const sd = Math.sqrt(1 - p) / p / Math.sqrt(draws);
    assert.ok(Math.abs(total / draws - expected) < 4 * sd, `p=${p}: mean ${total / draws}, expected ${expected}`);
  }
  assert.equal(rng.geometric(0), Infinity);
  assert.equal(rng.geometric(1), 0);
  assert.throws(() => rng.geometric(1.5), /p must be in \[0, 1\], got 1.5/);
});

test('the same seed gives the same draws', () => {
  const a = new Rng(123);
  const b = new Rng(123);
  for (let i = 0; i < 1000; i++) assert.equal(a.normal(), b.normal());
  assert.notEqual(new Rng(124).normal(), new Rng(123).normal());
});

test('fillNormal gives exactly the draws of repeated normal() calls, tails and wedges included', () => {
  const one = new Rng(77, 3);
  const batch = new Rng(77, 3);
  const n = 200_000;
  const out = new Float64Array(n + 5).fill(-1);
  batch.fillNormal(out, n);
  let beyondRectangles = 0;
  for (let i = 0; i < n; i++) {
    const x = one.normal();
    assert.equal(out[i], x, `draw ${i}`);
    if (Math.abs(x) > 3.442619855899) beyondRectangles++;
  }
  // the tail (|x| > r) was reached, and the generator continues from the same state
  assert.ok(beyondRectangles > 20, `${beyondRectangles} tail draws`);
  assert.equal(out[n], -1, 'only count entries are written');
  assert.equal(batch.uniform(), one.uniform());
});
