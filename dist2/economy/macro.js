"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.initialAggregates = initialAggregates;
exports.validateMacroCalibration = validateMacroCalibration;
function initialAggregates(macro, config) {
    const realGdp = macro.gdpBillionUsd * 1e9;
    const units = config.macroUnit === 'perHousehold' ? macro.householdsThousands * 1e3 : macro.populationThousands * 1e3;
    const gdpPerHouseholdUsd = realGdp / units;
    const gdpUsd = gdpPerHouseholdUsd * config.n;
    return {
        gdpPerHouseholdUsd,
        gdpUsd,
        debtUsd: macro.debtPercentOfGdp * 0.01 * gdpUsd,
        capitalUsd: macro.capitalPercentOfGdp * 0.01 * gdpUsd,
        laborHours: ((macro.totalHoursMillions * 1e6) / units) * config.n,
    };
}
/** Throws naming the field when a calibration is unusable. */
function validateMacroCalibration(macro, source = 'macro calibration') {
    const positive = [
        'gdpBillionUsd',
        'populationThousands',
        'householdsThousands',
        'capitalPercentOfGdp',
        'totalHoursMillions',
    ];
    for (const field of [...positive, 'debtPercentOfGdp', 'year']) {
        const value = macro[field];
        if (typeof value !== 'number' || !Number.isFinite(value))
            throw new RangeError(`${source}: ${field} must be a finite number, got ${JSON.stringify(value)}`);
    }
    for (const field of positive) {
        if (!(macro[field] > 0))
            throw new RangeError(`${source}: ${field} must be > 0, got ${macro[field]}`);
    }
    if (macro.debtPercentOfGdp < 0)
        throw new RangeError(`${source}: debtPercentOfGdp must be >= 0, got ${macro.debtPercentOfGdp}`);
    return macro;
}
//# sourceMappingURL=macro.js.map