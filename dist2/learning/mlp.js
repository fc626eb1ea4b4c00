"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadMlp = loadMlp;
exports.forward = forward;
exports.newScratch = newScratch;
/**
 * A small dense network evaluated in plain TypeScript from weights saved in the TensorFlow.js
 * layers format (model.json + weights.bin). Inference over N households needs no tensors:
 * at this size a loop over Float64Arrays beats the tensor backends' per-call overhead.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const csv_js_1 = require("../data/csv.js");
/** Reads a sequential Dense-only model saved by TensorFlow.js into a folder. */
function loadMlp(folder) {
    const path = (0, node_path_1.join)(folder, 'model.json');
    let model;
    try {
        model = JSON.parse((0, node_fs_1.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new csv_js_1.DataFileError(`cannot read model ${path}: ${error.message}`);
    }
    const layerConfigs = model.modelTopology?.config?.layers;
    const manifest = model.weightsManifest?.[0];
    if (!layerConfigs || !manifest)
        throw new csv_js_1.DataFileError(`${path}: not a TensorFlow.js layers model (missing modelTopology.config.layers or weightsManifest)`);
    const buffer = (0, node_fs_1.readFileSync)((0, node_path_1.join)(folder, manifest.paths[0]));
    const floats = new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
    const tensors = new Map();
    let offset = 0;
    for (const w of manifest.weights) {
        if (w.dtype !== 'float32')
            throw new csv_js_1.DataFileError(`${path}: weight ${w.name} has dtype ${w.dtype}, expected float32`);
        const size = w.shape.reduce((a, b) => a * b, 1);
        if (offset + size > floats.length)
            throw new csv_js_1.DataFileError(`${path}: ${manifest.paths[0]} is too short for weight ${w.name}`);
        tensors.set(w.name, { shape: w.shape, values: Float64Array.from(floats.subarray(offset, offset + size)) });
        offset += size;
    }
    const layers = layerConfigs.map((layer) => {
        if (layer.class_name !== 'Dense')
            throw new csv_js_1.DataFileError(`${path}: layer ${layer.config.name} is ${layer.class_name}; only Dense layers are supported`);
        const kernel = [...tensors.entries()].find(([name]) => name.startsWith(`${layer.config.name}/kernel`))?.[1];
        const bias = [...tensors.entries()].find(([name]) => name.startsWith(`${layer.config.name}/bias`))?.[1];
        if (!kernel || !bias)
            throw new csv_js_1.DataFileError(`${path}: no kernel or bias for layer ${layer.config.name}`);
        const activation = layer.config.activation;
        if (!['linear', 'relu', 'sigmoid', 'tanh'].includes(activation))
            throw new csv_js_1.DataFileError(`${path}: unsupported activation ${activation}`);
        return { inputs: kernel.shape[0], outputs: kernel.shape[1], kernel: kernel.values, bias: bias.values, activation };
    });
    return { layers, metadata: model.userDefinedMetadata ?? {} };
}
/** Forward pass for one input vector; `scratch` holds two buffers of the widest layer. */
function forward(mlp, input, out, scratch) {
    let current = input;
    for (let l = 0; l < mlp.layers.length; l++) {
        const layer = mlp.layers[l];
        const next = l === mlp.layers.length - 1 ? out : scratch[l % 2];
        const { inputs, outputs, kernel, bias } = layer;
        for (let j = 0; j < outputs; j++)
            next[j] = bias[j];
        for (let i = 0; i < inputs; i++) {
            const x = current[i];
            if (x === 0)
                continue;
            const row = i * outputs;
            for (let j = 0; j < outputs; j++)
                next[j] += x * kernel[row + j];
        }
        switch (layer.activation) {
            case 'relu':
                for (let j = 0; j < outputs; j++)
                    if (next[j] < 0)
                        next[j] = 0;
                break;
            case 'sigmoid':
                for (let j = 0; j < outputs; j++)
                    next[j] = 1 / (1 + Math.exp(-next[j]));
                break;
            case 'tanh':
                for (let j = 0; j < outputs; j++)
                    next[j] = Math.tanh(next[j]);
                break;
        }
        current = next;
    }
    return out;
}
function newScratch(mlp) {
    const width = Math.max(...mlp.layers.map((l) => l.outputs));
    return [new Float64Array(width), new Float64Array(width)];
}
//# sourceMappingURL=mlp.js.map