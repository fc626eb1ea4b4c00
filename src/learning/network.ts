/**
 * A dense network in plain TypeScript with its own backward pass: batched forward, gradients of
 * the inputs and (optionally) of the parameters. All parameters live in one Float64Array, so the
 * optimiser, soft target updates and checkpoints treat a network as one vector.
 *
 * Why not tensors: at these sizes (hidden 64-128, batches of a few hundred) the tensor backends'
 * per-op overhead dominates; see docs/learning.md (Compute) for the measured updates per second.
 */
import { Rng } from '../economy/rng.js';

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
  /** Activations of every layer for the last forward batch (index 0 is the input). */
  private acts: Float64Array[] = [];
  private deltas: Float64Array[] = [];
  private capacity = 0;
  private batch = 0;

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
  }

  private ensureCapacity(batch: number): void {
    if (batch <= this.capacity) return;
    const capacity = Math.max(batch, 2 * this.capacity);
    this.acts = this.shape.sizes.map((s) => new Float64Array(capacity * s));
    this.deltas = this.shape.sizes.map((s) => new Float64Array(capacity * s));
    this.capacity = capacity;
  }

  /**
   * Outputs for `batch` rows of `input` (row-major, batch x inputs). The returned array is the
   * network's own buffer: valid until the next forward, which backward() differentiates.
   */
  forward(input: Float64Array, batch: number): Float64Array {
    if (input.length < batch * this.inputs) throw new RangeError(`forward: ${batch} rows need ${batch * this.inputs} inputs, got ${input.length}`);
    this.ensureCapacity(batch);
    this.batch = batch;
    this.acts[0].set(input.subarray(0, batch * this.inputs));
    const { sizes } = this.shape;
    const p = this.params;
    for (let l = 0; l < this.layerCount; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const x = this.acts[l], y = this.acts[l + 1];
      const w = this.weightOffset[l], b = this.biasOffset[l];
      denseForward(x, y, p, w, b, batch, nIn, nOut);
      activate(l + 1 === this.layerCount ? this.shape.output : this.shape.hidden, y, batch * nOut);
    }
    return this.acts[this.layerCount].subarray(0, batch * this.outputs);
  }

  /**
   * Back-propagates dLoss/dOutput of the last forward batch. Adds the parameter gradients to
   * `grads` unless `paramGrads` is false (a network differentiated through but not trained by
   * this loss), and returns dLoss/dInput (the network's own buffer, batch x inputs).
   */
  backward(dOutput: Float64Array, paramGrads = true, saturation?: SaturationPenalty): Float64Array {
    const batch = this.batch;
    const { sizes } = this.shape;
    const p = this.params, g = this.grads;
    const last = this.layerCount;
    this.deltas[last].set(dOutput.subarray(0, batch * this.outputs));
    for (let l = last - 1; l >= 0; l--) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const y = this.acts[l + 1], x = this.acts[l];
      const dy = this.deltas[l + 1], dx = this.deltas[l];
      activationGradient(l + 1 === last ? this.shape.output : this.shape.hidden, y, dy, batch * nOut);
      if (l + 1 === last && saturation && this.shape.output === 'tanh') addSaturationGradient(y, dy, batch * nOut, saturation);
      const w = this.weightOffset[l], b = this.biasOffset[l];
      denseInputGradient(dy, dx, p, w, batch, nIn, nOut);
      if (paramGrads) denseParamGradient(x, dy, g, w, b, batch, nIn, nOut);
    }
    return this.deltas[0].subarray(0, batch * this.inputs);
  }

  zeroGrads(): void {
    this.grads.fill(0);
  }

  copyFrom(other: Network): void {
    if (other.params.length !== this.params.length) throw new RangeError('copyFrom: networks of different shapes');
    this.params.set(other.params);
  }

  /** target <- (1 - tau) target + tau online, the soft update of target networks. */
  softUpdateFrom(online: Network, tau: number): void {
    const t = this.params, o = online.params;
    for (let k = 0; k < t.length; k++) t[k] += tau * (o[k] - t[k]);
  }

  clone(): Network {
    const copy = new Network(this.shape);
    copy.params.set(this.params);
    return copy;
  }
}

/**
 * weight * mean over rows of sum over outputs of max(0, |z| - threshold)^2 on the tanh output's
 * pre-activation z: keeps actors out of the flat ends of tanh, where the critic's gradient
 * vanishes and a policy stays stuck at a bound.
 */
export interface SaturationPenalty {
  threshold: number;
  weight: number;
  /** Rows the penalty's mean runs over. */
  rows: number;
}

function addSaturationGradient(y: Float64Array, dz: Float64Array, count: number, s: SaturationPenalty): void {
  const scale = (2 * s.weight) / s.rows;
  for (let k = 0; k < count; k++) {
    const v = Math.min(1 - 1e-16, Math.max(-1 + 1e-16, y[k]));
    const z = Math.atanh(v);
    if (z > s.threshold) dz[k] += scale * (z - s.threshold);
    else if (z < -s.threshold) dz[k] += scale * (z + s.threshold);
  }
}

function activate(kind: Activation, y: Float64Array, count: number): void {
  if (kind === 'relu') {
    for (let k = 0; k < count; k++) if (y[k] < 0) y[k] = 0;
  } else if (kind === 'tanh') {
    for (let k = 0; k < count; k++) y[k] = Math.tanh(y[k]);
  }
}

/** dy <- dy * f'(pre-activation), written with the activation's output y. */
function activationGradient(kind: Activation, y: Float64Array, dy: Float64Array, count: number): void {
  if (kind === 'relu') {
    for (let k = 0; k < count; k++) if (y[k] <= 0) dy[k] = 0;
  } else if (kind === 'tanh') {
    for (let k = 0; k < count; k++) dy[k] *= 1 - y[k] * y[k];
  }
}

// The three loops of a dense layer, four batch rows per pass so that each weight read serves
// four multiply-adds (1.5-2x faster than one row per pass in V8).

function denseForward(x: Float64Array, y: Float64Array, p: Float64Array, w: number, b: number, batch: number, nIn: number, nOut: number): void {
  if (nOut <= 4) return narrowForward(x, y, p, w, b, batch, nIn, nOut);
  let r = 0;
  for (; r + 4 <= batch; r += 4) {
    const y0 = r * nOut, y1 = y0 + nOut, y2 = y1 + nOut, y3 = y2 + nOut;
    const x0 = r * nIn, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
    for (let j = 0; j < nOut; j++) {
      const bj = p[b + j];
      y[y0 + j] = bj;
      y[y1 + j] = bj;
      y[y2 + j] = bj;
      y[y3 + j] = bj;
    }
    for (let i = 0; i < nIn; i++) {
      const a0 = x[x0 + i], a1 = x[x1 + i], a2 = x[x2 + i], a3 = x[x3 + i];
      const row = w + i * nOut;
      for (let j = 0; j < nOut; j++) {
        const wij = p[row + j];
        y[y0 + j] += a0 * wij;
        y[y1 + j] += a1 * wij;
        y[y2 + j] += a2 * wij;
        y[y3 + j] += a3 * wij;
      }
    }
  }
  for (; r < batch; r++) {
    const yo = r * nOut, xo = r * nIn;
    for (let j = 0; j < nOut; j++) y[yo + j] = p[b + j];
    for (let i = 0; i < nIn; i++) {
      const xi = x[xo + i];
      const row = w + i * nOut;
      for (let j = 0; j < nOut; j++) y[yo + j] += xi * p[row + j];
    }
  }
}

function denseInputGradient(dy: Float64Array, dx: Float64Array, p: Float64Array, w: number, batch: number, nIn: number, nOut: number): void {
  let r = 0;
  for (; r + 4 <= batch; r += 4) {
    const y0 = r * nOut, y1 = y0 + nOut, y2 = y1 + nOut, y3 = y2 + nOut;
    const x0 = r * nIn;
    for (let i = 0; i < nIn; i++) {
      const row = w + i * nOut;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < nOut; j++) {
        const wij = p[row + j];
        s0 += dy[y0 + j] * wij;
        s1 += dy[y1 + j] * wij;
        s2 += dy[y2 + j] * wij;
        s3 += dy[y3 + j] * wij;
      }
      dx[x0 + i] = s0;
      dx[x0 + nIn + i] = s1;
      dx[x0 + 2 * nIn + i] = s2;
      dx[x0 + 3 * nIn + i] = s3;
    }
  }
  for (; r < batch; r++) {
    const yo = r * nOut, xo = r * nIn;
    for (let i = 0; i < nIn; i++) {
      const row = w + i * nOut;
      let s = 0;
      for (let j = 0; j < nOut; j++) s += dy[yo + j] * p[row + j];
      dx[xo + i] = s;
    }
  }
}

function denseParamGradient(x: Float64Array, dy: Float64Array, g: Float64Array, w: number, b: number, batch: number, nIn: number, nOut: number): void {
  for (let r = 0; r < batch; r++) {
    const yo = r * nOut;
    for (let j = 0; j < nOut; j++) g[b + j] += dy[yo + j];
  }
  let r = 0;
  for (; r + 4 <= batch; r += 4) {
    const y0 = r * nOut, y1 = y0 + nOut, y2 = y1 + nOut, y3 = y2 + nOut;
    const x0 = r * nIn, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
    for (let i = 0; i < nIn; i++) {
      const a0 = x[x0 + i], a1 = x[x1 + i], a2 = x[x2 + i], a3 = x[x3 + i];
      const row = w + i * nOut;
      for (let j = 0; j < nOut; j++) g[row + j] += a0 * dy[y0 + j] + a1 * dy[y1 + j] + a2 * dy[y2 + j] + a3 * dy[y3 + j];
    }
  }
  for (; r < batch; r++) {
    const yo = r * nOut, xo = r * nIn;
    for (let i = 0; i < nIn; i++) {
      const xi = x[xo + i];
      const row = w + i * nOut;
      for (let j = 0; j < nOut; j++) g[row + j] += xi * dy[yo + j];
    }
  }
}

/** Outputs of a narrow layer (critic heads, actor outputs): one dot product per output. */
function narrowForward(x: Float64Array, y: Float64Array, p: Float64Array, w: number, b: number, batch: number, nIn: number, nOut: number): void {
  for (let j = 0; j < nOut; j++) {
    const bj = p[b + j];
    for (let r = 0; r < batch; r++) {
      const xo = r * nIn;
      let s = bj;
      for (let i = 0; i < nIn; i++) s += x[xo + i] * p[w + i * nOut + j];
      y[r * nOut + j] = s;
    }
  }
}
