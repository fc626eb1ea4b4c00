import { type BackendName } from './backend.js';
import { type FeatureScaling } from './cloneFeatures.js';
export interface CloneData {
    /** Raw features per row: ability, assets (USD). */
    ability: Float64Array;
    assetsUsd: Float64Array;
    savingShare: Float64Array;
    workShare: Float64Array;
}
/** Targets and features from a survey file with INCOME, CONSUMPTION, LF, EDUC, ASSET columns. */
export declare function cloneDataFromSurvey(path: string): CloneData;
export { rawFeatures, type FeatureScaling } from './cloneFeatures.js';
export interface CloneOptions {
    epochs?: number;
    batchSize?: number;
    learningRate?: number;
    hidden?: number;
    heldOutShare?: number;
    seed?: number;
    backend?: BackendName;
    onEpoch?: (epoch: number, epochs: number, loss: number) => void;
}
export interface CloneFit {
    backend: BackendName;
    trainRows: number;
    heldOutRows: number;
    epochs: number;
    /** Held-out Gaussian negative log-likelihood per target dimension, mean. */
    heldOutNll: number;
    /** Root mean squared error of the predicted mean vs the target on held-out rows. */
    heldOutRmse: {
        savingShare: number;
        workShare: number;
    };
    /** The same for a constant prediction (the training mean): the fit has to beat it. */
    constantRmse: {
        savingShare: number;
        workShare: number;
    };
    /** 1 - MSE / MSE(constant). */
    heldOutR2: {
        savingShare: number;
        workShare: number;
    };
    seconds: number;
}
export interface ClonedPolicyFiles {
    folder: string;
    fit: CloneFit;
    scaling: FeatureScaling;
}
/** Trains the clone and saves it (TensorFlow.js format + metadata) into `folder`, atomically per file. */
export declare function trainClone(data: CloneData, folder: string, options?: CloneOptions): Promise<ClonedPolicyFiles>;
