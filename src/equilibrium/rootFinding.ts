/**
 * Brent's method for a root of a continuous f on a bracket [a, b] with f(a) f(b) <= 0 (Brent 1973,
 * "Algorithms for minimization without derivatives", ch. 4): inverse quadratic interpolation or
 * the secant step when they land well inside the bracket and shrink it fast enough, bisection
 * otherwise. Never leaves the bracket, so it converges wherever bisection does, and superlinearly
 * on smooth f: what an expensive f (a whole household problem per call) wants.
 */

export interface BrentOptions {
  /** Stop when the bracket is narrower than this (default 1e-14). */
  xTolerance?: number;
  /** Stop when |f| is at most this (default 0). */
  fTolerance?: number;
  /** Most evaluations of f after the two ends (default 100). */
  maxIterations?: number;
}

export interface BrentResult {
  root: number;
  value: number;
  iterations: number;
}

export class RootFindingError extends Error {}

/** fa = f(a) and fb = f(b) are passed in: the caller has usually evaluated the ends already. */
export function brent(f: (x: number) => number, a: number, b: number, fa: number, fb: number, options: BrentOptions = {}): BrentResult {
  const xTolerance = options.xTolerance ?? 1e-14;
  const fTolerance = options.fTolerance ?? 0;
  const maxIterations = options.maxIterations ?? 100;
  if (fa === 0) return { root: a, value: 0, iterations: 0 };
  if (fb === 0) return { root: b, value: 0, iterations: 0 };
  if (Math.sign(fa) === Math.sign(fb)) throw new RootFindingError(`no sign change on the bracket: f(${a}) = ${fa}, f(${b}) = ${fb}`);
  // b: the best estimate; a: the previous one; c: the far end of the bracket [b, c]
  let c = a, fc = fa;
  let step = b - a, previousStep = step;
  for (let it = 1; ; it++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      step = previousStep = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tolerance || Math.abs(fb) <= fTolerance) return { root: b, value: fb, iterations: it - 1 };
    if (it > maxIterations) throw new RootFindingError(`no root to ${xTolerance} in ${maxIterations} iterations (last ${b}, f = ${fb})`);
    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // interpolate: secant through (a, b), or inverse quadratic through (a, b, c)
      const s = fb / fa;
      let p: number, q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc, rb = fb / fc;
        p = s * (2 * half * qa * (qa - rb) - (b - a) * (rb - 1));
        q = (qa - 1) * (rb - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // accept only a step well inside the bracket that beats half the step before last
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(previousStep * q))) {
        previousStep = step;
        step = p / q;
      } else {
        step = previousStep = half;
      }
    } else {
      step = previousStep = half;
    }
    a = b;
    fa = fb;
    b += Math.abs(step) > tolerance ? step : half > 0 ? tolerance : -tolerance;
    fb = f(b);
  }
}
