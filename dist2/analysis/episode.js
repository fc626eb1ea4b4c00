"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runEpisode = runEpisode;
const metrics_js_1 = require("../economy/metrics.js");
const households_js_1 = require("../policies/households.js");
function runEpisode(economy, government, households, options = {}) {
    economy.reset();
    government.reset?.(economy);
    households.reset?.(economy);
    const actions = (0, households_js_1.newHouseholdActions)(economy.n);
    const trajectory = [];
    const maxYears = options.maxYears ?? economy.config.episodeYears;
    while (!economy.done && trajectory.length < maxYears) {
        const decision = government.decide(economy);
        households.act(economy, actions);
        const year = economy.step(decision.action, actions, { taxSystem: decision.taxSystem });
        trajectory.push(year);
        options.onYear?.(year, economy);
    }
    return { government: government.name, households: households.name, trajectory, metrics: (0, metrics_js_1.summarizeEpisode)(trajectory) };
}
//# sourceMappingURL=episode.js.map