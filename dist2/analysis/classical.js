"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AUTHORS_CLASSICAL = exports.CLASSICAL_GOVERNMENTS = void 0;
exports.authorsClassicalTable = authorsClassicalTable;
exports.classicalComparison = classicalComparison;
/**
 * The classical rows of the paper's table: free market, Saez and US federal 2022 governments
 * against behaviour-cloned households, at N = 100 and 1,000, over several seeds.
 */
const frames_js_1 = require("../data/frames.js");
const registry_js_1 = require("../policies/registry.js");
const evaluate_js_1 = require("./evaluate.js");
exports.CLASSICAL_GOVERNMENTS = ['free-market', 'saez', 'us-federal-2022'];
/** The authors' numbers (paper-results.md, their code on this machine, gdp task), for side-by-side tables. */
exports.AUTHORS_CLASSICAL = [
    { government: 'Saez', n: 100, seed: '2 / 3', years: '300', governmentReward: '2676 / 2712', socialWelfare: '94.9', gdpPerHousehold: '8.9e11 / 8.0e11', incomeGini: '0.41 / 0.42', wealthGini: '0.37 / 0.38' },
    { government: 'Saez', n: 1000, seed: '2', years: '300', governmentReward: '2679', socialWelfare: '948.4', gdpPerHousehold: '9.0e11', incomeGini: '0.42', wealthGini: '0.39' },
    { government: 'US federal 2022', n: 100, seed: '2', years: '300', governmentReward: '2565', socialWelfare: '95.1', gdpPerHousehold: '4.1e11', incomeGini: '0.41', wealthGini: '0.38' },
    { government: 'US federal 2022', n: 100, seed: 'others (and N = 1000)', years: '1-2', governmentReward: '-400 to -730', socialWelfare: '31-35 (350 at N = 1000)', gdpPerHousehold: '1.4e5', incomeGini: '0.85-0.91', wealthGini: '0.92-0.95' },
    { government: 'free market', n: 100, seed: 'all (also N = 1000)', years: '1-2', governmentReward: '-440 to -770', socialWelfare: '32-38 (324-355 at N = 1000)', gdpPerHousehold: '1.4e5', incomeGini: '0.79-0.92', wealthGini: '0.85-0.95' },
];
function authorsClassicalTable() {
    return frames_js_1.aq.from(exports.AUTHORS_CLASSICAL);
}
function classicalComparison(options = {}) {
    const ns = options.ns ?? [100, 1000];
    const governments = options.governments ?? [...exports.CLASSICAL_GOVERNMENTS];
    const households = (0, registry_js_1.householdsByName)(options.households ?? 'bc');
    const evaluations = [];
    for (const n of ns) {
        for (const name of governments) {
            evaluations.push((0, evaluate_js_1.evaluate)((0, registry_js_1.governmentByName)(name), households, {
                n,
                seeds: options.seeds ?? 5,
                episodes: options.episodes ?? 1,
                task: options.task,
                preset: options.preset,
                keepTrajectories: true,
                onProgress: (done, total) => options.onProgress?.(`${name} N=${n}`, done, total),
            }));
        }
    }
    return { evaluations, table: (0, evaluate_js_1.comparisonTable)(evaluations) };
}
//# sourceMappingURL=classical.js.map