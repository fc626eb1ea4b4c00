/** `smfg regret`: every government judged against the Stackelberg ground truth (analysis/harness/regret.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { GovernmentTask } from '../economy/config.js';
import { writeFileAtomic } from '../data/atomic.js';
import { isPolicyFolder, loadPolicy } from '../learning/policyFolder.js';
import { governmentByName } from '../policies/registry.js';
import { judgeAgainstGroundTruth, type JudgedGovernment } from '../analysis/harness/regret.js';
import { readRegretRecord } from '../analysis/report/stackelbergReport.js';
import { UsageError, type Values } from './flags.js';

/** A run folder's training seed and households (config.json beside its policy/); null where it does not say. */
function trainingRun(policyFolder: string): { seed: number | null; n: number | null } {
  const config = join(dirname(resolve(policyFolder)), 'config.json');
  if (!existsSync(config)) return { seed: null, n: null };
  try {
    const { seed, n } = JSON.parse(readFileSync(config, 'utf8'))?.config ?? {};
    return { seed: Number.isInteger(seed) ? seed : null, n: Number.isInteger(n) ? n : null };
  } catch {
    return { seed: null, n: null };
  }
}

/** The governments of --gov: a policy folder brings its method, training seed and learned followers. */
function judgedOf(list: string, households: string): JudgedGovernment[] {
  // a constant government's own commas: `constant:` given alone is one government
  const names = list.startsWith('constant:') ? [list] : list.split(',').filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError('--gov: give at least one government (policy folders, classical names, constant:<u0>,...)');
  return names.map((government) => {
    governmentByName(government);
    if (!isPolicyFolder(government)) return { label: government, method: government, seed: null, trainedN: null, government, households };
    const method = loadPolicy(government).file.method;
    const { seed, n } = trainingRun(government);
    return { label: `${method}${n === null ? '' : ` N=${n}`} ${seed === null ? basename(dirname(resolve(government))) : `seed ${seed}`}`, method, seed, trainedN: n, government, households: government };
  });
}

export function commandRegret(values: Values): number {
  const truth = values['ground-truth'] as string | undefined;
  if (!truth) throw new UsageError('--ground-truth is required: smfg stackelberg --save\'s folder, or constant:<u0>,...');
  governmentByName(truth);
  if (values.gov === undefined) throw new UsageError('--gov is required: the governments to judge (policy folders, classical names, constant:<u0>,...)');
  const quiet = Boolean(values.quiet || values.json);
  const addTo = values['add-to'] as string | undefined;
  const save = (values.save as string | undefined) ?? addTo;
  const record = judgeAgainstGroundTruth({
    task: values.task as GovernmentTask,
    groundTruth: truth,
    governments: judgedOf(values.gov as string, values.households as string),
    n: values.n as number,
    seed: values.seed as number,
    years: values.years as number,
    exploit: Boolean(values.exploit),
    deviators: values.deviators as number,
    addTo: addTo === undefined ? undefined : readRegretRecord(values.task as string, addTo),
    onRecord: (soFar) => {
      if (save !== undefined) writeFileAtomic(save, JSON.stringify(soFar, null, 1) + '\n');
    },
    onProgress: (line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    },
  });
  // onRecord has saved the record after the last government (--gov names at least one)
  if (values.json) {
    console.log(JSON.stringify(record));
    return 0;
  }
  const f = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));
  console.log(`task ${record.task}, N = ${record.n}, seed ${record.seed}: the ground truth ${record.groundTruth.government} is worth ${f(record.groundTruth.value)} with its followers in equilibrium`);
  for (const r of record.rows) {
    console.log(`${r.label}: own followers ${f(r.valueOwnFollowers)} (${r.ownFollowersYears} years); in equilibrium ${f(r.valueInEquilibrium)}; regret ${f(r.regret)} (${f(r.relativeRegret === null ? null : 100 * r.relativeRegret)} %)${r.followersGain === null ? '' : `; followers' gain ${(100 * r.followersGain).toFixed(3)} %`}${r.note ? `; ${r.note}` : ''}`);
  }
  for (const m of record.methods.filter((m) => m.seeds.length > 1)) console.log(`${m.method}${m.trainedN === null ? '' : ` N=${m.trainedN}`} over seeds ${m.seeds.join(', ')}: mean regret ${f(m.meanRegret)} [${f(m.ci95Low)}, ${f(m.ci95High)}]`);
  if (save !== undefined) console.log(`record written to ${resolve(save)}`);
  return 0;
}
