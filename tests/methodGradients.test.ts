import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEconomy } from '../src/data/defaults.js';
import { ReplayBuffer } from '../src/learning/replay.js';
import { collect } from '../src/learning/rollout.js';
import { METHOD_NAMES, methodDefinition } from '../src/learning/methods/index.js';
import type { Agent, Side } from '../src/learning/method.js';
import { useBestBackend } from '../src/learning/backend.js';

before(async () => {
  await useBestBackend();
});

/**
 * Every method's update, as TensorFlow.js differentiates it, against finite differences of the
 * same update's losses (computed in float32, hence steps of 1e-3 and a tolerance of a few percent
 * on the whole gradient rather than 1e-6 per entry): the critics' mean squared errors and the actors' objectives, including the
 * composite ones (SMFRL's leader through the followers' response, the followers through the mean
 * action). The sampling generator is rewound before each evaluation, so every loss is computed on
 * the same batch.
 */
function agentWithData(method: string, settings: Record<string, unknown>): { agent: Agent; buffer: ReplayBuffer } {
  const n = 6;
  const agent = methodDefinition(method).create({ hidden: 8, leaderBatch: 5, followerBatch: 4, nStep: 3, saturationWeight: 0, ...settings }, 3, n) as Agent;
  const buffer = new ReplayBuffer(200, n);
  const economy = createEconomy({ n, seed: 9, preset: 'paper' });
  try {
    collect(agent, economy, buffer, 40);
  } finally {
    economy.close();
  }
  return { agent, buffer };
}

function checkMethod(method: string, side: Side, network: string, loss: string, settings: Record<string, unknown> = {}): void {
  const { agent, buffer } = agentWithData(method, settings);
  const state = new Int32Array(4);
  agent.sampleRng.saveState(state, 0);
  const evaluate = () => {
    agent.sampleRng.loadState(state, 0);
    return agent.dryUpdate(buffer, side);
  };
  const analytic = evaluate().gradients[network];
  assert.ok(analytic && analytic.some((g) => g !== 0), `${method}: ${network} gets a gradient from the ${side}' update`);
  const net = agent.networks[network], params = net.params;
  const stride = Math.max(1, Math.floor(params.length / 80));
  const a: number[] = [], f: number[] = [];
  for (let k = 0; k < params.length; k += stride) {
    const v = params[k], h = 1e-3;
    params[k] = v + h;
    net.changed();
    const up = evaluate().losses[loss];
    params[k] = v - h;
    net.changed();
    const down = evaluate().losses[loss];
    params[k] = v;
    net.changed();
    a.push(analytic[k]);
    f.push((up - down) / (2 * h));
  }
  const dot = a.reduce((s, x, k) => s + x * f[k], 0), na = Math.hypot(...a), nf = Math.hypot(...f);
  const relative = Math.hypot(...a.map((x, k) => x - f[k])) / nf;
  assert.ok(nf > 0, `${method} ${network}: finite differences see the parameters`);
  assert.ok(relative < 0.03 && dot / (na * nf) > 0.999, `${method} ${network} (${side}): relative error ${relative.toFixed(4)}, cosine ${(dot / (na * nf)).toFixed(5)} over ${a.length} parameters`);
}

// the replay actor-critic methods (the on-policy AI Economist's gradients are tested in tests/aie.test.ts)
for (const method of METHOD_NAMES.filter((m) => 'leaderBatch' in methodDefinition(m).settings)) {
  test(`${method}: every network's gradient in an update matches finite differences of its loss`, () => {
    checkMethod(method, 'leader', 'leaderCritic', 'leaderCritic');
    checkMethod(method, 'leader', 'leaderActor', 'leaderActor');
    checkMethod(method, 'followers', 'followerCritic', 'followerCritic');
    checkMethod(method, 'followers', 'followerActor', 'followerActor');
  });
}

test("smfrl's composite gradients: the leader's through the followers' response, the followers' through the mean action, each on and off", () => {
  // on: the leader actor's gradient includes the followers' reaction; off: only the critic's direct term
  checkMethod('smfrl', 'leader', 'leaderActor', 'leaderActor', { fixes: { gradientThroughFollowers: true } });
  checkMethod('smfrl', 'followers', 'followerActor', 'followerActor', { meanFieldGradient: true, update: 'full' });
  const on = agentWithData('smfrl', { meanFieldGradient: true }), off = agentWithData('smfrl', { meanFieldGradient: false });
  const a = on.agent.gradientsOf(on.buffer, 'followers').followerActor, b = off.agent.gradientsOf(off.buffer, 'followers').followerActor;
  assert.equal(a.length, b.length);
  assert.notDeepEqual(a, b, 'the mean-field term changes the followers\' gradient');
  const through = agentWithData('smfrl', {}), without = agentWithData('smfrl', { fixes: { gradientThroughFollowers: false } });
  assert.notDeepEqual(through.agent.gradientsOf(through.buffer, 'leader').leaderActor, without.agent.gradientsOf(without.buffer, 'leader').leaderActor);
  // the follower actor is differentiated through, never trained, by the leader's loss
  assert.equal(through.agent.gradientsOf(through.buffer, 'leader').followerActor, undefined);
});

test('with the saturation penalty the actors\' gradient still matches finite differences (actors pushed into saturation)', () => {
  const { agent, buffer } = agentWithData('smfrl', { saturationWeight: 1, saturationThreshold: 0.05 });
  const state = new Int32Array(4);
  agent.sampleRng.saveState(state, 0);
  // the penalty is not part of the reported actor loss: check that the gradient differs from the penalty-free one
  agent.sampleRng.loadState(state, 0);
  const withPenalty = agent.dryUpdate(buffer, 'followers').gradients.followerActor;
  (agent.settings as { saturationWeight: number }).saturationWeight = 0;
  agent.sampleRng.loadState(state, 0);
  const without = agent.dryUpdate(buffer, 'followers').gradients.followerActor;
  assert.notDeepEqual(withPenalty, without);
});
