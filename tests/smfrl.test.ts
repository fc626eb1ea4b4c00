import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEconomy } from '../src/data/defaults.js';
import { Smfrl, SMFRL_SETTINGS } from '../src/learning/methods/smfrl.js';
import { METHOD_NAMES, methodDefinition } from '../src/learning/methods/index.js';
import { makeSettings } from '../src/learning/settings.js';
import { useBestBackend } from '../src/learning/backend.js';
import { filledBuffer, tmpFolder, withTwoRunFolders, withoutTimes } from './trainHelpers.js';
import { evaluateAgent } from '../src/learning/rollout.js';
import { agentFromState, agentToState, cloneAgent } from '../src/learning/agentState.js';
import { readLatestCheckpoint, writeCheckpoint, CheckpointError } from '../src/learning/checkpoint.js';
import { attemptSeed, evaluationScore, reachesTarget, resume, train } from '../src/learning/train.js';
import { FRESH_ATTEMPT, afterEvaluation } from '../src/learning/restartRule.js';
import { loadPolicy, savePolicy } from '../src/learning/policyFolder.js';
import { learnedGovernment, learnedHouseholds } from '../src/policies/learned.js';
import { runEpisode } from '../src/policies/episode.js';
import { measureExploitability } from '../src/learning/exploitability.js';

before(async () => {
  await useBestBackend();
});

const tmp = () => tmpFolder('smfg-smfrl-');

/** An SMFRL agent for N households with the given settings (defaults for the rest). */
const smfrlAgent = (settings: Record<string, unknown>, seed: number, n: number) => new Smfrl(makeSettings(SMFRL_SETTINGS, settings, 'smfrl'), seed, n);

test('same seed, same numbers: collection and updates are deterministic', () => {
  const run = () => {
    const agent = methodDefinition('smfrl').create({ nStep: 5 }, 7, 20);
    const buffer = filledBuffer(agent, 20, 60);
    const losses = Array.from({ length: 5 }, () => agent.update(buffer));
    return { params: Float64Array.from(agent.networks.followerActor.params), leader: Float64Array.from(agent.networks.leaderCritic.params), losses };
  };
  const a = run(), b = run();
  assert.deepEqual(a.params, b.params);
  assert.deepEqual(a.leader, b.leader);
  assert.deepEqual(a.losses, b.losses);
  const other = methodDefinition('smfrl').create({ nStep: 5 }, 8, 20);
  assert.notDeepEqual(Float64Array.from(other.networks.followerActor.params), a.params);
});

test('the sampled follower update equals the full update in expectation (critic gradient, one stored year)', () => {
  const n = 12;
  const config = { gamma: 0, followerBatch: 4, householdsPerTransition: 2 };
  const full = smfrlAgent({ ...config, update: 'full' }, 3, n);
  const buffer = filledBuffer(full, n, 1);
  for (let k = 0; k < 3; k++) full.globalNormaliser.update(buffer.leader, 1); // any fixed normaliser state
  const exact = full.gradientsOf(buffer, 'followers').followerCritic;
  // the same agent bit for bit, with the sampled update
  const { meta, weights } = agentToState(cloneAgent(full));
  const sampled = agentFromState({ ...meta, settings: { ...meta.settings, update: 'sampled' } }, weights) as Smfrl;
  assert.equal(sampled.settings.update, 'sampled');
  assert.deepEqual(sampled.networks.followerCritic.params, full.networks.followerCritic.params);
  const mean = new Float64Array(exact.length);
  const draws = 3000;
  for (let d = 0; d < draws; d++) {
    const g = sampled.gradientsOf(buffer, 'followers').followerCritic;
    for (let k = 0; k < g.length; k++) mean[k] += g[k] / draws;
  }
  let diff = 0, norm = 0;
  for (let k = 0; k < exact.length; k++) {
    diff += (mean[k] - exact[k]) ** 2;
    norm += exact[k] ** 2;
  }
  const relative = Math.sqrt(diff / norm);
  assert.ok(norm > 0, 'the full gradient is not zero');
  assert.ok(relative < 0.05, `the mean of ${draws} sampled gradients is ${(100 * relative).toFixed(2)} % away from the full one`);
  // and one sampled draw is not the full gradient (the test can fail)
  const one = sampled.gradientsOf(buffer, 'followers').followerCritic;
  let oneDiff = 0;
  for (let k = 0; k < exact.length; k++) oneDiff += (one[k] - exact[k]) ** 2;
  assert.ok(Math.sqrt(oneDiff / norm) > 0.1);
});

test('a checkpoint round trip restores the agent bit for bit, and both continue identically', () => {
  const agent = smfrlAgent({ nStep: 3 }, 11, 16);
  const buffer = filledBuffer(agent, 16, 40);
  for (let k = 0; k < 4; k++) agent.update(buffer);
  const folder = tmp();
  try {
    const { meta, weights } = agentToState(agent);
    writeCheckpoint(folder, 4, { agent: meta, weights, trainer: { note: 'x' } });
    const back = readLatestCheckpoint<{ note: string }>(folder);
    assert.equal(back.trainer.note, 'x');
    const restored = agentFromState(back.agent, back.weights);
    assert.deepEqual(agentToState(restored).weights, weights);
    assert.deepEqual(agentToState(restored).meta, JSON.parse(JSON.stringify(meta)));
    const a = agent.update(buffer), b = restored.update(buffer);
    assert.deepEqual(a, b);
    assert.deepEqual(restored.networks.leaderActor.params, agent.networks.leaderActor.params);
    // a corrupt or truncated weights file is refused with the file named
    const weightsPath = join(back.folder, 'weights.bin');
    const bytes = readFileSync(weightsPath);
    bytes[100] ^= 0xff;
    writeFileSync(weightsPath, bytes);
    assert.throws(() => readLatestCheckpoint(folder), (e: Error) => e instanceof CheckpointError && /weights\.bin: SHA-256 does not match state\.json \(corrupt checkpoint\)/.test(e.message));
    writeFileSync(weightsPath, bytes.subarray(0, 64));
    assert.throws(() => readLatestCheckpoint(folder), /weights\.bin: 64 bytes, state\.json expects \d+ \(truncated checkpoint/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

const tinyRun = { n: 20, seed: 4, stepsPerEpoch: 60, updatesPerEpoch: 8, evalEpisodes: 2, exploitEvery: 2, exploitUpdates: 3, settings: { nStep: 4 } };
test('a resumed run gives the same numbers as one never interrupted', () => {
  withTwoRunFolders((a, b) => {
    const whole = train({ ...tinyRun, epochs: 4 }, { runDir: a });
    train({ ...tinyRun, epochs: 2 }, { runDir: b });
    const continued = resume(b, { overrides: { epochs: 4 } });
    assert.equal(continued.metrics.length, 4);
    assert.deepEqual(withoutTimes(continued.metrics), withoutTimes(whole.metrics));
    assert.deepEqual(readFileSync(join(b, 'policy', 'weights.bin')), readFileSync(join(a, 'policy', 'weights.bin')));
    assert.ok(whole.metrics.some((m) => m.exploitLeaderGain !== null), 'exploitability was measured');
    // the run folder holds what the issue asks for
    for (const f of ['config.json', 'metrics.jsonl', 'metrics.csv', 'checkpoints/latest.json', 'policy/policy.json']) assert.ok(existsSync(join(a, f)), f);
    assert.throws(() => resume(tmp()), /is not a training run: .*config\.json is missing/);
  });
});

test('restarts towards a target: after the cutoff, new networks on the attempt\'s seed and an empty replay; inline, worker-thread and resumed runs agree', () => {
  // an unreachable target and a cutoff of two evaluations: the restart follows the epoch after the deciding one
  const run = { ...tinyRun, exploitEvery: 0, epochs: 6, targetReward: 1e9, restartAfterStall: 0, restartAfterEvaluations: 2 };
  withTwoRunFolders((a, b) => {
    const inline = train({ ...run, backgroundEvaluation: false }, { runDir: a });
    const background = train({ ...run, backgroundEvaluation: true }, { runDir: b });
    assert.deepEqual(inline.metrics.map((m) => m.attempt), [0, 0, 0, 1, 1, 1]);
    assert.deepEqual(withoutTimes(background.metrics), withoutTimes(inline.metrics));
    assert.equal(agentToState(inline.agent).meta.seed, attemptSeed(tinyRun.seed, 1));
    assert.notEqual(attemptSeed(tinyRun.seed, 1), tinyRun.seed);
    // the second attempt samples only its own years: epochs 3-5, from transition 3 x 60
    const trainer = readLatestCheckpoint<{ replayStart: number; attempt: number }>(join(a, 'checkpoints')).trainer!;
    assert.equal(trainer.replayStart, 3 * tinyRun.stepsPerEpoch);
    assert.equal(trainer.attempt, 1);
    // resumed with the restart due but not taken (after epoch 3), and after it (after epoch 4)
    for (const stopAt of [3, 4]) {
      const c = tmp();
      try {
        train({ ...run, epochs: stopAt, backgroundEvaluation: false }, { runDir: c });
        const continued = resume(c, { overrides: { epochs: 6 } });
        assert.deepEqual(withoutTimes(continued.metrics), withoutTimes(inline.metrics), `resumed after ${stopAt} epochs`);
        assert.deepEqual(readFileSync(join(c, 'policy', 'weights.bin')), readFileSync(join(a, 'policy', 'weights.bin')));
      } finally {
        rmSync(c, { recursive: true, force: true });
      }
    }
    // without a target nothing restarts
    const plain = train({ ...run, targetReward: null, epochs: 3 }, { runDir: tmp() });
    assert.deepEqual(plain.metrics.map((m) => m.attempt), [0, 0, 0]);
    rmSync(plain.runDir, { recursive: true, force: true });
  });
});

test("a stall's restart is withdrawn when the next evaluation is a new best: the attempts follow restartRule from the recorded evaluations", () => {
  // seed 12: epoch 1's evaluation is not a new best (a stall of 1 asks for a restart after
  // epoch 2), epoch 2's is, so the first networks go on
  const limits = { stall: 1, cutoff: 0 };
  const run = { ...tinyRun, seed: 12, exploitEvery: 0, epochs: 5, targetReward: 1e9, restartAfterStall: limits.stall, restartAfterEvaluations: limits.cutoff };
  withTwoRunFolders((a, b) => {
    const inline = train({ ...run, backgroundEvaluation: false }, { runDir: a });
    const background = train({ ...run, backgroundEvaluation: true }, { runDir: b });
    assert.deepEqual(withoutTimes(background.metrics), withoutTimes(inline.metrics));
    let record = FRESH_ATTEMPT, attempt = 0, withdrawn = 0;
    const expected: number[] = [];
    for (const m of inline.metrics) {
      if (record.restartAfterEpoch !== null && m.epoch > record.restartAfterEpoch) {
        attempt++;
        record = FRESH_ATTEMPT;
      }
      expected.push(attempt);
      const next = afterEvaluation(record, evaluationScore({ allSurvived: m.evalAllSurvived!, meanYears: m.evalYears!, meanGovernmentReward: m.evalGovernmentReward! }), m.epoch, limits);
      if (record.restartAfterEpoch !== null && next.restartAfterEpoch === null) withdrawn++;
      record = next;
    }
    assert.deepEqual(inline.metrics.map((m) => m.attempt), expected);
    assert.equal(inline.metrics[2].attempt, 0, 'epoch 2 trains the first networks: the restart was withdrawn');
    assert.ok(withdrawn >= 1, 'a restart was asked for and withdrawn');
  });
});

test('evaluation on the worker thread gives the numbers of inline evaluation', () => {
  withTwoRunFolders((a, b) => {
    const run = { ...tinyRun, exploitEvery: 0, epochs: 4 };
    const inline = train({ ...run, backgroundEvaluation: false }, { runDir: a });
    const background = train({ ...run, backgroundEvaluation: true }, { runDir: b });
    assert.equal(background.metrics.length, 4);
    assert.ok(background.metrics.every((m) => Number.isFinite(m.evalGovernmentReward)), 'every epoch was evaluated');
    assert.deepEqual(withoutTimes(background.metrics), withoutTimes(inline.metrics));
    assert.deepEqual(readFileSync(join(b, 'policy', 'weights.bin')), readFileSync(join(a, 'policy', 'weights.bin')));
    assert.deepEqual(agentToState(background.agent).weights, agentToState(inline.agent).weights);
  });
});

test('a run that reaches its target while the next epoch trains keeps the evaluated epoch, as inline', () => {
  withTwoRunFolders((a, b) => {
    // N = 100 reaches 3,000 with every episode alive within the first epochs
    const run = { n: 100, seed: 1, epochs: 4, targetReward: 3000, evalEpisodes: 1 };
    const inline = train({ ...run, backgroundEvaluation: false }, { runDir: a });
    const background = train({ ...run, backgroundEvaluation: true }, { runDir: b });
    assert.ok(inline.targetReached, 'the target is reached');
    assert.equal(background.targetReached, true);
    assert.ok(background.timeToTargetSeconds !== null && background.timeToTargetSeconds > 0);
    assert.deepEqual(withoutTimes(background.metrics), withoutTimes(inline.metrics));
    assert.deepEqual(readFileSync(join(b, 'policy', 'weights.bin')), readFileSync(join(a, 'policy', 'weights.bin')));
    // the next epoch's training was cut short: the agent returned is the checkpoint's
    assert.deepEqual(agentToState(background.agent).weights, readLatestCheckpoint(join(b, 'checkpoints')).weights);
    assert.equal(readLatestCheckpoint<{ epoch: number }>(join(b, 'checkpoints')).trainer?.epoch, inline.metrics.length);
  });
});

test('exploitability improves copies: the trained agent is untouched', () => {
  const agent = smfrlAgent({ nStep: 3 }, 12, 16);
  const buffer = filledBuffer(agent, 16, 40);
  const before = agentToState(agent).weights;
  const economy = { n: 16, preset: 'paper' as const };
  const current = evaluateAgent(agent, economy, [90001]);
  const e = measureExploitability(agent, buffer, 5, current, economy);
  assert.deepEqual(agentToState(agent).weights, before);
  assert.ok(Number.isFinite(e.leaderGain) && Number.isFinite(e.followerGain));
});

test('a saved policy evaluated as ordinary policies gives exactly the training evaluation', () => {
  const agent = smfrlAgent({ nStep: 3 }, 13, 25);
  const buffer = filledBuffer(agent, 25, 80);
  for (let k = 0; k < 20; k++) agent.update(buffer);
  const folder = tmp();
  try {
    savePolicy(folder, agent, { method: 'smfrl', n: 25, task: 'gdp', preset: 'paper', provenance: { test: true } });
    const policy = loadPolicy(folder);
    const inTraining = evaluateAgent(agent, { n: 25, preset: 'paper' }, [424242]).episodes[0];
    const economy = createEconomy({ n: 25, seed: 424242, preset: 'paper' });
    const episode = runEpisode(economy, learnedGovernment(policy), learnedHouseholds(policy));
    economy.close();
    assert.equal(episode.metrics.years, inTraining.years);
    assert.equal(episode.metrics.governmentReward, inTraining.governmentReward);
    assert.equal(episode.metrics.socialWelfare, inTraining.socialWelfare);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('bad settings name the field and the allowed values', () => {
  const make = (given: Record<string, unknown>) => methodDefinition('smfrl').create(given, 1, 4);
  assert.throws(() => make({ update: 'half' }), /smfrl setting update must be one of sampled, full, got "half"/);
  assert.throws(() => make({ gamma: 1.5 }), /smfrl setting gamma must be a number in \[0, 1\], got 1\.5/);
  assert.throws(() => make({ hidden: 0 }), /smfrl setting hidden must be an integer in \[1, 4096\], got 0/);
  assert.throws(() => make({ fixes: { leaderTargets: true } }), /smfrl setting fixes: unknown switch 'leaderTargets'; switches: leaderTarget, oneActionEncoding, gradientThroughFollowers/);
  assert.throws(() => make({ leaderTargets: true }), /unknown smfrl setting 'leaderTargets'; smfrl's settings: hidden, gamma, /);
  assert.throws(() => train({ method: 'foo' }, { runDir: join(tmpdir(), 'never') }), new RegExp(`method must be one of ${METHOD_NAMES.join(', ')}; got 'foo'`));
  assert.ok(['smfrl', 'mf', 'iddpg', 'maddpg'].every((m) => METHOD_NAMES.includes(m)));
  assert.throws(() => train({ settings: { meanFieldGradient: false }, method: 'iddpg' }, { runDir: join(tmpdir(), 'never') }), /unknown iddpg setting 'meanFieldGradient'/);
  assert.throws(() => train({ targetReward: Number('abc') }, { runDir: join(tmpdir(), 'never') }), /targetReward must be a number, got NaN/);
});

test('the target needs the mean government reward and every evaluation episode alive', () => {
  assert.equal(reachesTarget({ allSurvived: true, meanGovernmentReward: 3370 }, 3370), true);
  assert.equal(reachesTarget({ allSurvived: true, meanGovernmentReward: 3369.9 }, 3370), false);
  assert.equal(reachesTarget({ allSurvived: false, meanGovernmentReward: 5000 }, 3370), false);
  assert.equal(reachesTarget(null, 3370), false);
  assert.equal(reachesTarget({ allSurvived: true, meanGovernmentReward: 5000 }, null), false);
});
