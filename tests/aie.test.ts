import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useBestBackend, tf } from '../src/learning/backend.js';
import { createEconomy } from '../src/data/defaults.js';
import { differentiate } from '../src/learning/autodiff.js';
import { ReplayBuffer } from '../src/learning/replay.js';
import { evaluateAgent } from '../src/learning/rollout.js';
import { FrozenActing } from '../src/learning/acting.js';
import { loadPolicy } from '../src/learning/policyFolder.js';
import { methodDefinition } from '../src/learning/methods/index.js';
import { AiEconomist, clonePrior, gae, ppoLosses } from '../src/learning/methods/aie.js';
import { evaluationSeeds, readRunMetrics, train } from '../src/learning/train.js';
import { clonedHouseholds } from '../src/policies/behaviourCloned.js';
import { loadClone } from '../src/learning/cloneModel.js';
import { learnedGovernment, learnedHouseholds } from '../src/policies/learned.js';
import { newHouseholdActions } from '../src/policies/households.js';
import { runEpisode } from '../src/policies/episode.js';
import { householdShares, logObservation } from '../src/learning/encoding.js';
import { cli, filledBuffer, killedAndWholeRuns, metricsWithoutTimes, tmpFolder, withTwoRunFolders, withoutTimes } from './trainHelpers.js';

before(async () => {
  await useBestBackend();
});

const small = { lstm: 6, hidden: 5, householdsPerUpdate: 4, passes: 2, minibatches: 2, sequenceLength: 4 };

/** An agent whose households save ~99.7 % (the actor head's output bias), so its economies live for years and the LSTM sees sequences. */
function survivingAgent(method: 'aie' | 'aie-bc', n: number, settings: Record<string, unknown> = {}): AiEconomist {
  const agent = methodDefinition(method).create({ ...small, ...settings }, 2, n) as AiEconomist;
  agent.networks.followers.block('actor.b3').set([3, 0.5]);
  agent.networks.followers.changed();
  return agent;
}

test('GAE against hand-computed values: a collapse (no bootstrap) and a truncated segment (bootstrapped)', () => {
  // years 0-2 end in a collapse; years 3-4 are cut at the end of the collection, V(next) = 3
  const { advantages, returns } = gae([1, 2, 3, 4, 5], [0.5, 1, 1.5, 2, 2.5], [0, 0, 0, 0, 3], [0, 0, 1, 0, 0], [0, 0, 1, 0, 1], 0.9, 0.5);
  // t2: 3 - 1.5 = 1.5; t1: 2 + 0.9 x 1.5 - 1 = 2.35, + 0.45 x 1.5 = 3.025; t0: 1 + 0.9 - 0.5 = 1.4, + 0.45 x 3.025 = 2.76125
  // t4: 5 + 0.9 x 3 - 2.5 = 5.2; t3: 4 + 0.9 x 2.5 - 2 = 4.25, + 0.45 x 5.2 = 6.59
  const expected = [2.76125, 3.025, 1.5, 6.59, 5.2];
  expected.forEach((a, t) => assert.ok(Math.abs(advantages[t] - a) < 1e-12, `A_${t} = ${advantages[t]}, expected ${a}`));
  [3.26125, 4.025, 3, 8.59, 7.7].forEach((r, t) => assert.ok(Math.abs(returns[t] - r) < 1e-12, `R_${t} = ${returns[t]}, expected ${r}`));
  // lambda = 0: one-step TD errors
  assert.deepEqual(Array.from(gae([1, 1], [0, 2], [0, 0], [0, 1], [0, 1], 0.5, 0).advantages), [1 + 0.5 * 2 - 0, 1 - 2]);
});

test('the clipped objective, value loss and entropy against hand-computed values, with the gradient of the clip', () => {
  // ratios 1.5, 0.5, 1.05 (and a masked row), advantages 1, 1, -1, clip 0.2
  const ratios = [1.5, 0.5, 1.05, 3];
  const oldLogProb = [-1, -2, -0.5, 0];
  const logProb = tf.tensor2d(ratios.map((r, k) => oldLogProb[k] + Math.log(r)), [4, 1]);
  const inputs = {
    oldLogProb: tf.tensor2d(oldLogProb, [4, 1]),
    advantage: tf.tensor2d([1, 1, -1, 5], [4, 1]),
    value: tf.tensor2d([1, 2, 3, 4], [4, 1]),
    target: tf.tensor2d([0, 2, 5, 100], [4, 1]),
    mask: tf.tensor2d([1, 1, 1, 0], [4, 1]),
    logStd: tf.tensor1d([-1, 0.5]),
  };
  const out = ppoLosses({ logProb, ...inputs }, 0.2);
  // max(-1.5, -1.2) = -1.2; max(-0.5, -0.8) = -0.5; max(1.05, 1.05) = 1.05: mean over the 3 rows
  assert.ok(Math.abs(out.policy.dataSync()[0] - (-1.2 - 0.5 + 1.05) / 3) < 1e-6);
  assert.ok(Math.abs(out.value.dataSync()[0] - (0.5 * (1 + 0 + 4)) / 3) < 1e-6);
  assert.ok(Math.abs(out.entropy.dataSync()[0] - (-1 + 0.5 + 1 + Math.log(2 * Math.PI))) < 1e-5);
  // d policy / d log pi: 0 where the clip holds (row 0), -A r / 3 elsewhere, 0 on the masked row
  const grad = tf.grad((lp: import('@tensorflow/tfjs').Tensor) => ppoLosses({ logProb: lp as import('@tensorflow/tfjs').Tensor2D, ...inputs }, 0.2).policy)(logProb).dataSync();
  [0, -0.5 / 3, 1.05 / 3, 0].forEach((g, k) => assert.ok(Math.abs(grad[k] - g) < 1e-6, `row ${k}: ${grad[k]}, expected ${g}`));
});

test("the PPO update improves a bandit with a known optimum (both sides, the method's own update)", (t) => {
  const n = 4, best = [0.5, -0.3], leaderBest = [0.5, -0.3, 0.2, 0, -0.6];
  const agent = methodDefinition('aie').create({ ...small, passes: 8, leaderFrozenEpochs: 0, leaderLearningRate: 3e-3, followerLearningRate: 3e-3, leaderRewardScale: 1, entropyCoef: 0, initialLogStd: -1 }, 4, n) as AiEconomist;
  const buffer = new ReplayBuffer(2000, n);
  const g = new Float64Array(6).fill(1), p = Float64Array.from({ length: 2 * n }, (_, k) => 1 + k);
  const uf = new Float64Array(2 * n), seen = new Float64Array(5);
  const loss = (u: ArrayLike<number>, target: number[]) => target.reduce((s, v, k) => s + (u[k] - v) ** 2, 0);
  const meanReward = () => {
    agent.resetRecurrentState();
    const ul = agent.leaderAct(g, false);
    agent.followersAct(p, ul, n, false, uf);
    return { leader: -loss(ul, leaderBest), followers: -loss(uf.subarray(0, 2), best) };
  };
  const before = meanReward();
  for (let epoch = 0; epoch < 25; epoch++) {
    const from = buffer.totalAdded;
    for (let t = 0; t < 32; t++) {
      agent.startEpisode();
      const ul = agent.leaderAct(g, true);
      for (let k = 0; k < 5; k++) seen[k] = Math.max(-1, Math.min(1, ul[k]));
      agent.followersAct(p, seen, n, true, uf);
      const rewards = Array.from({ length: n }, (_, i) => -loss(uf.subarray(2 * i, 2 * i + 2), best));
      buffer.add({ globalObs: g, leaderAction: ul, leaderReward: -loss(ul, leaderBest), terminal: true, episodeEnd: true, nextGlobalObs: g, privateObs: p, followerActions: uf, followerRewards: rewards, nextPrivateObs: p });
    }
    agent.update(buffer, 'both', { from, to: buffer.totalAdded });
  }
  const after = meanReward();
  t.diagnostic(`squared distance of the noise-free action to the optimum: households ${(-before.followers).toFixed(4)} -> ${(-after.followers).toFixed(5)}, government ${(-before.leader).toFixed(4)} -> ${(-after.leader).toFixed(5)}`);
  assert.ok(after.followers > -0.01 && after.followers > before.followers, `households: squared distance to the optimum ${(-before.followers).toFixed(4)} -> ${(-after.followers).toFixed(4)}`);
  assert.ok(after.leader > -0.05 && after.leader > before.leader, `government: squared distance to the optimum ${(-before.leader).toFixed(4)} -> ${(-after.leader).toFixed(4)}`);
});

test("the LSTM actor-critic's gradients (PPO losses over chunks of years, clone prior included) match finite differences", (t) => {
  for (const method of ['aie', 'aie-bc'] as const) {
    const agent = survivingAgent(method, 5);
    const buffer = filledBuffer(agent, 5, 24);
    const data = agent.prepare(buffer, 0, 24);
    for (const side of ['leader', 'followers'] as const) {
      const net = agent.networks[side];
      const ids = data[side].chunks.map((_, k) => k);
      assert.ok(data[side].chunks.some((c) => c.length === 4), `${method} ${side}: chunks of several years`);
      const total = () => {
        const l = agent.minibatchLosses(side, data, ids);
        return [l.policy, tf.mul(l.value, 0.5), tf.mul(l.entropy, -0.01)] as import('@tensorflow/tfjs').Scalar[];
      };
      const lossValue = () => tf.tidy(() => total().reduce((s, t) => s + t.dataSync()[0], 0));
      net.zeroGrads();
      differentiate([net], total);
      const analytic = Float64Array.from(net.grads);
      net.zeroGrads();
      // every 5th parameter, plus the recurrent weights' first entries
      const picked = new Set<number>();
      for (let k = 0; k < net.params.length; k += 5) picked.add(k);
      for (let k = 0; k < 12; k++) picked.add(net.offsetOf('lstm.wh') + k);
      const a: number[] = [], f: number[] = [];
      for (const k of picked) {
        const v = net.params[k], h = 1e-3;
        net.params[k] = v + h;
        net.changed();
        const up = lossValue();
        net.params[k] = v - h;
        net.changed();
        const down = lossValue();
        net.params[k] = v;
        net.changed();
        a.push(analytic[k]);
        f.push((up - down) / (2 * h));
      }
      const dot = a.reduce((s, x, k) => s + x * f[k], 0), na = Math.hypot(...a), nf = Math.hypot(...f);
      const relative = Math.hypot(...a.map((x, k) => x - f[k])) / nf;
      const wh = net.offsetOf('lstm.wh');
      t.diagnostic(`${method} ${side}: relative L2 error ${relative.toFixed(5)}, cosine ${(dot / (na * nf)).toFixed(6)} over ${a.length} of ${net.params.length} parameters`);
      assert.ok(analytic.subarray(wh, wh + 12).some((g) => g !== 0), `${method} ${side}: the recurrent weights get a gradient`);
      assert.ok(relative < 0.03 && dot / (na * nf) > 0.999, `${method} ${side}: relative error ${relative.toFixed(4)}, cosine ${(dot / (na * nf)).toFixed(5)} over ${a.length} parameters`);
    }
  }
});

test('aie-bc: at epoch 0 the households act (noise-free) exactly as the behaviour clone, year after year; log-std = log 2 + the clone\'s', (t) => {
  const n = 30;
  const agent = methodDefinition('aie-bc').create({}, 1, n) as AiEconomist;
  const economy = createEconomy({ n, seed: 3, preset: 'paper' });
  const clone = clonedHouseholds({ deterministic: true });
  const a = newHouseholdActions(n), b = newHouseholdActions(n);
  const logged = new Float64Array(2 * n), u = new Float64Array(2 * n);
  let largest = 0, years = 0;
  try {
    economy.reset();
    agent.startEpisode();
    for (; years < 4 && !economy.done; years++) {
      clone.act(economy, a);
      logObservation(economy.observation.private, logged);
      agent.followersAct(logged, [0.2, -0.5, 0, 0.9, -1], n, false, u);
      householdShares(u, n, b, agent.followerView.savingMap);
      for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(a.savingShare[i] - b.savingShare[i]), Math.abs(a.workShare[i] - b.workShare[i]));
      // the clone's saving (~0.86) would end the economy in year one or two: step with thrifty households instead
      a.savingShare.fill(0.99);
      economy.step(new Float64Array(5).fill(0.5), a);
    }
  } finally {
    economy.close();
  }
  assert.ok(years === 4, `compared over ${years} years`);
  t.diagnostic(`largest share difference over ${years} years x ${n} households: ${largest}`);
  assert.ok(largest < 1e-12, `largest share difference ${largest}`);
  // the clone's log-std at the average SCF household, in u = 2 share - 1
  const { mlp } = loadClone();
  let h = [0, 0];
  mlp.layers.forEach((layer, l) => {
    const next = Array.from(layer.bias);
    for (let i = 0; i < layer.inputs; i++) for (let j = 0; j < layer.outputs; j++) next[j] += h[i] * layer.kernel[i * layer.outputs + j];
    h = l === mlp.layers.length - 1 ? next : next.map((x) => Math.max(0, x));
  });
  const logStd = agent.networks.followers.block('logStd');
  [h[2], h[3]].forEach((s, k) => assert.ok(Math.abs(logStd[k] - (Math.log(2) + s)) < 1e-12));
  assert.deepEqual(clonePrior().logStd, Array.from(logStd));
});

test('same seed, same numbers; the recurrent policy folder acts as the training evaluation did (FrozenActing and learned policies)', () => {
  const input = { method: 'aie-bc', n: 8, stepsPerEpoch: 30, epochs: 2, evalEpisodes: 1, seed: 3, settings: { ...small, leaderFrozenEpochs: 1 } };
  withTwoRunFolders((a, b) => {
    const first = train(input, { runDir: a });
    const second = train(input, { runDir: b });
    assert.deepEqual(withoutTimes(first.metrics), withoutTimes(second.metrics));
    assert.ok(Number.isFinite(first.metrics[1].followerPolicyLoss as number) && Number.isFinite(first.metrics[1].leaderPolicyLoss as number));
    assert.ok(Number.isNaN(first.metrics[0].leaderPolicyLoss as number) || first.metrics[0].leaderPolicyLoss === null, 'the government waits for the curriculum');
    assert.deepEqual(readFileSync(join(a, 'policy', 'weights.bin')), readFileSync(join(b, 'policy', 'weights.bin')));
    const policy = loadPolicy(join(a, 'policy'));
    assert.equal(policy.file.networks.followerActor.kind, 'lstm-gaussian');
    const row = readRunMetrics(a)[1];
    const evaluation = evaluateAgent(new FrozenActing(policy), { n: 8, threads: 'single' }, evaluationSeeds(3, 1));
    assert.equal(evaluation.meanGovernmentReward, row.evalGovernmentReward);
    // as ordinary policies (the same objects twice, on fresh economies: their states restart at each reset)
    const gov = learnedGovernment(policy), households = learnedHouseholds(policy);
    for (let k = 0; k < 2; k++) {
      const economy = createEconomy({ n: 8, seed: evaluationSeeds(3, 1)[0], preset: 'paper', threads: 'single' });
      try {
        assert.equal(runEpisode(economy, gov, households).metrics.governmentReward, row.evalGovernmentReward);
      } finally {
        economy.close();
      }
    }
  });
});

test('smfg train --method aie killed with SIGKILL resumes to the numbers of a run never killed; its policy folder evaluates mixed with another method', async () => {
  const root = tmpFolder('smfg-aie-');
  try {
    const args = ['--method', 'aie', '--n', '20', '--steps-per-epoch', '40', '--eval-episodes', '1', '--quiet', '--lstm', '6', '--hidden', '5', '--passes', '2', '--households-per-update', '4', '--leader-frozen-epochs', '2'];
    const { whole, killed } = await killedAndWholeRuns(root, args, 5);
    assert.deepEqual(metricsWithoutTimes(killed), metricsWithoutTimes(whole));
    assert.deepEqual(readFileSync(join(killed, 'policy', 'weights.bin')), readFileSync(join(whole, 'policy', 'weights.bin')));

    // the aie government with SMFRL's shipped households, and the other way round
    for (const [gov, households] of [[join(whole, 'policy'), 'data/models/smfrl-gdp-n100'], ['data/models/smfrl-gdp-n100', join(whole, 'policy')]]) {
      const result = cli('evaluate', '--gov', gov, '--households', households, '--n', '20', '--any-n', '--seeds', '2', '--json', '--quiet');
      assert.equal(result.status, 0, result.stderr);
      const aggregate = JSON.parse(result.stdout);
      assert.ok(Number.isFinite(aggregate.metrics.governmentReward.mean) && aggregate.metrics.years.mean >= 1, result.stdout.slice(0, 300));
      const written = result.stdout.match(/results written to (.+)/)?.[1]?.trim();
      if (written) rmSync(written, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
