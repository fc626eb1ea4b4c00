"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BASELINE_GOVERNMENTS = void 0;
exports.runBaselines = runBaselines;
/**
 * One episode of the economy under the free market and under the US federal 2022 schedule,
 * with the same households, and the paper's metrics of each (`smfg run`).
 */
const defaults_js_1 = require("../data/defaults.js");
const registry_js_1 = require("../policies/registry.js");
const episode_js_1 = require("./episode.js");
exports.BASELINE_GOVERNMENTS = ['free-market', 'us-federal-2022'];
function runBaselines(options) {
    const households = (0, registry_js_1.householdsByName)(options.households);
    return exports.BASELINE_GOVERNMENTS.map((name) => {
        const economy = (0, defaults_js_1.createEconomy)(options.config);
        const seed = economy.config.seed;
        const government = (0, registry_js_1.governmentByName)(name)(seed);
        return (0, episode_js_1.runEpisode)(economy, government, households(seed + 1), {
            onYear: (year) => options.onYear?.(government.name, year.year),
        });
    });
}
//# sourceMappingURL=baselineRun.js.map