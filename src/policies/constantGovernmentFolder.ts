/**
 * A government that holds one raw action every year, or a path of them, saved as a folder (`smfg
 * stackelberg --save`): constant-government.json holds the action (and the path's pieces) and where
 * it came from. The registry takes the folder wherever a government is named (evaluate, exploit,
 * equilibrium), as `constant:<the action>` or `path:<the pieces>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';

export const CONSTANT_GOVERNMENT_FILE = 'constant-government.json';

export interface ConstantGovernmentFile {
  kind: 'constant-government';
  version: 1;
  /** The raw action (5 or 6 entries); with `pieces`, the first piece's. */
  action: number[];
  /** A path government's raw actions, each held for an equal span of the episode's years (absent: `action` every year). */
  pieces?: number[][];
  provenance: Record<string, unknown>;
}

export class ConstantGovernmentError extends Error {}

export function isConstantGovernmentFolder(path: string): boolean {
  return existsSync(join(path, CONSTANT_GOVERNMENT_FILE));
}

export function saveConstantGovernment(folder: string, action: number[], provenance: Record<string, unknown>, pieces?: number[][]): string {
  const path = join(folder, CONSTANT_GOVERNMENT_FILE);
  const file: ConstantGovernmentFile = { kind: 'constant-government', version: 1, action, ...(pieces ? { pieces } : {}), provenance };
  writeFileAtomic(path, JSON.stringify(file, null, 1) + '\n');
  return path;
}

export function loadConstantGovernment(folder: string): ConstantGovernmentFile {
  const path = join(folder, CONSTANT_GOVERNMENT_FILE);
  let file: ConstantGovernmentFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConstantGovernmentError(`${path}: cannot read the government (${(error as Error).message})`);
  }
  if (file.kind !== 'constant-government') throw new ConstantGovernmentError(`${path}: kind must be 'constant-government', got '${file.kind}'`);
  if (!Array.isArray(file.action) || file.action.length < 5 || file.action.length > 6 || !file.action.every(Number.isFinite)) {
    throw new ConstantGovernmentError(`${path}: action must hold 5 or 6 finite numbers (the raw action: tau, xi, tauA, xiA, spendingShare[, transferShare])`);
  }
  if (file.pieces !== undefined) {
    const bad = Array.isArray(file.pieces) ? file.pieces.findIndex((a) => !Array.isArray(a) || a.length < 5 || a.length > 6 || !a.every(Number.isFinite)) : 0;
    if (!Array.isArray(file.pieces) || file.pieces.length === 0 || bad >= 0) {
      throw new ConstantGovernmentError(`${path}: pieces must be a non-empty list of raw actions of 5 or 6 finite numbers each${bad >= 0 && Array.isArray(file.pieces) ? ` (piece ${bad + 1} is not)` : ''}`);
    }
  }
  return file;
}
