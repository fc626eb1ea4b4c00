/**
 * A recurrent Gaussian actor-critic, the AI Economist's network (methods/aie.ts): an LSTM shared
 * by two heads, each two tanh layers; the actor's Gaussian has a learned, state-independent
 * log standard deviation. Optionally a behaviour-cloned prior (the clone in
 * data/models/bc-households) adds its mean logits, so that a policy can start exactly as the
 * clone acts.
 *
 *   h_t, c_t = LSTM(x_t; h_{t-1}, c_{t-1})                      (gates i, f, g, o as PyTorch)
 *   z_t      = W3 tanh(W2 tanh(W1 h_t + b1) + b2) + b3           actor head
 *   mean_t   = tanh(z_t + o(f_t) / 2)                            o: the prior's mean logits (0 without one)
 *   V_t      = V3 tanh(V2 tanh(V1 h_t + c1) + c2) + c3           critic head
 *   u_t      ~ N(mean_t, exp(logStd)^2)
 *
 * Like `Network`, its parameters live in one Float64Array (the master copy for Adam, checkpoints,
 * policy folders and acting, which is a float64 pass here); `unroll` is the same network in
 * TensorFlow.js over chunks of years for the updates, on float32 variables mirroring the
 * parameters (call `changed()` after writing `params`).
 */
import type { Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import { Rng } from '../economy/rng.js';
import { tf } from './backend.js';
import { denseForward } from './denseKernels.js';

/** The behaviour-cloned prior: a ReLU MLP on the clone's standardised features (ability, log10(1 + wealth)). */
export interface PriorShape {
  kind: 'behaviour-clone';
  /** Layer widths, e.g. [2, 64, 64, 2] (only the clone's mean outputs are kept). */
  sizes: number[];
  /** The clone's feature standardisation (its model.json's featureScaling). */
  featureScaling: { mean: [number, number]; sd: [number, number] };
}

export interface RecurrentShape {
  kind: 'lstm-gaussian';
  /** Inputs of the LSTM per row (the prior's features come after them in an acting row). */
  inputs: number;
  lstm: number;
  /** Width of each head's two tanh layers. */
  hidden: number;
  outputs: number;
  /** Numbers of recurrent state per row (h then c). */
  stateSize: number;
  prior?: PriorShape | null;
}

export function isRecurrentShape(shape: unknown): shape is RecurrentShape {
  return (shape as RecurrentShape)?.kind === 'lstm-gaussian';
}

export function recurrentShape(inputs: number, lstm: number, hidden: number, outputs: number, prior: PriorShape | null = null): RecurrentShape {
  return { kind: 'lstm-gaussian', inputs, lstm, hidden, outputs, stateSize: 2 * lstm, prior };
}

interface Block {
  name: string;
  shape: number[];
  offset: number;
  length: number;
}

export class RecurrentPolicy {
  readonly shape: RecurrentShape;
  readonly inputs: number;
  readonly outputs: number;
  readonly stateSize: number;
  /** Columns of an acting row: the LSTM's inputs, then the prior's features. */
  readonly inputWidth: number;
  readonly params: Float64Array;
  readonly grads: Float64Array;
  readonly blocks: Block[] = [];
  private readonly at: Record<string, number> = {};
  private tfVariables: Variable[] | null = null;
  private stale = true;
  private capacity = 0;
  private gates = new Float64Array(0);
  private hidden = new Float64Array(0);
  private head1 = new Float64Array(0);
  private head2 = new Float64Array(0);
  private prior1 = new Float64Array(0);
  private prior2 = new Float64Array(0);
  private priorIn = new Float64Array(0);
  private priorOut = new Float64Array(0);
  private meanOut = new Float64Array(0);
  private valueOut = new Float64Array(0);

  constructor(shape: RecurrentShape) {
    const { inputs, lstm: L, hidden: H, outputs: A } = shape;
    for (const [name, v] of Object.entries({ inputs, lstm: L, hidden: H, outputs: A })) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`recurrent actor: ${name} must be a positive integer, got ${v}`);
    }
    if (shape.kind !== 'lstm-gaussian') throw new RangeError(`recurrent actor: kind must be 'lstm-gaussian', got '${shape.kind}'`);
    if (shape.stateSize !== 2 * L) throw new RangeError(`recurrent actor: stateSize must be 2 x lstm = ${2 * L}, got ${shape.stateSize}`);
    const prior = shape.prior ?? null;
    if (prior) {
      if (prior.kind !== 'behaviour-clone' || !Array.isArray(prior.sizes) || prior.sizes.length < 2 || prior.sizes[0] !== 2 || prior.sizes[prior.sizes.length - 1] !== A) {
        throw new RangeError(`recurrent actor: prior must be a behaviour clone mapping 2 features to ${A} outputs`);
      }
      const fs = prior.featureScaling;
      if (!(fs?.mean?.length === 2 && fs?.sd?.length === 2 && [...fs.mean, ...fs.sd].every(Number.isFinite))) throw new RangeError('recurrent actor: prior.featureScaling needs mean and sd of 2 numbers');
    }
    this.shape = { ...shape, prior };
    this.inputs = inputs;
    this.outputs = A;
    this.stateSize = 2 * L;
    this.inputWidth = inputs + (prior ? 2 : 0);
    const add = (name: string, ...dims: number[]) => {
      const offset = this.blocks.reduce((s, b) => s + b.length, 0);
      const length = dims.reduce((p, d) => p * d, 1);
      this.blocks.push({ name, shape: dims, offset, length });
      this.at[name] = offset;
    };
    add('lstm.wx', inputs, 4 * L);
    add('lstm.wh', L, 4 * L);
    add('lstm.b', 4 * L);
    for (const [head, out] of [['actor', A], ['critic', 1]] as const) {
      add(`${head}.w1`, L, H);
      add(`${head}.b1`, H);
      add(`${head}.w2`, H, H);
      add(`${head}.b2`, H);
      add(`${head}.w3`, H, out);
      add(`${head}.b3`, out);
    }
    add('logStd', A);
    if (prior) {
      for (let l = 0; l + 1 < prior.sizes.length; l++) {
        add(`prior.w${l + 1}`, prior.sizes[l], prior.sizes[l + 1]);
        add(`prior.b${l + 1}`, prior.sizes[l + 1]);
      }
    }
    const count = this.blocks.reduce((s, b) => s + b.length, 0);
    this.params = new Float64Array(count);
    this.grads = new Float64Array(count);
  }

  /** Offset of a named block in params. */
  offsetOf(name: string): number {
    const o = this.at[name];
    if (o === undefined) throw new RangeError(`recurrent actor: no block '${name}'`);
    return o;
  }

  block(name: string): Float64Array {
    const b = this.blocks.find((x) => x.name === name);
    if (!b) throw new RangeError(`recurrent actor: no block '${name}'`);
    return this.params.subarray(b.offset, b.offset + b.length);
  }

  /**
   * PyTorch's defaults (LSTM and Linear: uniform +-1/sqrt(fan in or hidden size)); the actor's
   * output layer uniform in +-outputBound (0: exactly zero, so that z = 0 at first); logStd set.
   */
  initialise(rng: Rng, outputBound: number, logStd: number): void {
    const L = this.shape.lstm;
    for (const b of this.blocks) {
      if (b.name.startsWith('prior.')) continue;
      const values = this.params.subarray(b.offset, b.offset + b.length);
      if (b.name === 'logStd') {
        values.fill(logStd);
        continue;
      }
      const fanIn = b.name.startsWith('lstm.') ? L : b.name.endsWith('1') ? L : this.shape.hidden;
      const bound = b.name === 'actor.w3' || b.name === 'actor.b3' ? outputBound : 1 / Math.sqrt(fanIn);
      for (let k = 0; k < values.length; k++) values[k] = bound === 0 ? 0 : rng.uniformIn(-bound, bound);
    }
    this.stale = true;
  }

  changed(): void {
    this.stale = true;
  }

  zeroGrads(): void {
    this.grads.fill(0);
  }

  clone(): RecurrentPolicy {
    const copy = new RecurrentPolicy(this.shape);
    copy.params.set(this.params);
    return copy;
  }

  /** The prior's features for n households from their signed-logged private observations (ability, wealth), into x's columns. */
  writePriorFeatures(privateLog: ArrayLike<number>, n: number, x: Float64Array, column: number, stride: number): void {
    const prior = this.shape.prior;
    if (!prior) return;
    const { mean, sd } = prior.featureScaling;
    for (let i = 0; i < n; i++) {
      const [e, w] = priorFeatures(privateLog[2 * i], privateLog[2 * i + 1]);
      x[i * stride + column] = (e - mean[0]) / sd[0];
      x[i * stride + column + 1] = (w - mean[1]) / sd[1];
    }
  }

  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const c = Math.max(rows, 2 * this.capacity);
    const { lstm: L, hidden: H, outputs: A, prior } = this.shape;
    this.gates = new Float64Array(c * 4 * L);
    this.hidden = new Float64Array(c * L);
    this.head1 = new Float64Array(c * H);
    this.head2 = new Float64Array(c * H);
    this.meanOut = new Float64Array(c * A);
    this.valueOut = new Float64Array(c);
    if (prior) {
      const widest = Math.max(...prior.sizes);
      this.priorIn = new Float64Array(c * 2);
      this.prior1 = new Float64Array(c * widest);
      this.prior2 = new Float64Array(c * widest);
      this.priorOut = new Float64Array(c * A);
    }
    this.capacity = c;
  }

  /**
   * One year of acting in float64 for `rows` rows of x (rows x inputWidth): advances each row's
   * state (rows x stateSize: h then c) in place and returns the Gaussian means (the policy's
   * buffer, rows x outputs; valid until the next call). With `values`, the critic's values too.
   */
  step(x: Float64Array, rows: number, state: Float64Array, values?: Float64Array): Float64Array {
    if (x.length < rows * this.inputWidth) throw new RangeError(`recurrent actor: ${rows} rows need ${rows * this.inputWidth} inputs, got ${x.length}`);
    if (state.length < rows * this.stateSize) throw new RangeError(`recurrent actor: ${rows} rows need ${rows * this.stateSize} numbers of state, got ${state.length}`);
    this.ensureCapacity(rows);
    const { inputs: I, lstm: L, hidden: H, outputs: A, prior } = this.shape;
    const p = this.params, at = this.at, W = this.inputWidth, G4 = 4 * L;
    const gates = this.gates, hid = this.hidden;
    const wx = at['lstm.wx'], wh = at['lstm.wh'], b = at['lstm.b'];
    for (let r = 0; r < rows; r++) {
      const g = r * G4, xo = r * W, so = r * this.stateSize;
      for (let j = 0; j < G4; j++) gates[g + j] = p[b + j];
      for (let k = 0; k < I; k++) {
        const v = x[xo + k];
        if (v === 0) continue;
        const row = wx + k * G4;
        for (let j = 0; j < G4; j++) gates[g + j] += v * p[row + j];
      }
      for (let k = 0; k < L; k++) {
        const v = state[so + k];
        if (v === 0) continue;
        const row = wh + k * G4;
        for (let j = 0; j < G4; j++) gates[g + j] += v * p[row + j];
      }
      for (let k = 0; k < L; k++) {
        const i = sigmoid(gates[g + k]), f = sigmoid(gates[g + L + k]), cand = Math.tanh(gates[g + 2 * L + k]), o = sigmoid(gates[g + 3 * L + k]);
        const c = f * state[so + L + k] + i * cand;
        const h = o * Math.tanh(c);
        state[so + L + k] = c;
        state[so + k] = h;
        hid[r * L + k] = h;
      }
    }
    const head = (name: 'actor' | 'critic', out: Float64Array, width: number) => {
      denseForward(hid, this.head1, p, at[`${name}.w1`], at[`${name}.b1`], rows, L, H);
      tanhInPlace(this.head1, rows * H);
      denseForward(this.head1, this.head2, p, at[`${name}.w2`], at[`${name}.b2`], rows, H, H);
      tanhInPlace(this.head2, rows * H);
      denseForward(this.head2, out, p, at[`${name}.w3`], at[`${name}.b3`], rows, H, width);
    };
    const mean = this.meanOut;
    head('actor', mean, A);
    if (prior) {
      for (let r = 0; r < rows; r++) {
        this.priorIn[2 * r] = x[r * W + I];
        this.priorIn[2 * r + 1] = x[r * W + I + 1];
      }
      const sizes = prior.sizes;
      let input = this.priorIn;
      for (let l = 0; l + 1 < sizes.length; l++) {
        const last = l + 2 === sizes.length;
        const out = last ? this.priorOut : l % 2 === 0 ? this.prior1 : this.prior2;
        denseForward(input, out, p, at[`prior.w${l + 1}`], at[`prior.b${l + 1}`], rows, sizes[l], sizes[l + 1]);
        if (!last) for (let k = 0; k < rows * sizes[l + 1]; k++) if (out[k] < 0) out[k] = 0;
        input = out;
      }
      for (let k = 0; k < rows * A; k++) mean[k] += 0.5 * this.priorOut[k];
    }
    for (let k = 0; k < rows * A; k++) mean[k] = Math.tanh(mean[k]);
    if (values) {
      head('critic', this.valueOut, 1);
      values.set(this.valueOut.subarray(0, rows));
    }
    return mean.subarray(0, rows * A);
  }

  /** The TensorFlow.js variables, one per block (in params order), mirroring params. */
  get variables(): Variable[] {
    if (!this.tfVariables) {
      this.tfVariables = this.blocks.map((b) => tf.variable(tf.zeros(b.shape), true, undefined, 'float32'));
      this.stale = true;
    }
    if (this.stale) {
      this.blocks.forEach((b, k) => tf.tidy(() => this.tfVariables![k].assign(tf.tensor(Float32Array.from(this.params.subarray(b.offset, b.offset + b.length)), b.shape))));
      this.stale = false;
    }
    return this.tfVariables;
  }

  /** Adds gradients with respect to `variables` (in their order) into `grads`. */
  addGradients(gradients: Tensor[]): void {
    gradients.forEach((g, k) => {
      const values = g.dataSync(), o = this.blocks[k].offset;
      for (let j = 0; j < values.length; j++) this.grads[o + j] += values[j];
    });
  }

  dispose(): void {
    this.tfVariables?.forEach((v) => v.dispose());
    this.tfVariables = null;
  }

  /**
   * The network in TensorFlow.js over `steps` years of B chunks at once: x[s] is B x inputs (year s
   * of each chunk), h0 and c0 (B x lstm) each chunk's state before its first year, priorFeatures
   * (steps B x 2, year-major) the prior's inputs. Rows of the outputs are year-major (row s B + b).
   * Call inside tf.tidy or a gradient function.
   */
  unroll(x: Tensor2D[], h0: Tensor2D, c0: Tensor2D, priorFeatures?: Tensor2D): { mean: Tensor2D; value: Tensor2D; logStd: Tensor1D } {
    const v = this.variables;
    const named = (name: string) => v[this.blocks.findIndex((b) => b.name === name)];
    const L = this.shape.lstm, B = h0.shape[0];
    const projected = tf.add(tf.matMul(tf.concat(x, 0), named('lstm.wx')), named('lstm.b')) as Tensor2D;
    const wh = named('lstm.wh');
    let h = h0, c = c0;
    const hs: Tensor2D[] = [];
    for (let s = 0; s < x.length; s++) {
      const g = tf.add(tf.slice(projected, [s * B, 0], [B, 4 * L]), tf.matMul(h, wh)) as Tensor2D;
      const [gi, gf, gg, go] = tf.split(g, 4, 1) as Tensor2D[];
      c = tf.add(tf.mul(tf.sigmoid(gf), c), tf.mul(tf.sigmoid(gi), tf.tanh(gg))) as Tensor2D;
      h = tf.mul(tf.sigmoid(go), tf.tanh(c)) as Tensor2D;
      hs.push(h);
    }
    const all = hs.length === 1 ? hs[0] : (tf.concat(hs, 0) as Tensor2D);
    const dense = (input: Tensor2D, w: string, b: string) => tf.add(tf.matMul(input, named(w)), named(b)) as Tensor2D;
    const head = (name: string) => dense(tf.tanh(dense(tf.tanh(dense(all, `${name}.w1`, `${name}.b1`)), `${name}.w2`, `${name}.b2`)), `${name}.w3`, `${name}.b3`);
    let z = head('actor');
    const prior = this.shape.prior;
    if (prior) {
      if (!priorFeatures) throw new RangeError('recurrent actor: a prior needs its features');
      let p: Tensor2D = priorFeatures;
      for (let l = 0; l + 1 < prior.sizes.length; l++) {
        p = dense(p, `prior.w${l + 1}`, `prior.b${l + 1}`);
        if (l + 2 < prior.sizes.length) p = tf.relu(p);
      }
      z = tf.add(z, tf.mul(p, 0.5));
    }
    return { mean: tf.tanh(z), value: head('critic'), logStd: named('logStd') as Tensor1D };
  }
}

/** The clone's raw features from a signed-logged (ability, wealth): ability and log10(1 + max(0, wealth)) (cloneModel.ts). */
export function priorFeatures(loggedAbility: number, loggedWealth: number): [number, number] {
  const ability = loggedAbility < 0 ? -Math.expm1(-loggedAbility) : Math.expm1(loggedAbility);
  return [ability, loggedWealth > 0 ? loggedWealth / Math.LN10 : 0];
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function tanhInPlace(y: Float64Array, count: number): void {
  for (let k = 0; k < count; k++) y[k] = Math.tanh(y[k]);
}
