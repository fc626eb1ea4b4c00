"use strict";
/**
 * The behaviour-cloned households' inputs, shared by training (TensorFlow.js) and inference
 * (plain TypeScript) without loading the tensor library for inference.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.rawFeatures = rawFeatures;
/** Model features: ability and log10(1 + assets). */
function rawFeatures(ability, assetsUsd) {
    return [ability, Math.log10(1 + Math.max(0, assetsUsd))];
}
//# sourceMappingURL=cloneFeatures.js.map