"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newRunFolder = newRunFolder;
exports.writeJson = writeJson;
exports.toCsv = toCsv;
exports.writeCsv = writeCsv;
/**
 * Run folders: every CLI run writes runs/<id>/ with its configuration and results, each file
 * written atomically so an interrupted run loses nothing already saved.
 */
const node_path_1 = require("node:path");
const atomic_js_1 = require("../data/atomic.js");
const paths_js_1 = require("../data/paths.js");
function newRunFolder(kind, root = (0, node_path_1.join)((0, paths_js_1.projectRoot)(), 'runs')) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return (0, node_path_1.join)(root, `${stamp}-${kind}`);
}
function writeJson(path, value) {
    (0, atomic_js_1.writeFileAtomic)(path, JSON.stringify(value, null, 2) + '\n');
}
/** Rows of objects as CSV (columns from the first row). */
function toCsv(rows) {
    if (rows.length === 0)
        return '';
    const columns = Object.keys(rows[0]);
    const cell = (v) => {
        const text = v === null || v === undefined ? '' : String(v);
        return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
function writeCsv(path, rows) {
    (0, atomic_js_1.writeFileAtomic)(path, toCsv(rows));
}
//# sourceMappingURL=runs.js.map