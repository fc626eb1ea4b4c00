import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_NAMES } from '../src/learning/methods/index.js';
import { cli, killedAndWholeRuns, metricsWithoutTimes, tmpFolder } from './trainHelpers.js';
const tiny = ['--n', '20', '--steps-per-epoch', '40', '--updates-per-epoch', '5', '--eval-episodes', '1', '--quiet'];

test('smfg train writes a run, prints time_to_target_s last, and a policy folder that smfg evaluate reads', () => {
  const root = tmpFolder('smfg-train-');
  try {
    const run = join(root, 'run');
    // random networks bankrupt the economy in year one: a target needs every episode alive, so even -1e9 is missed
    const missed = cli('train', '--method', 'smfrl', ...tiny, '--epochs', '2', '--target-reward=-1e9', '--out', run);
    assert.equal(missed.status, 1, missed.stderr);
    const lines = missed.stdout.trim().split('\n');
    assert.match(lines[0], /compute: TensorFlow\.js (wasm|tensorflow|cpu) \(float32 gradients\), float64 optimiser and acting/);
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
      [['train', '--method', 'foo'], new RegExp(`--method must be one of ${METHOD_NAMES.join(', ')}; got 'foo'`)],
      [['train', '--target-reward', 'lots'], /--target-reward must be a number, got 'lots'/],
      [['train', '--fixes', 'leaderTarget,typo'], /--fixes: unknown 'typo'; give all, none or a comma list of leaderTarget, oneActionEncoding, gradientThroughFollowers/],
      [['train', '--n-step', '0'], /smfrl setting nStep must be an integer in \[1, 1000\], got 0/],
      [['train', '--smfrl', 'nStep=4'], /Unknown option '--smfrl'/],
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
  const root = tmpFolder('smfg-kill-');
  try {
    // evaluation runs on the worker thread while the killed run trains
    const { whole, killed } = await killedAndWholeRuns(root, [...tiny, '--updates-per-epoch', '20', '--n-step', '4'], 8);
    assert.deepEqual(metricsWithoutTimes(killed), metricsWithoutTimes(whole));
    assert.deepEqual(readFileSync(join(killed, 'policy', 'weights.bin')), readFileSync(join(whole, 'policy', 'weights.bin')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('smfg train --instruments: the leader learns the named instruments only, its folder records them, and the others hold 0', async () => {
  const { loadPolicy } = await import('../src/learning/policyFolder.js');
  const { learnedGovernment } = await import('../src/policies/learned.js');
  const { createEconomy } = await import('../src/data/defaults.js');
  const { GOVERNMENT_ACTION } = await import('../src/economy/spaces.js');
  const root = tmpFolder('smfg-instruments-');
  try {
    const run = join(root, 'run');
    const trained = cli('train', '--method', 'smfrl', ...tiny, '--epochs', '1', '--instruments', 'transferShare,tau', '--out', run);
    assert.equal(trained.status, 0, trained.stderr);
    const policy = loadPolicy(join(run, 'policy'));
    assert.deepEqual(policy.file.leaderInstruments, ['transferShare', 'tau']);
    assert.equal(policy.file.actions.leader, 2);
    assert.equal(policy.leaderActor.outputs, 2);
    assert.equal(policy.followerActor.inputs, 2 + 2, "followers see their two private values and the leader's two instruments");
    const economy = createEconomy({ n: 20, seed: 3, preset: 'paper' });
    try {
      economy.reset();
      const action = learnedGovernment(policy).decide(economy).action;
      assert.equal(action.length, GOVERNMENT_ACTION.size);
      const set = new Set([GOVERNMENT_ACTION.names.indexOf('transferShare'), GOVERNMENT_ACTION.names.indexOf('tau')]);
      action.forEach((value, k) => (set.has(k) ? assert.ok(value > 0 && value < 1, `${GOVERNMENT_ACTION.names[k]} is learned: ${value}`) : assert.equal(value, 0, `${GOVERNMENT_ACTION.names[k]} is not learned`)));
    } finally {
      economy.close();
    }
    // the run resumes with its own instruments, and evaluate reads the folder
    const resumed = cli('train', '--resume', run, '--epochs', '2', '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.equal(readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2);
    const evaluated = cli('evaluate', '--gov', join(run, 'policy'), '--households', join(run, 'policy'), '--n', '20', '--seeds', '1', '--json');
    assert.equal(evaluated.status, 0, evaluated.stderr);

    const bad = cli('train', '--instruments', 'tau,foo');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, new RegExp(`--instruments must be a list of distinct names out of ${GOVERNMENT_ACTION.names.join(', ')}`));
    const policyJson = join(run, 'policy', 'policy.json');
    const edited = JSON.parse(readFileSync(policyJson, 'utf8'));
    edited.leaderInstruments = ['tau', 'subsidy'];
    writeFileSync(policyJson, JSON.stringify(edited));
    const refused = cli('evaluate', '--gov', join(run, 'policy'), '--n', '20', '--seeds', '1', '--quiet');
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /leaderInstruments: 'subsidy' is not an instrument; allowed: tau, xi/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
