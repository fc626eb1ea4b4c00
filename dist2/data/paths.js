"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectRoot = projectRoot;
exports.dataPath = dataPath;
exports.sharedPath = sharedPath;
/** Where the project's shipped data lives, wherever the code runs from (src via tsx or dist). */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** The project root: the nearest folder above this file with a package.json and a data/ folder. */
function projectRoot() {
    let dir = __dirname;
    for (;;) {
        if ((0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'package.json')) && (0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'data')))
            return dir;
        const parent = (0, node_path_1.dirname)(dir);
        if (parent === dir)
            throw new Error(`cannot find the project root (a folder with package.json and data/) above ${__dirname}`);
        dir = parent;
    }
}
function dataPath(...parts) {
    return (0, node_path_1.join)(projectRoot(), 'data', ...parts);
}
/** The shared folder beside the project (../shared), where the team's raw data and references live. */
function sharedPath(...parts) {
    return (0, node_path_1.resolve)(projectRoot(), '..', 'shared', ...parts);
}
//# sourceMappingURL=paths.js.map