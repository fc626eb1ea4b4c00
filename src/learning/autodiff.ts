/**
 * The one autodiff every method's update uses: TensorFlow.js (`tf.variableGrads`), chosen after
 * measuring a whole SMFRL update on it against plain TypeScript (docs/learning.md, The autodiff).
 * A method states its losses as TensorFlow.js operations on its networks' `apply`; `differentiate`
 * adds their gradients into the networks' flat `grads`, where the optimiser (adam.ts) takes them.
 * The helpers below are the few shapes of computation the mean-field updates need.
 */
import type { Scalar, Tensor, Tensor2D } from '@tensorflow/tfjs';
import { tf } from './backend.js';
import type { Network } from './network.js';

/** Row-major values as a float32 tensor. */
export function constant(values: Float64Array | Float32Array, rows: number, cols: number): Tensor2D {
  return tf.tensor2d(values instanceof Float32Array ? values : Float32Array.from(values), [rows, cols]);
}

/** A tensor's values as a constant: no gradient flows back through it. */
export function detach(x: Tensor2D): Tensor2D {
  return tf.tensor2d(x.dataSync() as Float32Array, x.shape);
}

/**
 * Each row of x repeated `times` times in a row (a transition's value for each of its households'
 * rows); the gradients of the copies add up. Built from tile, whose gradient every backend has
 * (gather's needs UnsortedSegmentSum, which the wasm backend lacks).
 */
export function repeatEach(x: Tensor2D, times: number): Tensor2D {
  if (times === 1) return x;
  const [rows, cols] = x.shape;
  return tf.reshape(tf.tile(tf.expandDims(x, 1), [1, times, 1]), [rows * times, cols]) as Tensor2D;
}

/** Means over consecutive groups of `size` rows: (g size) x c -> g x c. */
export function groupMean(x: Tensor2D, size: number): Tensor2D {
  const [rows, cols] = x.shape;
  return tf.mean(tf.reshape(x, [rows / size, size, cols]), 1) as Tensor2D;
}

/** Columns side by side. */
export function columns(...parts: Tensor2D[]): Tensor2D {
  return tf.concat(parts, 1);
}

/**
 * Mean over rows of the sum over columns of max(0, |z| - threshold)^2: keeps a tanh layer's
 * pre-activations z out of the flat ends, where the gradient vanishes.
 */
export function saturationPenalty(z: Tensor2D, threshold: number): Scalar {
  return tf.div(tf.sum(tf.square(tf.relu(tf.sub(tf.abs(z), threshold)))), z.shape[0]) as Scalar;
}

/** Gaussian log-density of x under N(mean, exp(logStd)^2), summed over columns: rows x 1. */
export function gaussianLogProb(x: Tensor2D, mean: Tensor2D, logStd: Tensor): Tensor2D {
  const z = tf.div(tf.sub(x, mean), tf.exp(logStd));
  return tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * Math.log(2 * Math.PI))), 1, true) as Tensor2D;
}

/** What `differentiate` trains: a network or any parameter block mirrored in TensorFlow.js variables. */
export type Differentiable = Pick<Network, 'variables' | 'addGradients'>;

/**
 * The value of each loss `losses()` builds, and the gradient of their sum with respect to the
 * `trained` networks' parameters, added into their `grads`. Other networks the losses run through
 * pass gradients to their inputs but take none. Every tensor made here is freed.
 */
export function differentiate(trained: Differentiable[], losses: () => Scalar[]): number[] {
  if (trained.length === 0) return tf.tidy(() => losses().map((v) => v.dataSync()[0]));
  const variables = trained.flatMap((n) => n.variables);
  let numbers: number[] = [];
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const values = losses();
      // read here: tensors made inside the gradient function are freed when it returns
      numbers = values.map((v) => v.dataSync()[0]);
      return (values.length === 1 ? values[0] : tf.addN(values)) as Scalar;
    }, variables);
    for (const network of trained) network.addGradients(network.variables.map((v) => grads[v.name] ?? tf.zerosLike(v)));
  });
  return numbers;
}
