/**
 * Any method's agent as data: the parameters of its networks and its optimisers' moments in one
 * Float64Array, and everything else (method, settings, layout, Adam step counts, normalisers,
 * generator states, update count) as JSON. Checkpoints and exploitability's copies go through
 * here, so a copy is the agent bit for bit.
 */
import { Normaliser, type NormaliserState } from './normaliser.js';
import type { Method } from './method.js';
import { methodDefinition } from './methods/index.js';
import { PAPER_INSTRUMENTS, instrumentSpace } from '../economy/spaces.js';

export interface AgentMeta {
  kind: 'agent';
  method: string;
  settings: Record<string, unknown>;
  seed: number;
  n: number;
  /** The instruments the leader sets (absent in checkpoints written before: the paper's five). */
  leaderInstruments?: string[];
  /** Parameters per network (the method's order), then m and v per optimiser. */
  layout: { name: string; length: number }[];
  adamSteps: Record<string, number>;
  learningRates: Record<string, number>;
  normalisers: { global: NormaliserState; private: NormaliserState };
  rng: Record<string, number[]>;
  updates: number;
}

function parts(agent: Method): { name: string; values: Float64Array }[] {
  const out: { name: string; values: Float64Array }[] = [];
  for (const [name, net] of Object.entries(agent.networks)) out.push({ name, values: net.params });
  for (const [name, adam] of Object.entries(agent.optimisers)) {
    out.push({ name: `${name}.adam.m`, values: adam.m });
    out.push({ name: `${name}.adam.v`, values: adam.v });
  }
  return out;
}

export function agentToState(agent: Method): { meta: AgentMeta; weights: Float64Array } {
  const all = parts(agent);
  const weights = new Float64Array(all.reduce((s, p) => s + p.values.length, 0));
  let offset = 0;
  for (const p of all) {
    weights.set(p.values, offset);
    offset += p.values.length;
  }
  const rng: Record<string, number[]> = {};
  for (const [name, generator] of Object.entries(agent.rngs)) {
    const words = new Int32Array(4);
    generator.saveState(words, 0);
    rng[name] = [...words];
  }
  return {
    meta: {
      kind: 'agent',
      method: agent.method,
      settings: JSON.parse(JSON.stringify(agent.settings)),
      seed: agent.seed,
      n: agent.n,
      leaderInstruments: [...agent.leaderAction.names],
      layout: all.map((p) => ({ name: p.name, length: p.values.length })),
      adamSteps: Object.fromEntries(Object.entries(agent.optimisers).map(([k, a]) => [k, a.step])),
      learningRates: Object.fromEntries(Object.entries(agent.optimisers).map(([k, a]) => [k, a.learningRate])),
      normalisers: { global: agent.globalNormaliser.toJSON(), private: agent.privateNormaliser.toJSON() },
      rng,
      updates: agent.updates,
    },
    weights,
  };
}

/** Rebuilds an agent; every field is checked, and errors name it. */
export function agentFromState(meta: AgentMeta, weights: Float64Array, where = 'checkpoint'): Method {
  if (!meta || meta.kind !== 'agent') throw new TypeError(`${where}: not an agent (kind is '${meta?.kind}', expected 'agent'; checkpoints written before the learning layer carried several methods cannot be resumed)`);
  if (!Number.isInteger(meta.seed)) throw new TypeError(`${where}: seed must be an integer`);
  if (!Number.isInteger(meta.n) || meta.n < 1) throw new TypeError(`${where}: n must be a positive integer`);
  let agent: Method;
  try {
    // checkpoints written before the leader's instruments were recorded set the paper's five
    const leaderAction = meta.leaderInstruments === undefined ? PAPER_INSTRUMENTS : instrumentSpace(meta.leaderInstruments, 'leaderInstruments');
    agent = methodDefinition(meta.method, 'method').create(meta.settings ?? {}, meta.seed, meta.n, leaderAction);
  } catch (error) {
    throw new TypeError(`${where}: ${(error as Error).message}`);
  }
  const expected = parts(agent);
  if (!Array.isArray(meta.layout) || meta.layout.length !== expected.length) throw new TypeError(`${where}: layout must list ${expected.length} arrays (${expected.map((e) => e.name).join(', ')})`);
  // the layout first: a meta of another method or size names the entry, not just a total that differs
  expected.forEach((e, k) => {
    const entry = meta.layout[k];
    if (entry?.name !== e.name || entry.length !== e.values.length) throw new TypeError(`${where}: layout entry ${k} is ${JSON.stringify(entry)}, expected {"name":"${e.name}","length":${e.values.length}}`);
  });
  const total = expected.reduce((s, e) => s + e.values.length, 0);
  if (weights.length !== total) throw new TypeError(`${where}: weights hold ${weights.length} numbers, the configuration needs ${total} (truncated or made for other network sizes)`);
  let offset = 0;
  expected.forEach((e) => {
    const values = weights.subarray(offset, offset + e.values.length);
    if (!values.every(Number.isFinite)) throw new TypeError(`${where}: ${e.name} holds values that are not finite numbers (corrupt weights)`);
    e.values.set(values);
    offset += e.values.length;
  });
  for (const [name, adam] of Object.entries(agent.optimisers)) {
    const step = meta.adamSteps?.[name];
    const lr = meta.learningRates?.[name];
    if (!Number.isInteger(step) || step < 0) throw new TypeError(`${where}: adamSteps.${name} must be an integer >= 0`);
    if (!(typeof lr === 'number' && lr > 0)) throw new TypeError(`${where}: learningRates.${name} must be a number > 0`);
    adam.step = step;
    adam.learningRate = lr;
  }
  if (!meta.normalisers?.global || !meta.normalisers?.private) throw new TypeError(`${where}: normalisers.global and normalisers.private are required (a policy without its normalisers cannot be evaluated)`);
  agent.globalNormaliser.copyFrom(Normaliser.fromJSON(meta.normalisers.global, `${where}: normalisers.global`));
  agent.privateNormaliser.copyFrom(Normaliser.fromJSON(meta.normalisers.private, `${where}: normalisers.private`));
  for (const [name, generator] of Object.entries(agent.rngs)) {
    const words = meta.rng?.[name];
    if (!Array.isArray(words) || words.length !== 4 || !words.every(Number.isInteger)) throw new TypeError(`${where}: rng.${name} must be 4 integers`);
    generator.loadState(Int32Array.from(words), 0);
  }
  if (!Number.isInteger(meta.updates) || meta.updates < 0) throw new TypeError(`${where}: updates must be an integer >= 0`);
  agent.updates = meta.updates;
  return agent;
}

/** A deep copy (exploitability improves copies, never the agent being trained), with an on-policy method's latest collection. */
export function cloneAgent(agent: Method): Method {
  const { meta, weights } = agentToState(agent);
  const copy = agentFromState(JSON.parse(JSON.stringify(meta)), weights, 'copy');
  if (agent.onPolicyStore) copy.onPolicyStore = agent.onPolicyStore.clone();
  return copy;
}
