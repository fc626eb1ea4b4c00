/**
 * The methods `smfg train --method` knows: one line each. Everything else (the training loop,
 * checkpoints, policy folders, the CLI's flags, the comparison, retraining, the bench) reaches a
 * method through this registry.
 */
import type { ComparisonRow, MethodDefinition } from '../method.js';
import { defaultText, flagOf, type SettingSpec } from '../settings.js';
import { smfrl } from './smfrl.js';
import { mf } from './mf.js';
import { iddpg } from './iddpg.js';
import { maddpg } from './maddpg.js';
import { aie, aieBc } from './aie.js';

/** In the order of the paper's table. */
export const METHOD_REGISTRY: Record<string, MethodDefinition> = {
  smfrl,
  mf,
  iddpg,
  maddpg,
  // aie.ts is being rewritten (its PPO): its two definitions take these fields when that lands
  aie: { ...aie, comparison: { label: 'AI Economist' }, retrain: { epochCost: 'sampled' } },
  'aie-bc': { ...aieBc, comparison: { label: 'AI Economist + BC' }, retrain: { epochCost: 'sampled' } },
};
export const METHOD_NAMES = Object.keys(METHOD_REGISTRY);

/** The learned rows of the paper's comparison, in the registry's order: each method's own row, then the rows derived from its policy. */
export function comparisonRows(): ComparisonRow[] {
  return Object.values(METHOD_REGISTRY).flatMap(({ name, comparison }) =>
    comparison ? [{ row: name, label: comparison.label, method: name, households: 'followers' as const }, ...(comparison.derived ?? []).map((d) => ({ ...d, method: name }))] : [],
  );
}

export class UnknownMethodError extends Error {
  constructor(name: string, where = 'method') {
    super(`${where} must be one of ${METHOD_NAMES.join(', ')}; got '${name}'`);
    this.name = 'UnknownMethodError';
  }
}

export function methodDefinition(name: string, where?: string): MethodDefinition {
  const definition = Object.hasOwn(METHOD_REGISTRY, name) ? METHOD_REGISTRY[name] : undefined;
  if (!definition) throw new UnknownMethodError(name, where);
  return definition;
}

/** Every method setting as a CLI flag: its setting name, schema entry, the methods that have it, and its help. */
export interface SettingFlag {
  setting: string;
  spec: SettingSpec;
  methods: string[];
  /** The documentation, with the owners when not every method has it. */
  help: string;
  /** The default, per method when they differ. */
  default: string;
}

export function settingFlags(): Map<string, SettingFlag> {
  const flags = new Map<string, SettingFlag>();
  for (const [method, definition] of Object.entries(METHOD_REGISTRY)) {
    for (const [setting, spec] of Object.entries(definition.settings)) {
      const flag = flagOf(setting);
      const entry = flags.get(flag) ?? { setting, spec, methods: [], help: '', default: '' };
      entry.methods.push(method);
      flags.set(flag, entry);
    }
  }
  for (const entry of flags.values()) {
    const defaults = entry.methods.map((m) => defaultText(METHOD_REGISTRY[m].settings[entry.setting]));
    const owners = entry.methods.length === METHOD_NAMES.length ? '' : ` [${entry.methods.join(', ')}]`;
    entry.help = `${entry.spec.doc}${owners}`;
    entry.default = new Set(defaults).size === 1 ? defaults[0]! : entry.methods.map((m, k) => `${m} ${defaults[k]}`).join(', ');
  }
  return flags;
}
