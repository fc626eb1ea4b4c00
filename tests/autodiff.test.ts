import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor2D } from '@tensorflow/tfjs';
import { Rng } from '../src/economy/rng.js';
import { chosenBackend, tf, useBestBackend } from '../src/learning/backend.js';
import { matMulGradient } from '../src/learning/matMulGradient.js';
import { constant, differentiate, gaussianLogProb, groupMean, repeatEach, saturationPenalty } from '../src/learning/autodiff.js';
import { Network } from '../src/learning/network.js';

before(async () => {
  await useBestBackend();
});

const rng = new Rng(77);
const random = (size: number, scale = 1) => Float64Array.from({ length: size }, () => scale * rng.normal());

/** d f / d x by TensorFlow.js against central differences in float32 (steps of 1e-2, tolerance 1e-2). */
function checkGradient(name: string, values: Float64Array, rows: number, cols: number, f: (x: Tensor2D) => import('@tensorflow/tfjs').Scalar): void {
  const analytic = tf.tidy(() => tf.grad((x: Tensor2D) => f(x))(constant(values, rows, cols)).dataSync());
  const at = (v: Float64Array) => tf.tidy(() => f(constant(v, rows, cols)).dataSync()[0]);
  for (let k = 0; k < values.length; k++) {
    const v = values[k], h = 1e-2;
    values[k] = v + h;
    const up = at(values);
    values[k] = v - h;
    const down = at(values);
    values[k] = v;
    const numeric = (up - down) / (2 * h);
    assert.ok(Math.abs(numeric - analytic[k]) < 1e-2 * Math.max(1, Math.abs(numeric)), `${name}: entry ${k}: analytic ${analytic[k]}, finite differences ${numeric}`);
  }
}

test('the update helpers: values as defined, gradients as finite differences say', () => {
  const x = random(12);
  // repeatEach: rows repeated in place; gradients of the copies add up
  const repeated = tf.tidy(() => repeatEach(constant(x, 4, 3), 2).arraySync());
  assert.deepEqual(repeated.length, 8);
  assert.ok(Math.abs(repeated[2][1] - x[4]) < 1e-6 && Math.abs(repeated[3][1] - x[4]) < 1e-6);
  checkGradient('repeatEach', x, 4, 3, (t) => tf.sum(tf.square(repeatEach(t, 3))) as import('@tensorflow/tfjs').Scalar);
  // groupMean: means of consecutive rows
  const means = tf.tidy(() => groupMean(constant(x, 4, 3), 2).arraySync());
  assert.ok(Math.abs(means[1][2] - (x[8] + x[11]) / 2) < 1e-6);
  checkGradient('groupMean', x, 4, 3, (t) => tf.sum(tf.tanh(groupMean(t, 2))) as import('@tensorflow/tfjs').Scalar);
  // the saturation penalty: mean over rows of sum over columns of max(0, |z| - 1)^2
  const z = Float64Array.from([0.5, -2, 3, 1.5, -0.2, -1.1]);
  const penalty = tf.tidy(() => saturationPenalty(constant(z, 2, 3), 1).dataSync()[0]);
  assert.ok(Math.abs(penalty - (1 + 4 + 0.25 + 0.01) / 2) < 1e-5);
  checkGradient('saturation', Float64Array.from([0.5, -2.2, 3, 1.5, -0.2, -1.3]), 2, 3, (t) => saturationPenalty(t, 1));
  // Gaussian log-density against its closed form, and its gradient in the mean and the log sd
  const logStd = Float64Array.from([-0.5, 0.3, 0.1]);
  const logp = tf.tidy(() => gaussianLogProb(constant(x, 4, 3), tf.zeros([4, 3]) as Tensor2D, tf.tensor1d(Float32Array.from(logStd))).dataSync());
  const expected = (r: number) => [0, 1, 2].reduce((s, c) => s - 0.5 * (x[3 * r + c] / Math.exp(logStd[c])) ** 2 - logStd[c] - 0.5 * Math.log(2 * Math.PI), 0);
  for (let r = 0; r < 4; r++) assert.ok(Math.abs(logp[r] - expected(r)) < 1e-4, `row ${r}: ${logp[r]} vs ${expected(r)}`);
  checkGradient('gaussianLogProb (mean)', random(6), 2, 3, (mean) => tf.sum(gaussianLogProb(constant(x.subarray(0, 6), 2, 3), mean, tf.tensor1d(Float32Array.from(logStd)))) as import('@tensorflow/tfjs').Scalar);
  checkGradient('gaussianLogProb (log sd)', Float64Array.from(logStd), 1, 3, (ls) => tf.sum(gaussianLogProb(constant(x.subarray(0, 6), 2, 3), tf.zeros([2, 3]) as Tensor2D, ls)) as import('@tensorflow/tfjs').Scalar);
});

test("differentiate: the trained networks' gradients land in their flat grads, others pass gradients through without taking any", () => {
  const inner = new Network({ sizes: [3, 5, 2], hidden: 'relu', output: 'tanh' }, rng);
  const outer = new Network({ sizes: [2, 4, 1], hidden: 'relu', output: 'linear' }, rng);
  const x = random(18);
  const loss = () => [tf.mean(tf.square(outer.apply(inner.apply(constant(x, 6, 3)).output).output)) as import('@tensorflow/tfjs').Scalar];
  inner.zeroGrads();
  outer.zeroGrads();
  const [value] = differentiate([inner], loss);
  assert.ok(outer.grads.every((g) => g === 0), 'the outer network is differentiated through, not trained');
  assert.ok(inner.grads.some((g) => g !== 0));
  // the flat gradient against finite differences of the float64 parameters (float32 loss)
  const analytic = Float64Array.from(inner.grads);
  for (let k = 0; k < inner.params.length; k++) {
    const v = inner.params[k];
    inner.params[k] = v + 1e-3;
    inner.changed();
    const [up] = differentiate([], loss);
    inner.params[k] = v - 1e-3;
    inner.changed();
    const [down] = differentiate([], loss);
    inner.params[k] = v;
    inner.changed();
    assert.ok(Math.abs((up - down) / 2e-3 - analytic[k]) < 2e-3 + 1e-2 * Math.abs(analytic[k]), `parameter ${k}: ${analytic[k]} vs ${(up - down) / 2e-3}`);
  }
  // the network in TensorFlow.js computes what its float64 forward pass computes
  const tfOut = tf.tidy(() => inner.apply(constant(x, 6, 3)).output.dataSync());
  const plain = inner.forward(x, 6);
  for (let k = 0; k < plain.length; k++) assert.ok(Math.abs(tfOut[k] - plain[k]) < 1e-5);
  assert.ok(value > 0);
  // nothing leaks: a second round makes no new tensors
  const before = tf.memory().numTensors;
  differentiate([inner], loss);
  assert.equal(tf.memory().numTensors, before);
});

test('the matrix product\'s gradient (explicit transposes on WebAssembly) as finite differences say, for every transpose flag and a batch of products', () => {
  if (chosenBackend() === 'wasm') assert.equal(tf.getGradient('BatchMatMul'), matMulGradient, 'registered for the WebAssembly backend');
  const a = random(12), b = random(15), weights = random(20);
  // loss = sum(w * op(A) op(B)), so that every entry of the product counts differently
  const loss = (product: import('@tensorflow/tfjs').Tensor) => tf.sum(tf.mul(product, tf.tensor(Float32Array.from(weights.subarray(0, product.size)), product.shape))) as import('@tensorflow/tfjs').Scalar;
  for (const [transposeA, transposeB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    // A is 4 x 3 (or its transpose), B 3 x 5 (or its transpose): the product is 4 x 5
    const [ar, ac] = transposeA ? [3, 4] : [4, 3], [br, bc] = transposeB ? [5, 3] : [3, 5];
    const B = constant(b, br, bc), A = constant(a, ar, ac);
    checkGradient(`dA (transposeA ${transposeA}, transposeB ${transposeB})`, a, ar, ac, (x) => loss(tf.matMul(x, B, transposeA, transposeB)));
    checkGradient(`dB (transposeA ${transposeA}, transposeB ${transposeB})`, b, br, bc, (x) => loss(tf.matMul(A, x, transposeA, transposeB)));
    tf.dispose([A, B]);
  }
  // a batch of two 2 x 3 by 3 x 2 products: the gradient of each batch entry on its own
  const batched = (x: Tensor2D) => loss(tf.matMul(tf.reshape(x, [2, 2, 3]), tf.reshape(tf.tensor(Float32Array.from(b.subarray(0, 12))), [2, 3, 2])));
  checkGradient('dA of a batched product', a, 4, 3, batched);
});

test('applyShared is apply on [own | shared repeated] (values and gradients), and predict is apply', () => {
  const critic = new Network({ sizes: [7, 6, 5, 1], hidden: 'relu', output: 'linear' }, rng);
  const actor = new Network({ sizes: [3, 4, 2], hidden: 'relu', output: 'tanh' }, rng);
  const own = random(6 * 2), shared = random(3 * 5);
  const full = (o: Tensor2D) => critic.apply(tf.concat([o, repeatEach(constant(shared, 3, 5), 2)], 1)).output;
  const split = (o: Tensor2D) => critic.applyShared(o, constant(shared, 3, 5), 2).output;
  const [a, b] = tf.tidy(() => [full(constant(own, 6, 2)).dataSync(), split(constant(own, 6, 2)).dataSync()]);
  for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-5, `row ${k}: ${a[k]} vs ${b[k]}`);
  checkGradient('applyShared (own columns)', own, 6, 2, (o) => tf.sum(tf.square(split(o))) as import('@tensorflow/tfjs').Scalar);
  // the critic's own parameter gradient is the same either way
  const gradients = (f: (o: Tensor2D) => Tensor2D) => {
    critic.zeroGrads();
    differentiate([critic], () => [tf.sum(tf.square(f(constant(own, 6, 2)))) as import('@tensorflow/tfjs').Scalar]);
    return Float64Array.from(critic.grads);
  };
  const viaFull = gradients(full), viaSplit = gradients(split);
  for (let k = 0; k < viaFull.length; k++) assert.ok(Math.abs(viaFull[k] - viaSplit[k]) < 1e-4 * Math.max(1, Math.abs(viaFull[k])), `parameter ${k}: ${viaFull[k]} vs ${viaSplit[k]}`);
  assert.throws(() => tf.tidy(() => critic.applyShared(constant(own, 6, 2), constant(shared, 3, 5), 3)), /6 own rows, 3 shared rows x 3/);
  assert.throws(() => tf.tidy(() => critic.applyShared(constant(own, 4, 3), constant(shared, 3, 5), 1)), /3 \+ 5 columns given, the network takes 7/);
  const x = random(15);
  const [viaApply, viaPredict] = tf.tidy(() => [actor.apply(constant(x, 5, 3)).output.dataSync(), actor.predict(constant(x, 5, 3)).dataSync()]);
  for (let k = 0; k < viaApply.length; k++) assert.ok(Math.abs(viaApply[k] - viaPredict[k]) < 1e-6);
});
