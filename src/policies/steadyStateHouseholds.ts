/**
 * The households of a stationary equilibrium (`smfg equilibrium --steady-state --save <folder>`) as
 * an ordinary household policy: each household's saving and work shares are the steady-state
 * policy's at the ability node nearest its ability in log, linear in wealth between the grid's
 * points (held at the ends). A household reads what it observes (economy.ability, the ability it
 * last drew, and economy.assetsNext, its wealth for the coming year).
 *
 * The folder holds one file, steady-state-policy.json (written atomically); its presence is what
 * the registry recognises.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import type { HouseholdPolicy } from './households.js';

export const STEADY_STATE_POLICY_FILE = 'steady-state-policy.json';

export interface SteadyStatePolicyFile {
  kind: 'steady-state-households';
  version: 1;
  preset: string;
  government: string;
  /** Log ability of the nodes (evenly spaced, ascending). */
  logAbility: number[];
  /** Wealth grid, USD. */
  assets: number[];
  /** Node-major (node i, wealth point j at i * assets.length + j). */
  savingShare: number[];
  workShare: number[];
  interestRate: number;
  wage: number;
  provenance: Record<string, unknown>;
}

export class SteadyStatePolicyError extends Error {}

export function isSteadyStatePolicyFolder(path: string): boolean {
  return existsSync(join(path, STEADY_STATE_POLICY_FILE));
}

export function saveSteadyStatePolicy(folder: string, file: SteadyStatePolicyFile): string {
  const path = join(folder, STEADY_STATE_POLICY_FILE);
  writeFileAtomic(path, JSON.stringify(file) + '\n');
  return path;
}

export function loadSteadyStatePolicy(folder: string): SteadyStatePolicyFile {
  const path = join(folder, STEADY_STATE_POLICY_FILE);
  let file: SteadyStatePolicyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SteadyStatePolicyError(`${path}: cannot read the steady-state policy (${(error as Error).message})`);
  }
  if (file.kind !== 'steady-state-households') throw new SteadyStatePolicyError(`${path}: kind must be 'steady-state-households', got '${file.kind}'`);
  const m = file.logAbility?.length ?? 0, n = file.assets?.length ?? 0;
  if (m < 2 || n < 2) throw new SteadyStatePolicyError(`${path}: logAbility and assets need at least 2 entries each, got ${m} and ${n}`);
  for (const field of ['savingShare', 'workShare'] as const) {
    if (file[field]?.length !== m * n) throw new SteadyStatePolicyError(`${path}: ${field} must have ${m} x ${n} = ${m * n} entries, got ${file[field]?.length}`);
  }
  return file;
}

/** The policy's shares at one (ability, wealth): nearest node in log ability, linear in wealth. */
export function steadyStateShares(file: SteadyStatePolicyFile, ability: number, wealth: number, out: { savingShare: number; workShare: number }): void {
  const y = file.logAbility;
  const m = y.length, n = file.assets.length;
  const spacing = (y[m - 1] - y[0]) / (m - 1);
  const node = Math.min(m - 1, Math.max(0, Math.round((Math.log(ability) - y[0]) / spacing)));
  const a = file.assets;
  let j = 0, t = 0;
  if (wealth >= a[n - 1]) {
    j = n - 2;
    t = 1;
  } else if (wealth > a[0]) {
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (a[mid] <= wealth) lo = mid;
      else hi = mid;
    }
    j = lo;
    t = (wealth - a[lo]) / (a[lo + 1] - a[lo]);
  }
  const s = node * n + j;
  out.savingShare = (1 - t) * file.savingShare[s] + t * file.savingShare[s + 1];
  out.workShare = (1 - t) * file.workShare[s] + t * file.workShare[s + 1];
}

export function steadyStateHouseholds(file: SteadyStatePolicyFile, name = `steady state (${file.government}, ${file.preset})`): HouseholdPolicy {
  const shares = { savingShare: 0, workShare: 0 };
  return {
    name,
    act(economy, out) {
      const { ability, assetsNext } = economy;
      for (let i = 0; i < economy.n; i++) {
        steadyStateShares(file, ability[i], assetsNext[i], shares);
        out.savingShare[i] = shares.savingShare;
        out.workShare[i] = shares.workShare;
      }
    },
  };
}
