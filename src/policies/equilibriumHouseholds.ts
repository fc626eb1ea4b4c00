/**
 * The households of a followers' equilibrium (`smfg equilibrium --save <folder>`) as an ordinary
 * household policy. The policy is a table of saving and work shares per (year, ability node,
 * wealth point): one year for a steady state (held every year), T years for a transition (year t
 * of an episode plays the table's year min(t, T - 1)). Each household's shares are the table's at
 * the ability node nearest its ability in log, linear in wealth between the grid's points (held at
 * the ends). A household reads what it observes (economy.ability, the ability it last drew, and
 * economy.assetsNext, its wealth for the coming year).
 *
 * The folder holds one file, equilibrium-households.json (written atomically); its presence is
 * what the registry recognises.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import type { HouseholdPolicy } from './households.js';

export const EQUILIBRIUM_POLICY_FILE = 'equilibrium-households.json';

export interface EquilibriumPolicyFile {
  kind: 'equilibrium-households';
  version: 1;
  /** 'steady-state' (one year of shares, held) or 'transition' (one table per year). */
  solution: 'steady-state' | 'transition';
  preset: string;
  government: string;
  /** Years in the table (1 for a steady state). */
  years: number;
  /** Log ability of the nodes (evenly spaced, ascending). */
  logAbility: number[];
  /** Wealth grid, USD. */
  assets: number[];
  /** Year-major, then node-major: (year t, node i, wealth point j) at (t * nodes + i) * points + j. */
  savingShare: ArrayLike<number>;
  workShare: ArrayLike<number>;
  /** The first year's interest rate and wage (the steady state's). */
  interestRate: number;
  wage: number;
  /**
   * A transition's: the global observation at the first decision of the episode it was solved on
   * (which economy's draw the table belongs to), and the budget terms planned on, year-major
   * slots of writeBudgetTerms (where a solve for another draw starts). Absent in older files.
   */
  initialObservation?: number[];
  terms?: number[];
  provenance: Record<string, unknown>;
}

export class EquilibriumPolicyError extends Error {}

export function isEquilibriumPolicyFolder(path: string): boolean {
  return existsSync(join(path, EQUILIBRIUM_POLICY_FILE));
}

export function saveEquilibriumPolicy(folder: string, file: EquilibriumPolicyFile): string {
  const path = join(folder, EQUILIBRIUM_POLICY_FILE);
  // shares are float32 in a transition's table (equilibriumTable): 9 significant digits give them back exactly
  const digits = (values: ArrayLike<number>) => Array.from(values, (v) => Number(v.toPrecision(9)));
  writeFileAtomic(path, JSON.stringify({ ...file, savingShare: digits(file.savingShare), workShare: digits(file.workShare) }) + '\n');
  return path;
}

export function loadEquilibriumPolicy(folder: string): EquilibriumPolicyFile {
  const path = join(folder, EQUILIBRIUM_POLICY_FILE);
  let file: EquilibriumPolicyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EquilibriumPolicyError(`${path}: cannot read the equilibrium households (${(error as Error).message})`);
  }
  if (file.kind !== 'equilibrium-households') throw new EquilibriumPolicyError(`${path}: kind must be 'equilibrium-households', got '${file.kind}'`);
  const m = file.logAbility?.length ?? 0, n = file.assets?.length ?? 0;
  if (m < 2 || n < 2) throw new EquilibriumPolicyError(`${path}: logAbility and assets need at least 2 entries each, got ${m} and ${n}`);
  if (!Number.isInteger(file.years) || file.years < 1) throw new EquilibriumPolicyError(`${path}: years must be a positive integer, got ${file.years}`);
  const cells = file.years * m * n;
  for (const field of ['savingShare', 'workShare'] as const) {
    if (file[field]?.length !== cells) throw new EquilibriumPolicyError(`${path}: ${field} must have ${file.years} x ${m} x ${n} = ${cells} entries, got ${file[field]?.length}`);
  }
  file.savingShare = Float32Array.from(file.savingShare);
  file.workShare = Float32Array.from(file.workShare);
  // JSON writes a top bracket's infinite bound as null
  if (file.terms) file.terms = file.terms.map((v) => (v === null ? Infinity : v));
  return file;
}

/** The policy's shares in year t (0-based; held after the table's last) at one (ability, wealth). */
export function equilibriumShares(file: EquilibriumPolicyFile, year: number, ability: number, wealth: number, out: { savingShare: number; workShare: number }): void {
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
  const s = (Math.min(Math.max(year, 0), file.years - 1) * m + node) * n + j;
  out.savingShare = (1 - t) * file.savingShare[s] + t * file.savingShare[s + 1];
  out.workShare = (1 - t) * file.workShare[s] + t * file.workShare[s + 1];
}

export function equilibriumHouseholds(file: EquilibriumPolicyFile, name = `${file.solution} equilibrium (${file.government}, ${file.preset})`): HouseholdPolicy {
  const shares = { savingShare: 0, workShare: 0 };
  return {
    name,
    act(economy, out) {
      const { ability, assetsNext } = economy;
      for (let i = 0; i < economy.n; i++) {
        equilibriumShares(file, economy.year, ability[i], assetsNext[i], shares);
        out.savingShare[i] = shares.savingShare;
        out.workShare[i] = shares.workShare;
      }
    },
  };
}
