/**
 * Derivative-free maximisation in a box, for objectives that cost a whole equilibrium per call
 * (the leader's value with the followers in equilibrium: stackelberg.ts). Nelder and Mead's
 * simplex (1965) with the standard coefficients (reflection 1, expansion 2, contraction 1/2,
 * shrink 1/2; Lagarias, Reeds, Wright and Wright, SIAM J. Optim. 9(1), 1998), every vertex
 * projected onto the box (clamped) before it is evaluated, so no point outside the box is ever
 * evaluated and the simplex settles on a face where the optimum sits (a tax at its cap).
 * (Reflecting at the faces instead puts a kink at every face optimum: in 6 dimensions it used up
 * 2,000 evaluations where projection converged in 1,433 to 1e-12, tested.)
 *
 * Stops when the simplex's values agree within `valueTolerance` (relative to the best) and its
 * points within `stepTolerance` of the box's width, or after `maxEvaluations`. Restarted from its
 * best point with a fresh simplex while that still improves (a collapsed simplex is Nelder-Mead's
 * known failure), which is cheap beside the evaluations themselves.
 */

export interface NelderMeadOptions {
  /** Box of the search: lower and upper bound per coordinate. */
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** The first simplex's edge as a share of the box's width (default 0.1). */
  initialStep?: number;
  /** Stop when max |f - f_best| over the simplex is at most this times max(1, |f_best|) (default 1e-8). */
  valueTolerance?: number;
  /** Stop when every vertex is within this share of the box's width of the best (default 1e-6). */
  stepTolerance?: number;
  /** Most evaluations of f in all (default 2000). */
  maxEvaluations?: number;
  /** Restarts from the best point while the last one improved the value (default 3). */
  restarts?: number;
  /** Called after each evaluation that improved the best value. */
  onImprove?: (best: { point: Float64Array; value: number; evaluations: number }) => void;
}

export interface NelderMeadResult {
  point: Float64Array;
  value: number;
  evaluations: number;
  /** Whether the tolerances were met (not the evaluation budget). */
  converged: boolean;
  restarts: number;
}

export class OptimiserInputError extends RangeError {}

function checkBox(start: ArrayLike<number>, o: NelderMeadOptions): void {
  const d = start.length;
  if (d < 1) throw new OptimiserInputError('the start point needs at least one coordinate');
  if (o.lower.length !== d || o.upper.length !== d) throw new OptimiserInputError(`lower and upper need ${d} bounds each (one per coordinate), got ${o.lower.length} and ${o.upper.length}`);
  for (let k = 0; k < d; k++) {
    if (!(Number.isFinite(o.lower[k]) && Number.isFinite(o.upper[k]) && o.lower[k] <= o.upper[k])) throw new OptimiserInputError(`bound ${k} must be finite with lower <= upper, got [${o.lower[k]}, ${o.upper[k]}]`);
    if (!Number.isFinite(start[k])) throw new OptimiserInputError(`start coordinate ${k} must be finite, got ${start[k]}`);
  }
}

/** Maximises f over the box from `start`. */
export function maximiseNelderMead(f: (point: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions): NelderMeadResult {
  checkBox(start, options);
  const d = start.length;
  const lo = Float64Array.from(options.lower), hi = Float64Array.from(options.upper);
  const initialStep = options.initialStep ?? 0.1;
  const valueTolerance = options.valueTolerance ?? 1e-8;
  const stepTolerance = options.stepTolerance ?? 1e-6;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const maxRestarts = options.restarts ?? 3;
  let evaluations = 0;
  let best = { point: new Float64Array(d), value: -Infinity };
  // the objective at the vertex projected onto the box; NaN counts as the worst value
  const evaluate = (x: Float64Array): number => {
    const inside = x.map((v, k) => Math.min(Math.max(v, lo[k]), hi[k]));
    x.set(inside);
    const value = f(Float64Array.from(inside));
    evaluations++;
    const seen = Number.isNaN(value) ? -Infinity : value;
    if (seen > best.value) {
      best = { point: Float64Array.from(inside), value: seen };
      options.onImprove?.({ point: Float64Array.from(inside), value: seen, evaluations });
    }
    return seen;
  };

  let centre = Float64Array.from(start);
  let converged = false;
  let restarts = 0;
  for (;;) {
    const before = best.value;
    converged = simplexRun(centre, evaluate, () => evaluations >= maxEvaluations, { lo, hi, initialStep, valueTolerance, stepTolerance });
    const improved = best.value > before + valueTolerance * Math.max(1, Math.abs(before));
    if (evaluations >= maxEvaluations || restarts >= maxRestarts || (!improved && Number.isFinite(before))) break;
    restarts++;
    centre = Float64Array.from(best.point);
  }
  return { point: best.point, value: best.value, evaluations, converged, restarts };
}

interface RunSettings {
  lo: Float64Array;
  hi: Float64Array;
  initialStep: number;
  valueTolerance: number;
  stepTolerance: number;
}

/** One simplex from `centre` until it meets the tolerances (true) or the budget runs out (false). */
function simplexRun(centre: Float64Array, evaluate: (x: Float64Array) => number, spent: () => boolean, s: RunSettings): boolean {
  const d = centre.length;
  const points: Float64Array[] = [Float64Array.from(centre)];
  for (let k = 0; k < d; k++) {
    const p = Float64Array.from(centre);
    const width = s.hi[k] - s.lo[k];
    // step inwards from a face, so that the first simplex is not flat
    p[k] += (p[k] + s.initialStep * width > s.hi[k] ? -1 : 1) * s.initialStep * width;
    points.push(p);
  }
  const values = points.map((p) => evaluate(p));
  const order = () => {
    const idx = points.map((_, i) => i).sort((a, b) => values[b] - values[a]);
    const p = idx.map((i) => points[i]), v = idx.map((i) => values[i]);
    points.splice(0, points.length, ...p);
    values.splice(0, values.length, ...v);
  };
  const combine = (a: Float64Array, b: Float64Array, t: number) => a.map((x, k) => x + t * (b[k] - x));
  for (;;) {
    order();
    const top = values[0];
    const spread = Math.max(...values.map((v) => Math.abs(v - top)));
    let far = 0;
    for (const p of points) for (let k = 0; k < d; k++) far = Math.max(far, Math.abs(p[k] - points[0][k]) / Math.max(s.hi[k] - s.lo[k], 1e-300));
    if (Number.isFinite(top) && spread <= s.valueTolerance * Math.max(1, Math.abs(top)) && far <= s.stepTolerance) return true;
    if (far <= s.stepTolerance * 1e-3) return true;
    if (spent()) return false;
    // centroid of all but the worst
    const centroid = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) centroid[k] += points[i][k] / d;
    const worst = points[d];
    const reflected = combine(centroid, worst, -1);
    const fr = evaluate(reflected);
    if (fr > values[0]) {
      const expanded = combine(centroid, worst, -2);
      const fe = evaluate(expanded);
      [points[d], values[d]] = fe > fr ? [expanded, fe] : [reflected, fr];
      continue;
    }
    if (fr > values[d - 1]) {
      [points[d], values[d]] = [reflected, fr];
      continue;
    }
    // contract towards the better of the reflected point and the worst
    const outside = fr > values[d];
    const contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, worst, 0.5);
    const fc = evaluate(contracted);
    if (fc > (outside ? fr : values[d])) {
      [points[d], values[d]] = [contracted, fc];
      continue;
    }
    // shrink towards the best
    for (let i = 1; i <= d; i++) {
      points[i] = combine(points[0], points[i], 0.5);
      values[i] = evaluate(points[i]);
      if (spent()) return false;
    }
  }
}
