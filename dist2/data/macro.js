"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadMacroCalibration = loadMacroCalibration;
/** Macro calibrations shipped in data/macro/. */
const node_fs_1 = require("node:fs");
const macro_js_1 = require("../economy/macro.js");
const csv_js_1 = require("./csv.js");
const paths_js_1 = require("./paths.js");
function loadMacroCalibration(path = (0, paths_js_1.dataPath)('macro', 'us-2022.json')) {
    let parsed;
    try {
        parsed = JSON.parse((0, node_fs_1.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new csv_js_1.DataFileError(`cannot read macro calibration ${path}: ${error.message}`);
    }
    try {
        return (0, macro_js_1.validateMacroCalibration)(parsed, path);
    }
    catch (error) {
        throw new csv_js_1.DataFileError(error.message);
    }
}
//# sourceMappingURL=macro.js.map