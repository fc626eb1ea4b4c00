"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveSeeds = resolveSeeds;
exports.evaluate = evaluate;
exports.comparisonTable = comparisonTable;
const config_js_1 = require("../economy/config.js");
const metrics_js_1 = require("../economy/metrics.js");
const defaults_js_1 = require("../data/defaults.js");
const frames_js_1 = require("../data/frames.js");
const episode_js_1 = require("./episode.js");
const statistics_js_1 = require("./statistics.js");
function resolveSeeds(seeds) {
    if (typeof seeds === 'number') {
        if (!Number.isInteger(seeds) || seeds < 1)
            throw new config_js_1.ConfigError(`seeds must be a positive integer count or a list of integer seeds, got ${seeds}`);
        return Array.from({ length: seeds }, (_, k) => k + 1);
    }
    if (!Array.isArray(seeds) || seeds.length === 0)
        throw new config_js_1.ConfigError('seeds must be a non-empty list of integers >= 0');
    for (const s of seeds) {
        if (!Number.isInteger(s) || s < 0)
            throw new config_js_1.ConfigError(`every seed must be an integer >= 0, got ${s}`);
    }
    if (new Set(seeds).size !== seeds.length)
        throw new config_js_1.ConfigError(`seeds must be distinct, got ${seeds.join(', ')}`);
    return seeds;
}
function make(source, seed) {
    return typeof source === 'function' ? source(seed) : source;
}
function evaluate(government, households, options) {
    const seeds = resolveSeeds(options.seeds);
    const episodesPerSeed = options.episodes ?? 1;
    if (!Number.isInteger(episodesPerSeed) || episodesPerSeed < 1)
        throw new config_js_1.ConfigError(`episodes must be an integer >= 1, got ${episodesPerSeed}`);
    if (!Number.isInteger(options.n) || options.n < 1)
        throw new config_js_1.ConfigError(`n (households) must be an integer >= 1, got ${options.n}`);
    const keep = options.keepTrajectories ?? true;
    const total = seeds.length * episodesPerSeed;
    const records = [];
    let governmentName = '';
    let householdName = '';
    let task = 'gdp';
    let preset = 'paper';
    for (const seed of seeds) {
        const economy = (0, defaults_js_1.createEconomy)({ ...options.config, n: options.n, seed, task: options.task ?? options.config?.task ?? 'gdp', preset: options.preset ?? options.config?.preset ?? 'paper' });
        task = economy.config.task;
        preset = economy.config.preset;
        const gov = make(government, seed);
        // the households' own randomness is a separate stream from the economy's
        const house = make(households, seed + 1_000_003);
        governmentName = gov.name;
        householdName = house.name;
        const years = economy.config.episodeYears;
        for (let episode = 0; episode < episodesPerSeed; episode++) {
            const before = records.length * years;
            const result = (0, episode_js_1.runEpisode)(economy, gov, house, { onYear: (y) => options.onProgress?.(before + y.year, total * years) });
            records.push({
                seed,
                episode,
                metrics: result.metrics,
                trajectory: keep ? result.trajectory : null,
                finalWealth: Float64Array.from(economy.assetsNext),
                finalIncome: Float64Array.from(economy.income),
            });
            options.onProgress?.(records.length * years, total * years);
        }
    }
    const episodes = frames_js_1.aq.from(records.map((r) => ({ seed: r.seed, episode: r.episode, ...r.metrics })));
    return { government: governmentName, households: householdName, n: options.n, task, preset, seeds, records, episodes, summary: summarize(records, seeds) };
}
function summarize(records, seeds) {
    const rows = metrics_js_1.EPISODE_METRIC_NAMES.map((metric) => {
        const perSeed = seeds.map((seed) => {
            const values = records.filter((r) => r.seed === seed).map((r) => r.metrics[metric]);
            return values.reduce((s, v) => s + v, 0) / values.length;
        });
        const ci = (0, statistics_js_1.meanInterval)(perSeed);
        return { metric, mean: ci.mean, ci95_low: ci.low, ci95_high: ci.high, half_width: ci.halfWidth, sd: ci.sd, seeds: ci.count };
    });
    return frames_js_1.aq.from(rows);
}
/** Several evaluations side by side: one row per evaluation, "mean ± half-width" cells and raw columns. */
function comparisonTable(evaluations) {
    return frames_js_1.aq.from(evaluations.map((e) => {
        const row = { government: e.government, households: e.households, n: e.n, seeds: e.seeds.length };
        for (const s of e.summary.objects()) {
            row[s.metric] = s.mean;
            row[`${s.metric}_ci95`] = s.half_width;
        }
        return row;
    }));
}
//# sourceMappingURL=evaluate.js.map