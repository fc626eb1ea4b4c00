"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newHouseholdActions = newHouseholdActions;
exports.fixedShares = fixedShares;
exports.randomShares = randomShares;
exports.thriftyHouseholds = thriftyHouseholds;
const rng_js_1 = require("../economy/rng.js");
function newHouseholdActions(n) {
    return { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
}
function checkShare(name, value) {
    if (!(value >= 0 && value <= 1))
        throw new RangeError(`${name} must be a share in [0, 1], got ${value}`);
    return value;
}
function fixedShares(savingShare, workShare) {
    checkShare('savingShare', savingShare);
    checkShare('workShare', workShare);
    return {
        name: `fixed (save ${savingShare}, work ${workShare})`,
        act(_economy, out) {
            out.savingShare.fill(savingShare);
            out.workShare.fill(workShare);
        },
    };
}
/** Shares drawn uniformly each year from [savingLow, savingHigh] and [workLow, workHigh]. */
function randomShares(seed, saving = [0, 1], work = [0, 1], name = 'random') {
    for (const [label, [lo, hi]] of [['saving', saving], ['work', work]]) {
        checkShare(`${label} lower bound`, lo);
        checkShare(`${label} upper bound`, hi);
        if (lo > hi)
            throw new RangeError(`${label} range [${lo}, ${hi}] is empty`);
    }
    const rng = new rng_js_1.Rng(seed);
    return {
        name,
        act(_economy, out) {
            for (let i = 0; i < out.savingShare.length; i++) {
                out.savingShare[i] = rng.uniformIn(saving[0], saving[1]);
                out.workShare[i] = rng.uniformIn(work[0], work[1]);
            }
        },
    };
}
/** The rule of the authors' surviving recording: save 95-100 % of income, work a uniform random share. */
function thriftyHouseholds(seed) {
    return randomShares(seed, [0.95, 1], [0, 1], 'thrifty (save 95-100 %, random work)');
}
//# sourceMappingURL=households.js.map