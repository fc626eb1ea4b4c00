/**
 * A sweep's plan: the grid expanded into cells, each with the exact `smfg` command it runs and
 * the folder it owns, written to <out>/plan.json before anything runs. Engines (local, slurm)
 * and `sweep status|collect` read the plan back; nothing else knows the grid.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { projectRoot } from '../data/paths.js';

/** Bad flags, plan files or templates: the CLI prints the message and exits 2. */
export class SweepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepError';
  }
}

export const SWEEP_KINDS = ['train', 'evaluate'] as const;
export type SweepKind = (typeof SWEEP_KINDS)[number];
export const PLAN_VERSION = 1;

export interface Cell {
  index: number;
  /** Unique in the sweep; the cell's folder is <out>/cells/<id>. */
  id: string;
  /** The grid point: method, n, seed (train) or gov, households, n, seed (evaluate). */
  params: Record<string, string | number>;
  /** The `--set` values of this cell (name as given, value as text). */
  settings: Record<string, string>;
  dir: string;
  /** smfg's arguments for a fresh start (after the launcher). */
  argv: string[];
  /** The whole command as a shell line, for people and logs. */
  command: string;
}

export interface Plan {
  version: number;
  kind: SweepKind;
  out: string;
  /** How to run smfg: node and the CLI file (same as the smfg that wrote the plan). */
  launcher: string[];
  grid: Record<string, unknown>;
  cells: Cell[];
}

/** What a grid may set with --set: the option names of the command and which are on/off flags. */
export interface CommandOptions {
  names: readonly string[];
  booleans: readonly string[];
  /** Options the sweep sets itself (one per cell), not allowed in --set. */
  reserved: readonly string[];
}

export interface TrainGrid {
  methods: string[];
  ns: number[];
  seeds: number[];
  /** name -> values; a name given twice or more is an axis of the grid. */
  sets: Record<string, string[]>;
}

export interface EvaluateGrid {
  govs: string[];
  households: string[];
  ns: number[];
  seeds: number[];
  sets: Record<string, string[]>;
}

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** smfg as this process runs it: compiled (dist/cli.js) or from source through tsx (tests). */
export function defaultLauncher(): string[] {
  const root = projectRoot();
  if (__filename.endsWith('.ts')) return [process.execPath, '--import', 'tsx', join(root, 'src', 'cli.ts')];
  return [process.execPath, join(root, 'dist', 'cli.js')];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--set name=value` (repeatable) into name -> values; names as flags (updatesPerEpoch or updates-per-epoch). */
export function parseSets(pairs: readonly string[], options: CommandOptions, command: string): Record<string, string[]> {
  const sets: Record<string, string[]> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/.exec(pair);
    if (!match) throw new SweepError(`--set takes name=value (an option of smfg ${command}, e.g. epochs=5); got '${pair}'`);
    const flag = kebab(match[1]);
    const value = match[2];
    if (options.reserved.includes(flag)) throw new SweepError(`--set ${match[1]}: the sweep sets --${flag} itself for each cell; use the grid's own flag instead`);
    if (!options.names.includes(flag)) {
      const allowed = options.names.filter((n) => !options.reserved.includes(n));
      throw new SweepError(`--set ${match[1]}: smfg ${command} has no option --${flag}; allowed names: ${allowed.join(', ')}`);
    }
    if (options.booleans.includes(flag) && value !== 'true' && value !== 'false') throw new SweepError(`--set ${match[1]} is an on/off option: its value must be true or false; got '${value}'`);
    if (value === '') throw new SweepError(`--set ${match[1]} has an empty value`);
    const values = (sets[flag] ??= []);
    if (values.includes(value)) throw new SweepError(`--set ${match[1]}=${value} is given twice`);
    values.push(value);
  }
  return sets;
}

/** Every combination of the settings' values, in the order given. */
function settingCombinations(sets: Record<string, string[]>): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(sets)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return combos;
}

function settingFlags(settings: Record<string, string>, options: CommandOptions): string[] {
  return Object.entries(settings).flatMap(([name, value]) => {
    if (options.booleans.includes(name)) return value === 'true' ? [`--${name}`] : [];
    // a value such as -1e9 would read as a flag: --target-reward=-1e9
    return value.startsWith('-') ? [`--${name}=${value}`] : [`--${name}`, value];
  });
}

/** A folder name part: letters, digits and . _ = - only. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._=-]+/g, '_').slice(0, 60);

function axisPart(settings: Record<string, string>, sets: Record<string, string[]>): string {
  return Object.entries(settings)
    .filter(([name]) => sets[name].length > 1)
    .map(([name, value]) => `-${safe(`${name}=${value}`)}`)
    .join('');
}

/** Ids unique even when two values differ only in characters a folder name cannot hold. */
function uniqueIds(ids: string[]): string[] {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  return ids.map((id, k) => (seen.get(id)! > 1 ? `${id}-${k}` : id));
}

function finishCells(out: string, launcher: string[], points: { id: string; params: Record<string, string | number>; settings: Record<string, string>; argv: (dir: string) => string[] }[]): Cell[] {
  const ids = uniqueIds(points.map((p) => p.id));
  return points.map((p, index) => {
    const dir = join(out, 'cells', ids[index]);
    const argv = p.argv(dir);
    return { index, id: ids[index], params: p.params, settings: p.settings, dir, argv, command: [...launcher, ...argv].map(shellQuote).join(' ') };
  });
}

/** The folder a train cell's `smfg train --out` writes. */
export const runDirOf = (cell: Pick<Cell, 'dir'>) => join(cell.dir, 'run');

export function trainPlan(grid: TrainGrid, out: string, options: CommandOptions, launcher = defaultLauncher()): Plan {
  checkAxis('methods', grid.methods);
  checkAxis('ns', grid.ns);
  checkAxis('seeds', grid.seeds);
  const root = resolve(out);
  const points = grid.methods.flatMap((method) =>
    grid.ns.flatMap((n) =>
      grid.seeds.flatMap((seed) =>
        settingCombinations(grid.sets).map((settings) => ({
          id: `${safe(method)}-n${n}-s${seed}${axisPart(settings, grid.sets)}`,
          params: { method, n, seed },
          settings,
          argv: (dir: string) => ['train', '--method', method, '--n', String(n), '--seed', String(seed), ...settingFlags(settings, options), '--out', runDirOf({ dir })],
        })),
      ),
    ),
  );
  return { version: PLAN_VERSION, kind: 'train', out: root, launcher, grid: { ...grid }, cells: finishCells(root, launcher, points) };
}

/** A policy folder given by path is planned by its absolute path (cells run from any folder). */
const policyName = (name: string) => (existsSync(name) ? resolve(name) : name);

export function evaluatePlan(grid: EvaluateGrid, out: string, options: CommandOptions, launcher = defaultLauncher()): Plan {
  checkAxis('govs', grid.govs);
  checkAxis('households', grid.households);
  checkAxis('ns', grid.ns);
  checkAxis('seeds', grid.seeds);
  const root = resolve(out);
  const label = (name: string) => safe(existsSync(name) ? resolve(name).split('/').filter(Boolean).slice(-2).join('_') : name);
  const points = grid.govs.flatMap((gov) =>
    grid.households.flatMap((households) =>
      grid.ns.flatMap((n) =>
        grid.seeds.flatMap((seed) =>
          settingCombinations(grid.sets).map((settings) => ({
            id: `${label(gov)}-vs-${label(households)}-n${n}-s${seed}${axisPart(settings, grid.sets)}`,
            params: { gov: policyName(gov), households: policyName(households), n, seed },
            settings,
            // "7," is a list of one seed (a lone "7" would mean seeds 1..7)
            argv: () => ['evaluate', '--gov', policyName(gov), '--households', policyName(households), '--n', String(n), '--seeds', `${seed},`, ...settingFlags(settings, options), '--json'],
          })),
        ),
      ),
    ),
  );
  return { version: PLAN_VERSION, kind: 'evaluate', out: root, launcher, grid: { ...grid }, cells: finishCells(root, launcher, points) };
}

function checkAxis(name: string, values: readonly unknown[]): void {
  if (values.length === 0) throw new SweepError(`--${name} needs at least one value`);
  if (new Set(values).size !== values.length) throw new SweepError(`--${name} has a value twice: ${values.join(', ')}`);
}

export const planPath = (out: string) => join(resolve(out), 'plan.json');

/**
 * Writes the plan, or checks that the folder's plan is the same sweep (same cells, same
 * commands): submitting a sweep again resumes it; a different grid needs another folder.
 */
export function savePlan(plan: Plan, options: { check?: boolean } = {}): void {
  const path = planPath(plan.out);
  if (existsSync(path)) {
    const old = readPlan(plan.out);
    const differs = old.kind !== plan.kind || old.cells.length !== plan.cells.length || old.cells.some((c, k) => c.id !== plan.cells[k].id || JSON.stringify(c.argv) !== JSON.stringify(plan.cells[k].argv));
    if (differs) throw new SweepError(`${plan.out} already holds another sweep (${old.kind}, ${old.cells.length} cells: ${old.cells.slice(0, 3).map((c) => c.id).join(', ')}${old.cells.length > 3 ? ', ...' : ''}); give the same grid to resume it, or another --out`);
  }
  if (!options.check) writeFileAtomic(path, JSON.stringify(plan, null, 2) + '\n');
}

/** Reads and checks <out>/plan.json; every problem names the field. */
export function readPlan(out: string): Plan {
  const path = planPath(out);
  if (!existsSync(path)) throw new SweepError(`${resolve(out)} is not a sweep folder: ${path} is missing`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SweepError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const bad = (field: string, want: string) => new SweepError(`${path}: ${field} must be ${want}`);
  const p = raw as Record<string, unknown>;
  if (typeof p !== 'object' || p === null) throw bad('the file', 'a JSON object');
  if (p.version !== PLAN_VERSION) throw bad('version', String(PLAN_VERSION));
  if (!SWEEP_KINDS.includes(p.kind as SweepKind)) throw bad('kind', `one of ${SWEEP_KINDS.join(', ')}`);
  if (typeof p.out !== 'string') throw bad('out', 'a folder path');
  if (!Array.isArray(p.launcher) || p.launcher.length === 0 || !p.launcher.every((w) => typeof w === 'string')) throw bad('launcher', 'a non-empty list of strings (node and the smfg CLI file)');
  if (!Array.isArray(p.cells) || p.cells.length === 0) throw bad('cells', 'a non-empty list');
  const ids = new Set<string>();
  const dirs = new Set<string>();
  p.cells.forEach((c: Record<string, unknown>, k: number) => {
    const field = `cells[${k}]`;
    if (typeof c !== 'object' || c === null) throw bad(field, 'an object');
    if (c.index !== k) throw bad(`${field}.index`, String(k));
    if (typeof c.id !== 'string' || !/^[A-Za-z0-9._=-]+$/.test(c.id)) throw bad(`${field}.id`, 'letters, digits and . _ = - only');
    if (typeof c.dir !== 'string' || c.dir === '') throw bad(`${field}.dir`, 'a folder path');
    if (!Array.isArray(c.argv) || !c.argv.every((w) => typeof w === 'string') || c.argv[0] !== p.kind) throw bad(`${field}.argv`, `a list of strings starting with '${p.kind}'`);
    if (typeof c.params !== 'object' || c.params === null) throw bad(`${field}.params`, 'an object');
    if (typeof c.settings !== 'object' || c.settings === null) throw bad(`${field}.settings`, 'an object');
    if (ids.has(c.id)) throw bad(`${field}.id`, `unique ('${c.id}' is used twice)`);
    if (dirs.has(c.dir)) throw bad(`${field}.dir`, `unique ('${c.dir}' is used twice: two cells would write one folder)`);
    ids.add(c.id);
    dirs.add(c.dir);
  });
  return raw as Plan;
}
