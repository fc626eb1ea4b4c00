/**
 * A method's settings, declared once: each entry gives the default, the documentation, the check
 * (errors name the setting and what is allowed) and, through its name, the CLI flag
 * (`meanFieldGradient` -> `--mean-field-gradient`). Defaults, validation, `smfg train --help`
 * and the flags all come from the same schema.
 */

export type SettingSpec =
  | { kind: 'integer'; default: number; min: number; max?: number; doc: string }
  | { kind: 'number'; default: number; min: number; max: number; openMin?: boolean; doc: string }
  | { kind: 'boolean'; default: boolean; doc: string }
  | { kind: 'choice'; default: string; choices: readonly string[]; doc: string }
  /** A set of named switches, all on by default (`--fixes all | none | a,b`). */
  | { kind: 'switches'; default: Record<string, boolean>; doc: string };

export type Schema = Record<string, SettingSpec>;

/** The settings object a schema describes. */
export type SettingsOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

type ValueOf<T> = T extends { kind: 'choice'; choices: readonly (infer C)[] }
  ? C
  : T extends { kind: 'integer' | 'number' }
    ? number
    : T extends { kind: 'boolean' }
      ? boolean
      : T extends { kind: 'switches'; default: infer D }
        ? { -readonly [K in keyof D]: boolean }
        : never;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function defaultsOf<S extends Schema>(schema: S): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.kind === 'switches' ? { ...spec.default } : spec.default;
  return out as SettingsOf<S>;
}

/** The defaults overridden by `given`; every entry checked against the schema. */
export function makeSettings<S extends Schema>(schema: S, given: Record<string, unknown>, owner: string): SettingsOf<S> {
  const out = defaultsOf(schema) as Record<string, unknown>;
  for (const [name, value] of Object.entries(given ?? {})) {
    const spec = schema[name];
    if (!spec) throw new SettingsError(`unknown ${owner} setting '${name}'; ${owner}'s settings: ${Object.keys(schema).join(', ')}`);
    out[name] = checkSetting(name, spec, value, owner, out[name]);
  }
  return out as SettingsOf<S>;
}

function checkSetting(name: string, spec: SettingSpec, value: unknown, owner: string, current: unknown): unknown {
  const bad = (allowed: string) => new SettingsError(`${owner} setting ${name} must be ${allowed}, got ${JSON.stringify(value)}`);
  switch (spec.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || (spec.max !== undefined && value > spec.max)) throw bad(`an integer in [${spec.min}, ${spec.max ?? 'inf'}]`);
      return value;
    case 'number': {
      const low = spec.openMin ? value as number > spec.min : value as number >= spec.min;
      if (typeof value !== 'number' || !Number.isFinite(value) || !low || value > spec.max) throw bad(`a number in ${spec.openMin ? '(' : '['}${spec.min}, ${spec.max}]`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) throw bad(`one of ${spec.choices.join(', ')}`);
      return value;
    case 'switches': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`an object of true/false for ${Object.keys(spec.default).join(', ')}`);
      const merged = { ...(current as Record<string, boolean>) };
      for (const [k, v] of Object.entries(value)) {
        if (!(k in spec.default)) throw new SettingsError(`${owner} setting ${name}: unknown switch '${k}'; switches: ${Object.keys(spec.default).join(', ')}`);
        if (typeof v !== 'boolean') throw new SettingsError(`${owner} setting ${name}.${k} must be true or false, got ${JSON.stringify(v)}`);
        merged[k] = v;
      }
      return merged;
    }
  }
}

/** `meanFieldGradient` -> `mean-field-gradient`. */
export function flagOf(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A flag's text as the setting's value; errors name the flag and what it takes. */
export function parseFlag(name: string, spec: SettingSpec, text: string): unknown {
  const flag = `--${flagOf(name)}`;
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v)) throw new SettingsError(`${flag} must be a number, got '${text}'`);
      return v;
    }
    case 'boolean':
      if (text === 'true' || text === '') return true;
      if (text === 'false') return false;
      throw new SettingsError(`${flag} must be true or false, got '${text}'`);
    case 'choice':
      return text;
    case 'switches': {
      const all = Object.keys(spec.default);
      if (text === 'all') return Object.fromEntries(all.map((k) => [k, true]));
      if (text === 'none') return Object.fromEntries(all.map((k) => [k, false]));
      const on = text.split(',').map((s) => s.trim()).filter(Boolean);
      for (const k of on) if (!all.includes(k)) throw new SettingsError(`${flag}: unknown '${k}'; give all, none or a comma list of ${all.join(', ')}`);
      return Object.fromEntries(all.map((k) => [k, on.includes(k)]));
    }
  }
}

/** One line of help: the flag, what it takes, the default, the documentation. */
export function helpOf(name: string, spec: SettingSpec): string {
  const takes = spec.kind === 'choice' ? spec.choices.join(' | ') : spec.kind === 'switches' ? `all | none | ${Object.keys(spec.default).join(',')}` : spec.kind === 'boolean' ? 'true | false' : spec.kind;
  const def = spec.kind === 'switches' ? 'all' : String(spec.default);
  return `--${flagOf(name)} <${takes}>  ${spec.doc} (default ${def})`;
}
