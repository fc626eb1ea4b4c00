"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOUSEHOLD_NAMES = exports.GOVERNMENT_NAMES = exports.UnknownPolicyError = void 0;
exports.governmentByName = governmentByName;
exports.householdsByName = householdsByName;
/**
 * Policies by name, for the command line and notebooks. Unknown names get an error that lists
 * the names that exist.
 */
const taxSchedules_js_1 = require("../data/taxSchedules.js");
const government_js_1 = require("./government.js");
const households_js_1 = require("./households.js");
const behaviourCloned_js_1 = require("./behaviourCloned.js");
const saez_js_1 = require("./saez.js");
class UnknownPolicyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UnknownPolicyError';
    }
}
exports.UnknownPolicyError = UnknownPolicyError;
exports.GOVERNMENT_NAMES = ['free-market', 'us-federal-2022', 'saez', 'us-federal-<year>-<filing status>'];
/** A government policy factory (seed -> fresh policy) by name. */
function governmentByName(name) {
    if (name === 'free-market')
        return () => (0, government_js_1.freeMarket)();
    if (name === 'saez')
        return (seed) => new saez_js_1.SaezGovernment({ seed });
    if (name === 'us-federal-2022') {
        const schedule = (0, taxSchedules_js_1.authorsUsFederal2022)();
        return () => (0, government_js_1.bracketSchedulePolicy)(schedule);
    }
    const match = /^us-federal-(\d{4})(?:-([a-z_]+))?$/.exec(name);
    if (match) {
        const schedule = (0, taxSchedules_js_1.loadBracketSchedule)({ country: 'us', year: Number(match[1]), filingStatus: match[2] ?? 'single' });
        return () => (0, government_js_1.bracketSchedulePolicy)(schedule);
    }
    const statutory = (0, taxSchedules_js_1.availableSchedules)().map((k) => `us-federal-${k.year}-${k.filingStatus}`);
    throw new UnknownPolicyError(`unknown government '${name}'; governments: free-market, saez, us-federal-2022 (the authors' version), or a statutory schedule: ${statutory.join(', ')}`);
}
exports.HOUSEHOLD_NAMES = ['bc', 'bc-mean', 'thrifty', 'random', 'fixed'];
/** A household policy factory (seed -> fresh policy) by name. */
function householdsByName(name) {
    switch (name) {
        case 'bc':
            return (seed) => (0, behaviourCloned_js_1.clonedHouseholds)({ seed });
        case 'bc-mean':
            return (seed) => (0, behaviourCloned_js_1.clonedHouseholds)({ seed, deterministic: true });
        case 'thrifty':
            return (seed) => (0, households_js_1.thriftyHouseholds)(seed);
        case 'random':
            return (seed) => (0, households_js_1.randomShares)(seed);
        case 'fixed':
            return () => (0, households_js_1.fixedShares)(0.975, 0.5);
    }
    throw new UnknownPolicyError(`unknown households '${name}'; households: bc (behaviour-cloned, sampled), bc-mean (its mean action), thrifty (save 95-100 %), random (uniform shares), fixed (save 97.5 %, work 50 %)`);
}
//# sourceMappingURL=registry.js.map