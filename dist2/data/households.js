"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REQUIRED_HOUSEHOLD_COLUMNS = exports.SHIPPED_HOUSEHOLD_SAMPLE = void 0;
exports.loadHouseholdPool = loadHouseholdPool;
/**
 * Survey households: the sample the project ships (data/households/scf2022-sample.csv) or the
 * Federal Reserve's full SCF summary extract (same column names) when a user points at one.
 */
const node_fs_1 = require("node:fs");
const csv_js_1 = require("./csv.js");
const paths_js_1 = require("./paths.js");
exports.SHIPPED_HOUSEHOLD_SAMPLE = 'households/scf2022-sample.csv';
/** The columns the economy needs; a file lacking one gets an error naming it. */
exports.REQUIRED_HOUSEHOLD_COLUMNS = ['WGT', 'EDUC', 'INCOME', 'ASSET'];
/**
 * Load survey households. Without a path, the shipped sample. Rows with a non-positive survey
 * weight or education level are rejected with an error naming the line.
 */
function loadHouseholdPool(path = (0, paths_js_1.dataPath)(exports.SHIPPED_HOUSEHOLD_SAMPLE)) {
    if (!(0, node_fs_1.existsSync)(path))
        throw new csv_js_1.DataFileError(`household file not found: ${path} (expected a CSV with columns ${exports.REQUIRED_HOUSEHOLD_COLUMNS.join(', ')})`);
    const table = (0, csv_js_1.readCsv)(path);
    for (const column of exports.REQUIRED_HOUSEHOLD_COLUMNS)
        (0, csv_js_1.columnIndex)(table, column);
    const weight = (0, csv_js_1.numberColumn)(table, 'WGT', { min: 0 });
    const education = (0, csv_js_1.numberColumn)(table, 'EDUC');
    const assetsUsd = (0, csv_js_1.numberColumn)(table, 'ASSET', { min: 0 });
    const incomeUsd = (0, csv_js_1.numberColumn)(table, 'INCOME');
    for (let r = 0; r < education.length; r++) {
        if (!(education[r] > 0))
            throw new csv_js_1.DataFileError(`${path} line ${r + 2}, column EDUC: ${education[r]} must be > 0 (it is the initial ability)`);
    }
    const rowIndex = table.columns.includes('scf_row')
        ? Int32Array.from((0, csv_js_1.numberColumn)(table, 'scf_row', { integer: true, min: 0 }))
        : Int32Array.from({ length: table.rows.length }, (_, r) => r);
    if (table.rows.length === 0)
        throw new csv_js_1.DataFileError(`${path} has no households`);
    return { source: path, assetsUsd, education, incomeUsd, weight, rowIndex };
}
//# sourceMappingURL=households.js.map