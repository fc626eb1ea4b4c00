"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DataFileError = void 0;
exports.readCsv = readCsv;
exports.parseCsv = parseCsv;
exports.columnIndex = columnIndex;
exports.numberColumn = numberColumn;
exports.stringColumn = stringColumn;
/**
 * A small, strict CSV reader for the project's numeric data files: header row, comma separated,
 * no quoted commas. Errors name the file, the line and the column.
 */
const node_fs_1 = require("node:fs");
class DataFileError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DataFileError';
    }
}
exports.DataFileError = DataFileError;
function readCsv(path) {
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new DataFileError(`cannot read ${path}: ${error.message}`);
    }
    return parseCsv(text, path);
}
function parseCsv(text, path = '<text>') {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1].trim() === '')
        lines.pop();
    if (lines.length === 0)
        throw new DataFileError(`${path} is empty: expected a header row`);
    const columns = lines[0].split(',').map((c) => c.trim());
    const rows = [];
    for (let i = 1; i < lines.length; i++) {
        if (lines[i].trim() === '')
            continue;
        const cells = lines[i].split(',');
        if (cells.length !== columns.length) {
            throw new DataFileError(`${path} line ${i + 1}: expected ${columns.length} fields (${columns.join(',')}), got ${cells.length}`);
        }
        rows.push(cells);
    }
    return { path, columns, rows };
}
/** Index of a column, or an error listing the columns that exist. */
function columnIndex(table, name) {
    const index = table.columns.indexOf(name);
    if (index < 0)
        throw new DataFileError(`${table.path}: missing column '${name}'; columns are ${table.columns.join(', ')}`);
    return index;
}
/** A numeric column as a Float64Array; non-numbers and out-of-range values are errors naming the cell. */
function numberColumn(table, name, rule = {}) {
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
        if (!Number.isFinite(value))
            throw new DataFileError(`${where}: '${cell}' is not a number`);
        if (rule.integer && !Number.isInteger(value))
            throw new DataFileError(`${where}: ${value} must be an integer`);
        if (rule.min !== undefined && value < rule.min)
            throw new DataFileError(`${where}: ${value} must be >= ${rule.min}`);
        out[r] = value;
    }
    return out;
}
function stringColumn(table, name) {
    const index = columnIndex(table, name);
    return table.rows.map((row) => row[index].trim());
}
//# sourceMappingURL=csv.js.map