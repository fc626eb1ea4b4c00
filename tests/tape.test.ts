import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/economy/rng.js';
import { Tape, type Node } from '../src/learning/tape.js';
import { Network } from '../src/learning/network.js';

const rng = new Rng(2024);
const random = (size: number, scale = 1) => Float64Array.from({ length: size }, () => scale * rng.normal());

/**
 * Checks d loss / d input of `build` against central differences, entry by entry, for every
 * input (the inputs are tape inputs, so every path to them is differentiated).
 */
function checkGradients(name: string, inputs: { values: Float64Array; rows: number; cols: number }[], build: (t: Tape, x: Node[]) => Node, tolerance = 1e-6): void {
  const t = new Tape();
  const lossAt = () => {
    t.reset();
    return build(t, inputs.map((i) => t.constant(i.values, i.rows, i.cols))).value[0];
  };
  t.reset();
  const nodes = inputs.map((i) => t.input(i.values, i.rows, i.cols));
  const loss = build(t, nodes);
  t.backward(loss);
  const analytic = nodes.map((n) => Float64Array.from(n.grad ?? new Float64Array(n.rows * n.cols)));
  let checked = 0;
  inputs.forEach((input, which) => {
    for (let k = 0; k < input.values.length; k++) {
      const v = input.values[k], h = 1e-6 * Math.max(1, Math.abs(v));
      input.values[k] = v + h;
      const up = lossAt();
      input.values[k] = v - h;
      const down = lossAt();
      input.values[k] = v;
      const numeric = (up - down) / (2 * h);
      const error = Math.abs(numeric - analytic[which][k]) / Math.max(1, Math.abs(numeric));
      assert.ok(error < tolerance, `${name}: input ${which} entry ${k}: analytic ${analytic[which][k]}, finite differences ${numeric}`);
      checked++;
    }
  });
  assert.ok(checked > 0);
}

test('every tape operation differentiates as finite differences say', () => {
  const a = { values: random(12), rows: 4, cols: 3 }, b = { values: random(12), rows: 4, cols: 3 }, row = { values: random(3), rows: 1, cols: 3 };
  const m = { values: random(6), rows: 3, cols: 2 };
  checkGradients('relu, tanh, sigmoid, exp', [a], (t, [x]) => t.mean(t.add(t.add(t.relu(x), t.tanh(x)), t.add(t.sigmoid(x), t.scale(t.exp(t.scale(x, 0.3)), 0.5)))));
  checkGradients('add, sub, mul, broadcast mul', [a, b, row], (t, [x, y, r]) => t.mean(t.mul(t.sub(t.mul(x, y), x), r)));
  checkGradients('matmul', [a, m], (t, [x, y]) => t.mean(t.tanh(t.matmul(x, y))));
  checkGradients('concat, columns, gatherRows (repeats add up), groupMean', [a, b], (t, [x, y]) => {
    const wide = t.concat([x, t.tanh(y)]);
    const picked = t.gatherRows(t.columns(wide, 1, 5), Int32Array.from([3, 0, 3, 1, 2, 3]));
    return t.mean(t.tanh(t.groupMean(picked, 2)));
  });
  checkGradients('mse, sumColumns', [a], (t, [x]) => t.add(t.mse(t.sumColumns(t.tanh(x)), Float64Array.from([0.5, -1, 2, 0])), t.mean(t.sumColumns(x))));
  checkGradients('minimum, clip', [a, b], (t, [x, y]) => t.mean(t.add(t.minimum(x, y), t.clip(t.scale(x, 0.7), -0.5, 0.5))));
  checkGradients('saturation penalty', [{ values: random(12, 5), rows: 4, cols: 3 }], (t, [z]) => t.saturation(z, 4));
  checkGradients('Gaussian log-probability and entropy', [a, b, { values: random(3, 0.3), rows: 1, cols: 3 }], (t, [x, mean, logStd]) => t.add(t.mean(t.gaussianLogProb(x, mean, logStd)), t.mean(t.gaussianEntropy(logStd))));
});

test('an LSTM cell, unrolled over three steps, differentiates as finite differences say (inputs, state and weights)', () => {
  const hidden = 3, inputs = 2, size = (inputs + hidden) * 4 * hidden + 4 * hidden;
  const params = random(size, 0.5), grads = new Float64Array(size);
  const layer = (train: boolean) => ({ params, grads: train ? grads : null, w: 0, b: (inputs + hidden) * 4 * hidden, nIn: inputs + hidden, nOut: 4 * hidden });
  const xs = { values: random(3 * 2 * inputs), rows: 6, cols: inputs };
  const h0 = { values: random(2 * hidden, 0.5), rows: 2, cols: hidden }, c0 = { values: random(2 * hidden, 0.5), rows: 2, cols: hidden };
  const unrolled = (t: Tape, [x, h, c]: Node[], train: boolean) => {
    let state = { h, c };
    for (let step = 0; step < 3; step++) state = t.lstmCell(t.gatherRows(x, Int32Array.from([2 * step, 2 * step + 1])), state.h, state.c, layer(train));
    return t.mean(t.mul(state.h, state.h));
  };
  checkGradients('lstm inputs and state', [xs, h0, c0], (t, nodes) => unrolled(t, nodes, false));
  // the weights: their gradient accumulates in the layer's grads
  const t = new Tape();
  const lossAt = (train: boolean) => {
    t.reset();
    return unrolled(t, [t.constant(xs.values, 6, inputs), t.constant(h0.values, 2, hidden), t.constant(c0.values, 2, hidden)], train);
  };
  t.backward(lossAt(true));
  for (let k = 0; k < size; k++) {
    const v = params[k];
    params[k] = v + 1e-6;
    const up = lossAt(false).value[0];
    params[k] = v - 1e-6;
    const down = lossAt(false).value[0];
    params[k] = v;
    assert.ok(Math.abs((up - down) / 2e-6 - grads[k]) < 1e-6, `weight ${k}: analytic ${grads[k]}, finite differences ${(up - down) / 2e-6}`);
  }
});

test("a network on the tape: its parameters' gradients match finite differences, and an untrained network passes gradients without taking any", () => {
  for (const shape of [{ sizes: [5, 7, 3], hidden: 'relu' as const, output: 'tanh' as const }, { sizes: [4, 9, 9, 1], hidden: 'tanh' as const, output: 'linear' as const }]) {
    const net = new Network(shape, rng);
    const x = random(6 * shape.sizes[0]);
    const y = random(6 * shape.sizes[shape.sizes.length - 1]);
    const t = new Tape();
    const loss = () => {
      t.reset();
      return t.mse(net.apply(t, t.constant(x, 6, shape.sizes[0]), true).output, y);
    };
    net.zeroGrads();
    t.backward(loss());
    const analytic = Float64Array.from(net.grads);
    for (let k = 0; k < net.params.length; k += 3) {
      const v = net.params[k];
      net.params[k] = v + 1e-6;
      const up = loss().value[0];
      net.params[k] = v - 1e-6;
      const down = loss().value[0];
      net.params[k] = v;
      assert.ok(Math.abs((up - down) / 2e-6 - analytic[k]) < 1e-6 * Math.max(1, Math.abs(analytic[k])), `parameter ${k}`);
    }
    // the same forward pass as inference
    t.reset();
    assert.deepEqual(Float64Array.from(net.apply(t, t.constant(x, 6, shape.sizes[0]), false).output.value), Float64Array.from(net.forward(x, 6)));
    // not trained: no parameter gradient, but the input's
    net.zeroGrads();
    t.reset();
    const input = t.input(x, 6, shape.sizes[0]);
    t.backward(t.mse(net.apply(t, input, false).output, y));
    assert.ok(net.grads.every((g) => g === 0));
    assert.ok(input.grad!.some((g) => g !== 0));
  }
});

test('the tape reuses its buffers: a repeated pass allocates nothing new and gives the same numbers', () => {
  const net = new Network({ sizes: [3, 8, 1], hidden: 'relu', output: 'linear' }, rng);
  const x = random(30), y = random(10);
  const t = new Tape();
  const pass = () => {
    t.reset();
    net.zeroGrads();
    const out = t.mse(net.apply(t, t.constant(x, 10, 3), true).output, y);
    t.backward(out);
    return { loss: out.value[0], grads: Float64Array.from(net.grads), value: out.value };
  };
  const first = pass(), second = pass();
  assert.equal(first.loss, second.loss);
  assert.deepEqual(first.grads, second.grads);
  assert.equal(first.value, second.value, 'the same buffer serves the same node of the next pass');
  assert.throws(() => t.backward(t.constant(x, 10, 3)), /a loss must be 1 x 1/);
  assert.throws(() => t.dense(t.constant(x, 10, 3), { params: net.params, grads: null, w: 0, b: 24, nIn: 4, nOut: 8 }), /input has 3 columns, the layer takes 4/);
});
