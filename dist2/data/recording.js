"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readRecording = readRecording;
/**
 * Reference recordings of the authors' economy (../shared/reference/<name>/): households,
 * actions, abilities and the expected outcomes of every step, read into typed arrays.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const csv_js_1 = require("./csv.js");
const FILES = ['meta.json', 'households.csv', 'gov_actions.csv', 'house_actions.csv', 'abilities.csv', 'reset_abilities.csv', 'expected_aggregates.csv', 'expected_households.csv'];
function readRecording(folder) {
    if (!(0, node_fs_1.existsSync)(folder))
        throw new csv_js_1.DataFileError(`recording folder not found: ${folder}`);
    const missing = FILES.filter((f) => !(0, node_fs_1.existsSync)((0, node_path_1.join)(folder, f)));
    if (missing.length > 0)
        throw new csv_js_1.DataFileError(`${folder} is not a recording: missing ${missing.join(', ')} (expected ${FILES.join(', ')})`);
    let meta;
    try {
        meta = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(folder, 'meta.json'), 'utf8'));
    }
    catch (error) {
        throw new csv_js_1.DataFileError(`${(0, node_path_1.join)(folder, 'meta.json')}: ${error.message}`);
    }
    const n = meta.N;
    const steps = meta.steps_recorded;
    if (!Number.isInteger(n) || n < 1)
        throw new csv_js_1.DataFileError(`${folder}/meta.json: N must be a positive integer, got ${JSON.stringify(n)}`);
    if (!Number.isInteger(steps) || steps < 1)
        throw new csv_js_1.DataFileError(`${folder}/meta.json: steps_recorded must be a positive integer, got ${JSON.stringify(steps)}`);
    if (meta.tax_module !== 'ai_agent' && meta.tax_module !== 'us_federal') {
        throw new csv_js_1.DataFileError(`${folder}/meta.json: tax_module must be 'ai_agent' or 'us_federal', got ${JSON.stringify(meta.tax_module)}`);
    }
    if (!Array.isArray(meta.resets) || !meta.resets.every((s) => Number.isInteger(s)))
        throw new csv_js_1.DataFileError(`${folder}/meta.json: resets must be a list of step numbers`);
    const N = n;
    const T = steps;
    const households = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'households.csv'));
    if (households.rows.length !== N)
        throw new csv_js_1.DataFileError(`${folder}/households.csv: expected ${N} households, got ${households.rows.length}`);
    const gov = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'gov_actions.csv'));
    const govStep = (0, csv_js_1.numberColumn)(gov, 'step', { integer: true });
    const govColumns = [0, 1, 2, 3, 4].map((k) => (0, csv_js_1.numberColumn)(gov, `gov_a${k}`));
    const governmentActions = Array.from({ length: T }, () => new Float64Array(5).fill(NaN));
    for (let r = 0; r < govStep.length; r++) {
        if (govStep[r] < T)
            for (let k = 0; k < 5; k++)
                governmentActions[govStep[r]][k] = govColumns[k][r];
    }
    const house = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'house_actions.csv'));
    const [savingShare, workShare] = perStep(house, ['saving_p', 'work_frac'], T, N);
    const [abilities] = perStep((0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'abilities.csv')), ['e'], T, N);
    const resetTable = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'reset_abilities.csv'));
    const resetStep = (0, csv_js_1.numberColumn)(resetTable, 'reset_before_step', { integer: true });
    const resetHousehold = (0, csv_js_1.numberColumn)(resetTable, 'household', { integer: true, min: 0 });
    const resetE = (0, csv_js_1.numberColumn)(resetTable, 'e');
    const resetAbilities = new Map();
    for (let r = 0; r < resetStep.length; r++) {
        const s = resetStep[r];
        if (!resetAbilities.has(s))
            resetAbilities.set(s, new Float64Array(N).fill(NaN));
        resetAbilities.get(s)[checkHousehold(resetHousehold[r], N, resetTable.path, r)] = resetE[r];
    }
    const aggregates = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'expected_aggregates.csv'));
    if (aggregates.rows.length < T)
        throw new csv_js_1.DataFileError(`${aggregates.path}: expected ${T} rows, got ${aggregates.rows.length}`);
    const expectedAggregates = new Map();
    for (const column of aggregates.columns)
        expectedAggregates.set(column, (0, csv_js_1.numberColumn)(aggregates, column).subarray(0, T));
    const householdTable = (0, csv_js_1.readCsv)((0, node_path_1.join)(folder, 'expected_households.csv'));
    const householdColumns = householdTable.columns.filter((c) => c !== 'step' && c !== 'household');
    const expectedHouseholdArrays = perStep(householdTable, householdColumns, T, N);
    const expectedHouseholds = new Map(householdColumns.map((c, k) => [c, expectedHouseholdArrays[k]]));
    const recording = {
        folder,
        n: N,
        steps: T,
        taxModule: meta.tax_module,
        resets: new Set(meta.resets.filter((s) => s < T)),
        households: {
            assetsUsd: (0, csv_js_1.numberColumn)(households, 'ASSET', { min: 0 }),
            education: (0, csv_js_1.numberColumn)(households, 'EDUC'),
            incomeUsd: (0, csv_js_1.numberColumn)(households, 'INCOME'),
            scfRow: Int32Array.from((0, csv_js_1.numberColumn)(households, 'scf_row_index', { integer: true, min: 0 })),
        },
        governmentActions,
        savingShare,
        workShare,
        abilities,
        resetAbilities,
        expectedAggregates,
        expectedHouseholds,
        firstResetGlobalObservation: null,
    };
    const obs = meta.first_reset_global_obs;
    if (obs !== undefined && obs !== null) {
        if (!Array.isArray(obs) || obs.length !== 6 || !obs.every((x) => typeof x === 'number')) {
            throw new csv_js_1.DataFileError(`${folder}/meta.json: first_reset_global_obs must be a list of 6 numbers`);
        }
        recording.firstResetGlobalObservation = Float64Array.from(obs);
    }
    for (let s = 0; s < T; s++) {
        if (governmentActions[s].some(Number.isNaN))
            throw new csv_js_1.DataFileError(`${gov.path}: no government action for step ${s}`);
        if (recording.resets.has(s) && !resetAbilities.has(s))
            throw new csv_js_1.DataFileError(`${resetTable.path}: no abilities for the reset before step ${s}`);
    }
    return recording;
}
/** Columns of a (step, household) table as [step][household] arrays; every cell must be present. */
function perStep(table, columns, T, N) {
    const step = (0, csv_js_1.numberColumn)(table, 'step', { integer: true, min: 0 });
    const household = (0, csv_js_1.numberColumn)(table, 'household', { integer: true, min: 0 });
    const values = columns.map((c) => (0, csv_js_1.numberColumn)(table, c));
    const out = columns.map(() => Array.from({ length: T }, () => new Float64Array(N).fill(NaN)));
    for (let r = 0; r < step.length; r++) {
        const s = step[r];
        if (s >= T)
            continue;
        const h = checkHousehold(household[r], N, table.path, r);
        for (let k = 0; k < columns.length; k++)
            out[k][s][h] = values[k][r];
    }
    for (let k = 0; k < columns.length; k++) {
        for (let s = 0; s < T; s++) {
            const h = out[k][s].findIndex(Number.isNaN);
            if (h >= 0)
                throw new csv_js_1.DataFileError(`${table.path}: no ${columns[k]} for step ${s}, household ${h}`);
        }
    }
    return out;
}
function checkHousehold(h, N, path, row) {
    if (h >= N)
        throw new csv_js_1.DataFileError(`${path} line ${row + 2}: household ${h} is out of range (N = ${N})`);
    return h;
}
//# sourceMappingURL=recording.js.map