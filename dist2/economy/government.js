"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GOVERNMENT_ACTION_NAMES = exports.GOVERNMENT_ACTION_SIZE = void 0;
exports.decodeGovernmentAction = decodeGovernmentAction;
exports.GOVERNMENT_ACTION_SIZE = 5;
exports.GOVERNMENT_ACTION_NAMES = ['tau', 'xi', 'tauA', 'xiA', 'spendingShare'];
function decodeGovernmentAction(action, config) {
    if (!action || action.length !== exports.GOVERNMENT_ACTION_SIZE) {
        throw new RangeError(`the government action must have ${exports.GOVERNMENT_ACTION_SIZE} entries (${exports.GOVERNMENT_ACTION_NAMES.join(', ')}), got ${action?.length}`);
    }
    const { actionClipLow: lo, actionClipHigh: hi } = config;
    const u = Array.from(action, (x, i) => {
        if (Number.isNaN(x))
            throw new RangeError(`government action entry ${i} (${exports.GOVERNMENT_ACTION_NAMES[i]}) is NaN`);
        return Math.min(Math.max(x, lo), hi);
    });
    return {
        tau: u[0] * config.tauMax,
        xi: u[1] * config.xiMax,
        tauA: u[2] * config.tauMax,
        xiA: u[3] * config.xiMax,
        spendingShare: u[4] * config.spendingMax,
        allZero: Array.from(action).every((x) => x === 0),
    };
}
//# sourceMappingURL=government.js.map