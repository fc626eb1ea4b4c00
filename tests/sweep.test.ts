// smfg sweep without a cluster: the plan, the local engine (idempotent, resumable after kill -9),
// collect (the same numbers as evaluating each cell alone), the Slurm script from flags and from
// a template (--dry-run), and clear errors for bad flags, plan files and templates.
// tests/sweepSlurm.test.ts runs the Slurm engine on a real one-node cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { metricsWithoutTimes, nonEmptyLines } from './trainHelpers.js';

// the grid: 2 methods x 2 seeds at N = 100
const GRID = ['--methods', 'smfrl,mf', '--ns', '100', '--seeds', '1,2'];
const TINY = ['--set', 'epochs=2', '--set', 'updatesPerEpoch=20', '--set', 'eval-episodes=1'];

const cliArgs = (...args: string[]) => ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args];
const smfg = (...args: string[]) => spawnSync(process.execPath, cliArgs(...args), { encoding: 'utf8', cwd: projectRoot() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withFolder(name: string, body: (dir: string) => Promise<void> | void) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), `smfg-sweep-${name}-`));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'smfg sweep train --engine local: a 2 x 2 plan of exact commands, each cell the numbers of its command run alone; a second run reruns nothing',
  withFolder('local', (dir) => {
    const out = join(dir, 'sweep');
    const run = smfg('sweep', 'train', ...GRID, ...TINY, '--out', out);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /done 4, running 0, failed 0, pending 0/);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    assert.deepEqual(
      plan.cells.map((c: { id: string }) => c.id),
      ['smfrl-n100-s1', 'smfrl-n100-s2', 'mf-n100-s1', 'mf-n100-s2'],
    );
    const cell = plan.cells[3];
    assert.deepEqual(cell.argv, ['train', '--method', 'mf', '--n', '100', '--seed', '2', '--epochs', '2', '--updates-per-epoch', '20', '--eval-episodes', '1', '--out', join(cell.dir, 'run')]);
    assert.ok(cell.command.endsWith(`train --method mf --n 100 --seed 2 --epochs 2 --updates-per-epoch 20 --eval-episodes 1 --out ${cell.dir}/run`), cell.command);
    // the cell's command run by hand into another folder gives the same numbers
    const alone = join(dir, 'alone');
    const byHand = smfg(...cell.argv.slice(0, -1), alone);
    assert.equal(byHand.status, 0, byHand.stderr);
    assert.deepEqual(metricsWithoutTimes(join(cell.dir, 'run')), metricsWithoutTimes(alone));
    assert.notDeepEqual(metricsWithoutTimes(join(plan.cells[0].dir, 'run')), metricsWithoutTimes(alone));
    // submitted again: nothing reruns, nothing is rewritten
    const doneFile = join(cell.dir, 'done.json');
    const before = statSync(doneFile).mtimeMs;
    const again = smfg('sweep', 'train', ...GRID, ...TINY, '--out', out, '--quiet');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /local engine: 0 cell\(s\) run/);
    assert.equal(statSync(doneFile).mtimeMs, before);
    assert.equal(nonEmptyLines(join(cell.dir, 'run', 'metrics.jsonl')), 2);
    const status = JSON.parse(smfg('sweep', 'status', out, '--json').stdout);
    assert.deepEqual(status.counts, { done: 4, running: 0, failed: 0, pending: 0 });
    assert.deepEqual(status.cells.map((c: { epochsDone: number; epochs: number }) => [c.epochsDone, c.epochs]), [[2, 2], [2, 2], [2, 2], [2, 2]]);
  }),
);

test(
  'a local sweep killed with SIGKILL (sweep and cells) resumes from the checkpoints when run again, to the numbers of runs never killed',
  withFolder('kill', async (dir) => {
    const out = join(dir, 'sweep');
    const budget = ['--set', 'epochs=5', '--set', 'updatesPerEpoch=40', '--set', 'eval-episodes=1'];
    const args = ['sweep', 'train', '--methods', 'smfrl', '--ns', '100', '--seeds', '1,2', ...budget, '--out', out, '--quiet'];
    const child = spawn(process.execPath, cliArgs(...args), { cwd: projectRoot(), detached: true, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    const metrics = join(out, 'cells', 'smfrl-n100-s1', 'run', 'metrics.jsonl');
    // the checkpoint is written after the epoch's metrics row: wait for it, not for the row
    const checkpoint = join(out, 'cells', 'smfrl-n100-s1', 'run', 'checkpoints', 'latest.json');
    for (const end = Date.now() + 180_000; !existsSync(checkpoint); await sleep(50)) assert.ok(Date.now() < end, 'no checkpoint within 180 s');
    process.kill(-child.pid!, 'SIGKILL'); // the sweep and every smfg train it started
    await exited;
    const saved = nonEmptyLines(metrics);
    assert.ok(saved >= 1 && saved < 5, `cell 0 had ${saved} epochs when killed`);
    const killed = JSON.parse(smfg('sweep', 'status', out, '--json').stdout);
    assert.equal(killed.cells[0].state, 'failed');
    assert.match(killed.cells[0].detail, /interrupted \(runner pid \d+ on .* is gone\)/);

    const resumed = smfg(...args);
    assert.equal(resumed.status, 0, resumed.stderr + resumed.stdout);
    const done = JSON.parse(readFileSync(join(out, 'cells', 'smfrl-n100-s1', 'done.json'), 'utf8'));
    assert.equal(done.resumed, true);
    assert.match(readFileSync(join(out, 'cells', 'smfrl-n100-s1', 'log.txt'), 'utf8'), /train --resume /);
    const alone = join(dir, 'alone');
    const reference = smfg('train', '--method', 'smfrl', '--n', '100', '--seed', '1', '--epochs', '5', '--updates-per-epoch', '40', '--eval-episodes', '1', '--out', alone, '--quiet');
    assert.equal(reference.status, 0, reference.stderr);
    assert.deepEqual(metricsWithoutTimes(join(out, 'cells', 'smfrl-n100-s1', 'run')), metricsWithoutTimes(alone));
  }),
);

test(
  'smfg sweep evaluate + collect: over seeds, the numbers of smfg evaluate --seeds 1,2,3,4 --json bit for bit',
  withFolder('evaluate', (dir) => {
    const out = join(dir, 'sweep');
    // behaviour-cloned households at N = 20: one episode of four survives, so the survivors' columns are tested too
    const args = ['sweep', 'evaluate', '--govs', 'saez', '--households', 'bc,thrifty', '--ns', '20', '--seeds', '1,2,3,4', '--out', out, '--quiet'];
    // a cell held by a live runner (this test's own pid) is left alone; one whose runner is gone is taken over
    const lock = join(out, 'cells', 'saez-vs-bc-n20-s1', 'running.json');
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, JSON.stringify({ host: hostname(), pid: process.pid, started: 'then', slurmJobId: null, slurmArrayJobId: null, slurmArrayTaskId: null }));
    const held = smfg(...args);
    assert.equal(held.status, 1, held.stderr + held.stdout);
    assert.match(held.stderr, new RegExp(`cell saez-vs-bc-n20-s1 is already running \\(host ${hostname()}, pid ${process.pid}, since then\\); if it is not, remove .*running\\.json`));
    assert.match(held.stdout, /done 7, running 1, failed 0, pending 0/);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lock, JSON.stringify({ host: hostname(), pid: gone, started: 'then', slurmJobId: null, slurmArrayJobId: null, slurmArrayTaskId: null }));
    const run = smfg(...args);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /local engine: 1 cell\(s\) run/);
    const collected = smfg('sweep', 'collect', out, '--json');
    assert.equal(collected.status, 0, collected.stderr);
    const table = JSON.parse(collected.stdout);
    assert.equal(table.cells.length, 8);
    assert.equal(table.summary.length, 2);
    for (const [k, households] of ['bc', 'thrifty'].entries()) {
      const direct = smfg('evaluate', '--gov', 'saez', '--households', households, '--n', '20', '--seeds', '1,2,3,4', '--json');
      assert.equal(direct.status, 0, direct.stderr);
      const expected = JSON.parse(direct.stdout);
      const row = table.summary[k];
      assert.equal(row.households, households);
      assert.equal(row.seeds, '1 2 3 4');
      for (const [metric, m] of Object.entries(expected.metrics) as [string, { mean: number; ci95Low: number; ci95High: number }][]) {
        assert.deepEqual([row[metric], row[`${metric}_low`], row[`${metric}_high`]], [m.mean, m.ci95Low, m.ci95High], metric);
        assert.equal(row[`${metric}_survivors`], expected.survivors.metrics[metric].mean, `${metric} survivors`);
      }
      assert.deepEqual([row.survival, row.survival_low, row.survival_high, row.survived, row.episodes], [expected.survival.share, expected.survival.ci95Low, expected.survival.ci95High, expected.episodesSurvived, expected.episodesTotal]);
    }
    assert.equal(table.summary[0].survived, 1); // bc: a mixed survival, not a trivial one
    // each cell alone: smfg evaluate with that one seed ('3,' is the list of seed 3)
    const cell = table.cells.find((c: { households: string; seed: number }) => c.households === 'bc' && c.seed === 3);
    const one = JSON.parse(smfg('evaluate', '--gov', 'saez', '--households', 'bc', '--n', '20', '--seeds', '3,', '--json').stdout);
    assert.deepEqual(one.seeds, [3]);
    assert.equal(cell.governmentReward, one.metrics.governmentReward.mean);
    assert.ok(existsSync(join(out, 'collected', 'summary.csv')) && existsSync(join(out, 'collected', 'cells.csv')));
    assert.match(readFileSync(join(out, 'collected', 'summary.csv'), 'utf8').split('\n')[0], /^gov,households,n,seeds,years,years_low,years_high,/);
  }),
);

test(
  'smfg sweep --engine slurm --dry-run prints one array script from flags or from an edited template, and submits nothing',
  withFolder('dry', (dir) => {
    const out = join(dir, 'sweep');
    const args = ['sweep', 'train', ...GRID, ...TINY, '--out', out, '--engine', 'slurm', '--dry-run'];
    const flags = smfg(...args, '--partition', 'short', '--account', 'econ-lab', '--time', '0-02:00:00', '--mem', '4G', '--cpus-per-task', '2', '--sbatch', 'qos=high', '--sbatch', '#SBATCH --constraint=avx2', '--sbatch=--gres=gpu:1', '--max-running', '3');
    assert.equal(flags.status, 0, flags.stderr);
    const script = flags.stdout;
    assert.ok(script.startsWith('#!/bin/bash\n'));
    for (const line of ['#SBATCH --array=0-3%3', `#SBATCH --output=${out}/slurm/%A_%a.out`, '#SBATCH --partition=short', '#SBATCH --account=econ-lab', '#SBATCH --time=0-02:00:00', '#SBATCH --mem=4G', '#SBATCH --cpus-per-task=2', '#SBATCH --qos=high', '#SBATCH --constraint=avx2', '#SBATCH --gres=gpu:1', `cd ${projectRoot()}`]) {
      assert.ok(script.split('\n').includes(line), `missing '${line}' in\n${script}`);
    }
    assert.match(script, new RegExp(`^exec .*src/cli\\.ts sweep cell ${out} "\\$SLURM_ARRAY_TASK_ID"$`, 'm'));
    assert.equal(existsSync(out), false, '--dry-run writes nothing');
    // the template people edit: smfg sweep template, a site line added
    const template = join(dir, 'site.sbatch');
    const printed = smfg('sweep', 'template');
    assert.equal(printed.status, 0);
    writeFileSync(template, printed.stdout.replace('set -euo pipefail', 'module load nodejs/20\nset -euo pipefail'));
    const fromTemplate = smfg(...args, '--template', template, '--partition', 'long');
    assert.equal(fromTemplate.status, 0, fromTemplate.stderr);
    assert.match(fromTemplate.stdout, /^#SBATCH --array=0-3$/m);
    assert.match(fromTemplate.stdout, /^#SBATCH --partition=long$/m);
    assert.match(fromTemplate.stdout, /^module load nodejs\/20\nset -euo pipefail$/m);
  }),
);

test(
  'bad sweep flags, plan files and templates: exit 2 with the field and its allowed values, never a stack trace',
  withFolder('errors', (dir) => {
    const out = join(dir, 'sweep');
    const base = ['sweep', 'train', '--methods', 'smfrl', '--ns', '20', '--seeds', '1', '--out', out];
    const badTemplate = join(dir, 'bad.sbatch');
    writeFileSync(badTemplate, '#!/bin/bash\n#SBATCH --array={{array}}\n#SBATCH --gres={{gpus}}\nexec {{cell_command}}\n');
    const noCommand = join(dir, 'nocommand.sbatch');
    writeFileSync(noCommand, '#!/bin/bash\n#SBATCH --array={{array}}\necho hello\n');
    const cases: [string[], RegExp][] = [
      [['sweep', 'train', '--methods', 'smfrl,nope', '--ns', '20', '--seeds', '1', '--out', out], /--methods: smfg train knows smfrl, mf, [a-z, -]+; got 'nope'/],
      [[...base, '--set', 'bogus=1'], /--set bogus: smfg train has no option --bogus; allowed names: .*epochs, steps-per-epoch, updates-per-epoch/],
      [[...base, '--set', 'epochs'], /--set takes name=value \(an option of smfg train, e.g. epochs=5\); got 'epochs'/],
      [[...base, '--set', 'seed=3'], /--set seed: the sweep sets --seed itself for each cell/],
      [[...base, '--set', 'evalInline=yes'], /--set evalInline is an on\/off option: its value must be true or false; got 'yes'/],
      [[...base, '--ns', '20,x'], /--ns must be a comma-separated list of integers >= 1; got 'x'/],
      [[...base, '--seeds', '1,1'], /--seeds has a value twice: 1, 1/],
      [['sweep', 'train', '--methods', 'smfrl', '--ns', '20', '--seeds', '1'], /--out <folder> is required/],
      [[...base, '--engine', 'pbs'], /--engine must be one of local, slurm; got 'pbs'/],
      [[...base, '--partition', 'short'], /--partition is for --engine slurm only/],
      [[...base, '--engine', 'slurm', '--sbatch', 'echo hi', '--dry-run'], /--sbatch takes one sbatch option per flag, such as qos=high/],
      [[...base, '--engine', 'slurm', '--time', '2h', '--dry-run'], /--time must be a Slurm time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS; got '2h'/],
      [[...base, '--engine', 'slurm', '--mem', 'lots', '--dry-run'], /--mem must be a size such as 4G, 500M or 2000 \(megabytes\); got 'lots'/],
      [[...base, '--engine', 'slurm', '--sbatch=--array=0-9', '--dry-run'], /--sbatch '--array=0-9': the sweep sets --array itself/],
      [[...base, '--engine', 'slurm', '--template', join(dir, 'missing.sbatch'), '--dry-run'], /--template .*missing\.sbatch: no such file/],
      [[...base, '--engine', 'slurm', '--template', badTemplate, '--dry-run'], /bad\.sbatch: unknown field \{\{gpus\}\}; fields: \{\{job_name\}\}, \{\{array\}\}, \{\{output\}\}, \{\{sbatch_options\}\}, \{\{project\}\}, \{\{cell_command\}\}/],
      [[...base, '--engine', 'slurm', '--template', noCommand, '--dry-run'], /nocommand\.sbatch: the template must contain \{\{cell_command\}\}/],
      [['sweep', 'evaluate', '--govs', 'nobody', '--households', 'bc', '--ns', '20', '--seeds', '1', '--out', out], /--govs: .*nobody/],
      [['sweep', 'status', join(dir, 'nothing')], /is not a sweep folder: .*plan\.json is missing/],
      [['sweep', 'frobnicate'], /unknown sweep command 'frobnicate'; one of train, evaluate, status, collect, cell, template/],
      [['sweep', 'train', ...base.slice(2), '--bogus'], /Unknown option '--bogus'[\s\S]*allowed options of 'smfg sweep train'/],
    ];
    for (const [args, message] of cases) {
      const r = smfg(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
    }
    // a sweep of two tiny cells whose target no run reaches (smfg train exits 1 then): finished, not failed
    const plan = smfg('sweep', 'train', '--methods', 'smfrl', '--ns', '20', '--seeds', '1,2', '--set', 'epochs=1', '--set', 'updatesPerEpoch=0', '--set', 'steps-per-epoch=5', '--set', 'eval-episodes=1', '--set', 'targetReward=-1e9', '--out', out, '--quiet');
    assert.equal(plan.status, 0, plan.stderr + plan.stdout);
    const targetCell = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')).cells[0];
    assert.ok(targetCell.argv.includes('--target-reward=-1e9'), targetCell.argv.join(' '));
    assert.equal(JSON.parse(readFileSync(join(targetCell.dir, 'done.json'), 'utf8')).targetMissed, true);
    const other = smfg('sweep', 'train', '--methods', 'smfrl', '--ns', '20', '--seeds', '1,3', '--out', out);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /already holds another sweep \(train, 2 cells: smfrl-n20-s1, smfrl-n20-s2\); give the same grid to resume it, or another --out/);
    const cellIndex = smfg('sweep', 'cell', out, '9');
    assert.equal(cellIndex.status, 2);
    assert.match(cellIndex.stderr, /cell index must be an integer in \[0, 1\]; got '9'/);
    const planFile = join(out, 'plan.json');
    const original = JSON.parse(readFileSync(planFile, 'utf8'));
    const edits: [(p: any) => void, RegExp][] = [
      [(p) => (p.version = 7), /plan\.json: version must be 1/],
      [(p) => (p.kind = 'tune'), /plan\.json: kind must be one of train, evaluate/],
      [(p) => (p.cells[1].dir = p.cells[0].dir), /plan\.json: cells\[1\]\.dir must be unique \('.*' is used twice: two cells would write one folder\)/],
      [(p) => (p.cells[0].argv = ['rm', '-rf', '/']), /plan\.json: cells\[0\]\.argv must be a list of strings starting with 'train'/],
      [(p) => (p.launcher = []), /plan\.json: launcher must be a non-empty list of strings/],
    ];
    for (const [edit, message] of edits) {
      const p = structuredClone(original);
      edit(p);
      writeFileSync(planFile, JSON.stringify(p));
      const r = smfg('sweep', 'status', out);
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, message);
    }
    writeFileSync(planFile, '{ not json');
    const r = smfg('sweep', 'status', out);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /plan\.json: not valid JSON/);
  }),
);
