/**
 * An SMFRL agent as data: the parameters of its eight networks and its four optimisers' moments
 * in one Float64Array, and everything else (configuration, shapes, Adam step counts, normalisers,
 * random generator states, update count) as JSON. Checkpoints, exploitability's copies and the
 * shipped policies all go through here, so a copy is the agent bit for bit.
 */
import { Normaliser, type NormaliserState } from './normaliser.js';
import { NETWORK_NAMES, OPTIMISED, Smfrl, makeSmfrlConfig, type SmfrlConfig } from './smfrl.js';

export interface AgentMeta {
  kind: 'smfrl-agent';
  config: SmfrlConfig;
  seed: number;
  /** Parameters per network, in NETWORK_NAMES order, then m and v per optimiser (OPTIMISED order). */
  layout: { name: string; length: number }[];
  adamSteps: Record<string, number>;
  learningRates: Record<string, number>;
  normalisers: { global: NormaliserState; private: NormaliserState };
  rng: { noise: number[]; sample: number[] };
  updates: number;
}

export function agentToState(agent: Smfrl, seed: number): { meta: AgentMeta; weights: Float64Array } {
  const parts: { name: string; values: Float64Array }[] = [];
  for (const name of NETWORK_NAMES) parts.push({ name, values: agent.networks[name].params });
  for (const name of OPTIMISED) {
    parts.push({ name: `${name}.adam.m`, values: agent.optimisers[name].m });
    parts.push({ name: `${name}.adam.v`, values: agent.optimisers[name].v });
  }
  const weights = new Float64Array(parts.reduce((s, p) => s + p.values.length, 0));
  let offset = 0;
  for (const p of parts) {
    weights.set(p.values, offset);
    offset += p.values.length;
  }
  const rngWords = (rng: { saveState(into: Int32Array, offset: number): void }) => {
    const words = new Int32Array(4);
    rng.saveState(words, 0);
    return [...words];
  };
  return {
    meta: {
      kind: 'smfrl-agent',
      config: agent.config,
      seed,
      layout: parts.map((p) => ({ name: p.name, length: p.values.length })),
      adamSteps: Object.fromEntries(OPTIMISED.map((n) => [n, agent.optimisers[n].step])),
      learningRates: Object.fromEntries(OPTIMISED.map((n) => [n, agent.optimisers[n].learningRate])),
      normalisers: { global: agent.globalNormaliser.toJSON(), private: agent.privateNormaliser.toJSON() },
      rng: { noise: rngWords(agent.noiseRng), sample: rngWords(agent.sampleRng) },
      updates: agent.updates,
    },
    weights,
  };
}

/** Rebuilds an agent; every field is checked, and errors name it. */
export function agentFromState(meta: AgentMeta, weights: Float64Array, where = 'checkpoint'): Smfrl {
  if (!meta || meta.kind !== 'smfrl-agent') throw new TypeError(`${where}: not an SMFRL agent (kind is '${meta?.kind}', expected 'smfrl-agent')`);
  let config: SmfrlConfig;
  try {
    config = makeSmfrlConfig(meta.config);
  } catch (error) {
    throw new TypeError(`${where}: config: ${(error as Error).message}`);
  }
  if (!Number.isInteger(meta.seed)) throw new TypeError(`${where}: seed must be an integer`);
  const agent = new Smfrl(config, meta.seed);
  const expected: { name: string; target: Float64Array }[] = [];
  for (const name of NETWORK_NAMES) expected.push({ name, target: agent.networks[name].params });
  for (const name of OPTIMISED) {
    expected.push({ name: `${name}.adam.m`, target: agent.optimisers[name].m });
    expected.push({ name: `${name}.adam.v`, target: agent.optimisers[name].v });
  }
  if (!Array.isArray(meta.layout) || meta.layout.length !== expected.length) throw new TypeError(`${where}: layout must list ${expected.length} arrays (${expected.map((e) => e.name).join(', ')})`);
  const total = expected.reduce((s, e) => s + e.target.length, 0);
  if (weights.length !== total) throw new TypeError(`${where}: weights hold ${weights.length} numbers, the configuration needs ${total} (truncated or made for other network sizes)`);
  let offset = 0;
  expected.forEach((e, k) => {
    const entry = meta.layout[k];
    if (entry?.name !== e.name || entry.length !== e.target.length) throw new TypeError(`${where}: layout entry ${k} is ${JSON.stringify(entry)}, expected {"name":"${e.name}","length":${e.target.length}}`);
    const values = weights.subarray(offset, offset + e.target.length);
    if (!values.every(Number.isFinite)) throw new TypeError(`${where}: ${e.name} holds values that are not finite numbers (corrupt weights)`);
    e.target.set(values);
    offset += e.target.length;
  });
  for (const name of OPTIMISED) {
    const step = meta.adamSteps?.[name];
    const lr = meta.learningRates?.[name];
    if (!Number.isInteger(step) || step < 0) throw new TypeError(`${where}: adamSteps.${name} must be an integer >= 0`);
    if (!(typeof lr === 'number' && lr > 0)) throw new TypeError(`${where}: learningRates.${name} must be a number > 0`);
    agent.optimisers[name].step = step;
    agent.optimisers[name].learningRate = lr;
  }
  if (!meta.normalisers?.global || !meta.normalisers?.private) throw new TypeError(`${where}: normalisers.global and normalisers.private are required (a policy without its normalisers cannot be evaluated)`);
  copyNormaliser(Normaliser.fromJSON(meta.normalisers.global, `${where}: normalisers.global`), agent.globalNormaliser);
  copyNormaliser(Normaliser.fromJSON(meta.normalisers.private, `${where}: normalisers.private`), agent.privateNormaliser);
  for (const [key, rng] of [['noise', agent.noiseRng], ['sample', agent.sampleRng]] as const) {
    const words = meta.rng?.[key];
    if (!Array.isArray(words) || words.length !== 4 || !words.every(Number.isInteger)) throw new TypeError(`${where}: rng.${key} must be 4 integers`);
    rng.loadState(Int32Array.from(words), 0);
  }
  if (!Number.isInteger(meta.updates) || meta.updates < 0) throw new TypeError(`${where}: updates must be an integer >= 0`);
  agent.updates = meta.updates;
  return agent;
}

function copyNormaliser(from: Normaliser, to: Normaliser): void {
  if (from.size !== to.size) throw new TypeError(`normaliser of size ${from.size} where ${to.size} is expected (made for another observation size)`);
  to.mean.set(from.mean);
  to.m2.set(from.m2);
  to.count = from.count;
}

/** A deep copy (exploitability improves copies, never the agent being trained). */
export function cloneAgent(agent: Smfrl, seed: number): Smfrl {
  const { meta, weights } = agentToState(agent, seed);
  return agentFromState(JSON.parse(JSON.stringify(meta)), weights, 'copy');
}
