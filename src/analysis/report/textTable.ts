/** Plain-text tables for the terminal: numbers in their column's style (format.ts), right-aligned, a header rule. */
import { formatCell, isEstimate, isInterval } from './format.js';
import type { Estimate, Interval } from '../../statistics.js';

export type Cell = string | number | boolean | null | undefined | Interval | Estimate;

const isNumeric = (cell: Cell) => typeof cell === 'number' || cell === null || cell === undefined || isInterval(cell) || isEstimate(cell);

export function textTable(columns: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell, k) => formatCell(cell, columns[k])));
  const widths = columns.map((c, k) => Math.max(c.length, ...text.map((row) => row[k].length)));
  const numeric = columns.map((_, k) => rows.every((row) => isNumeric(row[k])));
  const line = (cells: string[]): string => cells.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
