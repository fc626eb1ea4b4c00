/**
 * The forward loops of dense layers y = x W + b over row-major Float64Arrays (W stored [in][out]),
 * the networks' float64 inference (network.ts, recurrent.ts), and a follower actor's fused pass
 * (acting: 1,000 households a year); gradients are TensorFlow.js's (autodiff.ts).
 */

// Four batch rows per pass, so that each weight read serves four multiply-adds (1.5-2x faster
// than one row per pass in V8).

export function denseForward(x: Float64Array, y: Float64Array, p: Float64Array, w: number, b: number, batch: number, nIn: number, nOut: number): void {
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

/**
 * The same layer when the last inputs are one vector `shared` for every row (a follower actor's
 * leader action: the same for every household in a year). Their part of each output is summed
 * once, then each row adds only its own `nOwn` inputs: at 2 own and 5 shared inputs, 2/7 of the
 * multiply-adds. Row r's own inputs are x[r * nOwn ...]. `c`: scratch of nOut.
 */
export function sharedTailForward(x: Float64Array, shared: ArrayLike<number>, y: Float64Array, p: Float64Array, w: number, b: number, batch: number, nOwn: number, nOut: number, c: Float64Array): void {
  for (let j = 0; j < nOut; j++) c[j] = p[b + j];
  for (let k = 0; k < shared.length; k++) {
    const a = shared[k], row = w + (nOwn + k) * nOut;
    for (let j = 0; j < nOut; j++) c[j] += a * p[row + j];
  }
  for (let r = 0; r < batch; r++) {
    const xo = r * nOwn, yo = r * nOut;
    for (let j = 0; j < nOut; j++) y[yo + j] = c[j];
    for (let i = 0; i < nOwn; i++) {
      const a = x[xo + i], row = w + i * nOut;
      for (let j = 0; j < nOut; j++) y[yo + j] += a * p[row + j];
    }
  }
}

/**
 * A follower actor's whole forward pass, fused: one relu hidden layer over rows of two own inputs
 * and a shared tail (as sharedTailForward), each hidden unit added into the two outputs at once,
 * so no hidden activation is stored. The same operations in the same order as the layer-by-layer
 * pass (so the same numbers), about three times faster at 1,000 rows. Output activation not applied.
 * hidden layer: weights at w1, biases at b1 (2 + shared.length inputs, nHidden outputs); output: w2, b2 (nHidden x 2).
 */
export function reluTwoOutputForward(x: Float64Array, shared: ArrayLike<number>, y: Float64Array, p: Float64Array, w1: number, b1: number, w2: number, b2: number, batch: number, nHidden: number, c: Float64Array): void {
  for (let j = 0; j < nHidden; j++) c[j] = p[b1 + j];
  for (let k = 0; k < shared.length; k++) {
    const a = shared[k], row = w1 + (2 + k) * nHidden;
    for (let j = 0; j < nHidden; j++) c[j] += a * p[row + j];
  }
  const out0 = p[b2], out1 = p[b2 + 1];
  for (let r = 0; r < batch; r++) {
    const a0 = x[2 * r], a1 = x[2 * r + 1];
    let s0 = out0, s1 = out1;
    for (let j = 0; j < nHidden; j++) {
      const z = c[j] + a0 * p[w1 + j] + a1 * p[w1 + nHidden + j];
      const h = z < 0 ? 0 : z;
      s0 += h * p[w2 + 2 * j];
      s1 += h * p[w2 + 2 * j + 1];
    }
    y[2 * r] = s0;
    y[2 * r + 1] = s1;
  }
}

/**
 * Outputs of a narrow layer (critic heads, actor outputs): each row's outputs summed in
 * accumulators over its inputs, read once (one and two outputs unrolled).
 */
function narrowForward(x: Float64Array, y: Float64Array, p: Float64Array, w: number, b: number, batch: number, nIn: number, nOut: number): void {
  if (nOut === 1) {
    for (let r = 0; r < batch; r++) {
      const xo = r * nIn;
      let s = p[b];
      for (let i = 0; i < nIn; i++) s += x[xo + i] * p[w + i];
      y[r] = s;
    }
  } else if (nOut === 2) {
    for (let r = 0; r < batch; r++) {
      const xo = r * nIn;
      let s0 = p[b], s1 = p[b + 1];
      for (let i = 0; i < nIn; i++) {
        const a = x[xo + i];
        s0 += a * p[w + 2 * i];
        s1 += a * p[w + 2 * i + 1];
      }
      y[2 * r] = s0;
      y[2 * r + 1] = s1;
    }
  } else {
    for (let r = 0; r < batch; r++) {
      const xo = r * nIn, yo = r * nOut;
      for (let j = 0; j < nOut; j++) y[yo + j] = p[b + j];
      for (let i = 0; i < nIn; i++) {
        const a = x[xo + i], row = w + i * nOut;
        for (let j = 0; j < nOut; j++) y[yo + j] += a * p[row + j];
      }
    }
  }
}
