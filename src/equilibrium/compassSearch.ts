/**
 * A maximum by compass search (Kolda, Lewis and Torczon, SIAM Review 2003): from a start, a step
 * up and then down each coordinate in turn, every improvement kept; after a sweep without one the
 * step halves. It stops when the step falls below the tolerance, and then no move of the last
 * step along any coordinate improved: that is its certificate of a local optimum. Derivative-free
 * and monotone, for objectives that cost seconds and have many coordinates (the ground truth's
 * path family: 10 pieces of 2 or more instruments), where Nelder-Mead's simplex degenerates.
 */
import { OptimiserInputError } from './nelderMead.js';

export interface CompassOptions {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** The first step, a share of each coordinate's width (default 0.05). */
  initialStep?: number;
  /** Stop once the step is below this share of each width (default 1e-3). */
  stepTolerance?: number;
  /** An improvement counts when it exceeds this relative to max(1, |value|) (default 1e-9). */
  valueTolerance?: number;
  maxEvaluations?: number;
  /** After each sweep: the step it used and the best value. */
  onSweep?: (sweep: { step: number; value: number; improved: boolean; evaluations: number }) => void;
}

export interface CompassResult {
  point: Float64Array;
  value: number;
  /** The start's value (the search never ends below it). */
  startValue: number;
  evaluations: number;
  /** The step fell below the tolerance (false: the budget ran out first). */
  converged: boolean;
  /** The last step, a share of each width. */
  step: number;
  sweeps: number;
}

export function maximiseCompass(f: (point: Float64Array) => number, start: ArrayLike<number>, options: CompassOptions): CompassResult {
  const d = start.length;
  const lo = Float64Array.from(options.lower), hi = Float64Array.from(options.upper);
  if (lo.length !== d || hi.length !== d) throw new OptimiserInputError(`the start has ${d} coordinates, the bounds ${lo.length} and ${hi.length}`);
  for (let k = 0; k < d; k++) if (!(lo[k] < hi[k])) throw new OptimiserInputError(`coordinate ${k}: the lower bound ${lo[k]} must lie below the upper ${hi[k]}`);
  let step = options.initialStep ?? 0.05;
  const stepTolerance = options.stepTolerance ?? 1e-3;
  const valueTolerance = options.valueTolerance ?? 1e-9;
  const maxEvaluations = options.maxEvaluations ?? 500;
  if (!(step > 0 && stepTolerance > 0 && stepTolerance <= step)) throw new OptimiserInputError(`initialStep (${step}) and stepTolerance (${stepTolerance}) must be positive, the tolerance at most the step`);

  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const value = f(Float64Array.from(x));
    return Number.isNaN(value) ? -Infinity : value;
  };
  const x = Float64Array.from(start, (v, k) => Math.min(Math.max(v, lo[k]), hi[k]));
  let value = evaluate(x);
  const startValue = value;
  let sweeps = 0, converged = false;
  while (evaluations < maxEvaluations) {
    let improved = false;
    for (let k = 0; k < d && evaluations < maxEvaluations; k++) {
      for (const direction of [1, -1]) {
        const trial = Float64Array.from(x);
        trial[k] = Math.min(Math.max(x[k] + direction * step * (hi[k] - lo[k]), lo[k]), hi[k]);
        // a coordinate at its bound has no move that way
        if (trial[k] === x[k] || evaluations >= maxEvaluations) continue;
        const candidate = evaluate(trial);
        if (candidate > value + valueTolerance * Math.max(1, Math.abs(value))) {
          x.set(trial);
          value = candidate;
          improved = true;
          break;
        }
      }
    }
    sweeps++;
    options.onSweep?.({ step, value, improved, evaluations });
    if (!improved) {
      // a full sweep without an improvement (not one cut short by the budget) is the certificate at this step
      if (evaluations >= maxEvaluations) break;
      if (step / 2 < stepTolerance) {
        converged = true;
        break;
      }
      step /= 2;
    }
  }
  return { point: x, value, startValue, evaluations, converged, step, sweeps };
}
