/**
 * Compass search (src/equilibrium/compassSearch.ts) on functions whose maximum is known: it ends
 * within its step of the optimum, at a bound when the optimum lies on one, never below its start,
 * and says when its budget ran out first. A path government plays its pieces by year.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maximiseCompass } from '../src/equilibrium/compassSearch.js';
import { OptimiserInputError } from '../src/equilibrium/nelderMead.js';
import { piecewiseActions } from '../src/policies/government.js';
import { governmentByName, UnknownPolicyError } from '../src/policies/registry.js';
import type { Economy } from '../src/economy/economy.js';

test('a coupled quadratic in the unit box: the maximum within the last step, the value never below the start', () => {
  // maximum at (0.3, 0.7, 0.55): the gradient vanishes there
  const f = (x: Float64Array) => -((x[0] - 0.3) ** 2) - 2 * (x[1] - 0.7) ** 2 - (x[2] - 0.55) ** 2 - 0.5 * (x[0] - 0.3) * (x[2] - 0.55);
  const seen: number[] = [];
  const r = maximiseCompass(f, [0.9, 0.1, 0.1], { lower: [0, 0, 0], upper: [1, 1, 1], initialStep: 0.1, stepTolerance: 1e-3, maxEvaluations: 2000, onSweep: (s) => seen.push(s.value) });
  assert.ok(r.converged);
  assert.ok(r.step >= 1e-3 && r.step < 2e-3, `last step ${r.step}`);
  // the coupling slows coordinate moves, but the point ends within a few of its last steps
  for (const [k, best] of [0.3, 0.7, 0.55].entries()) assert.ok(Math.abs(r.point[k] - best) < 0.01, `coordinate ${k}: ${r.point[k]}`);
  assert.ok(r.value >= r.startValue);
  assert.equal(r.startValue, f(Float64Array.from([0.9, 0.1, 0.1])));
  // sweeps never lose value
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1]);
});

test('an optimum on a bound is reached there; infeasible (-Infinity, NaN) points are never taken; the budget is honoured', () => {
  // rises in x0 to the upper bound; x1 best at 0.4; x1 above 0.6 infeasible
  const f = (x: Float64Array) => (x[1] > 0.6 ? -Infinity : x[1] < 0.05 ? NaN : x[0] - (x[1] - 0.4) ** 2);
  const r = maximiseCompass(f, [0.5, 0.55], { lower: [0, 0], upper: [1, 1], initialStep: 0.2, stepTolerance: 1e-3, maxEvaluations: 500 });
  assert.ok(r.converged);
  assert.equal(r.point[0], 1);
  assert.ok(Math.abs(r.point[1] - 0.4) < 2e-3, `x1 ${r.point[1]}`);
  const short = maximiseCompass(f, [0.5, 0.55], { lower: [0, 0], upper: [1, 1], initialStep: 0.2, stepTolerance: 1e-3, maxEvaluations: 5 });
  assert.equal(short.evaluations, 5);
  assert.equal(short.converged, false);
  assert.throws(() => maximiseCompass(f, [0.5], { lower: [0, 0], upper: [1, 1] }), OptimiserInputError);
  assert.throws(() => maximiseCompass(f, [0.5, 0.5], { lower: [0, 1], upper: [1, 1] }), /lower bound 1 must lie below the upper 1/);
});

test('a path government plays piece floor(t P / T) in year t, and path: names are parsed with errors naming the piece', () => {
  const economyAt = (year: number) => ({ year, config: { episodeYears: 30 } }) as unknown as Economy;
  const path = piecewiseActions([[0.1, 0.2, 0, 0, 0], [0.3, 0.2, 0, 0, 0], [0.5, 0.2, 0, 0, 0.1, 0.2]]);
  const tauIn = (year: number) => path.decide(economyAt(year)).action[0];
  assert.deepEqual([0, 9, 10, 19, 20, 29].map(tauIn), [0.1, 0.1, 0.3, 0.3, 0.5, 0.5]);
  assert.deepEqual(Array.from(path.decide(economyAt(25)).action), [0.5, 0.2, 0, 0, 0.1, 0.2]);
  // the registry's name form plays the same
  const named = governmentByName('path:0.1,0.2,0,0,0;0.3,0.2,0,0,0;0.5,0.2,0,0,0.1,0.2')(1);
  assert.deepEqual([0, 9, 10, 29].map((t) => named.decide(economyAt(t)).action[0]), [0.1, 0.1, 0.3, 0.5]);
  assert.throws(() => governmentByName('path:0.1,0.2,0,0,0;0.3,0.2'), (e: Error) => e instanceof UnknownPolicyError && /piece 2/.test(e.message) && /path:<action>;<action>/.test(e.message));
  assert.throws(() => governmentByName('path:0.1,0.2,0,0,x'), /piece 1/);
  assert.throws(() => governmentByName('path:'), /piece 1/);
});
