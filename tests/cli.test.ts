import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { rmSync, readFileSync } from 'node:fs';
import { cliReference } from '../src/cli.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

test('smfg run prints the metrics of the free market and US federal 2022 and saves them', () => {
  const result = cli('run', '--n', '50', '--years', '20', '--quiet');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /free market\s+20\s/);
  assert.match(result.stdout, /US federal 2022 \(authors'\)\s+20\s/);
  const folder = result.stdout.match(/results written to (.+)/)![1].trim();
  const csv = readFileSync(join(folder, 'metrics.csv'), 'utf8').split('\n');
  assert.match(csv[0], /^government,households,years,governmentReward,socialWelfare,gdpPerHousehold/);
  assert.equal(csv.filter((l) => l.trim() !== '').length, 3);
  rmSync(folder, { recursive: true });
});

test('random households bankrupt the paper economy in year one (quirk 1)', () => {
  const result = cli('run', '--n', '100', '--households', 'random', '--quiet');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /free market\s+1\s.*consumption demand exceeded output/);
  rmSync(result.stdout.match(/results written to (.+)/)![1].trim(), { recursive: true });
});

test('bad flags get clear errors and exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--n', '0'], /--n must be an integer in \[1, 50000000\], got '0'/],
    [['run', '--seed', '1.5'], /--seed must be an integer in \[0, \d+\], got '1\.5'/],
    [['run', '--preset', 'fast'], /--preset must be one of paper, calibrated, aiyagari; got 'fast'/],
    [['run', '--households', 'lazy'], /--households must be one of bc, bc-mean, thrifty, random, fixed/],
    [['run', '--colour', 'red'], /Unknown option '--colour'[\s\S]*allowed options of 'smfg run': --help, --n/],
    [['bench', '--sizes', '100,abc'], /--sizes must be an integer/],
    [['fly'], /unknown command 'fly'; commands: run, evaluate, exploit, equilibrium, stackelberg, regret, time-to-truth, reproduce, train, train-bc, replay, sweep, bench/],
  ];
  for (const [args, message] of cases) {
    const result = cli(...args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test('smfg bench measures every requested size', () => {
  const result = cli('bench', '--sizes', '100,2000', '--budget-ms', '50', '--no-training', '--no-equilibrium');
  assert.equal(result.status, 0, result.stderr);
  const rows = result.stdout.split('\n').filter((l) => /^\s*(100|2000)\s/.test(l));
  assert.equal(rows.length, 2);
  for (const row of rows) assert.ok(Number(row.trim().split(/\s+/)[1]) > 0);
  assert.doesNotMatch(result.stdout, /SMFRL updates/);
  assert.doesNotMatch(result.stdout, /equilibrium solvers/);
});

test('smfg bench times the equilibrium solvers of preset aiyagari: the steady state and a path (a short one here), each beside its target', () => {
  const result = cli('bench', '--sizes', '100', '--budget-ms', '50', '--no-training', '--equilibrium-n', '200', '--equilibrium-years', '30');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /equilibrium solvers, preset aiyagari, 21 ability nodes x 100 wealth points/);
  const steady = result.stdout.split('\n').find((l) => /^steady state\s+free-market\s/.test(l));
  const path = result.stdout.split('\n').find((l) => /^equilibrium path\s+us-federal-2022\s+200\s+30\s+21 x 100\s/.test(l));
  assert.ok(steady && path, result.stdout);
  // seconds, solver s and target 2 s of the steady state; the short path has no target
  const [seconds, solver, target] = steady.split(/\s{2,}/).slice(3, 6).map(Number);
  assert.ok(seconds > 0 && solver > 0 && solver <= seconds + 1e-9 && target === 2, steady);
  assert.match(steady, /\s(yes|no)\s+\d+\s+yes\s/);
  assert.match(path, /21 x 100\s+[\d.]+\s+\d+\s+yes\s/);
});

test('smfg bench gains the training figures: updates per second by method, N and update mode, and per engine', () => {
  const result = cli('bench', '--sizes', '100', '--budget-ms', '50', '--target-ns', '', '--epoch-ns', '', '--no-equilibrium');
  assert.equal(result.status, 0, result.stderr);
  const updates = result.stdout.split('\n').filter((l) => /^\s*(smfrl|mf|iddpg|maddpg)\s+(100|1000|10000)\s/.test(l));
  assert.deepEqual(updates.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')), ['smfrl 100', 'smfrl 1000', 'smfrl 10000', 'smfrl 100', 'smfrl 1000', 'mf 100', 'iddpg 100', 'maddpg 100', 'maddpg 1000']);
  assert.equal(updates.filter((l) => /^\s*smfrl\s+\d+\s+(sampled|full)\s/.test(l)).length, 5);
  // updates/s is the third number from the end (then ms/update and resident MB)
  for (const row of updates) assert.ok(Number(row.trim().split(/\s+/).at(-3)) > 0, row);
  assert.match(result.stdout, /TensorFlow\.js cpu\s+\d/);
  assert.match(result.stdout, /TensorFlow\.js wasm\s+\d/);
});

test('the epoch time of the bench: the second epoch of a fresh smfg train, null for a run that fails', async () => {
  const { epochSeconds } = await import('../src/analysis/bench/learningSpeed.js');
  const ok = epochSeconds('smfrl', 20);
  assert.ok(ok.secondsPerEpoch !== null && ok.secondsPerEpoch > 0 && ok.secondsPerEpoch < 60, JSON.stringify(ok));
  assert.equal(epochSeconds('no-such-method', 20).secondsPerEpoch, null);
});

test('smfg evaluate with one seed says no interval exists; --json gives null bounds, survival and survivors', () => {
  const text = cli('evaluate', '--gov', 'saez', '--households', 'bc', '--n', '100', '--seeds', '1', '--quiet');
  assert.equal(text.status, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /NaN/);
  assert.match(text.stdout, /years\s+2 \(no interval, 1 seed\)\s+none/);
  rmSync(text.stdout.match(/results written to (.+)/)![1].trim(), { recursive: true });
  const one = JSON.parse(cli('evaluate', '--gov', 'saez', '--households', 'bc', '--n', '100', '--seeds', '1', '--json').stdout);
  assert.deepEqual(one.metrics.years, { mean: 2, ci95Low: null, ci95High: null });
  assert.deepEqual([one.episodesSurvived, one.episodesTotal], [0, 1]);
  const three = cli('evaluate', '--gov', 'saez', '--households', 'bc', '--n', '100', '--seeds', '3', '--json');
  assert.equal(three.status, 0, three.stderr);
  const aggregate = JSON.parse(three.stdout);
  assert.match(aggregate.interval, /^percentile bootstrap over seeds, 95 %/);
  assert.deepEqual(aggregate.metrics.years, { mean: 305 / 3, ci95Low: 2, ci95High: 300 });
  for (const gini of ['incomeGini', 'wealthGini']) assert.ok(aggregate.metrics[gini].ci95High <= 1 && aggregate.metrics[gini].ci95Low >= 0);
  assert.equal(aggregate.survival.share, 1 / 3);
  assert.ok(aggregate.survival.ci95Low > 0.06 && aggregate.survival.ci95High < 0.8);
  assert.match(aggregate.survival.interval, /^Wilson score/);
  assert.equal(aggregate.survivors.seeds, 1);
  assert.deepEqual(aggregate.survivors.metrics.years, { mean: 300, ci95Low: null, ci95High: null });
});

test('smfg evaluate prints per-episode metrics and the 95 % interval across seeds', () => {
  const result = cli('evaluate', '--gov', 'saez', '--households', 'thrifty', '--n', '30', '--seeds', '3', '--quiet');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Saez vs thrifty/);
  assert.match(result.stdout, /governmentReward\s+\S+\s+\[\S+, \S+\]/);
  assert.equal(result.stdout.split('\n').filter((l) => /^\s+[123]\s+0\s+300\s/.test(l)).length, 3);
  assert.match(result.stdout, /survival: 3 of 3 episodes alive 300 years, share 1 \[0\.44, 1\] \(Wilson/);
  assert.match(result.stdout, /percentile bootstrap over seeds, 95 %/);
  assert.match(result.stdout, /\n\s+1\s+0\s+300\s+\S+\s+\d+\.\d\d\s/, 'social welfare with 4 significant digits');
  const folder = result.stdout.match(/results written to (.+)/)![1].trim();
  assert.match(readFileSync(join(folder, 'summary.csv'), 'utf8').split('\n')[0], /^metric,mean,ci95_low,ci95_high,seeds,survivors_mean/);
  rmSync(folder, { recursive: true });
  const bad = cli('evaluate', '--gov', 'laffer');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown government 'laffer'; governments: a policy folder \(with policy.json, from smfg train\), a constant government's folder \(constant-government.json, from smfg stackelberg --save\), free-market, saez, us-federal-2022/);
  const badSeed = cli('evaluate', '--seeds', '1,2.5');
  assert.equal(badSeed.status, 2);
  assert.match(badSeed.stderr, /--seeds must be an integer/);
  const zero = cli('evaluate', '--n', '0');
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /--n must be an integer in \[1, 50000000\], got '0'/);
});

test('docs/cli.md is the help of every command, regenerated from the same declarations (npm run docs:cli)', () => {
  const docs = readFileSync(join(projectRoot(), 'docs', 'cli.md'), 'utf8');
  assert.equal(docs, cliReference(), 'docs/cli.md differs from the commands\' declarations: run npm run docs:cli');
  // what --help prints is in it: every flag of smfg train (its own, the training loop's and the methods' settings), and smfg sweep's help whole
  const train = cli('train', '--help');
  assert.equal(train.status, 0, train.stderr);
  const flags = [...train.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
  assert.ok(flags.length > 40, `${flags.length} flags`);
  for (const flag of flags) assert.ok(docs.includes(`\`${flag}`), `${flag} is missing from docs/cli.md`);
  assert.ok(docs.includes(cli('sweep', '--help').stdout.trim()), "smfg sweep --help is missing from docs/cli.md");
});
