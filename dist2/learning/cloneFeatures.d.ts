/**
 * The behaviour-cloned households' inputs, shared by training (TensorFlow.js) and inference
 * (plain TypeScript) without loading the tensor library for inference.
 */
/** Model features: ability and log10(1 + assets). */
export declare function rawFeatures(ability: number, assetsUsd: number): [number, number];
/** Standardisation of the two features, fitted on the training rows and saved with the weights. */
export interface FeatureScaling {
    mean: [number, number];
    sd: [number, number];
}
