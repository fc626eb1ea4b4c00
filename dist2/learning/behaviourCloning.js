"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rawFeatures = void 0;
exports.cloneDataFromSurvey = cloneDataFromSurvey;
exports.trainClone = trainClone;
/**
 * Behaviour cloning of US households from the SCF 2022: a Gaussian policy from
 * (ability, wealth) to (saving share, work share), trained with TensorFlow.js.
 *
 * Targets from the survey columns:
 *   saving share = 1 - CONSUMPTION / INCOME, clipped to [0, 1] (0 where INCOME <= 0): the share
 *                  of income not consumed, the economy's p_i;
 *   work share   = LF (1 in the labour force, else 0): the clone's mean is the participation
 *                  probability, the economy's h~_i.
 * Inputs: ability e = EDUC (the economy's initial ability) and log10(1 + ASSET), standardised
 * with the training rows' mean and standard deviation (saved with the weights).
 * Network: 2 -> 64 -> 64 (ReLU) -> 4 (linear): means through a sigmoid, log-std clamped to
 * [-20, 2]; loss: Gaussian negative log-likelihood; Adam.
 */
const rng_js_1 = require("../economy/rng.js");
const csv_js_1 = require("../data/csv.js");
const atomic_js_1 = require("../data/atomic.js");
const backend_js_1 = require("./backend.js");
const cloneFeatures_js_1 = require("./cloneFeatures.js");
const node_path_1 = require("node:path");
/** Targets and features from a survey file with INCOME, CONSUMPTION, LF, EDUC, ASSET columns. */
function cloneDataFromSurvey(path) {
    const table = (0, csv_js_1.readCsv)(path);
    const income = (0, csv_js_1.numberColumn)(table, 'INCOME');
    const consumption = (0, csv_js_1.numberColumn)(table, 'CONSUMPTION', { min: 0 });
    const lf = (0, csv_js_1.numberColumn)(table, 'LF', { min: 0 });
    const education = (0, csv_js_1.numberColumn)(table, 'EDUC');
    const assets = (0, csv_js_1.numberColumn)(table, 'ASSET', { min: 0 });
    const n = income.length;
    if (n < 50)
        throw new csv_js_1.DataFileError(`${path}: behaviour cloning needs at least 50 households, got ${n}`);
    const savingShare = new Float64Array(n);
    for (let r = 0; r < n; r++)
        savingShare[r] = income[r] > 0 ? Math.min(1, Math.max(0, 1 - consumption[r] / income[r])) : 0;
    return { ability: education, assetsUsd: assets, savingShare, workShare: Float64Array.from(lf, (x) => (x > 0 ? 1 : 0)) };
}
var cloneFeatures_js_2 = require("./cloneFeatures.js");
Object.defineProperty(exports, "rawFeatures", { enumerable: true, get: function () { return cloneFeatures_js_2.rawFeatures; } });
function nll(y, out) {
    return backend_js_1.tf.tidy(() => {
        const [rawMean, rawLogStd] = backend_js_1.tf.split(out, 2, 1);
        const mean = backend_js_1.tf.sigmoid(rawMean);
        const logStd = backend_js_1.tf.clipByValue(rawLogStd, -20, 2);
        const z = backend_js_1.tf.div(backend_js_1.tf.sub(y, mean), backend_js_1.tf.exp(logStd));
        return backend_js_1.tf.mean(backend_js_1.tf.add(backend_js_1.tf.mul(0.5, backend_js_1.tf.square(z)), logStd));
    });
}
/** Trains the clone and saves it (TensorFlow.js format + metadata) into `folder`, atomically per file. */
async function trainClone(data, folder, options = {}) {
    const started = Date.now();
    const epochs = options.epochs ?? 150;
    const batchSize = options.batchSize ?? 256;
    const hidden = options.hidden ?? 64;
    const seed = options.seed ?? 2022;
    const backend = await (0, backend_js_1.useBestBackend)(options.backend);
    const n = data.ability.length;
    const rng = new rng_js_1.Rng(seed);
    const order = rng.sampleWithoutReplacement(n, n);
    const heldOut = Math.round(n * (options.heldOutShare ?? 0.2));
    const testRows = Array.from(order.subarray(0, heldOut));
    const trainRows = Array.from(order.subarray(heldOut));
    const features = Array.from({ length: n }, (_, r) => (0, cloneFeatures_js_1.rawFeatures)(data.ability[r], data.assetsUsd[r]));
    const scaling = { mean: [0, 0], sd: [1, 1] };
    for (let k = 0; k < 2; k++) {
        const values = trainRows.map((r) => features[r][k]);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) || 1;
        scaling.mean[k] = mean;
        scaling.sd[k] = sd;
    }
    const x = (rows) => backend_js_1.tf.tensor2d(rows.map((r) => features[r].map((v, k) => (v - scaling.mean[k]) / scaling.sd[k])));
    const y = (rows) => backend_js_1.tf.tensor2d(rows.map((r) => [data.savingShare[r], data.workShare[r]]));
    const xTrain = x(trainRows);
    const yTrain = y(trainRows);
    const xTest = x(testRows);
    const yTest = y(testRows);
    const init = (k) => backend_js_1.tf.initializers.glorotUniform({ seed: seed + k });
    const model = backend_js_1.tf.sequential({
        layers: [
            backend_js_1.tf.layers.dense({ inputShape: [2], units: hidden, activation: 'relu', kernelInitializer: init(1), name: 'hidden1' }),
            backend_js_1.tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(2), name: 'hidden2' }),
            backend_js_1.tf.layers.dense({ units: 4, activation: 'linear', kernelInitializer: init(3), name: 'gaussian' }),
        ],
    });
    const optimizer = backend_js_1.tf.train.adam(options.learningRate ?? 1e-3);
    const batches = Math.ceil(trainRows.length / batchSize);
    for (let epoch = 0; epoch < epochs; epoch++) {
        const shuffled = rng.sampleWithoutReplacement(trainRows.length, trainRows.length);
        let epochLoss = 0;
        for (let b = 0; b < batches; b++) {
            const rows = Array.from(shuffled.subarray(b * batchSize, (b + 1) * batchSize));
            const loss = backend_js_1.tf.tidy(() => {
                const index = backend_js_1.tf.tensor1d(rows, 'int32');
                const xb = backend_js_1.tf.gather(xTrain, index);
                const yb = backend_js_1.tf.gather(yTrain, index);
                return optimizer.minimize(() => nll(yb, model.predict(xb)), true);
            });
            epochLoss += (await loss.data())[0] / batches;
            loss.dispose();
        }
        options.onEpoch?.(epoch + 1, epochs, epochLoss);
    }
    // held-out fit
    const outTest = model.predict(xTest);
    const heldOutNll = (await nll(yTest, outTest).data())[0];
    const predicted = (await backend_js_1.tf.sigmoid(backend_js_1.tf.split(outTest, 2, 1)[0]).array());
    const targets = (await yTest.array());
    const trainMean = [0, 1].map((k) => trainRows.reduce((s, r) => s + (k === 0 ? data.savingShare[r] : data.workShare[r]), 0) / trainRows.length);
    const rmse = (k, guess) => Math.sqrt(targets.reduce((s, t, i) => s + (t[k] - guess(i)) ** 2, 0) / targets.length);
    const heldOutRmse = { savingShare: rmse(0, (i) => predicted[i][0]), workShare: rmse(1, (i) => predicted[i][1]) };
    const constantRmse = { savingShare: rmse(0, () => trainMean[0]), workShare: rmse(1, () => trainMean[1]) };
    const fit = {
        backend,
        trainRows: trainRows.length,
        heldOutRows: testRows.length,
        epochs,
        heldOutNll,
        heldOutRmse,
        constantRmse,
        heldOutR2: {
            savingShare: 1 - (heldOutRmse.savingShare / constantRmse.savingShare) ** 2,
            workShare: 1 - (heldOutRmse.workShare / constantRmse.workShare) ** 2,
        },
        seconds: (Date.now() - started) / 1000,
    };
    const metadata = {
        kind: 'smfg behaviour-cloned household policy',
        inputs: ['ability (EDUC)', 'log10(1 + assets USD)'],
        featureScaling: scaling,
        outputs: ['mean saving share (sigmoid)', 'mean work share (sigmoid)', 'log-std saving share', 'log-std work share'],
        logStdClip: [-20, 2],
        targets: { savingShare: '1 - CONSUMPTION / INCOME clipped to [0, 1]', workShare: 'LF' },
        training: { epochs, batchSize, learningRate: options.learningRate ?? 1e-3, hidden, seed, loss: 'Gaussian NLL', optimizer: 'Adam' },
        fit,
    };
    await model.save(backend_js_1.tf.io.withSaveHandler(async (artifacts) => {
        const weights = new Uint8Array(artifacts.weightData);
        (0, atomic_js_1.writeFileAtomic)((0, node_path_1.join)(folder, 'weights.bin'), weights);
        (0, atomic_js_1.writeFileAtomic)((0, node_path_1.join)(folder, 'model.json'), JSON.stringify({
            format: 'layers-model',
            generatedBy: `TensorFlow.js ${backend_js_1.tf.version.tfjs}`,
            modelTopology: artifacts.modelTopology,
            weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
            userDefinedMetadata: metadata,
        }, null, 1) + '\n');
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    backend_js_1.tf.dispose([xTrain, yTrain, xTest, yTest, outTest]);
    model.dispose();
    return { folder, fit, scaling };
}
//# sourceMappingURL=behaviourCloning.js.map