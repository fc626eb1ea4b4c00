/**
 * The CSV reader for the project's data files: a header row, then comma-separated records, parsed
 * by csv-parse (quoted fields with commas, doubled quotes and line breaks; LF or CRLF; a UTF-8
 * BOM). It is strict where a data file must be: every record has the header's field count, quotes
 * are closed, and each error names the file, the line and the column.
 *
 * Why not arquero's fromCSV (the engine everywhere else): it keeps a BOM in the first column name,
 * pads a short record and drops a long one's extra fields without a word, reads an unclosed quote
 * to the end of the file, and knows no line numbers. Tables built from these rows are arquero's.
 */
import { readFileSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse/sync';

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
  /** The 1-based line of the file where each row starts (rows may span lines inside quotes). */
  lines: number[];
}

export function readCsv(path: string): CsvTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DataFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseCsvBytes(bytes, path);
}

export function parseCsv(text: string, path = '<text>'): CsvTable {
  return parseCsvBytes(Buffer.from(text, 'utf8'), path);
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Parses bytes rather than a string: csv-parse reports where each record ends as a byte offset,
 * and line numbers are counted from those offsets (its own line counter counts a CRLF inside
 * quotes twice).
 */
function parseCsvBytes(bytes: Buffer, path: string): CsvTable {
  const newlines: number[] = [];
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) newlines.push(i);
  // the line of the first byte at or after `offset` that is not a line end (records start there)
  const lineAt = (offset: number): number => {
    while (offset < bytes.length && (bytes[offset] === NEWLINE || bytes[offset] === RETURN)) offset++;
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };

  const records: string[][] = [];
  const lines: number[] = [];
  let recordEnd = 0; // byte offset after the last record read
  try {
    parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true, // counts are checked below, with the columns named
      on_record: (record: string[], context: { bytes: number }) => {
        records.push(record);
        lines.push(lineAt(recordEnd));
        recordEnd = context.bytes;
        return null;
      },
    });
  } catch (error) {
    throw syntaxError(error as CsvError, path, lineAt(recordEnd), records[0]);
  }

  if (records.length === 0) throw new DataFileError(`${path} is empty: expected a header row`);
  const columns = records[0].map((c) => c.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) throw new DataFileError(`${path} line ${lines[0]}: column '${column}' appears twice in the header`);
    seen.add(column);
  }
  const table: CsvTable = { path, columns, rows: [], lines: [] };
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    if (cells.length === 1 && cells[0].trim() === '' && columns.length > 1) continue; // a line of spaces
    if (cells.length !== columns.length) {
      const detail = cells.length < columns.length ? `no field for column ${columns[cells.length]}` : `an extra field after column ${columns[columns.length - 1]}`;
      throw new DataFileError(`${path} line ${lines[r]}: expected ${columns.length} fields (${columns.join(',')}), got ${cells.length}: ${detail}`);
    }
    table.rows.push(cells);
    table.lines.push(lines[r]);
  }
  return table;
}

/** A csv-parse syntax error as a DataFileError naming the line where the bad record starts and its column. */
function syntaxError(error: CsvError, path: string, line: number, header: string[] | undefined): Error {
  if (!error.code) return error; // not a parse error: let it through as it is
  const field = typeof error.column === 'number' ? error.column : undefined;
  const column = field === undefined ? '' : `, column ${header ? (header[field]?.trim() ?? `${field + 1} (beyond the header)`) : field + 1}`;
  const why: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (the file ends inside its quotes)',
    INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quotes inside it)',
    CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field (expected a comma or the end of the line)',
  };
  return new DataFileError(`${path} line ${line}${column}: ${why[error.code] ?? error.message}`);
}

/** Index of a column, or an error listing the columns that exist. */
export function columnIndex(table: CsvTable, name: string): number {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new DataFileError(`${table.path}: missing column '${name}'; columns are ${table.columns.join(', ')}`);
  return index;
}

/** "<file> line <n>, column <name>": where a cell is, for errors. */
export function cellPlace(table: CsvTable, row: number, column: string): string {
  return `${table.path} line ${table.lines[row]}, column ${column}`;
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
    if (cell === '') {
      if (rule.optional) {
        out[r] = NaN;
        continue;
      }
      throw new DataFileError(`${cellPlace(table, r, name)}: empty, expected a number`);
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new DataFileError(`${cellPlace(table, r, name)}: '${cell}' is not a number`);
    if (rule.integer && !Number.isInteger(value)) throw new DataFileError(`${cellPlace(table, r, name)}: ${value} must be an integer`);
    if (rule.min !== undefined && value < rule.min) throw new DataFileError(`${cellPlace(table, r, name)}: ${value} must be >= ${rule.min}`);
    out[r] = value;
  }
  return out;
}

export function stringColumn(table: CsvTable, name: string): string[] {
  const index = columnIndex(table, name);
  return table.rows.map((row) => row[index].trim());
}
