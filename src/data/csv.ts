/**
 * A small, strict CSV reader for the project's numeric data files: header row, comma separated,
 * no quoted commas. Errors name the file, the line and the column.
 */
import { readFileSync } from 'node:fs';

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

export interface CsvTable {
  path: string;
  columns: string[];
  rows: string[][];
}

export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseCsv(text, path);
}

export function parseCsv(text: string, path = '<text>'): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new DataFileError(`${path} is empty: expected a header row`);
  const columns = lines[0].split(',').map((c) => c.trim());
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '' ) continue;
    const cells = lines[i].split(',');
    if (cells.length !== columns.length) {
      throw new DataFileError(`${path} line ${i + 1}: expected ${columns.length} fields (${columns.join(',')}), got ${cells.length}`);
    }
    rows.push(cells);
  }
  return { path, columns, rows };
}

/** Index of a column, or an error listing the columns that exist. */
export function columnIndex(table: CsvTable, name: string): number {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new DataFileError(`${table.path}: missing column '${name}'; columns are ${table.columns.join(', ')}`);
  return index;
}

export interface NumberRule {
  /** Allow empty cells (read as NaN). */
  optional?: boolean;
  min?: number;
  integer?: boolean;
}

/** A numeric column as a Float64Array; non-numbers and out-of-range values are errors naming the cell. */
export function numberColumn(table: CsvTable, name: string, rule: NumberRule = {}): Float64Array {
  const index = columnIndex(table, name);
  const out = new Float64Array(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const cell = table.rows[r][index].trim();
    const where = `${table.path} line ${r + 2}, column ${name}`;
    if (cell === '') {
      if (rule.optional) {
        out[r] = NaN;
        continue;
      }
      throw new DataFileError(`${where}: empty, expected a number`);
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new DataFileError(`${where}: '${cell}' is not a number`);
    if (rule.integer && !Number.isInteger(value)) throw new DataFileError(`${where}: ${value} must be an integer`);
    if (rule.min !== undefined && value < rule.min) throw new DataFileError(`${where}: ${value} must be >= ${rule.min}`);
    out[r] = value;
  }
  return out;
}

export function stringColumn(table: CsvTable, name: string): string[] {
  const index = columnIndex(table, name);
  return table.rows.map((row) => row[index].trim());
}
