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
import { AiEconomist, clonePrior, ppoLosses } from '../src/learning/methods/aie.js';
import { OnPolicyStore, PackedChunks } from '../src/learning/onPolicyStore.js';
import { Normaliser } from '../src/learning/normaliser.js';
import { evaluationSeeds, readRunMetrics, train } from '../src/learning/train.js';
import { cloneAgent } from '../src/learning/agentState.js';
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

/** A store of one side of `rows` sequences over `years` years, with the given segment ends (and collapses). */
function storeOf(years: number, rows: number, ends: number[], collapses: number[] = [], width = 1, inputs = 1): OnPolicyStore {
  const store = new OnPolicyStore(years, { side: { rows, width, inputs, actions: 1, stateSize: 2 } }, { global: new Normaliser(6), private: new Normaliser(2) });
  for (let t = 0; t < years; t++) store.addYear(collapses.includes(t), ends.includes(t));
  return store;
}

test('the on-policy store: GAE against hand-computed values, a collapse (no bootstrap) and a truncated segment (bootstrapped), per sequence', () => {
  // years 0-2 end in a collapse; years 3-4 are cut at the end of the collection; two sequences side by side (entry t x 2 + q)
  const store = storeOf(5, 2, [2, 4], [2]);
  const d = store.sides.side;
  assert.equal(d.rewards.length, 10);
  [1, 2, 3, 4, 5].forEach((r, t) => (d.rewards[t * 2] = r));
  [0.5, 1, 1.5, 2, 2.5].forEach((v, t) => (d.value[t * 2] = v));
  d.nextValue[4 * 2] = 3;
  d.rewards[4 * 2 + 1] = 1;
  d.nextValue[4 * 2 + 1] = 10;
  d.nextValue[2 * 2 + 1] = 99; // a collapse: never read
  store.gae(0.9, 0.5);
  // sequence 0. t2: 3 - 1.5 = 1.5; t1: 2 + 0.9 x 1.5 - 1 = 2.35, + 0.45 x 1.5 = 3.025; t0: 1 + 0.9 - 0.5 = 1.4, + 0.45 x 3.025 = 2.76125
  // t4: 5 + 0.9 x 3 - 2.5 = 5.2; t3: 4 + 0.9 x 2.5 - 2 = 4.25, + 0.45 x 5.2 = 6.59
  // sequence 1 (values 0). t4: 1 + 0.9 x 10 = 10; t3: 0.45 x 10 = 4.5; years 0-2: 0
  const expected = [2.76125, 0, 3.025, 0, 1.5, 0, 6.59, 4.5, 5.2, 10];
  expected.forEach((a, k) => assert.ok(Math.abs(d.advantages[k] - a) < 1e-12, `A[${k}] = ${d.advantages[k]}, expected ${a}`));
  [3.26125, 0, 4.025, 0, 3, 0, 8.59, 4.5, 7.7, 10].forEach((r, k) => assert.ok(Math.abs(d.returns[k] - r) < 1e-12, `R[${k}] = ${d.returns[k]}, expected ${r}`));
  // lambda = 0: one-step TD errors; the last recorded year ends its segment even unflagged
  const td = storeOf(2, 1, [], [0]);
  td.sides.side.rewards.set([1, 1]);
  td.sides.side.value.set([0, 2]);
  td.gae(0.5, 0);
  assert.deepEqual(Array.from(td.sides.side.advantages), [1, 1 - 2]);
});

test("the on-policy store's chunks and its one packer: sequences cut at segment ends and every sequenceLength years, packed year-major from their recorded states", () => {
  // 7 years, 2 sequences, rows of 2 inputs and 1 further feature; a collapse at year 2
  const store = storeOf(7, 2, [2], [2], 3, 2);
  const d = store.sides.side;
  assert.deepEqual([d.x.length, d.state.length, d.actions.length, d.logProb.length], [7 * 2 * 3, 7 * 2 * 2, 7 * 2, 7 * 2]);
  for (let t = 0; t < 7; t++) {
    for (let q = 0; q < 2; q++) {
      const at = t * 2 + q;
      for (let c = 0; c < 3; c++) d.x[at * 3 + c] = 100 * t + 10 * q + c;
      for (let z = 0; z < 2; z++) d.state[at * 2 + z] = 1000 + 100 * t + 10 * q + z;
      d.actions[at] = t + q / 10;
    }
  }
  const chunks = store.chunks('side', 3);
  assert.deepEqual(chunks, [
    { sequence: 0, start: 0, length: 3 }, { sequence: 1, start: 0, length: 3 },
    { sequence: 0, start: 3, length: 3 }, { sequence: 1, start: 3, length: 3 },
    { sequence: 0, start: 6, length: 1 }, { sequence: 1, start: 6, length: 1 },
  ]);
  assert.deepEqual(store.chunks('side', 10).map((c) => c.length), [3, 3, 4, 4]);
  // sequence 1 from year 3 (3 years) beside sequence 0's year 6 (1 year): rows j x 2 + b
  const mb = new PackedChunks(d, [chunks[3], chunks[4]]);
  assert.deepEqual([mb.steps, mb.batch, mb.rows], [3, 2, 6]);
  assert.deepEqual(mb.x.map((x) => Array.from(x)), [[310, 311, 600, 601], [410, 411, 0, 0], [510, 511, 0, 0]]);
  assert.deepEqual(Array.from(mb.features!), [312, 602, 412, 0, 512, 0]);
  assert.deepEqual(Array.from(mb.state), [1310, 1311, 1600, 1601]);
  assert.deepEqual(Array.from(mb.actions), [3.1, 6, 4.1, 0, 5.1, 0].map(Math.fround));
  assert.deepEqual(Array.from(mb.mask), [1, 1, 1, 0, 1, 0]);
  assert.deepEqual(Array.from(mb.at), [7, 12, 9, -1, 11, -1]);
  // per-entry quantities in and out; advantages normalised over the 4 rows within chunks
  d.advantages.set([1, 2, 3, 4], 9 - 2);
  d.advantages[9] = 3;
  d.advantages[11] = 5;
  d.advantages[12] = 7; // rows' values: 1 (entry 7), 3 (9), 5 (11), 7 (12): mean 4, sd sqrt(20 / 3)
  assert.deepEqual(Array.from(mb.gather(d.advantages)), [1, 7, 3, 0, 5, 0]);
  const sd = Math.sqrt(20 / 3);
  Array.from(mb.normalised(d.advantages)).forEach((v, r) => assert.ok(Math.abs(v - [-3, 3, -1, 0, 1, 0][r] / sd) < 1e-6, `row ${r}: ${v}`));
  mb.scatter([10, 20, 30, 40, 50, 60], d.value);
  assert.deepEqual([d.value[7], d.value[12], d.value[9], d.value[11], d.value[8]], [10, 20, 30, 50, 0]);
  assert.throws(() => new PackedChunks(d, []), /no chunks/);
  assert.throws(() => store.addYear(false, false), /full/);
});

test('the rollout fills the store through the hooks with what acting used: replaying the recorded rows reproduces every recorded state', () => {
  for (const method of ['aie', 'aie-bc'] as const) {
    const agent = survivingAgent(method, 5);
    const buffer = filledBuffer(agent, 5, 24);
    const store = agent.onPolicyStore!;
    assert.equal(store.length, 24);
    assert.equal(store.end[23], 1, 'the collection ends a segment');
    for (const side of ['leader', 'followers'] as const) {
      const net = agent.networks[side], d = store.sides[side], R = d.shape.rows, W = net.inputWidth, Z = net.stateSize;
      assert.deepEqual([R, d.shape.width, d.shape.stateSize], [side === 'leader' ? 1 : 4, W, Z]);
      const state = new Float64Array(R * Z);
      let truncations = 0;
      for (let t = 0; t < 24; t++) {
        assert.deepEqual(d.state.subarray(t * R * Z, (t + 1) * R * Z), state, `${method} ${side}: the state year ${t} was acted from`);
        net.step(d.x.slice(t * R * W, (t + 1) * R * W), R, state);
        if (store.end[t]) {
          state.fill(0);
          if (!store.terminal[t]) truncations++;
          assert.equal(d.nextValue.subarray(t * R, (t + 1) * R).some((v) => v !== 0), !store.terminal[t], `${method} ${side} year ${t}: a bootstrap value exactly where truncated`);
        }
      }
      assert.ok(truncations >= 1 && store.chunks(side, 4).some((c) => c.length === 4), `${method} ${side}: a truncated segment and chunks of several years`);
    }
    // what the replay buffer got too: the government's u (float64 there), the drawn households' u and rewards (float32 there)
    const slot = buffer.slotOf(7), hh = agent.households;
    assert.deepEqual(Array.from(store.sides.leader.actions.subarray(7 * 5, 8 * 5)), Array.from(slot.leader.subarray(buffer.layout.action, buffer.layout.action + 5)));
    hh.forEach((h, q) => {
      assert.equal(Math.fround(store.sides.followers.rewards[7 * 4 + q]), slot.rewards[h]);
      assert.deepEqual(Array.from(store.sides.followers.actions.subarray((7 * 4 + q) * 2, (7 * 4 + q + 1) * 2), Math.fround), Array.from(slot.actions.subarray(h * 2, h * 2 + 2)));
    });
  }
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
    // one-year episodes through the rollout's hooks, as collect() calls them
    const from = buffer.totalAdded;
    agent.startRollout(32, n);
    for (let t = 0; t < 32; t++) {
      agent.startEpisode();
      const ul = agent.leaderAct(g, true);
      for (let k = 0; k < 5; k++) seen[k] = Math.max(-1, Math.min(1, ul[k]));
      agent.followersAct(p, seen, n, true, uf);
      const rewards = Array.from({ length: n }, (_, i) => -loss(uf.subarray(2 * i, 2 * i + 2), best));
      const year = { globalObs: g, leaderAction: ul, leaderReward: -loss(ul, leaderBest), terminal: true, episodeEnd: true, nextGlobalObs: g, privateObs: p, followerActions: uf, followerRewards: rewards, nextPrivateObs: p };
      buffer.add(year);
      agent.recordYear(year);
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
    filledBuffer(agent, 5, 24);
    agent.prepare();
    for (const side of ['leader', 'followers'] as const) {
      const net = agent.networks[side];
      const chunks = agent.onPolicyStore!.chunks(side, 4);
      assert.ok(chunks.some((c) => c.length === 4), `${method} ${side}: chunks of several years`);
      const total = () => {
        const l = agent.minibatchLosses(side, chunks);
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

test("exploitability's copies take a copy of the store: --exploit-every improves each side alone by PPO on the latest collection", () => {
  const agent = survivingAgent('aie', 5);
  const buffer = filledBuffer(agent, 5, 12);
  agent.update(buffer, 'both', { from: 0, to: 12 });
  const copy = cloneAgent(agent) as AiEconomist;
  assert.notEqual(copy.onPolicyStore, agent.onPolicyStore);
  assert.deepEqual(copy.onPolicyStore!.sides.followers.x, agent.onPolicyStore!.sides.followers.x);
  const before = Float64Array.from(agent.networks.followers.params);
  copy.update(buffer, 'followers');
  assert.deepEqual(agent.networks.followers.params, before, 'the agent is untouched');
  assert.notDeepEqual(copy.networks.followers.params, before, 'the copy learned');
  const root = tmpFolder('smfg-aie-exploit-');
  try {
    const run = train({ method: 'aie', n: 6, stepsPerEpoch: 20, epochs: 1, evalEpisodes: 1, exploitEvery: 1, exploitUpdates: 2, seed: 2, settings: { ...small, leaderFrozenEpochs: 0 } }, { runDir: root });
    const row = run.metrics[0];
    assert.ok(Number.isFinite(row.exploitFollowerGain) && Number.isFinite(row.exploitLeaderGain), JSON.stringify(row));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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
