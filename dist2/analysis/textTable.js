"use strict";
/** Plain-text tables for the terminal: right-aligned numbers, a header rule. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatNumber = formatNumber;
exports.textTable = textTable;
/** Numbers for people: integers as they are, large and tiny ones in exponent form, `digits` significant-ish digits. */
function formatNumber(value, digits = 4) {
    if (!Number.isFinite(value))
        return String(value);
    if (Number.isInteger(value) && Math.abs(value) < 1e7)
        return String(value);
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3))
        return value.toExponential(digits - 1);
    return value.toFixed(magnitude >= 100 ? 1 : digits);
}
function textTable(columns, rows) {
    const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell === null || cell === undefined ? '' : String(cell))));
    const widths = columns.map((c, k) => Math.max(c.length, ...text.map((row) => row[k].length)));
    const numeric = columns.map((_, k) => rows.every((row) => typeof row[k] === 'number' || row[k] === null || row[k] === undefined));
    const line = (cells) => cells.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd();
    return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
//# sourceMappingURL=textTable.js.map