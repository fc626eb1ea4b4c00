/**
 * The flags whose values are text the commands read themselves (lists, seeds, limits that depend
 * on another flag); settings are parsed and checked by their schema entries when cli.ts parses.
 */
import { readFileSync } from 'node:fs';
import { resolveSeeds } from '../analysis/harness/evaluate.js';
import type { EconomyConfig } from '../economy/config.js';

/** A mistake in the command line: smfg prints it and exits with code 2. */
export class UsageError extends Error {}

/** The values of a command's flags: settings already checked and converted, text as given. */
export type Values = Record<string, unknown>;

export function integerFlag(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got '${value}'`);
  return n;
}

/** A comma-separated list of integers; `skipEmpty` drops empty items (an empty list skips a step). */
export function integerList(name: string, value: unknown, min: number, max?: number, skipEmpty = false): number[] {
  const items = String(value).split(',').map((s) => s.trim());
  return (skipEmpty ? items.filter((s) => s !== '') : items).map((s) => integerFlag(name, s, min, max));
}

/** `--seeds`: a count k (seeds 1..k) or a comma-separated list of seeds. */
export function seedsFlag(value: unknown): number[] {
  const parts = String(value).split(',').map((s) => s.trim());
  if (parts.length === 1) return resolveSeeds(integerFlag('seeds', parts[0], 1, 10_000));
  // a trailing comma makes a list of one seed: '7,' is seed 7 (smfg sweep's cells)
  return resolveSeeds(parts.filter((p, k) => p !== '' || k < parts.length - 1).map((p) => integerFlag('seeds', p, 0)));
}

/** --config file.json: an object of economy config fields (environment.md); checked where the economy is made. */
export function configFile(path: string | undefined): Partial<EconomyConfig> {
  if (path === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${path}: cannot read a JSON object of config fields (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--config ${path}: must hold a JSON object of config fields, e.g. {"discountFactor": 0.96}`);
  return parsed as Partial<EconomyConfig>;
}
