/**
 * Reverse-mode automatic differentiation on float64 matrices: the one autodiff every method's
 * update is written with. A method states its losses as operations on a Tape (dense layers,
 * activations, concatenation, row gathers, group means, losses, Gaussian log-probabilities, the
 * pieces of an LSTM cell); `backward` then adds each loss's gradient into the parameters' gradient
 * arrays (a network's flat `grads`) and into every node that asked for one.
 *
 * Why our own: TensorFlow.js measured slower than plain float64 loops on these small networks
 * (docs/learning.md, The autodiff); a tape of whole-matrix operations costs one closure per
 * operation and is bit for bit deterministic, which exact resumes need.
 *
 * Buffers are recycled: the n-th allocation after `reset()` reuses the n-th buffer of the previous
 * pass when the size matches, so an update that repeats the same operations allocates nothing.
 * A node's value stays valid until the next reset.
 */
import { denseForward, denseInputGradient, denseParamGradient } from './denseKernels.js';

/** A rows x cols matrix on the tape (a scalar is 1 x 1). */
export interface Node {
  readonly rows: number;
  readonly cols: number;
  readonly value: Float64Array;
  /** dLoss/dvalue after backward (null where no gradient flows). */
  grad: Float64Array | null;
  /** Whether a gradient flows into this node. */
  readonly needsGrad: boolean;
}

/** A dense layer's parameters inside a flat array: weights [in][out] at w, biases at b. */
export interface DenseParameters {
  readonly params: Float64Array;
  /** Where the gradient accumulates; null: differentiate through the layer, do not train it. */
  readonly grads: Float64Array | null;
  readonly w: number;
  readonly b: number;
  readonly nIn: number;
  readonly nOut: number;
}

interface Entry {
  node: NodeImpl;
  backward: (() => void) | null;
}

class NodeImpl implements Node {
  grad: Float64Array | null = null;
  constructor(readonly rows: number, readonly cols: number, readonly value: Float64Array, readonly needsGrad: boolean, readonly external = false) {}
}

export class Tape {
  private entries: Entry[] = [];
  private pool: Float64Array[] = [];
  private used = 0;

  /** Forgets every node; their buffers are reused by the next pass. */
  reset(): void {
    this.entries = [];
    this.used = 0;
  }

  private buffer(size: number): Float64Array {
    let b = this.pool[this.used];
    if (!b || b.length !== size) {
      b = new Float64Array(size);
      this.pool[this.used] = b;
    }
    this.used++;
    return b;
  }

  private node(rows: number, cols: number, needsGrad: boolean, backward: ((out: NodeImpl) => void) | null): NodeImpl {
    const out = new NodeImpl(rows, cols, this.buffer(rows * cols), needsGrad);
    this.entries.push({ node: out, backward: needsGrad && backward ? () => backward(out) : null });
    return out;
  }

  // ------------------------------------------------------------------ leaves

  /** Values that are given (no gradient); `values` is read, not copied. */
  constant(values: Float64Array, rows: number, cols: number): Node {
    if (values.length < rows * cols) throw new RangeError(`constant: ${rows} x ${cols} needs ${rows * cols} values, got ${values.length}`);
    const n = new NodeImpl(rows, cols, values.length === rows * cols ? values : values.subarray(0, rows * cols), false);
    this.entries.push({ node: n, backward: null });
    return n;
  }

  /** An input whose gradient is wanted (its grad is filled by backward). */
  input(values: Float64Array, rows: number, cols: number): Node {
    const n = new NodeImpl(rows, cols, values.subarray(0, rows * cols), true);
    this.entries.push({ node: n, backward: null });
    return n;
  }

  /** Parameters: `values` read in place, their gradient added into `grads` (null: not trained). */
  parameter(values: Float64Array, grads: Float64Array | null, rows: number, cols: number): Node {
    const n = new NodeImpl(rows, cols, values, grads !== null, true);
    n.grad = grads;
    this.entries.push({ node: n, backward: null });
    return n;
  }

  // ------------------------------------------------------------------ layers

  /** x W + b for a dense layer stored in a flat parameter array. */
  dense(x: Node, layer: DenseParameters): Node {
    if (x.cols !== layer.nIn) throw new RangeError(`dense: input has ${x.cols} columns, the layer takes ${layer.nIn}`);
    const { params, grads, w, b, nIn, nOut } = layer;
    const rows = x.rows;
    const out = this.node(rows, nOut, x.needsGrad || grads !== null, (o) => {
      const dy = o.grad!;
      if (x.needsGrad) {
        const dx = this.scratch(rows * nIn);
        denseInputGradient(dy, dx, params, w, rows, nIn, nOut);
        addInto(this.gradOf(x), dx, rows * nIn);
      }
      if (grads) denseParamGradient(x.value, dy, grads, w, b, rows, nIn, nOut);
    });
    denseForward(x.value, out.value, params, w, b, rows, nIn, nOut);
    return out;
  }

  /** A plain matrix product a (r x k) times b (k x c). */
  matmul(a: Node, b: Node): Node {
    if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows} x ${a.cols} times ${b.rows} x ${b.cols}`);
    const r = a.rows, k = a.cols, c = b.cols;
    const out = this.node(r, c, a.needsGrad || b.needsGrad, (o) => {
      const dy = o.grad!;
      if (a.needsGrad) {
        const da = this.gradOf(a);
        for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) {
          let s = 0;
          for (let l = 0; l < c; l++) s += dy[i * c + l] * b.value[j * c + l];
          da[i * k + j] += s;
        }
      }
      if (b.needsGrad) {
        const db = this.gradOf(b);
        for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) {
          const av = a.value[i * k + j];
          for (let l = 0; l < c; l++) db[j * c + l] += av * dy[i * c + l];
        }
      }
    });
    const y = out.value;
    y.fill(0);
    for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) {
      const av = a.value[i * k + j];
      for (let l = 0; l < c; l++) y[i * c + l] += av * b.value[j * c + l];
    }
    return out;
  }

  // ------------------------------------------------------------------ element-wise

  // relu and tanh run in every layer: written out rather than through unary's callbacks
  relu(x: Node): Node {
    const size = x.rows * x.cols;
    const out = this.node(x.rows, x.cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x), dy = o.grad!, y = o.value;
      for (let k = 0; k < size; k++) if (y[k] > 0) dx[k] += dy[k];
    });
    const xv = x.value, y = out.value;
    for (let k = 0; k < size; k++) y[k] = xv[k] > 0 ? xv[k] : 0;
    return out;
  }

  tanh(x: Node): Node {
    const size = x.rows * x.cols;
    const out = this.node(x.rows, x.cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x), dy = o.grad!, y = o.value;
      for (let k = 0; k < size; k++) dx[k] += dy[k] * (1 - y[k] * y[k]);
    });
    const xv = x.value, y = out.value;
    for (let k = 0; k < size; k++) y[k] = Math.tanh(xv[k]);
    return out;
  }

  sigmoid(x: Node): Node {
    return this.unary(x, (v) => 1 / (1 + Math.exp(-v)), (_v, y) => y * (1 - y));
  }

  exp(x: Node): Node {
    return this.unary(x, Math.exp, (_v, y) => y);
  }

  /** f applied to every entry; df(v, f(v)) its derivative. */
  private unary(x: Node, f: (v: number) => number, df: (v: number, y: number) => number): Node {
    const size = x.rows * x.cols;
    const out = this.node(x.rows, x.cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x), dy = o.grad!, xv = x.value, y = o.value;
      for (let k = 0; k < size; k++) dx[k] += dy[k] * df(xv[k], y[k]);
    });
    const xv = x.value, y = out.value;
    for (let k = 0; k < size; k++) y[k] = f(xv[k]);
    return out;
  }

  add(a: Node, b: Node): Node {
    return this.binary(a, b, 1, 1);
  }

  sub(a: Node, b: Node): Node {
    return this.binary(a, b, 1, -1);
  }

  private binary(a: Node, b: Node, ka: number, kb: number): Node {
    sameShape('add', a, b);
    const size = a.rows * a.cols;
    const out = this.node(a.rows, a.cols, a.needsGrad || b.needsGrad, (o) => {
      const dy = o.grad!;
      if (a.needsGrad) addInto(this.gradOf(a), dy, size, ka);
      if (b.needsGrad) addInto(this.gradOf(b), dy, size, kb);
    });
    const y = out.value;
    for (let k = 0; k < size; k++) y[k] = ka * a.value[k] + kb * b.value[k];
    return out;
  }

  /** Entry-wise product; b may also be one row (1 x cols), broadcast over a's rows. */
  mul(a: Node, b: Node): Node {
    const broadcast = b.rows === 1 && a.rows !== 1;
    if (a.cols !== b.cols || (!broadcast && a.rows !== b.rows)) throw new RangeError(`mul: ${a.rows} x ${a.cols} and ${b.rows} x ${b.cols}`);
    const rows = a.rows, cols = a.cols;
    const bAt = (k: number) => (broadcast ? k % cols : k);
    const out = this.node(rows, cols, a.needsGrad || b.needsGrad, (o) => {
      const dy = o.grad!;
      if (a.needsGrad) {
        const da = this.gradOf(a);
        for (let k = 0; k < rows * cols; k++) da[k] += dy[k] * b.value[bAt(k)];
      }
      if (b.needsGrad) {
        const db = this.gradOf(b);
        for (let k = 0; k < rows * cols; k++) db[bAt(k)] += dy[k] * a.value[k];
      }
    });
    for (let k = 0; k < rows * cols; k++) out.value[k] = a.value[k] * b.value[bAt(k)];
    return out;
  }

  /** k x, for a fixed number k. */
  scale(x: Node, k: number): Node {
    const size = x.rows * x.cols;
    const out = this.node(x.rows, x.cols, x.needsGrad, (o) => addInto(this.gradOf(x), o.grad!, size, k));
    for (let i = 0; i < size; i++) out.value[i] = k * x.value[i];
    return out;
  }

  /** Entries clipped to [lo, hi] (no gradient where clipped). */
  clip(x: Node, lo: number, hi: number): Node {
    return this.unary(x, (v) => (v < lo ? lo : v > hi ? hi : v), (v) => (v < lo || v > hi ? 0 : 1));
  }

  /** The entry-wise minimum of a and b (the gradient goes to the smaller; to a on ties). */
  minimum(a: Node, b: Node): Node {
    sameShape('minimum', a, b);
    const size = a.rows * a.cols;
    const out = this.node(a.rows, a.cols, a.needsGrad || b.needsGrad, (o) => {
      const dy = o.grad!;
      for (let k = 0; k < size; k++) {
        const toA = a.value[k] <= b.value[k];
        if (toA && a.needsGrad) this.gradOf(a)[k] += dy[k];
        if (!toA && b.needsGrad) this.gradOf(b)[k] += dy[k];
      }
    });
    for (let k = 0; k < size; k++) out.value[k] = Math.min(a.value[k], b.value[k]);
    return out;
  }

  // ------------------------------------------------------------------ shapes

  /** Columns side by side (every part has the same rows). */
  concat(parts: Node[]): Node {
    const rows = parts[0].rows;
    for (const p of parts) if (p.rows !== rows) throw new RangeError(`concat: parts have ${parts.map((q) => q.rows).join(', ')} rows`);
    const cols = parts.reduce((s, p) => s + p.cols, 0);
    const out = this.node(rows, cols, parts.some((p) => p.needsGrad), (o) => {
      let at = 0;
      for (const p of parts) {
        if (p.needsGrad) {
          const dp = this.gradOf(p);
          for (let r = 0; r < rows; r++) for (let c = 0; c < p.cols; c++) dp[r * p.cols + c] += o.grad![r * cols + at + c];
        }
        at += p.cols;
      }
    });
    let at = 0;
    for (const p of parts) {
      for (let r = 0; r < rows; r++) for (let c = 0; c < p.cols; c++) out.value[r * cols + at + c] = p.value[r * p.cols + c];
      at += p.cols;
    }
    return out;
  }

  /** Columns [from, to) of x. */
  columns(x: Node, from: number, to: number): Node {
    if (!(0 <= from && from < to && to <= x.cols)) throw new RangeError(`columns: [${from}, ${to}) of ${x.cols}`);
    const rows = x.rows, cols = to - from;
    const out = this.node(rows, cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dx[r * x.cols + from + c] += o.grad![r * cols + c];
    });
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.value[r * cols + c] = x.value[r * x.cols + from + c];
    return out;
  }

  /** Rows of x in the order of `index` (repeats allowed: their gradients add up). */
  gatherRows(x: Node, index: Int32Array): Node {
    const cols = x.cols;
    const out = this.node(index.length, cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x);
      for (let r = 0; r < index.length; r++) for (let c = 0; c < cols; c++) dx[index[r] * cols + c] += o.grad![r * cols + c];
    });
    for (let r = 0; r < index.length; r++) {
      const i = index[r];
      if (!(i >= 0 && i < x.rows)) throw new RangeError(`gatherRows: row ${i} of ${x.rows}`);
      for (let c = 0; c < cols; c++) out.value[r * cols + c] = x.value[i * cols + c];
    }
    return out;
  }

  /** Means over consecutive groups of `size` rows: (g size) x c -> g x c. */
  groupMean(x: Node, size: number): Node {
    if (!Number.isInteger(size) || size < 1 || x.rows % size !== 0) throw new RangeError(`groupMean: ${x.rows} rows in groups of ${size}`);
    const groups = x.rows / size, cols = x.cols;
    const out = this.node(groups, cols, x.needsGrad, (o) => {
      const dx = this.gradOf(x);
      for (let g = 0; g < groups; g++) for (let k = 0; k < size; k++) for (let c = 0; c < cols; c++) dx[(g * size + k) * cols + c] += o.grad![g * cols + c] / size;
    });
    for (let g = 0; g < groups; g++) {
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let k = 0; k < size; k++) s += x.value[(g * size + k) * cols + c];
        out.value[g * cols + c] = s / size;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ reductions and losses

  /** The mean of every entry (1 x 1). */
  mean(x: Node): Node {
    const size = x.rows * x.cols;
    const out = this.node(1, 1, x.needsGrad, (o) => {
      const dx = this.gradOf(x), d = o.grad![0] / size;
      for (let k = 0; k < size; k++) dx[k] += d;
    });
    let s = 0;
    for (let k = 0; k < size; k++) s += x.value[k];
    out.value[0] = s / size;
    return out;
  }

  /** Sum over columns: r x c -> r x 1. */
  sumColumns(x: Node): Node {
    const { rows, cols } = x;
    const out = this.node(rows, 1, x.needsGrad, (o) => {
      const dx = this.gradOf(x);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dx[r * cols + c] += o.grad![r];
    });
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += x.value[r * cols + c];
      out.value[r] = s;
    }
    return out;
  }

  /** Mean squared error of a prediction against fixed targets y (1 x 1). */
  mse(prediction: Node, y: Float64Array): Node {
    const size = prediction.rows * prediction.cols;
    if (y.length < size) throw new RangeError(`mse: ${size} predictions, ${y.length} targets`);
    const out = this.node(1, 1, prediction.needsGrad, (o) => {
      const dp = this.gradOf(prediction), d = (2 * o.grad![0]) / size;
      for (let k = 0; k < size; k++) dp[k] += d * (prediction.value[k] - y[k]);
    });
    let s = 0;
    for (let k = 0; k < size; k++) {
      const e = prediction.value[k] - y[k];
      s += e * e;
    }
    out.value[0] = s / size;
    return out;
  }

  /**
   * Mean over rows of the sum over columns of max(0, |z| - threshold)^2: keeps a tanh layer's
   * pre-activations z out of the flat ends, where the gradient vanishes.
   */
  saturation(z: Node, threshold: number): Node {
    const size = z.rows * z.cols, rows = z.rows;
    const excess = (v: number) => (v > threshold ? v - threshold : v < -threshold ? v + threshold : 0);
    const out = this.node(1, 1, z.needsGrad, (o) => {
      const dz = this.gradOf(z), d = (2 * o.grad![0]) / rows;
      for (let k = 0; k < size; k++) dz[k] += d * excess(z.value[k]);
    });
    let s = 0;
    for (let k = 0; k < size; k++) s += excess(z.value[k]) ** 2;
    out.value[0] = s / rows;
    return out;
  }

  /**
   * log N(x; mean, exp(logStd)^2) summed over columns, per row (r x 1); logStd is one row
   * (state-independent, broadcast) or r rows.
   */
  gaussianLogProb(x: Node, mean: Node, logStd: Node): Node {
    sameShape('gaussianLogProb', x, mean);
    const { rows, cols } = x;
    const broadcast = logStd.rows === 1 && rows !== 1;
    if (logStd.cols !== cols || (!broadcast && logStd.rows !== rows)) throw new RangeError(`gaussianLogProb: logStd is ${logStd.rows} x ${logStd.cols} for ${rows} x ${cols}`);
    const at = (r: number, c: number) => (broadcast ? c : r * cols + c);
    const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
    const out = this.node(rows, 1, x.needsGrad || mean.needsGrad || logStd.needsGrad, (o) => {
      for (let r = 0; r < rows; r++) {
        const d = o.grad![r];
        for (let c = 0; c < cols; c++) {
          const k = r * cols + c, s = Math.exp(logStd.value[at(r, c)]);
          const zOverS = (x.value[k] - mean.value[k]) / (s * s);
          if (x.needsGrad) this.gradOf(x)[k] -= d * zOverS;
          if (mean.needsGrad) this.gradOf(mean)[k] += d * zOverS;
          if (logStd.needsGrad) this.gradOf(logStd)[at(r, c)] += d * (zOverS * (x.value[k] - mean.value[k]) - 1);
        }
      }
    });
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) {
        const k = r * cols + c, ls = logStd.value[at(r, c)];
        const z = (x.value[k] - mean.value[k]) / Math.exp(ls);
        s += -0.5 * z * z - ls - halfLog2Pi;
      }
      out.value[r] = s;
    }
    return out;
  }

  /** Entropy of a diagonal Gaussian, summed over columns, per row of logStd: sum (logStd + 0.5 log(2 pi e)). */
  gaussianEntropy(logStd: Node): Node {
    const { rows, cols } = logStd;
    const k = 0.5 * Math.log(2 * Math.PI * Math.E);
    const out = this.node(rows, 1, logStd.needsGrad, (o) => {
      const d = this.gradOf(logStd);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) d[r * cols + c] += o.grad![r];
    });
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += logStd.value[r * cols + c] + k;
      out.value[r] = s;
    }
    return out;
  }

  /**
   * One LSTM cell: gates = [x, h] W + b (4 blocks: input, forget, cell, output);
   * c' = sigmoid(f) c + sigmoid(i) tanh(g); h' = sigmoid(o) tanh(c'). Composed of the operations
   * above, so its gradient is theirs.
   */
  lstmCell(x: Node, h: Node, c: Node, layer: DenseParameters): { h: Node; c: Node } {
    const hidden = h.cols;
    if (layer.nIn !== x.cols + hidden || layer.nOut !== 4 * hidden) throw new RangeError(`lstmCell: the layer must map ${x.cols + hidden} inputs to ${4 * hidden}`);
    const gates = this.dense(this.concat([x, h]), layer);
    const gate = (k: number) => this.columns(gates, k * hidden, (k + 1) * hidden);
    const input = this.sigmoid(gate(0)), forget = this.sigmoid(gate(1)), cell = this.tanh(gate(2)), output = this.sigmoid(gate(3));
    const cNext = this.add(this.mul(forget, c), this.mul(input, cell));
    return { h: this.mul(output, this.tanh(cNext)), c: cNext };
  }

  // ------------------------------------------------------------------ backward

  /**
   * d(sum of `losses`)/d(everything that needs a gradient): parameters' gradients are added to
   * their arrays; other nodes' grads are set.
   */
  backward(...losses: Node[]): void {
    for (const { node } of this.entries) if (!node.external && node.needsGrad) node.grad = null;
    for (const loss of losses) {
      if (loss.rows * loss.cols !== 1) throw new RangeError(`backward: a loss must be 1 x 1, got ${loss.rows} x ${loss.cols}`);
      if (loss.needsGrad) this.gradOf(loss)[0] += 1;
    }
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const { node, backward } = this.entries[k];
      if (backward && node.grad) backward();
    }
  }

  /** The node's gradient array, zeroed when first asked for in a backward pass. */
  private gradOf(node: Node): Float64Array {
    if (!node.grad) {
      node.grad = this.buffer(node.rows * node.cols);
      node.grad.fill(0);
    }
    return node.grad;
  }

  private scratchBuffer = new Float64Array(0);
  private scratch(size: number): Float64Array {
    if (this.scratchBuffer.length < size) this.scratchBuffer = new Float64Array(size);
    return this.scratchBuffer;
  }
}


function addInto(to: Float64Array, from: Float64Array, size: number, k = 1): void {
  for (let i = 0; i < size; i++) to[i] += k * from[i];
}

function sameShape(op: string, a: Node, b: Node): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`${op}: ${a.rows} x ${a.cols} and ${b.rows} x ${b.cols}`);
}
