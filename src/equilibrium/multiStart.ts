/**
 * A maximum from several starts: the evidence that a derivative-free search found the optimum and
 * not a start's local one. Each start runs Nelder-Mead in the box (nelderMead.ts); the result is
 * the best, with every start's value and point beside it, and how far apart the starts ended
 * (the Stackelberg ground truth reports this as its convergence check).
 */
import { Rng } from '../economy/rng.js';
import { maximiseNelderMead, OptimiserInputError, type NelderMeadOptions } from './nelderMead.js';

export interface StartResult {
  start: number[];
  point: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

export interface MultiStartResult {
  point: Float64Array;
  value: number;
  starts: StartResult[];
  /** Largest |value - best value| over the starts, relative to max(1, |best|). */
  valueSpread: number;
  /** Largest distance (max norm, share of the box's width) of a start's point from the best point. */
  pointSpread: number;
  evaluations: number;
  seconds: number;
}

export interface MultiStartOptions extends Omit<NelderMeadOptions, 'onImprove'> {
  /** Starts: the box's centre first, then points drawn uniformly in the box (default 4 in all). */
  starts?: number;
  /** Explicit starts instead (each a point in the box). */
  startPoints?: ArrayLike<number>[];
  /** Seed of the drawn starts (default 1). */
  seed?: number;
  /** Called when a start finishes. */
  onStart?: (result: StartResult, index: number, of: number) => void;
}

export function maximiseFromStarts(f: (point: Float64Array) => number, options: MultiStartOptions): MultiStartResult {
  const started = performance.now();
  const d = options.lower.length;
  const count = options.startPoints?.length ?? options.starts ?? 4;
  if (!Number.isInteger(count) || count < 1) throw new OptimiserInputError(`starts must be a positive integer, got ${count}`);
  const rng = new Rng(options.seed ?? 1, 31);
  const startPoints = options.startPoints
    ? options.startPoints.map((p) => Array.from(p))
    : Array.from({ length: count }, (_, s) =>
        Array.from({ length: d }, (_, k) => {
          const lo = options.lower[k], hi = options.upper[k];
          return s === 0 ? (lo + hi) / 2 : lo + (hi - lo) * rng.uniform();
        }),
      );
  const starts: StartResult[] = [];
  let evaluations = 0;
  startPoints.forEach((start, index) => {
    const r = maximiseNelderMead(f, start, options);
    const result = { start, point: Array.from(r.point), value: r.value, evaluations: r.evaluations, converged: r.converged };
    starts.push(result);
    evaluations += r.evaluations;
    options.onStart?.(result, index, startPoints.length);
  });
  const best = starts.reduce((a, b) => (b.value > a.value ? b : a));
  const scale = Math.max(1, Math.abs(best.value));
  const valueSpread = Math.max(...starts.map((s) => Math.abs(s.value - best.value))) / scale;
  const pointSpread = Math.max(...starts.map((s) => Math.max(...s.point.map((x, k) => Math.abs(x - best.point[k]) / Math.max(options.upper[k] - options.lower[k], 1e-300)))));
  return { point: Float64Array.from(best.point), value: best.value, starts, valueSpread, pointSpread, evaluations, seconds: (performance.now() - started) / 1000 };
}
