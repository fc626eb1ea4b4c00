"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AUTHORS_US_PER_HOUSEHOLD_STEP = void 0;
exports.benchEconomy = benchEconomy;
/**
 * Speed of the economy: microseconds per household-step of `step` (with the observation a
 * learner reads every year) and the time of `reset`,
 * for N from 100 to 1,000,000. Household actions are fixed arrays made before timing, so only
 * the economy is measured. Numbers are medians over repeated blocks (timings are noisy).
 */
const defaults_js_1 = require("../data/defaults.js");
const households_js_1 = require("../policies/households.js");
const rng_js_1 = require("../economy/rng.js");
exports.AUTHORS_US_PER_HOUSEHOLD_STEP = 8;
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function benchEconomy(options = {}) {
    const sizes = options.sizes ?? [100, 1_000, 10_000, 100_000, 1_000_000];
    const budgetMs = options.budgetMs ?? 2000;
    const rows = [];
    for (const n of sizes) {
        const economy = (0, defaults_js_1.createEconomy)({ n, seed: 1, preset: 'paper' });
        const actions = (0, households_js_1.newHouseholdActions)(n);
        const rng = new rng_js_1.Rng(7);
        for (let i = 0; i < n; i++) {
            actions.savingShare[i] = rng.uniformIn(0.95, 1);
            actions.workShare[i] = rng.uniform();
        }
        const govAction = new Float64Array(5);
        const resetTimes = [];
        const stepTimes = [];
        const reset = () => {
            const t = process.hrtime.bigint();
            economy.reset();
            resetTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
        };
        reset();
        // warm-up so the JIT has compiled the hot loops
        for (let k = 0; k < 3 && !economy.done; k++)
            economy.step(govAction, actions);
        const start = Date.now();
        while (stepTimes.length < 5 || Date.now() - start < budgetMs) {
            if (economy.done)
                reset();
            const t = process.hrtime.bigint();
            economy.step(govAction, actions);
            // learners read the observation every year: time it as part of the step
            void economy.observation;
            stepTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
            if (stepTimes.length >= 100_000)
                break;
        }
        const msPerStep = median(stepTimes);
        const us = (msPerStep * 1000) / n;
        const row = {
            n,
            usPerHouseholdStep: us,
            householdStepsPerSecond: 1e6 / us,
            msPerStep,
            msPerReset: median(resetTimes),
            speedupVsAuthors: exports.AUTHORS_US_PER_HOUSEHOLD_STEP / us,
            steps: stepTimes.length,
        };
        rows.push(row);
        options.onRow?.(row);
    }
    return rows;
}
//# sourceMappingURL=bench.js.map