"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeFileAtomic = writeFileAtomic;
/** Atomic file writes: write a temporary file beside the target, then rename over it. */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
function writeFileAtomic(path, contents) {
    (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(path), { recursive: true });
    const temporary = `${path}.tmp-${process.pid}-${Date.now()}`;
    (0, node_fs_1.writeFileSync)(temporary, contents);
    (0, node_fs_1.renameSync)(temporary, path);
}
//# sourceMappingURL=atomic.js.map