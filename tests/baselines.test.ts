/**
 * The learned baselines (mf, iddpg, maddpg): determinism, checkpoints, training runs and their
 * policy folders, the CLI with them (mixed with each other and with classical policies), a
 * killed run resumed, updates on problems with a known answer, and bad input.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/economy/rng.js';
import { projectRoot } from '../src/data/paths.js';
import { useBestBackend } from '../src/learning/backend.js';
import { METHOD_NAMES, methodDefinition } from '../src/learning/methods/index.js';
import type { Agent, Method } from '../src/learning/method.js';
import { ReplayBuffer } from '../src/learning/replay.js';
import { agentFromState, agentToState } from '../src/learning/agentState.js';
import { readLatestCheckpoint } from '../src/learning/checkpoint.js';
import { train } from '../src/learning/train.js';
import { PolicyFolderError, loadPolicy } from '../src/learning/policyFolder.js';
import { BUILT_CLI, builtCli, filledBuffer, killedAndWholeRuns, metricsWithoutTimes, tmpFolder } from './trainHelpers.js';

const BASELINES = ['mf', 'iddpg', 'maddpg'] as const;
/** What each baseline's follower actor sees: iddpg and maddpg only the private observation, mf also the leader's u. */
const FOLLOWER_VIEW = {
  mf: { seesLeaderAction: true, savingMap: 'full' },
  iddpg: { seesLeaderAction: false, savingMap: 'full' },
  maddpg: { seesLeaderAction: false, savingMap: 'full' },
} as const;
const SMALL = { hidden: 16, leaderBatch: 16, followerBatch: 16, nStep: 3 };
const N = 10;

let root = '';
const runOf = (method: string) => join(root, method);
const policyOf = (method: string) => join(runOf(method), 'policy');

before(async () => {
  await useBestBackend();
  assert.ok(existsSync(join(projectRoot(), 'dist', 'cli.js')), 'the CLI is built (npm run build; npm test does it first)');
  root = tmpFolder('smfg-baselines-');
  // one tiny run per baseline, read by the tests below
  for (const method of BASELINES) {
    train({ method, n: N, seed: 3, epochs: 2, stepsPerEpoch: 30, updatesPerEpoch: 5, evalEpisodes: 1, settings: { hidden: 16 } }, { runDir: runOf(method) });
  }
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------- determinism and checkpoints

for (const method of BASELINES) {
  test(`${method}: same seed, same numbers (collection and updates, bit for bit); a checkpoint copy continues identically`, () => {
    const run = (seed: number) => {
      const agent = methodDefinition(method).create(SMALL, seed, N);
      const buffer = filledBuffer(agent, N, 30);
      const losses = Array.from({ length: 3 }, () => agent.update(buffer));
      return { agent, buffer, losses, state: agentToState(agent) };
    };
    const a = run(7), b = run(7);
    assert.deepEqual(Object.keys(a.losses[0]).sort(), ['followerActor', 'followerCritic', 'leaderActor', 'leaderCritic']);
    for (const l of a.losses) for (const v of Object.values(l)) assert.ok(Number.isFinite(v), `${method} losses ${JSON.stringify(l)}`);
    assert.deepEqual(a.losses, b.losses);
    assert.deepEqual(a.state.weights, b.state.weights, 'every network and Adam moment');
    assert.deepEqual(a.state.meta, b.state.meta, 'generators, normalisers, step counts');
    assert.equal(a.state.meta.method, method);
    assert.equal(a.state.meta.updates, 3);
    assert.notDeepEqual(run(8).state.weights, a.state.weights, 'another seed, other numbers');
    // the training moved the networks away from their initial values
    const fresh = agentToState(methodDefinition(method).create(SMALL, 7, N)).weights;
    assert.notDeepEqual(fresh, a.state.weights);

    const copy = agentFromState(JSON.parse(JSON.stringify(a.state.meta)), Float64Array.from(a.state.weights));
    assert.deepEqual(agentToState(copy).weights, a.state.weights);
    assert.deepEqual(copy.update(a.buffer), a.agent.update(a.buffer));
    assert.deepEqual(agentToState(copy).weights, agentToState(a.agent).weights);
  });
}

// ---------------------------------------------------------------- runs, policy folders, the CLI

for (const method of BASELINES) {
  test(`${method}: a tiny train() run writes its run folder; its policy loads with the method's follower view and the checkpoint's actors`, () => {
    const run = runOf(method);
    for (const f of ['config.json', 'metrics.jsonl', 'metrics.csv', 'checkpoints/latest.json', 'policy/policy.json', 'policy/weights.bin', 'best-policy/policy.json']) assert.ok(existsSync(join(run, f)), f);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).config;
    assert.equal(config.method, method);
    assert.equal(config.settings.hidden, 16);
    assert.equal(config.settings.savingMap, 'full');
    const rows = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.updates), [5, 10]);
    for (const r of rows) for (const loss of ['leaderCriticLoss', 'leaderActorLoss', 'followerCriticLoss', 'followerActorLoss']) assert.ok(Number.isFinite(r[loss]), `${loss} ${r[loss]}`);

    const policy = loadPolicy(policyOf(method));
    assert.equal(policy.file.method, method);
    assert.equal(policy.file.n, N);
    assert.deepEqual(policy.followerView, FOLLOWER_VIEW[method]);
    assert.deepEqual(policy.file.followerView, FOLLOWER_VIEW[method]);
    assert.equal(policy.followerActor.inputs, FOLLOWER_VIEW[method].seesLeaderAction ? 7 : 2);
    assert.equal(policy.leaderActor.inputs, 6);
    // the policy's actors are the last checkpoint's (every epoch is evaluated)
    const checkpoint = readLatestCheckpoint(join(run, 'checkpoints'));
    const agent = agentFromState(checkpoint.agent, checkpoint.weights) as Method;
    assert.deepEqual(policy.leaderActor.params, agent.networks.leaderActor.params);
    assert.deepEqual(policy.followerActor.params, agent.networks.followerActor.params);
    assert.deepEqual(policy.privateNormaliser.mean, agent.privateNormaliser.mean);
  });
}

test('smfg evaluate (built CLI) takes each baseline\'s policy folder, alone, mixed with another method\'s and with saez and bc', () => {
  const evaluate = (gov: string, households: string) => {
    const result = builtCli('evaluate', '--gov', gov, '--households', households, '--n', String(N), '--seeds', '1', '--json');
    assert.equal(result.status, 0, `${gov} vs ${households}: ${result.stderr}`);
    const aggregate = JSON.parse(result.stdout);
    assert.equal(aggregate.n, N);
    assert.deepEqual(aggregate.seeds, [1]);
    assert.ok(aggregate.metrics.years.mean >= 1, 'at least one year');
    for (const m of ['governmentReward', 'socialWelfare', 'years']) assert.ok(Number.isFinite(aggregate.metrics[m].mean), `${m} of ${gov} vs ${households}`);
    return aggregate;
  };
  for (const method of BASELINES) {
    assert.equal(evaluate(policyOf(method), policyOf(method)).method, method);
    assert.equal(evaluate('saez', policyOf(method)).method, method);
    assert.equal(evaluate(policyOf(method), 'bc').method, method);
  }
  // a government of one method with the households of another: the method named is the government's
  assert.equal(evaluate(policyOf('mf'), policyOf('iddpg')).method, 'mf');
  assert.equal(evaluate(policyOf('iddpg'), policyOf('maddpg')).method, 'iddpg');
  assert.equal(evaluate(policyOf('maddpg'), policyOf('mf')).method, 'maddpg');
});

test('iddpg through the CLI: killed with SIGKILL mid-run and resumed, the metrics and weights of a run never killed', async () => {
  const folder = tmpFolder('smfg-kill-iddpg-');
  try {
    const args = ['--method', 'iddpg', '--n', String(N), '--steps-per-epoch', '30', '--updates-per-epoch', '10', '--eval-episodes', '1', '--hidden', '16', '--n-step', '3', '--quiet'];
    const { whole, killed } = await killedAndWholeRuns(folder, args, 6, BUILT_CLI);
    const rows = metricsWithoutTimes(whole);
    assert.equal(rows.length, 6);
    assert.deepEqual(metricsWithoutTimes(killed), rows);
    for (const p of ['policy/weights.bin', 'best-policy/weights.bin']) assert.deepEqual(readFileSync(join(killed, p)), readFileSync(join(whole, p)), p);
    assert.deepEqual(readLatestCheckpoint(join(killed, 'checkpoints')).weights, readLatestCheckpoint(join(whole, 'checkpoints')).weights);
    assert.equal(JSON.parse(readFileSync(join(killed, 'config.json'), 'utf8')).config.settings.nStep, 3);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- updates with a known answer

/**
 * A hand-made buffer of one-year episodes with random actions and rewards linear in them: the
 * leader's r = C . u_g, each household's r_i = F . u_i. With gamma 0 and one-step targets a critic
 * must fit the stored rewards, and an actor climbing it must head for the corner sign(C), sign(F).
 */
const C = [0.4, -0.2, 0.1, 0.3, -0.5], F = [0.5, -0.3];

function linearBandit(n: number, years: number): ReplayBuffer {
  const rng = new Rng(21);
  const buffer = new ReplayBuffer(years, n);
  const uniform = (k: number) => Float64Array.from({ length: k }, () => rng.uniformIn(-1, 1));
  const normal = (k: number) => Float64Array.from({ length: k }, () => rng.normal());
  for (let y = 0; y < years; y++) {
    const leaderAction = uniform(5), followerActions = uniform(2 * n);
    buffer.add({
      globalObs: normal(6),
      leaderAction,
      leaderReward: C.reduce((s, c, k) => s + c * leaderAction[k], 0),
      terminal: false,
      episodeEnd: true,
      nextGlobalObs: normal(6),
      privateObs: normal(2 * n),
      followerActions,
      followerRewards: Float64Array.from({ length: n }, (_, i) => F[0] * followerActions[2 * i] + F[1] * followerActions[2 * i + 1]),
      nextPrivateObs: normal(2 * n),
    });
  }
  return buffer;
}

for (const method of BASELINES) {
  test(`${method}: with gamma 0 the critics fit the stored rewards and the actors climb them (a linear bandit)`, () => {
    const n = 8, buffer = linearBandit(n, 100);
    const agent = methodDefinition(method).create(
      { gamma: 0, nStep: 1, hidden: 32, leaderBatch: 32, followerBatch: 32, householdsPerTransition: 4, leaderRewardScale: 1, followerRewardScale: 1, criticLearningRate: 3e-3 },
      5,
      n,
    ) as Agent;
    // the critics' squared error at stored (s, u) against the stored rewards, on fresh batches (no step taken)
    const criticErrors = () => ({ leader: agent.dryUpdate(buffer, 'leader').losses.leaderCritic, followers: agent.dryUpdate(buffer, 'followers').losses.followerCritic });
    const before = criticErrors();
    for (let k = 0; k < 150; k++) agent.update(buffer);
    const after = criticErrors();
    // variance of the rewards: sum c^2 / 3 for u uniform on [-1, 1]
    const leaderVariance = C.reduce((s, c) => s + c * c, 0) / 3, followerVariance = F.reduce((s, c) => s + c * c, 0) / 3;
    assert.ok(before.leader > 0.3 * leaderVariance && before.followers > 0.3 * followerVariance, `untrained critics do not know the rewards: ${JSON.stringify(before)}`);
    assert.ok(after.leader < 0.02 * leaderVariance, `leader critic: mean squared error ${after.leader} (reward variance ${leaderVariance.toFixed(3)}, before ${before.leader})`);
    assert.ok(after.followers < 0.02 * followerVariance, `follower critic: mean squared error ${after.followers} (reward variance ${followerVariance.toFixed(3)}, before ${before.followers})`);
    // the actors at stored observations, without exploration: every component towards its coefficient's sign
    const slot = buffer.slotOf(0);
    const leaderU = agent.leaderAct(slot.leader.subarray(0, 6), false);
    C.forEach((c, k) => assert.ok(Math.sign(leaderU[k]) === Math.sign(c) && Math.abs(leaderU[k]) > 0.6, `leader u[${k}] = ${leaderU[k]}, reward coefficient ${c}`));
    const followerU = agent.followersAct(slot.privateObs, leaderU, n, false, new Float64Array(2 * n));
    for (let i = 0; i < n; i++) F.forEach((f, k) => assert.ok(Math.sign(followerU[2 * i + k]) === Math.sign(f) && Math.abs(followerU[2 * i + k]) > 0.6, `household ${i} u[${k}] = ${followerU[2 * i + k]}, reward coefficient ${f}`));
  });
}

// ---------------------------------------------------------------- bad input

test('bad input: unknown methods, another method\'s flag and settings out of range are usage errors (exit 2, no stack trace)', () => {
  const cases: [string[], RegExp][] = [
    [['train', '--method', 'foo'], new RegExp(`--method must be one of ${METHOD_NAMES.join(', ')}; got 'foo'`)],
    [['train', '--method', 'iddpg', '--mean-field-gradient', 'false'], /--mean-field-gradient is a setting of smfrl, not of iddpg; iddpg's settings: --hidden .*--tau/],
    [['train', '--method', 'mf', '--tau', '0'], /mf setting tau must be a number in \(0, 1\], got 0/],
    [['train', '--method', 'maddpg', '--epsilon-start', '2'], /maddpg setting epsilonStart must be a number in \[0, 1\], got 2/],
    [['train', '--method', 'iddpg', '--epsilon-start', '0.2'], /--epsilon-start is a setting of maddpg, not of iddpg/],
    [['train', '--method', 'mf', '--hidden', 'wide'], /--hidden must be a number, got 'wide'/],
  ];
  for (const [args, message] of cases) {
    const result = builtCli(...args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, `${args.join(' ')}: a stack trace`);
  }
});

test('loadPolicy names the field of a policy.json with an unknown method or a follower view its network does not take', () => {
  const folder = tmpFolder('smfg-bad-policy-');
  try {
    const edited = (name: string, change: (p: Record<string, any>) => void) => {
      const copy = join(folder, name); // loadPolicy caches by folder: one folder per edit
      cpSync(policyOf('iddpg'), copy, { recursive: true });
      const file = JSON.parse(readFileSync(join(copy, 'policy.json'), 'utf8'));
      change(file);
      writeFileSync(join(copy, 'policy.json'), JSON.stringify(file));
      return copy;
    };
    const refused = (copy: string, message: RegExp) => assert.throws(() => loadPolicy(copy), (e: Error) => e instanceof PolicyFolderError && message.test(e.message), message.source);
    refused(edited('method', (p) => (p.method = 'foo')), new RegExp(`policy\\.json: method is 'foo'; policy folders hold one of ${METHOD_NAMES.join(', ')}`));
    refused(edited('view', (p) => (p.followerView = { seesLeaderAction: true, savingMap: 'full' })), /policy\.json: networks\.followerActor must map 7 inputs \(followerView \{"seesLeaderAction":true,"savingMap":"full"\}\) to 2 outputs/);
    refused(edited('saving', (p) => (p.followerView.savingMap = 'quarter')), /policy\.json: followerView\.savingMap must be one of half, full, got 'quarter'/);
    // an iddpg policy.json without its followerView is read as SMFRL's view, which its 2-input actor does not take
    refused(edited('absent', (p) => delete p.followerView), /networks\.followerActor must map 7 inputs/);
    assert.deepEqual(loadPolicy(edited('same', () => {})).followerView, FOLLOWER_VIEW.iddpg);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("agentFromState with another method's meta than its weights' layout names the layout entry", () => {
  const state = (method: string) => agentToState(methodDefinition(method).create(SMALL, 1, 4));
  const iddpg = state('iddpg');
  const asMethod = (method: string) => () => agentFromState({ ...JSON.parse(JSON.stringify(iddpg.meta)), method }, iddpg.weights, 'state.json');
  // mf's follower actor also sees the leader's u: 7 inputs where iddpg's has 2 (hidden 16: 7*16 + 16 + 16*2 + 2)
  assert.throws(asMethod('mf'), /state\.json: layout entry 4 is \{"name":"followerActor","length":82\}, expected \{"name":"followerActor","length":162\}/);
  // maddpg's leader critic sees every household: 11 + 4N inputs
  assert.throws(asMethod('maddpg'), /state\.json: layout entry 1 is \{"name":"leaderCritic","length":\d+\}, expected \{"name":"leaderCritic","length":\d+\}/);
  assert.throws(asMethod('foo'), new RegExp(`state\\.json: method must be one of ${METHOD_NAMES.join(', ')}; got 'foo'`));
  // the right method, truncated weights: the count is named
  assert.throws(() => agentFromState(iddpg.meta, iddpg.weights.subarray(0, 100), 'state.json'), /state\.json: weights hold 100 numbers, the configuration needs \d+/);
  assert.equal(agentFromState(iddpg.meta, iddpg.weights).method, 'iddpg');
});
