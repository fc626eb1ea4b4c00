/**
 * Run folders: every CLI run writes runs/<id>/ with its configuration and results, each file
 * written atomically so an interrupted run loses nothing already saved.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../data/atomic.js';
import { projectRoot } from '../../data/paths.js';

export function newRunFolder(kind: string, root = join(projectRoot(), 'runs')): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(root, `${stamp}-${kind}`);
}

export function writeJson(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/** Rows of objects as CSV (columns from the first row). */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown): string => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function writeCsv(path: string, rows: Record<string, unknown>[]): void {
  writeFileAtomic(path, toCsv(rows));
}
