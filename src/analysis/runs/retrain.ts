/**
 * Retraining every learned method of the comparison through `smfg sweep` (here or on a Slurm
 * cluster): the sweep's arguments, and an estimate of the work from the shipped policies'
 * training records (training.json: every seed's seconds), printed before anything starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedFolder } from '../harness/comparison.js';
import { recordedTimeToTarget } from '../bench/scale.js';
import { METHOD_NAMES, METHOD_REGISTRY } from '../../learning/methods/index.js';

/** The learned methods `smfg train` retrains for the comparison (their registrations say so; derived rows such as SMFRL at equilibrium need no training of their own). */
export const RETRAIN_METHODS = METHOD_NAMES.filter((m) => METHOD_REGISTRY[m].retrain);

export interface RetrainPlan {
  argv: string[];
  /** Cells: methods x N x seeds. */
  cells: number;
  /** Seconds of training summed over cells, from the shipped records (null where none is shipped). */
  estimateSeconds: number;
  /** How the estimate was made, per method and N. */
  basis: { method: string; n: number; secondsPerSeed: number | null; from: string }[];
}

/** Seconds per training seed of a shipped method at N: the mean over its recorded seeds. */
function recordedSecondsPerSeed(method: string, n: number): number | null {
  const path = join(shippedFolder(method, n), 'training.json');
  if (!existsSync(path)) {
    // the recorded time-to-target runs (scripts/time-to-target.mjs), a miss at its epochs' time
    const runs = recordedTimeToTarget().filter((r) => r.method === method && r.n === n);
    return runs.length ? runs.reduce((s, r) => s + (r.seconds ?? 0), 0) / runs.length || null : null;
  }
  // a seed's whole training: its run's clock where recorded; before runSeconds, a resumed run's
  // processSeconds is its last process alone, and trainSeconds (the loop's seconds summed over
  // the processes, without each one's start-up) the larger and closer
  const runs = (JSON.parse(readFileSync(path, 'utf8')) as { runs: { processSeconds: number; trainSeconds?: number; runSeconds?: number }[] }).runs;
  const seconds = (r: (typeof runs)[number]) => r.runSeconds ?? Math.max(r.processSeconds, r.trainSeconds ?? 0);
  return runs.length ? runs.reduce((s, r) => s + seconds(r), 0) / runs.length : null;
}

/**
 * The sweep that retrains every learned method at each N over `seeds` (to the target 3,370, at
 * most `epochs` epochs each), into `out`, with the engine's flags appended.
 */
export function retrainPlan(ns: number[], seeds: number[], out: string, engineArgs: string[] = [], epochs = 50, budgetSeconds = 1800): RetrainPlan {
  const basis = ns.flatMap((n) =>
    RETRAIN_METHODS.map((method) => {
      const recorded = recordedSecondsPerSeed(method, n) ?? (n !== 100 ? recordedSecondsPerSeed(method, 100) : null);
      // N = 1,000 without a record of its own: the N = 100 record times the cost of an epoch there (about 1.5x for the sampled updates; linear ones grow with N)
      const scale = recordedSecondsPerSeed(method, n) !== null || n === 100 ? 1 : METHOD_REGISTRY[method].retrain!.epochCost === 'linear' ? n / 100 : 1.5;
      return { method, n, secondsPerSeed: recorded === null ? null : Math.min(budgetSeconds, recorded * scale), from: recordedSecondsPerSeed(method, n) !== null ? 'its training records' : recorded !== null ? `N = 100's training.json, scaled x${scale}` : `no record: the budget ${budgetSeconds} s` };
    }),
  );
  const estimateSeconds = basis.reduce((s, b) => s + seeds.length * (b.secondsPerSeed ?? budgetSeconds), 0);
  const argv = ['train', '--methods', RETRAIN_METHODS.join(','), '--ns', ns.join(','), '--seeds', seeds.join(','), '--set', 'target-reward=3370', '--set', `epochs=${epochs}`, '--set', `budget-s=${budgetSeconds}`, '--out', out, ...engineArgs];
  return { argv, cells: RETRAIN_METHODS.length * ns.length * seeds.length, estimateSeconds, basis };
}
