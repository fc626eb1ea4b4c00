/**
 * Anderson acceleration (src/equilibrium/anderson.ts) on a linear map whose plain damped iteration
 * diverges: the equilibrium solver's situation (saving that responds strongly to the interest rate).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Anderson } from '../src/equilibrium/anderson.js';

// g(x) = M x + c with eigenvalues -20 and 0.5: its fixed point solves (I - M) x = c
const M = [-20, 0, 0, 0.5];
const c = [21, 0.5];
const g = (x: Float64Array) => Float64Array.of(M[0] * x[0] + M[1] * x[1] + c[0], M[2] * x[0] + M[3] * x[1] + c[1]);
const fixedPoint = [1, 1];

function iterate(step: (x: Float64Array, f: Float64Array) => Float64Array, iterations: number): number {
  let x = Float64Array.of(0, 0);
  for (let k = 0; k < iterations; k++) {
    const gx = g(x);
    x = step(x, Float64Array.of(gx[0] - x[0], gx[1] - x[1]));
  }
  return Math.max(Math.abs(x[0] - fixedPoint[0]), Math.abs(x[1] - fixedPoint[1]));
}

test('damping 0.5 diverges where Anderson (memory 2) reaches the fixed point to 1e-12 within 10 steps', () => {
  const damped = iterate((x, f) => Float64Array.of(x[0] + 0.5 * f[0], x[1] + 0.5 * f[1]), 10);
  assert.ok(damped > 1e3, `damped error ${damped}`);
  const anderson = new Anderson(2, 0.5);
  const accelerated = iterate((x, f) => anderson.next(x, f) ?? Float64Array.of(x[0] + 0.5 * f[0], x[1] + 0.5 * f[1]), 10);
  assert.ok(accelerated < 1e-12, `Anderson error ${accelerated}`);
});

test('no history, no mixing: the first call and the call after reset() return null', () => {
  const anderson = new Anderson(3, 0.5);
  assert.equal(anderson.next(Float64Array.of(0, 0), Float64Array.of(1, 1)), null);
  assert.notEqual(anderson.next(Float64Array.of(0.5, 0.5), Float64Array.of(0.2, 0.4)), null);
  anderson.reset();
  assert.equal(anderson.next(Float64Array.of(0, 0), Float64Array.of(1, 1)), null);
});
