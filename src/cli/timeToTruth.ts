/** `smfg time-to-truth`: how long training runs take to come within a tolerance of the ground truth's value (analysis/harness/timeToGroundTruth.ts). */
import { resolve } from 'node:path';
import type { GovernmentTask } from '../economy/config.js';
import { writeFileAtomic } from '../data/atomic.js';
import { governmentByName } from '../policies/registry.js';
import { timeToGroundTruth } from '../analysis/harness/timeToGroundTruth.js';
import { UsageError, type Values } from './flags.js';

export function commandTimeToTruth(values: Values): number {
  const truth = values['ground-truth'] as string | undefined;
  if (!truth) throw new UsageError("--ground-truth is required: smfg stackelberg --save's folder, or constant:<u0>,...");
  governmentByName(truth);
  const runs = ((values.runs as string | undefined) ?? '').split(',').filter((s) => s.length > 0);
  if (runs.length === 0) throw new UsageError('--runs is required: comma-separated training run folders (smfg train --out, or a shipped folder with config.json and metrics.csv)');
  const quiet = Boolean(values.quiet || values.json);
  const record = timeToGroundTruth({
    task: values.task as GovernmentTask,
    groundTruth: truth,
    runs,
    tolerance: values.within as number,
    onProgress: (line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    },
  });
  if (values.save !== undefined) writeFileAtomic(values.save as string, JSON.stringify(record, null, 1) + '\n');
  if (values.json) {
    console.log(JSON.stringify(record));
    return 0;
  }
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  console.log(`task ${record.task}: within ${pct(record.tolerance)} of the ground truth ${record.groundTruth} (its followers in equilibrium on each run's evaluation economies)`);
  for (const r of record.runs) {
    const name = `${r.method} N=${r.n} seed ${r.seed}`;
    if (r.truthMean === null || r.target === null) {
      console.log(`${name}: ${r.note}`);
      continue;
    }
    const reached = r.reached ? `reached at epoch ${r.reached.epoch}, ${r.reached.runSeconds.toFixed(1)} s (reward ${r.reached.governmentReward.toFixed(2)})` : `not reached in ${r.evaluations} evaluations (${r.lastRunSeconds.toFixed(1)} s)`;
    const gap = r.best?.gap ?? 0;
    const best = r.best ? `; best ${r.best.governmentReward.toFixed(2)} at epoch ${r.best.epoch} (${gap >= 0 ? `${pct(gap)} short` : `${pct(-gap)} above`})` : '; no evaluation alive to the end';
    console.log(`${name}: ground truth ${r.truthMean.toFixed(2)}, target ${r.target.toFixed(2)}; ${reached}${best}`);
  }
  if (values.save !== undefined) console.log(`record written to ${resolve(values.save as string)}`);
  return 0;
}
