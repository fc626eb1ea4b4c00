/**
 * One encoding of every action, in the networks' space u in [-1, 1] (tanh outputs), and the maps
 * to what the economy takes. Critics always see u (the authors' follower critic saw two encodings,
 * defect 2; SmfrlConfig.fixes.oneActionEncoding = false brings that back for comparison).
 */
import { signedLog } from './normaliser.js';
import type { InstrumentSpace } from '../economy/spaces.js';

/**
 * Leader: u -> raw action (u + 1) / 2 in [0, 1] for each of its instruments; the government's
 * other entries stay 0 (out is the whole action). The economy clips to its bounds and scales.
 */
export function leaderToEconomy(u: ArrayLike<number>, instruments: InstrumentSpace, out: Float64Array): Float64Array {
  out.fill(0);
  for (let k = 0; k < instruments.size; k++) out[instruments.indices[k]] = (u[k] + 1) / 2;
  return out;
}

/**
 * Any government's raw action (learned or classical) as the followers see it: 2 raw - 1, clipped to
 * [-1, 1], for the instruments their leader set (out: one entry each). For a learned leader this
 * gives back its u.
 */
export function leaderActionSeenByFollowers(raw: ArrayLike<number>, instruments: InstrumentSpace, out: Float64Array): Float64Array {
  for (let k = 0; k < instruments.size; k++) {
    const u = 2 * raw[instruments.indices[k]] - 1;
    out[k] = u > 1 ? 1 : u < -1 ? -1 : u;
  }
  return out;
}

/**
 * How a follower's u becomes saving: 'half' (the authors' SMFRL) maps x = (u + 1) / 2 to a
 * saving share 0.5 + 0.5 x, in [0.5, 1]; 'full' to x itself, the whole range (the baselines,
 * whose authors' versions do not hold saving at 0.5 or above).
 */
export const SAVING_MAPS = ['half', 'full'] as const;
export type SavingMap = (typeof SAVING_MAPS)[number];

/** Follower: x = (u + 1) / 2; saving share 0.5 + 0.5 x0 (the 'half' map) or x0, work share x1. */
export function followerSaving(u0: number, map: SavingMap = 'half'): number {
  return map === 'half' ? 0.5 + 0.25 * (u0 + 1) : (u0 + 1) / 2;
}
export function followerWork(u1: number): number {
  return (u1 + 1) / 2;
}

/** Every household's saving and work share from the followers' u (n x 2). */
export function householdShares(u: ArrayLike<number>, n: number, out: { savingShare: Float64Array; workShare: Float64Array }, map: SavingMap = 'half'): void {
  for (let i = 0; i < n; i++) {
    out.savingShare[i] = followerSaving(u[2 * i], map);
    out.workShare[i] = followerWork(u[2 * i + 1]);
  }
}

/** The authors' stored follower action (defect 2): the mapped shares instead of u. */
export function authorsStoredFollowerAction(u: number, k: number): number {
  return k === 0 ? followerSaving(u) : followerWork(u);
}

/** Observations as the networks' normalisers take them: the signed log of every entry, 0 if not finite. */
export function logObservation(values: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let k = 0; k < out.length; k++) {
    const v = values[k];
    out[k] = Number.isFinite(v) ? signedLog(v) : 0;
  }
  return out;
}
