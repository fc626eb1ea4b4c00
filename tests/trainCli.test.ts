import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });
const tiny = ['--n', '20', '--steps-per-epoch', '40', '--updates-per-epoch', '5', '--eval-episodes', '1', '--quiet'];

test('smfg train writes a run, prints time_to_target_s last, and a policy folder that smfg evaluate reads', () => {
  const root = mkdtempSync(join(tmpdir(), 'smfg-train-'));
  try {
    const run = join(root, 'run');
    // random networks bankrupt the economy in year one: a target needs every episode alive, so even -1e9 is missed
    const missed = cli('train', '--method', 'smfrl', ...tiny, '--epochs', '2', '--target-reward=-1e9', '--out', run);
    assert.equal(missed.status, 1, missed.stderr);
    const lines = missed.stdout.trim().split('\n');
    assert.match(lines[0], /compute: plain TypeScript \(float64\)/);
    assert.equal(lines[lines.length - 1], 'time_to_target_s=none');
    assert.equal(readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2);

    const json = cli('evaluate', '--gov', join(run, 'policy'), '--households', join(run, 'policy'), '--n', '20', '--seeds', '2', '--json');
    assert.equal(json.status, 0, json.stderr);
    const aggregate = JSON.parse(json.stdout);
    assert.equal(aggregate.method, 'smfrl');
    assert.equal(aggregate.n, 20);
    assert.deepEqual(aggregate.seeds, [1, 2]);
    assert.ok(Number.isFinite(aggregate.metrics.governmentReward.mean));
    assert.ok(aggregate.metrics.years.ci95Low <= aggregate.metrics.years.mean);

    const mixed = cli('evaluate', '--gov', 'saez', '--households', join(run, 'policy'), '--n', '20', '--seeds', '1', '--quiet');
    assert.equal(mixed.status, 0, mixed.stderr);
    assert.match(mixed.stdout, /Saez.* vs smfrl followers/);
    rmSync(mixed.stdout.match(/results written to (.+)/)![1].trim(), { recursive: true });

    // bad input: each error names the field
    const cases: [string[], RegExp][] = [
      [['train', '--method', 'maddpg'], /--method must be one of smfrl; got 'maddpg'/],
      [['train', '--target-reward', 'lots'], /--target-reward must be a number, got 'lots'/],
      [['train', '--fixes', 'leaderTarget,typo'], /--fixes must be all, none or a comma list of leaderTarget, oneActionEncoding, gradientThroughFollowers; got 'typo'/],
      [['train', '--resume', root], /is not a training run: .*config\.json is missing/],
      [['train', '--resume', run, '--n', '50'], /--resume continues the run's saved configuration; only --epochs, --target-reward, --budget-s, --eval-inline and --quiet can be given with it, not --n/],
      [['evaluate', '--gov', join(run, 'policy'), '--n', '50'], /--gov .* was trained with n = 20 households, but --n is 50; use --n 20, or --any-n/],
    ];
    for (const [args, message] of cases) {
      const result = cli(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const policyJson = join(run, 'policy', 'policy.json');
    const original = readFileSync(policyJson, 'utf8');
    const edit = (change: (p: Record<string, any>) => void) => {
      const p = JSON.parse(original);
      change(p);
      writeFileSync(policyJson, JSON.stringify(p));
      return cli('evaluate', '--gov', join(run, 'policy'), '--n', '20', '--seeds', '1', '--quiet');
    };
    let result = edit((p) => (p.observation.global = 7));
    assert.equal(result.status, 2);
    assert.match(result.stderr, /observation sizes are global 7, private 2; this economy observes global 6, private 2/);
    result = edit((p) => delete p.normalisers.private);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /normalisers\.global and normalisers\.private are required/);
    writeFileSync(policyJson, original);
    // a corrupt checkpoint stops --resume with the file named
    const latest = JSON.parse(readFileSync(join(run, 'checkpoints', 'latest.json'), 'utf8'));
    writeFileSync(join(run, 'checkpoints', latest.folder, 'weights.bin'), Buffer.alloc(16));
    result = cli('train', '--resume', run, '--epochs', '3');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /weights\.bin: 16 bytes, state\.json expects \d+ \(truncated checkpoint/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('smfg train killed with SIGKILL mid-run resumes with --resume to the numbers of a run never killed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'smfg-kill-'));
  const args = [...tiny, '--updates-per-epoch', '20', '--epochs', '8'];
  const withoutTimes = (run: string) =>
    readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => {
      const row = JSON.parse(line);
      for (const key of Object.keys(row)) if (/Seconds$|PerSecond$/.test(key)) delete row[key];
      return row;
    });
  try {
    const whole = join(root, 'whole');
    assert.equal(cli('train', ...args, '--out', whole).status, 0);

    // the same run, killed as soon as its first checkpoint is on disk (evaluation runs on the worker thread meanwhile)
    const killed = join(root, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), 'train', ...args, '--out', killed], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    while (!existsSync(join(killed, 'checkpoints', 'latest.json')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    const signal = await exited;
    const saved = readFileSync(join(killed, 'metrics.jsonl'), 'utf8').trim().split('\n').length;
    assert.equal(signal, 'SIGKILL', 'the run ended before it was killed');
    assert.ok(saved < 8, `killed after ${saved} of 8 epochs`);

    const resumed = cli('train', '--resume', killed, '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.deepEqual(withoutTimes(killed), withoutTimes(whole));
    assert.deepEqual(readFileSync(join(killed, 'policy', 'weights.bin')), readFileSync(join(whole, 'policy', 'weights.bin')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
