"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SHIPPED_CLONE = void 0;
exports.loadClone = loadClone;
exports.clonedHouseholds = clonedHouseholds;
const rng_js_1 = require("../economy/rng.js");
const paths_js_1 = require("../data/paths.js");
const csv_js_1 = require("../data/csv.js");
const mlp_js_1 = require("../learning/mlp.js");
const cloneFeatures_js_1 = require("../learning/cloneFeatures.js");
exports.SHIPPED_CLONE = 'models/bc-households';
const cache = new Map();
function loadClone(folder = (0, paths_js_1.dataPath)(exports.SHIPPED_CLONE)) {
    let entry = cache.get(folder);
    if (!entry) {
        const mlp = (0, mlp_js_1.loadMlp)(folder);
        const scaling = mlp.metadata.featureScaling;
        if (!scaling || scaling.mean?.length !== 2 || scaling.sd?.length !== 2) {
            throw new csv_js_1.DataFileError(`${folder}/model.json: userDefinedMetadata.featureScaling (mean and sd of the 2 inputs) is missing`);
        }
        const outputs = mlp.layers[mlp.layers.length - 1].outputs;
        if (mlp.layers[0].inputs !== 2 || outputs !== 4)
            throw new csv_js_1.DataFileError(`${folder}: a household clone maps 2 inputs to 4 outputs, this model maps ${mlp.layers[0].inputs} to ${outputs}`);
        entry = { mlp, scaling };
        cache.set(folder, entry);
    }
    return entry;
}
function clonedHouseholds(options = {}) {
    const { mlp, scaling } = loadClone(options.folder);
    const rng = new rng_js_1.Rng(options.seed ?? 0);
    const input = new Float64Array(2);
    const out = new Float64Array(4);
    const scratch = (0, mlp_js_1.newScratch)(mlp);
    const sigmoid = (x) => 1 / (1 + Math.exp(-x));
    const std = (x) => Math.exp(Math.min(2, Math.max(-20, x)));
    return {
        name: options.deterministic ? 'behaviour-cloned (mean)' : 'behaviour-cloned',
        act(economy, actions) {
            const { ability, assetsNext } = economy;
            for (let i = 0; i < economy.n; i++) {
                const [e, w] = (0, cloneFeatures_js_1.rawFeatures)(ability[i], assetsNext[i]);
                input[0] = (e - scaling.mean[0]) / scaling.sd[0];
                input[1] = (w - scaling.mean[1]) / scaling.sd[1];
                (0, mlp_js_1.forward)(mlp, input, out, scratch);
                let saving = sigmoid(out[0]);
                let work = sigmoid(out[1]);
                if (!options.deterministic) {
                    saving += std(out[2]) * rng.normal();
                    work += std(out[3]) * rng.normal();
                }
                actions.savingShare[i] = saving;
                actions.workShare[i] = work;
            }
        },
    };
}
//# sourceMappingURL=behaviourCloned.js.map