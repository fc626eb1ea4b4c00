"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tf = void 0;
exports.useBestBackend = useBestBackend;
/**
 * The one place that chooses the tensor backend: @tensorflow/tfjs-node when it is installed
 * (native TensorFlow, much faster matmuls; it cannot be installed offline, so it is optional),
 * else the WebAssembly backend (its .wasm files ship inside the npm package), else plain JS.
 */
const node_path_1 = require("node:path");
// eslint-disable-next-line @typescript-eslint/no-require-imports
exports.tf = require('@tensorflow/tfjs');
let chosen = null;
function tryRequire(name) {
    try {
        require(name);
        return true;
    }
    catch {
        return false;
    }
}
/** Selects the fastest available backend once and says which one runs. */
async function useBestBackend(preferred) {
    if (chosen && (!preferred || preferred === chosen))
        return chosen;
    const order = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
    for (const name of order) {
        if (name === 'tensorflow' && !tryRequire('@tensorflow/tfjs-node'))
            continue;
        if (name === 'wasm') {
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const wasm = require('@tensorflow/tfjs-backend-wasm');
                wasm.setWasmPaths((0, node_path_1.join)((0, node_path_1.dirname)(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
            }
            catch {
                continue;
            }
        }
        try {
            if (await exports.tf.setBackend(name)) {
                await exports.tf.ready();
                chosen = name;
                return name;
            }
        }
        catch {
            // try the next one
        }
    }
    throw new Error(`no tensor backend could be initialised (tried ${order.join(', ')})`);
}
//# sourceMappingURL=backend.js.map