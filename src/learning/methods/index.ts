/**
 * The methods `smfg train --method` knows: one line each. Everything else (the training loop,
 * checkpoints, policy folders, the CLI's flags) reaches a method through this registry.
 */
import type { MethodDefinition } from '../method.js';
import { flagOf, helpOf, type SettingSpec } from '../settings.js';
import { smfrl } from './smfrl.js';
import { mf } from './mf.js';
import { iddpg } from './iddpg.js';
import { maddpg } from './maddpg.js';
import { aie, aieBc } from './aie.js';

export const METHOD_REGISTRY: Record<string, MethodDefinition> = { smfrl, mf, iddpg, maddpg, aie, 'aie-bc': aieBc };
export const METHOD_NAMES = Object.keys(METHOD_REGISTRY);

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

/** Every method setting as a CLI flag: its setting name, schema entry and the methods that have it. */
export interface SettingFlag {
  setting: string;
  spec: SettingSpec;
  methods: string[];
  help: string;
}

export function settingFlags(): Map<string, SettingFlag> {
  const flags = new Map<string, SettingFlag>();
  for (const [method, definition] of Object.entries(METHOD_REGISTRY)) {
    for (const [setting, spec] of Object.entries(definition.settings)) {
      const flag = flagOf(setting);
      const entry = flags.get(flag) ?? { setting, spec, methods: [], help: '' };
      entry.methods.push(method);
      flags.set(flag, entry);
    }
  }
  for (const entry of flags.values()) {
    const defaults = entry.methods.map((m) => `${m} ${defaultText(METHOD_REGISTRY[m].settings[entry.setting])}`);
    const same = new Set(entry.methods.map((m) => defaultText(METHOD_REGISTRY[m].settings[entry.setting]))).size === 1;
    const owners = entry.methods.length === METHOD_NAMES.length ? '' : ` [${entry.methods.join(', ')}]`;
    entry.help = `${helpOf(entry.setting, entry.spec).replace(/^--\S+ /, '').replace(/ \(default [^)]*\)$/, '')}${owners} (default ${same ? defaultText(entry.spec) : defaults.join(', ')})`;
  }
  return flags;
}

function defaultText(spec: SettingSpec): string {
  return spec.kind === 'switches' ? 'all' : String(spec.default);
}
