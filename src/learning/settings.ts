/**
 * Settings declared once: each entry gives the default, the documentation, the check (errors
 * name the setting and what is allowed) and, through its name, the CLI flag
 * (`meanFieldGradient` -> `--mean-field-gradient`, unless the entry names another). Defaults,
 * validation, `smfg <command> --help`, docs/cli.md and the flags all come from the same schema:
 * each method's settings (methods/<method>.ts), the training loop's (train.ts) and the CLI's own.
 */

/** How a setting shows on the command line. */
interface OnCommandLine {
  /** The flag when it is not the name in kebab case; null: no flag. */
  flag?: string | null;
}

export type SettingSpec = OnCommandLine &
  (
    | { kind: 'integer'; default: number; min: number; max?: number; doc: string }
    /** Without min or max, any finite number; a null default: unset unless given. */
    | { kind: 'number'; default: number | null; min?: number; max?: number; openMin?: boolean; doc: string }
    /** `flagSets`: the flag is a switch without a value that sets the setting to this (`--eval-inline`). */
    | { kind: 'boolean'; default: boolean; flagSets?: boolean; doc: string }
    | { kind: 'choice'; default: string; choices: readonly string[]; doc: string }
    /** A set of named switches, all on by default (`--fixes all | none | a,b`). */
    | { kind: 'switches'; default: Record<string, boolean>; doc: string }
    /** Distinct names out of `choices`, at least one, in a meaningful order (`--instruments tau,xi`). */
    | { kind: 'list'; default: readonly string[]; choices: readonly string[]; doc: string }
  );

export type Schema = Record<string, SettingSpec>;

/** The settings object a schema describes. */
export type SettingsOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

type ValueOf<T> = T extends { kind: 'choice'; choices: readonly (infer C)[] }
  ? C
  : T extends { kind: 'number'; default: null }
    ? number | null
    : T extends { kind: 'integer' | 'number' }
      ? number
      : T extends { kind: 'boolean' }
        ? boolean
        : T extends { kind: 'switches'; default: infer D }
          ? { -readonly [K in keyof D]: boolean }
          : T extends { kind: 'list' }
            ? string[]
            : never;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function defaultsOf<S extends Schema>(schema: S): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.kind === 'switches' ? { ...spec.default } : spec.kind === 'list' ? [...spec.default] : spec.default;
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
  if (!allows(spec, value)) throw new SettingsError(`${owner} setting ${name} must be ${allowedOf(spec)}, got ${JSON.stringify(value)}`);
  if (spec.kind !== 'switches') return value;
  const merged = { ...(current as Record<string, boolean>) };
  for (const [k, v] of Object.entries(value as object)) {
    if (!(k in spec.default)) throw new SettingsError(`${owner} setting ${name}: unknown switch '${k}'; switches: ${Object.keys(spec.default).join(', ')}`);
    if (typeof v !== 'boolean') throw new SettingsError(`${owner} setting ${name}.${k} must be true or false, got ${JSON.stringify(v)}`);
    merged[k] = v;
  }
  return merged;
}

/** Whether a value is one the setting allows (a switches setting's names are checked by makeSettings). */
export function allows(spec: SettingSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && (spec.max === undefined || value <= spec.max);
    case 'number':
      if (value === null) return spec.default === null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      return (spec.min === undefined || (spec.openMin ? value > spec.min : value >= spec.min)) && (spec.max === undefined || value <= spec.max);
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && spec.choices.includes(value);
    case 'switches':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'list':
      return Array.isArray(value) && value.length > 0 && value.every((v) => spec.choices.includes(v)) && new Set(value).size === value.length;
  }
}

/** What a setting allows, in words: "an integer in [1, 1000]", "a number > 0", "one of a, b". */
export function allowedOf(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'integer':
      return spec.max === undefined ? `an integer >= ${spec.min}` : `an integer in [${spec.min}, ${spec.max}]`;
    case 'number':
      if (spec.max !== undefined) return `a number in ${spec.openMin ? '(' : '['}${spec.min ?? '-inf'}, ${spec.max}]`;
      return spec.min === undefined ? 'a number' : `a number ${spec.openMin ? '>' : '>='} ${spec.min}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'switches':
      return `an object of true/false for ${Object.keys(spec.default).join(', ')}`;
    case 'list':
      return `a list of distinct names out of ${spec.choices.join(', ')} (at least one)`;
  }
}

/** "<subject> must be <what the setting allows>, got <shown>"; a list of choices ends with ';'. */
export function mustBe(subject: string, spec: SettingSpec, shown: string): string {
  return `${subject} must be ${allowedOf(spec)}${spec.kind === 'choice' ? ';' : ','} got ${shown}`;
}

/** `meanFieldGradient` -> `mean-field-gradient`. */
export function flagOf(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A setting's flag: the one its entry names, else its name in kebab case; null when it has none. */
export function settingFlag(name: string, spec: SettingSpec): string | null {
  return spec.flag === undefined ? flagOf(name) : spec.flag;
}

/** A flag's text as a scalar value, unchecked; undefined when the text is not of the setting's kind. */
function fromText(spec: Exclude<SettingSpec, { kind: 'switches' }>, text: string): unknown {
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const v = Number(text);
      return text.trim() === '' || !Number.isFinite(v) ? undefined : v;
    }
    case 'boolean':
      return text === 'true' || text === '' ? true : text === 'false' ? false : undefined;
    case 'choice':
      return text;
    case 'list':
      return text.split(',').map((name) => name.trim()).filter(Boolean);
  }
}

function switchesFromText(flag: string, spec: Extract<SettingSpec, { kind: 'switches' }>, text: string): Record<string, boolean> {
  const all = Object.keys(spec.default);
  if (text === 'all') return Object.fromEntries(all.map((k) => [k, true]));
  if (text === 'none') return Object.fromEntries(all.map((k) => [k, false]));
  const on = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of on) if (!all.includes(k)) throw new SettingsError(`${flag}: unknown '${k}'; give all, none or a comma list of ${all.join(', ')}`);
  return Object.fromEntries(all.map((k) => [k, on.includes(k)]));
}

/** A method flag's text as the setting's value, its range left to makeSettings; errors name the flag and what it takes. */
export function parseFlag(name: string, spec: SettingSpec, text: string): unknown {
  const flag = `--${flagOf(name)}`;
  if (spec.kind === 'switches') return switchesFromText(flag, spec, text);
  const value = fromText(spec, text);
  if (value === undefined) throw new SettingsError(spec.kind === 'boolean' ? `${flag} must be true or false, got '${text}'` : `${flag} must be a number, got '${text}'`);
  return value;
}

/** A flag's text as the setting's value, checked: the error names the flag and what it allows. */
export function flagValue(flag: string, spec: SettingSpec, text: string): unknown {
  if (spec.kind === 'switches') return switchesFromText(`--${flag}`, spec, text);
  const value = fromText(spec, text);
  if (value === undefined || !allows(spec, value)) throw new SettingsError(mustBe(`--${flag}`, spec, `'${text}'`));
  return value;
}

/** What a flag takes, for help: `integer`, `a | b`, `all | none | x,y`. */
export function takesOf(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'choice':
      return spec.choices.join(' | ');
    case 'switches':
      return `all | none | ${Object.keys(spec.default).join(',')}`;
    case 'list':
      return `a comma list of ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'true | false';
    default:
      return spec.kind;
  }
}

/** The default as help shows it; null when the setting is unset unless given. */
export function defaultText(spec: SettingSpec): string | null {
  if (spec.kind === 'switches') return 'all';
  if (spec.kind === 'list') return spec.default.join(',');
  return spec.default === null ? null : String(spec.default);
}
