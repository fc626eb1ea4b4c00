/**
 * Adam (Kingma and Ba) on one network's flat parameter vector, with bias correction and an
 * optional clip of the gradient's global norm. Its state (moments, step count) is part of a
 * checkpoint, so that a resumed run continues exactly.
 */
/** Anything with a flat parameter vector and its gradient (a network, a free parameter block). */
export interface Parameterised {
  readonly params: Float64Array;
  readonly grads: Float64Array;
  /** Told after the parameters changed (a network refreshes its TensorFlow.js mirror). */
  changed?(): void;
}

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Clip the gradient to this global L2 norm first (0 or undefined: no clip). */
  maxGradNorm?: number;
}

export class Adam {
  readonly m: Float64Array;
  readonly v: Float64Array;
  step = 0;
  learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly maxGradNorm: number;

  constructor(readonly network: Parameterised, options: AdamOptions) {
    if (!(options.learningRate > 0)) throw new RangeError(`learningRate must be > 0, got ${options.learningRate}`);
    this.m = new Float64Array(network.params.length);
    this.v = new Float64Array(network.params.length);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.maxGradNorm = options.maxGradNorm ?? 0;
  }

  /** One step on the network's accumulated gradients, which it then clears. */
  apply(): void {
    const { params, grads } = this.network;
    let scale = 1;
    if (this.maxGradNorm > 0) {
      let sq = 0;
      for (let k = 0; k < grads.length; k++) sq += grads[k] * grads[k];
      const norm = Math.sqrt(sq);
      if (norm > this.maxGradNorm) scale = this.maxGradNorm / norm;
    }
    this.step++;
    const b1 = this.beta1, b2 = this.beta2;
    const stepSize = (this.learningRate * Math.sqrt(1 - b2 ** this.step)) / (1 - b1 ** this.step);
    const eps = this.epsilon * Math.sqrt(1 - b2 ** this.step);
    const { m, v } = this;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k] * scale;
      m[k] = b1 * m[k] + (1 - b1) * g;
      v[k] = b2 * v[k] + (1 - b2) * g * g;
      params[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) + eps);
    }
    grads.fill(0);
    this.network.changed?.();
  }
}
