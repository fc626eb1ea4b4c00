/**
 * A dense network. Its parameters live in one Float64Array, the master copy: the optimiser, soft
 * target updates, checkpoints and policy folders treat a network as one vector, and acting runs a
 * plain float64 forward pass over it. For the updates, `apply` is the same network in
 * TensorFlow.js (float32 variables mirroring the parameters, refreshed after every change), so
 * that its gradients come from TensorFlow.js's autodiff; no backward pass is written by hand.
 */
import { Rng } from '../economy/rng.js';
import type { Tensor2D, Variable } from '@tensorflow/tfjs';
import { tf } from './backend.js';
import { denseForward, reluTwoOutputForward, sharedTailForward } from './denseKernels.js';
import { repeatEach } from './autodiff.js';

export type Activation = 'relu' | 'tanh' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'linear'];

export interface NetworkShape {
  /** Layer widths from input to output, e.g. [7, 64, 2]. */
  sizes: number[];
  /** Activation of the hidden layers. */
  hidden: Activation;
  /** Activation of the output layer. */
  output: Activation;
}

export class Network {
  readonly shape: NetworkShape;
  readonly inputs: number;
  readonly outputs: number;
  /** Weights (row-major [in][out]) then biases, layer after layer. */
  readonly params: Float64Array;
  /** Gradient of the loss with respect to params, accumulated by backward(). */
  readonly grads: Float64Array;
  private readonly weightOffset: number[] = [];
  private readonly biasOffset: number[] = [];
  private tfVariables: Variable[] | null = null;
  /** The parameters changed since the variables last mirrored them. */
  private stale = true;
  /** Activations of every layer for the last forward batch (index 0, the input, is not kept). */
  private acts: Float64Array[] = [];
  private capacity = 0;
  /** The shared inputs' part of the first layer's outputs (forward with `shared`). */
  private shared = new Float64Array(0);

  /**
   * @param finalBound if given, the output layer starts uniform in +-finalBound (DDPG's 3e-3 for
   *   actors: every action starts near the middle of its range, away from tanh's flat ends)
   */
  constructor(shape: NetworkShape, rng?: Rng, finalBound?: number) {
    if (shape.sizes.length < 2 || shape.sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new RangeError(`network sizes must be at least two positive integers, got [${shape.sizes.join(', ')}]`);
    }
    for (const a of [shape.hidden, shape.output]) if (!ACTIVATIONS.includes(a)) throw new RangeError(`activation must be one of ${ACTIVATIONS.join(', ')}, got '${a}'`);
    this.shape = { sizes: [...shape.sizes], hidden: shape.hidden, output: shape.output };
    this.inputs = shape.sizes[0];
    this.outputs = shape.sizes[shape.sizes.length - 1];
    let count = 0;
    for (let l = 0; l + 1 < shape.sizes.length; l++) {
      this.weightOffset.push(count);
      count += shape.sizes[l] * shape.sizes[l + 1];
      this.biasOffset.push(count);
      count += shape.sizes[l + 1];
    }
    this.params = new Float64Array(count);
    this.grads = new Float64Array(count);
    if (rng) this.initialise(rng, finalBound);
  }

  get layerCount(): number {
    return this.shape.sizes.length - 1;
  }

  /** PyTorch's default for Linear layers: weights and biases uniform in +-1/sqrt(fan in). */
  initialise(rng: Rng, finalBound?: number): void {
    const { sizes } = this.shape;
    for (let l = 0; l < this.layerCount; l++) {
      const bound = finalBound !== undefined && l + 1 === this.layerCount ? finalBound : 1 / Math.sqrt(sizes[l]);
      const w = this.weightOffset[l];
      for (let k = 0; k < sizes[l] * sizes[l + 1]; k++) this.params[w + k] = rng.uniformIn(-bound, bound);
      const b = this.biasOffset[l];
      for (let k = 0; k < sizes[l + 1]; k++) this.params[b + k] = rng.uniformIn(-bound, bound);
    }
    this.stale = true;
  }

  private ensureCapacity(batch: number): void {
    if (batch <= this.capacity) return;
    const capacity = Math.max(batch, 2 * this.capacity);
    this.acts = this.shape.sizes.map((s, l) => new Float64Array(l === 0 ? 0 : capacity * s));
    this.capacity = capacity;
  }

  /**
   * Outputs for `batch` rows of `input` (row-major, batch x inputs), for acting and targets (no
   * gradient). With `shared`, each row of `input` holds only its first inputs - shared.length
   * values and `shared` completes every row (the same numbers up to rounding, with fewer
   * multiply-adds). The returned array is the network's own buffer: valid until the next forward.
   */
  forward(input: Float64Array, batch: number, shared?: ArrayLike<number>): Float64Array {
    const own = this.inputs - (shared?.length ?? 0);
    if (own < 0) throw new RangeError(`forward: ${shared!.length} shared inputs, but the network takes ${this.inputs}`);
    if (input.length < batch * own) throw new RangeError(`forward: ${batch} rows need ${batch * own} inputs, got ${input.length}`);
    this.ensureCapacity(batch);
    const { sizes } = this.shape;
    const p = this.params;
    if (shared?.length && own === 2 && sizes.length === 3 && this.outputs === 2 && this.shape.hidden === 'relu') {
      // a follower actor (2 private inputs, the leader's u shared, one relu layer, 2 outputs): the fused pass
      const y = this.acts[2];
      reluTwoOutputForward(input, shared, y, p, this.weightOffset[0], this.biasOffset[0], this.weightOffset[1], this.biasOffset[1], batch, sizes[1], this.sharedScratch(sizes[1]));
      activate(this.shape.output, y, batch * 2);
      return y.subarray(0, batch * 2);
    }
    for (let l = 0; l < this.layerCount; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const y = this.acts[l + 1];
      const w = this.weightOffset[l], b = this.biasOffset[l];
      if (l > 0) denseForward(this.acts[l], y, p, w, b, batch, nIn, nOut);
      else if (shared?.length) sharedTailForward(input, shared, y, p, w, b, batch, own, nOut, this.sharedScratch(nOut));
      else denseForward(input, y, p, w, b, batch, nIn, nOut);
      activate(l + 1 === this.layerCount ? this.shape.output : this.shape.hidden, y, batch * nOut);
    }
    return this.acts[this.layerCount].subarray(0, batch * this.outputs);
  }

  private sharedScratch(size: number): Float64Array {
    if (this.shared.length < size) this.shared = new Float64Array(size);
    return this.shared;
  }

  /** Call after writing `params` directly, so that `apply` sees the new values. */
  changed(): void {
    this.stale = true;
  }

  /** The TensorFlow.js variables (weights [in, out], biases [out], layer after layer), mirroring params. */
  get variables(): Variable[] {
    const { sizes } = this.shape;
    if (!this.tfVariables) {
      this.tfVariables = [];
      for (let l = 0; l < this.layerCount; l++) {
        this.tfVariables.push(tf.variable(tf.zeros([sizes[l], sizes[l + 1]]), true), tf.variable(tf.zeros([sizes[l + 1]]), true));
      }
      this.stale = true;
    }
    if (this.stale) {
      for (let l = 0; l < this.layerCount; l++) {
        const w = this.weightOffset[l], b = this.biasOffset[l];
        tf.tidy(() => {
          this.tfVariables![2 * l].assign(tf.tensor2d(Float32Array.from(this.params.subarray(w, b)), [sizes[l], sizes[l + 1]]));
          this.tfVariables![2 * l + 1].assign(tf.tensor1d(Float32Array.from(this.params.subarray(b, b + sizes[l + 1]))));
        });
      }
      this.stale = false;
    }
    return this.tfVariables;
  }

  /**
   * The network in TensorFlow.js: its output and the output layer's pre-activation (for the
   * saturation penalty). Call inside tf.tidy or a gradient function.
   */
  apply(x: Tensor2D): { output: Tensor2D; preActivation: Tensor2D } {
    const v = this.variables;
    return this.layersFrom(0, tf.add(tf.matMul(x, v[0]), v[1]));
  }

  /**
   * `apply` on the rows [own_r | shared_s], where each row s of `shared` follows `repeat`
   * consecutive rows of `own` (r = s repeat, ..., s repeat + repeat - 1): the same network as
   * apply(columns(own, repeatEach(shared, repeat))), but the first layer's product with the shared
   * columns is taken once per shared row, and no gradient is formed for shared columns that are
   * constants. For critics whose input is mostly a joint state every household of a transition
   * shares (MADDPG's, 4N + 15 wide).
   */
  applyShared(own: Tensor2D, shared: Tensor2D, repeat: number): { output: Tensor2D; preActivation: Tensor2D } {
    const v = this.variables, split = own.shape[1], width = this.shape.sizes[1];
    if (split + shared.shape[1] !== this.inputs) throw new RangeError(`applyShared: ${split} + ${shared.shape[1]} columns given, the network takes ${this.inputs}`);
    if (own.shape[0] !== shared.shape[0] * repeat) throw new RangeError(`applyShared: ${own.shape[0]} own rows, ${shared.shape[0]} shared rows x ${repeat}`);
    const ownPart = tf.matMul(own, tf.slice(v[0], [0, 0], [split, width]));
    const sharedPart = tf.matMul(shared, tf.slice(v[0], [split, 0], [shared.shape[1], width])) as Tensor2D;
    return this.layersFrom(0, tf.add(tf.add(ownPart, repeatEach(sharedPart, repeat)), v[1]));
  }

  /**
   * The network's output in TensorFlow.js for targets and other values taken without a gradient:
   * each layer one fused product, bias and activation (on the WebAssembly backend about 1.5 times
   * faster than `apply` over MADDPG's 128,000 rows of every household's next action).
   */
  predict(x: Tensor2D): Tensor2D {
    const v = this.variables;
    let h = x;
    for (let l = 0; l < this.layerCount; l++) {
      const kind = l + 1 === this.layerCount ? this.shape.output : this.shape.hidden;
      h = tf.fused.matMul({ a: h, b: v[2 * l] as Tensor2D, bias: v[2 * l + 1], activation: kind === 'tanh' ? 'linear' : kind }) as Tensor2D;
      if (kind === 'tanh') h = tf.tanh(h);
    }
    return h;
  }

  /** The network from layer l's pre-activation on. */
  private layersFrom(l: number, pre: Tensor2D): { output: Tensor2D; preActivation: Tensor2D } {
    const v = this.variables;
    for (; ; l++) {
      const kind = l + 1 === this.layerCount ? this.shape.output : this.shape.hidden;
      const h = kind === 'relu' ? tf.relu(pre) : kind === 'tanh' ? tf.tanh(pre) : pre;
      if (l + 1 === this.layerCount) return { output: h, preActivation: pre };
      pre = tf.add(tf.matMul(h, v[2 * l + 2]), v[2 * l + 3]);
    }
  }

  /** Adds gradients with respect to `variables` (in their order) into `grads`. */
  addGradients(gradients: Tensor2D[] | import('@tensorflow/tfjs').Tensor[]): void {
    let offset = 0;
    for (const g of gradients) {
      const values = g.dataSync();
      for (let k = 0; k < values.length; k++) this.grads[offset + k] += values[k];
      offset += values.length;
    }
  }

  /** Frees the TensorFlow.js variables (they are made again when needed). */
  dispose(): void {
    this.tfVariables?.forEach((v) => v.dispose());
    this.tfVariables = null;
  }

  zeroGrads(): void {
    this.grads.fill(0);
  }

  copyFrom(other: Network): void {
    if (other.params.length !== this.params.length) throw new RangeError('copyFrom: networks of different shapes');
    this.params.set(other.params);
    this.stale = true;
  }

  /** target <- (1 - tau) target + tau online, the soft update of target networks. */
  softUpdateFrom(online: Network, tau: number): void {
    const t = this.params, o = online.params;
    for (let k = 0; k < t.length; k++) t[k] += tau * (o[k] - t[k]);
    this.stale = true;
  }

  clone(): Network {
    const copy = new Network(this.shape);
    copy.params.set(this.params);
    return copy;
  }
}

function activate(kind: Activation, y: Float64Array, count: number): void {
  if (kind === 'relu') {
    // a select, not a branch: the signs are unpredictable
    for (let k = 0; k < count; k++) {
      const v = y[k];
      y[k] = v < 0 ? 0 : v; // NaN stays NaN
    }
  } else if (kind === 'tanh') {
    for (let k = 0; k < count; k++) y[k] = Math.tanh(y[k]);
  }
}

