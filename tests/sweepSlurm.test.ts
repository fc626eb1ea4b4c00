// smfg sweep on a real one-node Slurm (tests/slurmCluster.ts starts munged, slurmctld and slurmd
// and removes them at the end): a 2 x 2 training sweep at N = 100 runs as one job array; one
// array task is cancelled with scancel mid-run; the same sweep submitted again runs only that
// cell, which resumes from its checkpoint; the collected table equals the local engine's
// exactly. Skipped, saying why, where Slurm cannot start (not root, packages missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { slurmSkipReason, startSlurm, type SlurmCluster } from './slurmCluster.js';
import { metricsWithoutTimes, nonEmptyLines } from './trainHelpers.js';

// the grid: 2 methods x 2 seeds at N = 100
const GRID = ['--methods', 'smfrl,mf', '--ns', '100', '--seeds', '1,2'];
// tiny budgets, long enough (a few seconds a cell) to cancel a task between checkpoints
const BUDGET = ['--set', 'epochs=6', '--set', 'updatesPerEpoch=40', '--set', 'eval-episodes=2'];

const skip = slurmSkipReason() ?? false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function smfg(env: NodeJS.ProcessEnv, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8', env, cwd: projectRoot() });
}


async function waitFor(what: string, seconds: number, check: () => boolean): Promise<void> {
  for (const end = Date.now() + seconds * 1000; !check(); await sleep(50)) {
    if (Date.now() > end) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
  }
}

test('smfg sweep --engine slurm: a 2 x 2 job array, one task cancelled with scancel and resumed from its checkpoint on resubmission, the same table as the local engine', { skip, timeout: 900_000 }, async () => {
  const cluster: SlurmCluster = await startSlurm();
  const work = mkdtempSync(join(tmpdir(), 'smfg-sweep-slurm-'));
  const env = cluster.env;
  try {
    console.log(`one-node Slurm up: ${cluster.cpus} CPUs, SLURM_CONF=${env.SLURM_CONF}`);
    const localDir = join(work, 'local');
    let started = performance.now();
    const local = smfg(env, 'sweep', 'train', ...GRID, ...BUDGET, '--out', localDir, '--quiet');
    const localSeconds = (performance.now() - started) / 1000;
    assert.equal(local.status, 0, local.stderr + local.stdout);

    const slurmDir = join(work, 'slurm');
    const submitArgs = ['sweep', 'train', ...GRID, ...BUDGET, '--out', slurmDir, '--engine', 'slurm'];
    const first = smfg(env, ...submitArgs);
    assert.equal(first.status, 0, first.stderr + first.stdout);
    const firstJob = /submitted Slurm job (\d+): array of 4 cell\(s\) \[0,1,2,3\]/.exec(first.stdout)?.[1];
    assert.ok(firstJob, first.stdout);
    console.log(first.stdout.trim());
    const plan = JSON.parse(readFileSync(join(slurmDir, 'plan.json'), 'utf8'));
    const victim = plan.cells[0];
    const victimMetrics = join(victim.dir, 'run', 'metrics.jsonl');
    // cancel task 0 once it has saved a checkpoint (written after the epoch's metrics row), well before its sixth epoch
    await waitFor('the first checkpoint of cell 0', 180, () => existsSync(join(victim.dir, 'run', 'checkpoints', 'latest.json')));
    const savedBeforeCancel = nonEmptyLines(victimMetrics);
    assert.ok(savedBeforeCancel < 6, `cell 0 already had ${savedBeforeCancel} epochs`);
    const cancel = cluster.run('scancel', [`${firstJob}_0`]);
    assert.equal(cancel.status, 0, cancel.stderr);
    console.log(`scancel ${firstJob}_0 after ${savedBeforeCancel} saved epoch(s)`);
    await waitFor(`job ${firstJob} to leave the queue`, 300, () => cluster.run('squeue', ['--noheader', '--me']).stdout.trim() === '');

    const afterCancel = JSON.parse(smfg(env, 'sweep', 'status', slurmDir, '--json').stdout);
    assert.deepEqual(afterCancel.counts, { done: 3, running: 0, failed: 1, pending: 0 });
    const cancelled = afterCancel.cells[0];
    assert.equal(cancelled.state, 'failed');
    assert.ok(cancelled.epochsDone >= 1 && cancelled.epochsDone < 6, JSON.stringify(cancelled));
    console.log(`status after scancel: cell 0 ${cancelled.state} (${cancelled.detail}), ${cancelled.epochsDone}/6 epochs saved`);

    // the same sweep submitted again: only cell 0 goes, and it resumes
    const second = smfg(env, ...submitArgs, '--wait');
    assert.equal(second.status, 0, second.stderr + second.stdout);
    const secondJob = /submitted Slurm job (\d+): array of 1 cell\(s\) \[0\]/.exec(second.stdout)?.[1];
    assert.ok(secondJob, second.stdout);
    console.log(second.stdout.trim());
    const done = JSON.parse(readFileSync(join(victim.dir, 'done.json'), 'utf8'));
    assert.equal(done.resumed, true);
    assert.equal(done.slurmJobId !== null, true);
    assert.match(readFileSync(join(victim.dir, 'log.txt'), 'utf8'), /train --resume .*\/cells\/smfrl-n100-s1\/run/);
    assert.equal(nonEmptyLines(victimMetrics), 6);
    // nothing left: a third submission submits nothing, finished cells never rerun
    const third = smfg(env, ...submitArgs);
    assert.equal(third.status, 0, third.stderr);
    assert.match(third.stdout, /nothing to submit/);

    // the resumed cell trained the numbers of the uninterrupted local one, epoch by epoch
    for (const cell of plan.cells) assert.deepEqual(metricsWithoutTimes(join(cell.dir, 'run')), metricsWithoutTimes(join(localDir, 'cells', cell.id, 'run')), cell.id);
    const collect = (dir: string) => {
      const r = smfg(env, 'sweep', 'collect', dir, '--json', '--eval-seeds', '2');
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    const fromSlurm = collect(slurmDir);
    const fromLocal = collect(localDir);
    assert.equal(fromSlurm.cells.length, 4);
    assert.equal(fromSlurm.summary.length, 2);
    assert.deepEqual(fromSlurm.cells, fromLocal.cells);
    assert.deepEqual(fromSlurm.summary, fromLocal.summary);
    console.log('collected tables (Slurm, with the cancelled and resumed cell) equal the local engine\'s:');
    for (const row of fromSlurm.summary) console.log(`  ${row.method}: governmentReward ${row.governmentReward} [${row.governmentReward_low}, ${row.governmentReward_high}], years ${row.years}, survival ${row.survival}`);

    // the wall time of the same 2 x 2 sweep on Slurm, submitted to an idle cluster, waited for
    const timedDir = join(work, 'slurm-timed');
    started = performance.now();
    const timed = smfg(env, 'sweep', 'train', ...GRID, ...BUDGET, '--out', timedDir, '--engine', 'slurm', '--wait');
    const slurmSeconds = (performance.now() - started) / 1000;
    assert.equal(timed.status, 0, timed.stderr + timed.stdout);
    console.log(`wall time of the 2 x 2 sweep: local engine ${localSeconds.toFixed(1)} s, one-node Slurm ${slurmSeconds.toFixed(1)} s (job ${/submitted Slurm job (\d+)/.exec(timed.stdout)?.[1]})`);
  } finally {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
  assert.equal(existsSync(cluster.dir), false);
});
