#!/usr/bin/env node
// Time to the target from the process start, one fresh `smfg train --target-reward` process per
// seed, recorded into data/measurements/time-to-target.json (replacing earlier records of the
// same method, N and seed; the file is written atomically). Notebook 07 and docs/results.md read it.
//   node scripts/time-to-target.mjs --method smfrl --n 100 --seeds 21,22,23 [--target 3370] [--epochs 60] [--budget-s 300]
//   node scripts/time-to-target.mjs --from-runs runs/epochs/smfrl-n100-s1 ...   (record finished runs instead)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const OUT = join(ROOT, 'data', 'measurements', 'time-to-target.json');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { method: { type: 'string', default: 'smfrl' }, n: { type: 'string' }, seeds: { type: 'string' }, target: { type: 'string', default: '3370' }, epochs: { type: 'string', default: '60' }, 'budget-s': { type: 'string', default: '300' }, 'from-runs': { type: 'boolean' } },
});
const fail = (message) => {
  console.error(`time-to-target: ${message}`);
  process.exit(2);
};

/** The record of a finished run folder: epochs and seconds to the target, or null if it was not reached. */
function recordOf(runDir) {
  const configPath = join(runDir, 'config.json'), metricsPath = join(runDir, 'metrics.jsonl');
  if (!existsSync(configPath) || !existsSync(metricsPath)) fail(`${runDir} is not a training run (config.json and metrics.jsonl needed)`);
  const { config } = JSON.parse(readFileSync(configPath, 'utf8'));
  if (config.targetReward === null) fail(`${runDir} was trained without --target-reward`);
  const metrics = readFileSync(metricsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const hit = metrics.find((m) => m.evalAllSurvived && m.evalGovernmentReward >= config.targetReward);
  return { method: config.method, n: config.n, seed: config.seed, target: config.targetReward, epochs: hit ? hit.epoch + 1 : null, seconds: hit ? hit.processSeconds : null, epochsRun: metrics.length, recorded: new Date().toISOString() };
}

const records = [];
if (values['from-runs']) {
  if (positionals.length === 0) fail('--from-runs takes run folders');
  for (const run of positionals) records.push(recordOf(resolve(run)));
} else {
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 1) fail(`--n must be a positive integer, got '${values.n}'`);
  const seeds = String(values.seeds ?? '').split(',').filter(Boolean).map(Number);
  if (seeds.length === 0 || !seeds.every((s) => Number.isInteger(s) && s >= 0)) fail(`--seeds must be a comma list of integers >= 0, got '${values.seeds}'`);
  for (const seed of seeds) {
    const scratch = mkdtempSync(join(tmpdir(), 'smfg-ttt-'));
    try {
      const run = join(scratch, 'run');
      const args = [join(ROOT, 'dist', 'cli.js'), 'train', '--method', values.method, '--n', String(n), '--seed', String(seed), `--target-reward=${values.target}`, '--epochs', values.epochs, '--budget-s', values['budget-s'], '--quiet', '--out', run];
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (!existsSync(join(run, 'metrics.jsonl'))) fail(`smfg train failed for seed ${seed}:\n${result.stdout}`);
      const record = recordOf(run);
      console.log(`${values.method} N = ${n} seed ${seed}: ${record.seconds === null ? 'not reached' : `${record.seconds.toFixed(1)} s, ${record.epochs} epochs`}`);
      records.push(record);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}
const file = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : { about: 'smfg train --target-reward from random networks; seconds since the process started (evaluation included); epochs to the first evaluation with every episode alive and the mean government reward at the target', runs: [] };
const key = (r) => `${r.method}|${r.n}|${r.seed}|${r.target}`;
const replaced = new Set(records.map(key));
file.runs = [...file.runs.filter((r) => !replaced.has(key(r))), ...records].sort((a, b) => a.method.localeCompare(b.method) || a.n - b.n || a.seed - b.seed);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(`${OUT}.tmp`, JSON.stringify(file, null, 2) + '\n');
renameSync(`${OUT}.tmp`, OUT);
console.log(`recorded ${records.length} runs in ${OUT}`);
