"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createEconomy = createEconomy;
/**
 * An economy on the project's shipped data in one call: the SCF 2022 household sample and the
 * US 2022 macro calibration, households drawn with the economy's own seeded RNG.
 */
const economy_js_1 = require("../economy/economy.js");
const config_js_1 = require("../economy/config.js");
const households_js_1 = require("../economy/households.js");
const households_js_2 = require("./households.js");
const macro_js_1 = require("./macro.js");
const poolCache = new Map();
function createEconomy(config, data = {}) {
    const full = (0, config_js_1.makeConfig)(config);
    const key = data.householdsPath ?? '<shipped>';
    let pool = poolCache.get(key);
    if (!pool) {
        pool = (0, households_js_2.loadHouseholdPool)(data.householdsPath);
        poolCache.set(key, pool);
    }
    const households = pool;
    return new economy_js_1.Economy(full, (rng) => (0, households_js_1.drawHouseholds)(households, full.n, full.sampling, rng), data.macro ?? (0, macro_js_1.loadMacroCalibration)());
}
//# sourceMappingURL=defaults.js.map