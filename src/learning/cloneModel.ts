/**
 * The behaviour-cloned households' model as inference reads it: its inputs, their scaling and the
 * shipped weights, shared by training (TensorFlow.js), the cloned households (policies/) and the
 * AI Economist's prior, without loading the tensor library for inference.
 */
import { dataPath } from '../data/paths.js';
import { DataFileError } from '../data/csv.js';
import { loadMlp, type Mlp } from './mlp.js';

/** The shipped clone's folder under data/. */
export const SHIPPED_CLONE = 'models/bc-households';

/** Model features: ability and log10(1 + assets). */
export function rawFeatures(ability: number, assetsUsd: number): [number, number] {
  return [ability, Math.log10(1 + Math.max(0, assetsUsd))];
}

/** Standardisation of the two features, fitted on the training rows and saved with the weights. */
export interface FeatureScaling {
  mean: [number, number];
  sd: [number, number];
}

const cache = new Map<string, { mlp: Mlp; scaling: FeatureScaling }>();

export function loadClone(folder = dataPath(SHIPPED_CLONE)): { mlp: Mlp; scaling: FeatureScaling } {
  let entry = cache.get(folder);
  if (!entry) {
    const mlp = loadMlp(folder);
    const scaling = mlp.metadata.featureScaling as FeatureScaling | undefined;
    if (!scaling || scaling.mean?.length !== 2 || scaling.sd?.length !== 2) {
      throw new DataFileError(`${folder}/model.json: userDefinedMetadata.featureScaling (mean and sd of the 2 inputs) is missing`);
    }
    const outputs = mlp.layers[mlp.layers.length - 1].outputs;
    if (mlp.layers[0].inputs !== 2 || outputs !== 4) throw new DataFileError(`${folder}: a household clone maps 2 inputs to 4 outputs, this model maps ${mlp.layers[0].inputs} to ${outputs}`);
    entry = { mlp, scaling };
    cache.set(folder, entry);
  }
  return entry;
}
