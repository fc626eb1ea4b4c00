"use strict";
/**
 * The economy's configuration: calibrated parameters, the government task, and the named
 * corrections of the authors' quirks. Two presets: `paper` (the authors' behaviour exactly,
 * the default) and `calibrated` (survey-weighted households plus every correction).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = exports.PRESET_OVERRIDES = exports.GDP_REWARDS = exports.SUPERSTAR_RETURNS = exports.MACRO_UNITS = exports.INITIAL_CAPITALS = exports.SAMPLINGS = exports.PRESETS = exports.GOVERNMENT_TASKS = void 0;
exports.describeRule = describeRule;
exports.makeConfig = makeConfig;
exports.GOVERNMENT_TASKS = ['gdp', 'gini', 'social_welfare', 'gdp_gini'];
exports.PRESETS = ['paper', 'calibrated'];
/** How the N households are drawn from the survey. */
exports.SAMPLINGS = ['unweighted', 'weighted'];
/** Initial production capital K0. */
exports.INITIAL_CAPITALS = ['gdpShare', 'householdAssets'];
/** Units of the macro calibration: per person (authors) or per household. */
exports.MACRO_UNITS = ['perPerson', 'perHousehold'];
/** Where a super-star returning to normal lands. */
exports.SUPERSTAR_RETURNS = ['authors', 'normalRange'];
/** What the gdp task rewards. */
exports.GDP_REWARDS = ['capitalGrowth', 'outputGrowth'];
const BASE = {
    task: 'gdp',
    episodeYears: 300,
    alpha: 0.7445,
    tfp: 10,
    interestRate: 0.04,
    depreciationRate: 0.06,
    consumptionTaxRate: 0.065,
    crra: 1,
    inverseFrisch: 2,
    laborDisutilityWeight: 10,
    consumptionScaleUsd: 1000,
    abilityPersistence: 0.982,
    abilityShockSd: 0.2,
    superstarEntryProb: 2.2e-6,
    superstarStayProb: 0.99,
    superstarMultiplier: 504.3,
    tauMax: 0.2,
    xiMax: 0.05,
    spendingMax: 0.3,
    actionClipLow: 0.001,
    actionClipHigh: 0.99,
    maxHoursPerYear: ((365 * 24 * 2) / 3) * (2 / 3),
    giniWeight: 1,
    sampling: 'unweighted',
    initialCapital: 'gdpShare',
    macroUnit: 'perPerson',
    superstarReturn: 'authors',
    gdpReward: 'capitalGrowth',
    resampleOnReset: false,
    exactFreeMarket: false,
};
/** What each preset sets on top of the base parameters. */
exports.PRESET_OVERRIDES = {
    paper: {},
    calibrated: {
        sampling: 'weighted',
        initialCapital: 'householdAssets',
        macroUnit: 'perHousehold',
        superstarReturn: 'normalRange',
        gdpReward: 'outputGrowth',
        resampleOnReset: true,
        exactFreeMarket: true,
    },
};
class ConfigError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const num = (min, max, extra = {}) => ({
    kind: 'number',
    min,
    max,
    ...extra,
});
const RULES = {
    n: num(1, 50_000_000, { integer: true }),
    seed: num(0, Number.MAX_SAFE_INTEGER, { integer: true }),
    preset: { kind: 'enum', values: exports.PRESETS },
    task: { kind: 'enum', values: exports.GOVERNMENT_TASKS },
    episodeYears: num(1, 100_000, { integer: true }),
    alpha: num(0, 1, { minExclusive: true }),
    tfp: num(0, 1e6, { minExclusive: true }),
    interestRate: num(-0.5, 1),
    depreciationRate: num(0, 1),
    consumptionTaxRate: num(0, 10),
    crra: num(0, 20, { minExclusive: true }),
    inverseFrisch: num(0, 20),
    laborDisutilityWeight: num(0, 1e6),
    consumptionScaleUsd: num(0, 1e12, { minExclusive: true }),
    abilityPersistence: num(0, 1),
    abilityShockSd: num(0, 10),
    superstarEntryProb: num(0, 1),
    superstarStayProb: num(0, 1),
    superstarMultiplier: num(0, 1e9),
    tauMax: num(0, 1),
    xiMax: num(0, 1),
    spendingMax: num(0, 1),
    actionClipLow: num(0, 1),
    actionClipHigh: num(0, 1),
    maxHoursPerYear: num(0, 8760, { minExclusive: true }),
    giniWeight: num(0, 1e6),
    sampling: { kind: 'enum', values: exports.SAMPLINGS },
    initialCapital: { kind: 'enum', values: exports.INITIAL_CAPITALS },
    macroUnit: { kind: 'enum', values: exports.MACRO_UNITS },
    superstarReturn: { kind: 'enum', values: exports.SUPERSTAR_RETURNS },
    gdpReward: { kind: 'enum', values: exports.GDP_REWARDS },
    resampleOnReset: { kind: 'boolean' },
    exactFreeMarket: { kind: 'boolean' },
};
/** The allowed values of a field, as a user would read them in an error message. */
function describeRule(rule) {
    switch (rule.kind) {
        case 'number': {
            const kind = rule.integer ? 'an integer' : 'a number';
            return `${kind} in ${rule.minExclusive ? '(' : '['}${rule.min}, ${rule.max}]`;
        }
        case 'enum':
            return `one of ${rule.values.map((v) => `'${v}'`).join(', ')}`;
        case 'boolean':
            return 'true or false';
    }
}
function checkField(field, value, rule) {
    const fail = () => {
        throw new ConfigError(`config.${field} must be ${describeRule(rule)}; got ${JSON.stringify(value) ?? String(value)}`);
    };
    switch (rule.kind) {
        case 'number':
            if (typeof value !== 'number' || !Number.isFinite(value))
                fail();
            if (rule.integer && !Number.isInteger(value))
                fail();
            if (value < rule.min || value > rule.max)
                fail();
            if (rule.minExclusive && value === rule.min)
                fail();
            return;
        case 'enum':
            if (typeof value !== 'string' || !rule.values.includes(value))
                fail();
            return;
        case 'boolean':
            if (typeof value !== 'boolean')
                fail();
            return;
    }
}
/**
 * Build a full, validated configuration from a preset and user overrides.
 * Unknown fields, wrong types and out-of-range values get a ConfigError naming the field
 * and the allowed values.
 */
function makeConfig(overrides) {
    if (overrides === null || typeof overrides !== 'object') {
        throw new ConfigError('config must be an object with at least the field n (number of households)');
    }
    for (const key of Object.keys(overrides)) {
        if (!(key in RULES)) {
            throw new ConfigError(`config.${key} is not a known field; known fields: ${Object.keys(RULES).join(', ')}`);
        }
    }
    if (overrides.n === undefined)
        throw new ConfigError(`config.n is required: ${describeRule(RULES.n)}`);
    const preset = overrides.preset ?? 'paper';
    checkField('preset', preset, RULES.preset);
    const config = { ...BASE, seed: 0, preset, ...exports.PRESET_OVERRIDES[preset], ...overrides };
    for (const [field, rule] of Object.entries(RULES)) {
        checkField(field, config[field], rule);
    }
    if (config.actionClipLow >= config.actionClipHigh) {
        throw new ConfigError(`config.actionClipLow (${config.actionClipLow}) must be below config.actionClipHigh (${config.actionClipHigh})`);
    }
    return config;
}
//# sourceMappingURL=config.js.map