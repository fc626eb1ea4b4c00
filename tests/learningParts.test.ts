import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/economy/rng.js';
import { Network } from '../src/learning/network.js';
import type { Tensor2D } from '@tensorflow/tfjs';
import { tf, useBestBackend } from '../src/learning/backend.js';
import { constant, differentiate, saturationPenalty } from '../src/learning/autodiff.js';
import { Adam } from '../src/learning/adam.js';
import { Normaliser, signedLog } from '../src/learning/normaliser.js';
import { ReplayBuffer } from '../src/learning/replay.js';

before(async () => {
  await useBestBackend();
});

type Scalar = import('@tensorflow/tfjs').Scalar;

/** Loss = sum of w_k * output_k over the batch, by the float64 acting pass. */
const plainLoss = (net: Network, x: Float64Array, batch: number, w: Float64Array) => net.forward(x, batch).reduce((s, v, j) => s + v * w[j], 0);

/** The same loss in TensorFlow.js through Network.apply. */
const tfLoss = (net: Network, x: Tensor2D, w: Float64Array) => tf.sum(tf.mul(net.apply(x).output, constant(w, x.shape[0], net.outputs))) as Scalar;

/** Central differences of the float64 loss in one entry of `wrt` (params are re-mirrored by changed()). */
function numericGradient(net: Network, x: Float64Array, batch: number, w: Float64Array, wrt: Float64Array, k: number): number {
  const h = 1e-6;
  const saved = wrt[k];
  wrt[k] = saved + h;
  const up = plainLoss(net, x, batch, w);
  wrt[k] = saved - h;
  const down = plainLoss(net, x, batch, w);
  wrt[k] = saved;
  return (up - down) / (2 * h);
}

/** Float32 gradients against float64 finite differences: within 1e-3 absolute plus 1e-3 relative. */
const near = (analytic: number, numeric: number) => Math.abs(analytic - numeric) < 1e-3 + 1e-3 * Math.abs(numeric);

test('apply in TensorFlow.js: outputs as the float64 forward pass, parameter and input gradients as finite differences (relu and tanh layers, narrow and wide)', () => {
  const rng = new Rng(3);
  for (const shape of [
    { sizes: [7, 9, 2], hidden: 'relu', output: 'tanh' },
    { sizes: [13, 8, 6, 1], hidden: 'relu', output: 'linear' },
    { sizes: [3, 5, 5], hidden: 'tanh', output: 'tanh' },
  ] as const) {
    const net = new Network({ ...shape, sizes: [...shape.sizes] }, rng);
    const batch = 6;
    const x = Float64Array.from({ length: batch * net.inputs }, () => rng.normal());
    const w = Float64Array.from({ length: batch * net.outputs }, () => rng.normal());
    const out = tf.tidy(() => net.apply(constant(x, batch, net.inputs)).output.dataSync());
    const plain = net.forward(x, batch);
    for (let k = 0; k < plain.length; k++) assert.ok(Math.abs(out[k] - plain[k]) < 1e-5, `output ${k} of [${shape.sizes}]: ${out[k]} vs ${plain[k]}`);
    net.zeroGrads();
    const [value] = differentiate([net], () => [tfLoss(net, constant(x, batch, net.inputs), w)]);
    assert.ok(Math.abs(value - plainLoss(net, x, batch, w)) < 1e-4 * (1 + Math.abs(value)), `loss ${value}`);
    let checked = 0;
    for (let k = 0; k < net.params.length; k++) {
      const numeric = numericGradient(net, x, batch, w, net.params, k);
      if (Math.abs(numeric) > 1e-2) checked++;
      assert.ok(near(net.grads[k], numeric), `param ${k} of [${shape.sizes}]: ${net.grads[k]} vs ${numeric}`);
    }
    assert.ok(checked > 5, 'some parameters have a gradient that is not ~0');
    const dx = tf.tidy(() => tf.grad((input: Tensor2D) => tfLoss(net, input, w))(constant(x, batch, net.inputs)).dataSync());
    for (let k = 0; k < x.length; k++) {
      const numeric = numericGradient(net, x, batch, w, x, k);
      assert.ok(near(dx[k], numeric), `input ${k}: ${dx[k]} vs ${numeric}`);
    }
  }
});

test('forward with shared inputs (a year\'s leader action, the same for every household) gives the full rows\' outputs', () => {
  const rng = new Rng(4);
  for (const [shape, shared] of [
    [{ sizes: [7, 64, 2], hidden: 'relu', output: 'tanh' }, 5], // a follower actor: 2 own inputs, the fused pass
    [{ sizes: [7, 16, 8, 2], hidden: 'relu', output: 'tanh' }, 5], // 2 own inputs, layer by layer
    [{ sizes: [13, 8, 6, 1], hidden: 'relu', output: 'linear' }, 3], // 10 own inputs
    [{ sizes: [3, 5, 5], hidden: 'tanh', output: 'tanh' }, 3], // no own input
  ] as const) {
    const net = new Network({ ...shape, sizes: [...shape.sizes] }, rng);
    const batch = 9, own = net.inputs - shared;
    const u = Array.from({ length: shared }, () => rng.normal());
    const ownRows = Float64Array.from({ length: batch * own }, () => rng.normal());
    const full = new Float64Array(batch * net.inputs);
    for (let r = 0; r < batch; r++) {
      full.set(ownRows.subarray(r * own, (r + 1) * own), r * net.inputs);
      full.set(u, r * net.inputs + own);
    }
    const expected = Float64Array.from(net.forward(full, batch));
    const got = net.forward(ownRows, batch, u);
    assert.equal(got.length, batch * net.outputs);
    for (let k = 0; k < got.length; k++) assert.ok(Math.abs(got[k] - expected[k]) < 1e-12 * (1 + Math.abs(expected[k])), `output ${k} of [${shape.sizes}]: ${got[k]} vs ${expected[k]}`);
  }
  const net = new Network({ sizes: [2, 3, 1], hidden: 'relu', output: 'linear' }, rng);
  assert.throws(() => net.forward(new Float64Array(0), 1, [1, 2, 3]), /3 shared inputs, but the network takes 2/);
  assert.throws(() => net.forward(new Float64Array(1), 2, [1]), /2 rows need 2 inputs, got 1/);
});

test('differentiate without the network leaves grads untouched and gives the same input gradient; with it, gradients accumulate; changed() re-mirrors written parameters', () => {
  const rng = new Rng(4);
  const net = new Network({ sizes: [4, 6, 2], hidden: 'relu', output: 'tanh' }, rng);
  const x = Float64Array.from({ length: 20 }, () => rng.normal());
  const d = Float64Array.from({ length: 10 }, () => rng.normal());
  const inputGradient = (trained: Network[]) => {
    let dx = new Float32Array(0);
    differentiate(trained, () => {
      const input = constant(x, 5, 4);
      dx = tf.grad((i: Tensor2D) => tfLoss(net, i, d))(input).dataSync() as Float32Array;
      return [tfLoss(net, input, d)];
    });
    return Float64Array.from(dx);
  };
  net.zeroGrads();
  const [first] = differentiate([net], () => [tfLoss(net, constant(x, 5, 4), d)]);
  const grads = Float64Array.from(net.grads);
  assert.ok(grads.some((g) => g !== 0));
  const untrained = inputGradient([]);
  assert.deepEqual(net.grads, grads, 'a network not trained by the loss takes no gradient');
  assert.deepEqual(inputGradient([net]).map((v, k) => v - untrained[k]), new Float64Array(untrained.length), 'the same input gradient');
  for (let k = 0; k < grads.length; k++) assert.ok(Math.abs(net.grads[k] - 2 * grads[k]) <= 1e-12 * (1 + Math.abs(grads[k])), 'a second trained pass adds the same gradient again');
  // parameters written directly are seen by apply only after changed(); Adam tells the network itself
  net.params[net.params.length - 1] += 0.5;
  const [stale] = differentiate([], () => [tfLoss(net, constant(x, 5, 4), d)]);
  assert.equal(stale, first, 'the mirror is refreshed only when told');
  net.changed();
  const [fresh] = differentiate([], () => [tfLoss(net, constant(x, 5, 4), d)]);
  assert.ok(Math.abs(fresh - plainLoss(net, x, 5, d)) < 1e-4 * (1 + Math.abs(fresh)) && fresh !== first);
  const adam = new Adam(net, { learningRate: 0.1 });
  differentiate([net], () => [tfLoss(net, constant(x, 5, 4), d)]);
  adam.apply();
  assert.ok(net.grads.every((g) => g === 0), 'Adam clears the gradients it used');
  const [stepped] = differentiate([], () => [tfLoss(net, constant(x, 5, 4), d)]);
  assert.ok(Math.abs(stepped - plainLoss(net, x, 5, d)) < 1e-4 * (1 + Math.abs(stepped)), `after an Adam step apply gives ${stepped}, forward ${plainLoss(net, x, 5, d)}`);
  assert.ok(stepped < fresh, 'a step down the gradient lowers the loss');
});

test('the saturation penalty is the gradient of weight * mean max(0, |z| - threshold)^2', () => {
  const rng = new Rng(5);
  const net = new Network({ sizes: [2, 4, 2], hidden: 'relu', output: 'tanh' }, rng);
  for (let k = 0; k < net.params.length; k++) net.params[k] *= 2.5; // push pre-activations past the threshold (not so far that atanh loses digits)
  net.changed();
  const x = Float64Array.from({ length: 8 }, () => rng.normal());
  const loss = () => {
    const y = net.forward(x, 4);
    let s = 0;
    for (const v of y) {
      const z = Math.abs(Math.atanh(v));
      if (z > 1) s += (z - 1) ** 2;
    }
    return (0.7 * s) / 4;
  };
  net.zeroGrads();
  const [penalty] = differentiate([net], () => [saturationPenalty(net.apply(constant(x, 4, 2)).preActivation, 1).mul(0.7) as Scalar]);
  assert.ok(penalty > 0 && Math.abs(penalty - loss()) < 1e-4 * (1 + loss()), `penalty ${penalty} vs ${loss()}`);
  let checked = 0;
  for (let k = 0; k < net.params.length; k++) {
    const saved = net.params[k];
    net.params[k] = saved + 1e-6;
    const up = loss();
    net.params[k] = saved - 1e-6;
    const down = loss();
    net.params[k] = saved;
    const numeric = (up - down) / 2e-6;
    if (Math.abs(numeric) > 1e-3) checked++;
    assert.ok(near(net.grads[k], numeric), `param ${k}: ${net.grads[k]} vs ${numeric}`);
  }
  assert.ok(checked > 3, 'the penalty must be active on some parameters');
});

test('a critic trained with Adam fits a known return function', () => {
  // Q(s, a) = 2 s - (a - 0.3)^2 on [-1, 1]^2
  const rng = new Rng(6);
  const critic = new Network({ sizes: [2, 32, 32, 1], hidden: 'relu', output: 'linear' }, rng);
  const adam = new Adam(critic, { learningRate: 3e-3 });
  const batch = 64;
  const x = new Float64Array(batch * 2), y = new Float64Array(batch);
  const target = (s: number, a: number) => 2 * s - (a - 0.3) ** 2;
  for (let step = 0; step < 3000; step++) {
    for (let r = 0; r < batch; r++) {
      x[2 * r] = rng.uniformIn(-1, 1);
      x[2 * r + 1] = rng.uniformIn(-1, 1);
      y[r] = target(x[2 * r], x[2 * r + 1]);
    }
    differentiate([critic], () => [tf.losses.meanSquaredError(constant(y, batch, 1), critic.apply(constant(x, batch, 2)).output) as Scalar]);
    adam.apply();
  }
  let sq = 0;
  const probe = new Float64Array(2);
  for (let k = 0; k < 200; k++) {
    probe[0] = rng.uniformIn(-1, 1);
    probe[1] = rng.uniformIn(-1, 1);
    sq += (critic.forward(probe, 1)[0] - target(probe[0], probe[1])) ** 2;
  }
  const rmse = Math.sqrt(sq / 200);
  assert.ok(rmse < 0.05, `held-out RMSE ${rmse}`);
});

test('an actor climbing a known critic finds the bandit optimum', () => {
  // reward(a) = -(a0 - 0.6)^2 - (a1 + 0.2)^2: the actor (tanh) must output (0.6, -0.2) for every state
  const rng = new Rng(7);
  const actor = new Network({ sizes: [3, 16, 2], hidden: 'relu', output: 'tanh' }, rng, 3e-3);
  const adam = new Adam(actor, { learningRate: 1e-2 });
  const batch = 32;
  const x = new Float64Array(batch * 3);
  const best = Float64Array.from({ length: batch * 2 }, (_, k) => (k % 2 ? -0.2 : 0.6));
  for (let step = 0; step < 600; step++) {
    for (let k = 0; k < x.length; k++) x[k] = rng.normal();
    // -reward summed over the two actions, averaged over rows
    differentiate([actor], () => [tf.div(tf.sum(tf.squaredDifference(actor.apply(constant(x, batch, 3)).output, constant(best, batch, 2))), batch) as Scalar]);
    adam.apply();
  }
  for (let k = 0; k < x.length; k++) x[k] = rng.normal();
  const a = actor.forward(x, batch);
  for (let r = 0; r < batch; r++) {
    assert.ok(Math.abs(a[2 * r] - 0.6) < 0.02 && Math.abs(a[2 * r + 1] + 0.2) < 0.02, `row ${r}: (${a[2 * r]}, ${a[2 * r + 1]})`);
  }
});

test('soft updates move the target by tau of the gap; a clone is bit for bit', () => {
  const rng = new Rng(8);
  const online = new Network({ sizes: [3, 4, 1], hidden: 'relu', output: 'linear' }, rng);
  const target = online.clone();
  assert.deepEqual(target.params, online.params);
  const before = Float64Array.from(target.params);
  for (let k = 0; k < online.params.length; k++) online.params[k] += 1;
  target.softUpdateFrom(online, 0.05);
  for (let k = 0; k < before.length; k++) assert.ok(Math.abs(target.params[k] - (before[k] + 0.05)) < 1e-15);
});

test('the running normaliser equals the mean and sample standard deviation of everything it saw', () => {
  const rng = new Rng(9);
  const norm = new Normaliser(2);
  const all: number[][] = [[], []];
  for (const rows of [1, 7, 30, 2]) {
    const batch = Float64Array.from({ length: rows * 2 }, (_, k) => (k % 2 ? 100 : 1) * rng.normal() + (k % 2 ? 5 : -3));
    for (let r = 0; r < rows; r++) for (let k = 0; k < 2; k++) all[k].push(batch[2 * r + k]);
    norm.update(batch, rows);
  }
  for (let k = 0; k < 2; k++) {
    const mean = all[k].reduce((s, v) => s + v, 0) / all[k].length;
    const sd = Math.sqrt(all[k].reduce((s, v) => s + (v - mean) ** 2, 0) / (all[k].length - 1));
    assert.ok(Math.abs(norm.mean[k] - mean) < 1e-12 * (1 + Math.abs(mean)));
    assert.ok(Math.abs(norm.std(k) - sd) < 1e-10 * sd);
  }
  norm.frozen = true;
  const count = norm.count;
  norm.update(new Float64Array([1e9, 1e9]), 1);
  assert.equal(norm.count, count, 'a frozen normaliser does not learn');
  assert.equal(signedLog(-Math.E + 1), -1);
  assert.ok(Math.abs(signedLog(1e13) - Math.log1p(1e13)) < 1e-12);
  assert.throws(() => Normaliser.fromJSON({ size: 2, count: 3, mean: [0], m2: [0, 0] }), /mean and m2 must be arrays of 2 numbers/);
});

test('the replay buffer keeps slots in insertion order and stops n-step horizons at episode ends', () => {
  const n = 3;
  const buffer = new ReplayBuffer(5, n);
  const add = (k: number, episodeEnd: boolean, terminal = false) =>
    buffer.add({
      globalObs: new Float64Array(6).fill(k),
      leaderAction: new Float64Array(5).fill(k / 10),
      leaderReward: k,
      terminal,
      episodeEnd,
      nextGlobalObs: new Float64Array(6).fill(k + 1),
      privateObs: Float64Array.from({ length: 2 * n }, (_, j) => k + j),
      followerActions: new Float64Array(2 * n).fill(0.5),
      followerRewards: new Float64Array(n).fill(k),
      nextPrivateObs: new Float64Array(2 * n).fill(k + 1),
    });
  add(0, false);
  add(1, false);
  add(2, true, true);
  add(3, false);
  assert.deepEqual(buffer.horizon(0, 10), { years: 3, last: 2 });
  assert.deepEqual(buffer.horizon(1, 1), { years: 1, last: 1 });
  // the write head ends a horizon even without an episode end
  assert.deepEqual(buffer.horizon(3, 10), { years: 1, last: 3 });
  assert.equal(buffer.leader[buffer.layout.meanPrivate], (0 + 2 + 4) / 3, 'mean of the ability column');
  add(4, false);
  add(5, true); // overwrites slot 0
  assert.equal(buffer.size, 5);
  assert.equal(buffer.slotOf(0).leader[buffer.layout.reward], 5);
  const segment = buffer.segment(2, 6);
  const copy = new ReplayBuffer(5, n);
  copy.restoreSegment(2, segment.leader, segment.followers);
  assert.equal(copy.totalAdded, 6);
  for (let k = 2; k < 6; k++) assert.deepEqual(copy.slotOf(k % 5).leader, buffer.slotOf(k % 5).leader);
  assert.throws(() => buffer.segment(0, 6), /is not in the buffer/);
});
