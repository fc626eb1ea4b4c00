/**
 * One-dimensional maximisation for the household's two shares: Brent's method (golden section
 * with parabolic steps) for a unimodal value, and a root of a decreasing slope by the Illinois
 * variant of regula falsi (a concave value's first-order condition). Both stay inside [lo, hi]
 * and compare the ends, so corner solutions (the economy's clip bounds) come out exactly.
 */

const GOLDEN = 0.3819660112501051;

/** The x in [lo, hi] maximising a unimodal f, to within tol; returns x (f(x) in `best.value`). */
export function brentMaximise(f: (x: number) => number, lo: number, hi: number, tol: number, best: { value: number }): number {
  let a = lo, b = hi;
  let x = a + GOLDEN * (b - a), w = x, v = x;
  let fx = -f(x), fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const m = 0.5 * (a + b);
    const tol1 = tol * 0.5 + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let parabolic = false;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const eOld = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        parabolic = true;
      }
    }
    if (!parabolic) {
      e = x < m ? b - x : a - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = -f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  // the search never evaluates the ends themselves: a corner optimum it converged to is checked directly
  let xBest = x, fBest = -fx;
  const end = x - lo < 2 * tol ? lo : hi - x < 2 * tol ? hi : NaN;
  if (!Number.isNaN(end)) {
    const fEnd = f(end);
    if (fEnd > fBest) {
      fBest = fEnd;
      xBest = end;
    }
  }
  best.value = fBest;
  return xBest;
}

/**
 * The x in [lo, hi] where a non-increasing slope changes sign (the maximiser of a concave value):
 * lo if slope(lo) <= 0, hi if slope(hi) >= 0, else the root to within tol (Illinois steps, bisection
 * as the fallback). `guess` starts a bracket search near the last solution.
 */
export function concaveArgmax(slope: (x: number) => number, lo: number, hi: number, guess: number, tol: number): number {
  let a = lo, b = hi;
  let sa: number, sb: number;
  const g = Math.min(Math.max(guess, lo), hi);
  const sg = slope(g);
  if (sg === 0 || (g === lo && sg < 0) || (g === hi && sg > 0)) return g;
  // a bracket [a, b] with slope(a) > 0 > slope(b), found by steps from the guess that double
  let step = 0.01;
  if (sg > 0) {
    a = g; sa = sg;
    for (;;) {
      const x = Math.min(hi, a + step);
      const sx = slope(x);
      if (sx <= 0) {
        b = x; sb = sx;
        break;
      }
      if (x >= hi) return hi;
      a = x; sa = sx;
      step *= 2;
    }
  } else {
    b = g; sb = sg;
    for (;;) {
      const x = Math.max(lo, b - step);
      const sx = slope(x);
      if (sx >= 0) {
        a = x; sa = sx;
        break;
      }
      if (x <= lo) return lo;
      b = x; sb = sx;
      step *= 2;
    }
  }
  if (sa === 0) return a;
  if (sb === 0) return b;
  let side = 0;
  for (let iteration = 0; iteration < 60 && b - a > tol; iteration++) {
    let x = (a * sb - b * sa) / (sb - sa);
    // regula falsi can creep along one end: bisect when its step lands too close to an end
    if (!(x > a + 0.05 * (b - a) && x < b - 0.05 * (b - a))) x = 0.5 * (a + b);
    const sx = slope(x);
    if (sx === 0) return x;
    if (sx > 0) {
      a = x; sa = sx;
      if (side === 1) sb /= 2;
      side = 1;
    } else {
      b = x; sb = sx;
      if (side === -1) sa /= 2;
      side = -1;
    }
  }
  return 0.5 * (a + b);
}
