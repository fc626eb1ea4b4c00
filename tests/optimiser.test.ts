import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maximiseNelderMead } from '../src/equilibrium/nelderMead.js';
import { maximiseFromStarts } from '../src/equilibrium/multiStart.js';

const rosenbrock = (p: Float64Array) => -((1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2);

test('Nelder-Mead finds the maximum of -Rosenbrock (1, 1) to 1e-4 in the box [-2, 2]^2', () => {
  const r = maximiseNelderMead(rosenbrock, [-1.2, 1], { lower: [-2, -2], upper: [2, 2], valueTolerance: 1e-14, stepTolerance: 1e-9 });
  assert.ok(r.converged);
  assert.ok(Math.abs(r.point[0] - 1) < 1e-4 && Math.abs(r.point[1] - 1) < 1e-4, `${r.point}`);
  assert.ok(r.value > -1e-8, `${r.value}`);
  assert.ok(r.evaluations < 2000, `${r.evaluations} evaluations`);
});

test('a maximum on the box\'s faces (a tax at its cap) is reached, and no point outside the box is ever evaluated', () => {
  const seen: number[][] = [];
  // increasing in x0 and x2, a concave bump in x1 at 0.3, six coordinates as the government's action
  const f = (p: Float64Array) => {
    seen.push(Array.from(p));
    return p[0] - (p[1] - 0.3) ** 2 + 0.5 * p[2] - p[3] ** 2 - (p[4] - 0.7) ** 2 - (p[5] - 0.1) ** 2;
  };
  const r = maximiseNelderMead(f, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], { lower: [0, 0, 0, 0, 0, 0], upper: [1, 1, 1, 1, 1, 1], valueTolerance: 1e-12, stepTolerance: 1e-8 });
  const expected = [1, 0.3, 1, 0, 0.7, 0.1];
  expected.forEach((x, k) => assert.ok(Math.abs(r.point[k] - x) < 1e-3, `coordinate ${k}: ${r.point[k]} against ${x}`));
  assert.ok(seen.every((p) => p.every((x) => x >= 0 && x <= 1)), 'every evaluated point lies in the box');
  assert.ok(r.converged && r.evaluations < 2000, `${r.evaluations} evaluations`);
});

test('several starts agree on a single maximum and report their spread; on two peaks they do not, and the higher wins', () => {
  const one = maximiseFromStarts((p) => -((p[0] - 0.2) ** 2) - (p[1] - 0.6) ** 2, { lower: [0, 0], upper: [1, 1], starts: 4, valueTolerance: 1e-12, stepTolerance: 1e-8 });
  assert.equal(one.starts.length, 4);
  assert.ok(one.valueSpread < 1e-10 && one.pointSpread < 1e-4, `spread ${one.valueSpread}, ${one.pointSpread}`);
  const twoPeaks = (p: Float64Array) => Math.exp(-50 * ((p[0] - 0.2) ** 2)) + 2 * Math.exp(-50 * ((p[0] - 0.8) ** 2));
  const two = maximiseFromStarts(twoPeaks, { lower: [0], upper: [1], startPoints: [[0.1], [0.9]], valueTolerance: 1e-12, stepTolerance: 1e-9 });
  assert.ok(Math.abs(two.point[0] - 0.8) < 1e-4, `${two.point[0]}`);
  assert.ok(two.valueSpread > 0.4, 'the start at 0.1 stays on the lower peak');
  const same = maximiseFromStarts((p) => -((p[0] - 0.2) ** 2), { lower: [0], upper: [1], starts: 3, seed: 7 });
  assert.deepEqual(same.starts.map((s) => s.start), maximiseFromStarts((p) => -((p[0] - 0.2) ** 2), { lower: [0], upper: [1], starts: 3, seed: 7 }).starts.map((s) => s.start), 'the drawn starts are seeded');
});

test('bad input names what is wrong', () => {
  assert.throws(() => maximiseNelderMead(() => 0, [0.5, 0.5], { lower: [0], upper: [1] }), /lower and upper need 2 bounds each/);
  assert.throws(() => maximiseNelderMead(() => 0, [0.5], { lower: [1], upper: [0] }), /bound 0 must be finite with lower <= upper/);
  assert.throws(() => maximiseNelderMead(() => 0, [NaN], { lower: [0], upper: [1] }), /start coordinate 0 must be finite/);
  assert.throws(() => maximiseFromStarts(() => 0, { lower: [0], upper: [1], starts: 0 }), /starts must be a positive integer/);
});
