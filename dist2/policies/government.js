"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freeMarket = freeMarket;
exports.bracketSchedulePolicy = bracketSchedulePolicy;
exports.constantAction = constantAction;
const tax_js_1 = require("../economy/tax.js");
/**
 * The authors' free market: the all-zero action. The economy clips it to 0.001 before scaling,
 * so a tiny HSV tax (tau = 2e-4, xi = 5e-5), spending of 3e-4 GDP and the 6.5 % consumption tax
 * remain, unless the economy's exactFreeMarket correction is on.
 */
function freeMarket() {
    const action = new Float64Array(5);
    return { name: 'free market', decide: () => ({ action }) };
}
/**
 * A real bracket schedule on income, no wealth tax, and the free market's (clipped all-zero)
 * spending action, as the authors run their US federal baseline.
 */
function bracketSchedulePolicy(schedule) {
    const action = new Float64Array(5);
    const taxSystem = (0, tax_js_1.bracketTaxSystem)(schedule);
    return { name: schedule.name, decide: () => ({ action, taxSystem }) };
}
/** A constant raw action (HSV taxes), e.g. for tests or a hand-set policy. */
function constantAction(values, name = 'constant action') {
    if (values.length !== 5)
        throw new RangeError(`a government action has 5 entries (tau, xi, tauA, xiA, spendingShare), got ${values.length}`);
    const action = Float64Array.from(values);
    return { name, decide: () => ({ action }) };
}
//# sourceMappingURL=government.js.map