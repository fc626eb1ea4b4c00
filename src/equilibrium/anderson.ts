/**
 * Anderson acceleration of a fixed-point iteration x -> g(x) (type II; Walker and Ni 2011): the
 * next guess mixes the last `memory` steps so that their residuals g(x) - x cancel in least
 * squares, each step damped by `damping`. The caller scales the coordinates and decides when to
 * fall back to a plain damped step (reset() clears the history).
 */
import { DenseLU } from './jacobian.js';

export class Anderson {
  private readonly dx: Float64Array[] = [];
  private readonly df: Float64Array[] = [];
  private lastX: Float64Array | null = null;
  private lastF: Float64Array | null = null;

  constructor(private readonly memory: number, private readonly damping: number) {}

  reset(): void {
    this.dx.length = 0;
    this.df.length = 0;
    this.lastX = this.lastF = null;
  }

  /** The next guess from x and its residual f = g(x) - x; null when there is no history yet. */
  next(x: Float64Array, f: Float64Array): Float64Array | null {
    if (this.lastX && this.lastF) {
      this.dx.push(sub(x, this.lastX));
      this.df.push(sub(f, this.lastF));
      if (this.dx.length > this.memory) {
        this.dx.shift();
        this.df.shift();
      }
    }
    this.lastX = Float64Array.from(x);
    this.lastF = Float64Array.from(f);
    const m = this.df.length;
    if (m === 0 || this.memory === 0) return null;
    // least squares min || f - DF gamma ||: the normal equations, regularised
    const A = new Float64Array(m * m), b = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      b[i] = dot(this.df[i], f);
      for (let j = 0; j <= i; j++) A[i * m + j] = A[j * m + i] = dot(this.df[i], this.df[j]);
    }
    let trace = 0;
    for (let i = 0; i < m; i++) trace += A[i * m + i];
    for (let i = 0; i < m; i++) A[i * m + i] += 1e-10 * trace + 1e-300;
    let gamma: Float64Array;
    try {
      gamma = new DenseLU(A, m).solve(b);
    } catch {
      return null;
    }
    if (!gamma.every(Number.isFinite)) return null;
    const out = new Float64Array(x.length);
    for (let k = 0; k < x.length; k++) {
      let v = x[k] + this.damping * f[k];
      for (let i = 0; i < m; i++) v -= gamma[i] * (this.dx[i][k] + this.damping * this.df[i][k]);
      out[k] = v;
    }
    return out;
  }
}

function sub(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] - b[k];
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}
