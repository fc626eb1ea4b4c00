#!/usr/bin/env node
"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.main = main;
/**
 * smfg: the command line of the workbench.
 *   smfg run        one episode under the free market and US federal 2022, metrics table
 *   smfg evaluate   a government against households over seeds: the paper's metrics with 95 % intervals
 *   smfg reproduce  the main job: the classical rows of the paper's table, then every notebook
 *   smfg train-bc   train the behaviour-cloned households on the SCF 2022
 *   smfg replay     replay a recording of the authors' economy and report the largest errors
 *   smfg bench      speed of the economy from N = 100 to 1,000,000
 */
const node_util_1 = require("node:util");
const node_child_process_1 = require("node:child_process");
const node_path_1 = require("node:path");
const config_js_1 = require("./economy/config.js");
const csv_js_1 = require("./data/csv.js");
const paths_js_1 = require("./data/paths.js");
const replay_js_1 = require("./analysis/replay.js");
const bench_js_1 = require("./analysis/bench.js");
const baselineRun_js_1 = require("./analysis/baselineRun.js");
const metrics_js_1 = require("./economy/metrics.js");
const progress_js_1 = require("./analysis/progress.js");
const textTable_js_1 = require("./analysis/textTable.js");
const runs_js_1 = require("./analysis/runs.js");
const evaluate_js_1 = require("./analysis/evaluate.js");
const classical_js_1 = require("./analysis/classical.js");
const registry_js_1 = require("./policies/registry.js");
const paths_js_2 = require("./data/paths.js");
const households_js_1 = require("./data/households.js");
const node_path_2 = require("node:path");
class UsageError extends Error {
}
const COMMON = { help: { type: 'boolean', help: 'show this help' } };
const RUN_OPTIONS = {
    ...COMMON,
    n: { type: 'string', help: 'number of households', default: '100' },
    seed: { type: 'string', help: 'seed (integer >= 0)', default: '1' },
    preset: { type: 'string', help: `economy preset: ${config_js_1.PRESETS.join(' | ')}`, default: 'paper' },
    task: { type: 'string', help: `government objective: ${config_js_1.GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
    households: { type: 'string', help: `households: ${registry_js_1.HOUSEHOLD_NAMES.join(' | ')}`, default: 'thrifty' },
    years: { type: 'string', help: 'episode length in years', default: '300' },
    quiet: { type: 'boolean', help: 'no progress bar' },
};
const COMMANDS = {
    run: { summary: 'one episode under the free market and under US federal 2022; prints the metrics', usage: 'smfg run [options]', options: RUN_OPTIONS },
    evaluate: {
        summary: "a government against households over seeds: the paper's metrics per episode and their mean with a 95 % interval",
        usage: 'smfg evaluate --gov <name> --households <name> [--n 100] [--seeds 5] [--episodes 1]',
        options: {
            ...COMMON,
            gov: { type: 'string', help: `government: ${registry_js_1.GOVERNMENT_NAMES.join(' | ')}`, default: 'us-federal-2022' },
            households: { type: 'string', help: `households: ${registry_js_1.HOUSEHOLD_NAMES.join(' | ')}`, default: 'bc' },
            n: { type: 'string', help: 'number of households', default: '100' },
            seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list of integer seeds', default: '5' },
            episodes: { type: 'string', help: 'episodes per seed', default: '1' },
            preset: { type: 'string', help: `economy preset: ${config_js_1.PRESETS.join(' | ')}`, default: 'paper' },
            task: { type: 'string', help: `government objective: ${config_js_1.GOVERNMENT_TASKS.join(' | ')}`, default: 'gdp' },
            quiet: { type: 'boolean', help: 'no progress bar' },
        },
    },
    reproduce: {
        summary: "the main job: the classical rows of the paper's table (free market, Saez, US federal 2022 x N = 100, 1000 x seeds), then every notebook executed into reports/notebooks",
        usage: 'smfg reproduce [--seeds 5] [--episodes 1] [--ns 100,1000] [--no-notebooks]',
        options: {
            ...COMMON,
            seeds: { type: 'string', help: 'number of seeds (1..k) or a comma-separated list', default: '5' },
            episodes: { type: 'string', help: 'episodes per seed', default: '1' },
            ns: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000' },
            'no-notebooks': { type: 'boolean', help: 'skip executing the notebooks' },
            quiet: { type: 'boolean', help: 'no progress bar' },
        },
    },
    'train-bc': {
        summary: 'train the behaviour-cloned household policy on the SCF 2022 sample (TensorFlow.js) and save it',
        usage: 'smfg train-bc [--epochs 150] [--out data/models/bc-households] [--households <csv>]',
        options: {
            ...COMMON,
            epochs: { type: 'string', help: 'training epochs', default: '150' },
            out: { type: 'string', help: 'output folder', default: 'data/models/bc-households' },
            households: { type: 'string', help: 'survey CSV with INCOME, CONSUMPTION, LF, EDUC, ASSET (default: the shipped sample)' },
            seed: { type: 'string', help: 'seed', default: '2022' },
            quiet: { type: 'boolean', help: 'no progress bar' },
        },
    },
    replay: {
        summary: "replay a recording of the authors' economy; exits 1 when the largest relative error exceeds the tolerance",
        usage: 'smfg replay <folder> [--tolerance 1e-9]',
        options: { ...COMMON, tolerance: { type: 'string', help: 'largest allowed relative error', default: '1e-9' }, quiet: { type: 'boolean', help: 'no progress bar' } },
    },
    bench: {
        summary: 'household-steps per second of step() and reset time, N = 100 ... 1,000,000',
        usage: 'smfg bench [--sizes 100,1000,10000,100000,1000000] [--budget-ms 2000]',
        options: {
            ...COMMON,
            sizes: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000,10000,100000,1000000' },
            'budget-ms': { type: 'string', help: 'time budget per size, milliseconds', default: '2000' },
        },
    },
};
function usage() {
    const lines = ['smfg: Dynamic Stackelberg Mean Field Games for tax policy', '', 'commands:'];
    for (const [name, c] of Object.entries(COMMANDS))
        lines.push(`  ${name.padEnd(10)} ${c.summary}`);
    lines.push('', 'smfg <command> --help for the options of a command');
    return lines.join('\n');
}
function commandHelp(name) {
    const c = COMMANDS[name];
    const lines = [`usage: ${c.usage}`, '', c.summary, '', 'options:'];
    for (const [flag, o] of Object.entries(c.options)) {
        lines.push(`  --${flag.padEnd(12)} ${o.help}${o.default !== undefined ? ` (default ${o.default})` : ''}`);
    }
    return lines.join('\n');
}
function parse(name, argv) {
    const options = COMMANDS[name].options;
    try {
        const parsed = (0, node_util_1.parseArgs)({
            args: argv,
            options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type, default: o.default }])),
            allowPositionals: true,
            strict: true,
        });
        return { values: parsed.values, positionals: parsed.positionals };
    }
    catch (error) {
        const allowed = Object.keys(options).map((k) => `--${k}`).join(', ');
        throw new UsageError(`${error.message.split('\n')[0]}\nallowed options of 'smfg ${name}': ${allowed}`);
    }
}
function integerFlag(name, value, min, max = Number.MAX_SAFE_INTEGER) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
        throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got '${value}'`);
    return n;
}
function numberFlag(name, value, min) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min)
        throw new UsageError(`--${name} must be a number >= ${min}, got '${value}'`);
    return n;
}
function choiceFlag(name, value, allowed) {
    if (!allowed.includes(value))
        throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${value}'`);
    return value;
}
function commandRun(values) {
    const config = (0, config_js_1.makeConfig)({
        n: integerFlag('n', values.n, 1, 50_000_000),
        seed: integerFlag('seed', values.seed, 0),
        preset: choiceFlag('preset', values.preset, config_js_1.PRESETS),
        task: choiceFlag('task', values.task, config_js_1.GOVERNMENT_TASKS),
        episodeYears: integerFlag('years', values.years, 1, 100_000),
    });
    const households = choiceFlag('households', values.households, registry_js_1.HOUSEHOLD_NAMES);
    const bars = new Map();
    const episodes = (0, baselineRun_js_1.runBaselines)({
        config,
        households,
        onYear: (government, year) => {
            if (values.quiet)
                return;
            if (!bars.has(government))
                bars.set(government, new progress_js_1.ProgressBar(government.padEnd(14).slice(0, 14), config.episodeYears));
            bars.get(government).update(year);
        },
    });
    const rows = episodes.map((e) => ({ government: e.government, households: e.households, ...e.metrics }));
    console.log(`N = ${config.n}, seed ${config.seed}, preset '${config.preset}', task '${config.task}', households: ${episodes[0].households}`);
    console.log((0, textTable_js_1.textTable)(['government', ...metrics_js_1.EPISODE_METRIC_NAMES, 'ended because'], episodes.map((e) => [e.government, ...metrics_js_1.EPISODE_METRIC_NAMES.map((m) => e.metrics[m]), e.metrics.endReason])));
    const folder = (0, runs_js_1.newRunFolder)('run');
    (0, runs_js_1.writeJson)((0, node_path_1.join)(folder, 'config.json'), { command: 'run', config, households, node: process.version });
    (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, 'metrics.csv'), rows);
    for (const e of episodes) {
        (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, `trajectory-${e.government.split(' ').slice(0, 2).join('-').toLowerCase()}.csv`), e.trajectory.map(({ instruments, ...year }) => ({ ...year, ...instruments })));
    }
    console.log(`results written to ${folder}`);
    return 0;
}
function seedsFlag(value) {
    const parts = value.split(',').map((s) => s.trim());
    if (parts.length === 1)
        return (0, evaluate_js_1.resolveSeeds)(integerFlag('seeds', parts[0], 1, 10_000));
    return (0, evaluate_js_1.resolveSeeds)(parts.map((p) => integerFlag('seeds', p, 0)));
}
/** A summary table as text: metric, mean, 95 % interval. */
function summaryText(summary) {
    const rows = summary.objects();
    return (0, textTable_js_1.textTable)(['metric', 'mean', '95 % interval', '+/-'], rows.map((r) => [r.metric, r.mean, Number.isNaN(r.half_width) ? 'n/a (one seed)' : `[${(0, textTable_js_1.formatNumber)(r.ci95_low)}, ${(0, textTable_js_1.formatNumber)(r.ci95_high)}]`, r.half_width]));
}
function commandEvaluate(values) {
    const government = (0, registry_js_1.governmentByName)(values.gov);
    const households = (0, registry_js_1.householdsByName)(values.households);
    const n = integerFlag('n', values.n, 1, 50_000_000);
    const seeds = seedsFlag(values.seeds);
    const episodes = integerFlag('episodes', values.episodes, 1, 10_000);
    const preset = choiceFlag('preset', values.preset, config_js_1.PRESETS);
    const task = choiceFlag('task', values.task, config_js_1.GOVERNMENT_TASKS);
    let bar = null;
    const result = (0, evaluate_js_1.evaluate)(government, households, {
        n,
        seeds,
        episodes,
        preset,
        task,
        onProgress: (doneYears, totalYears) => {
            if (values.quiet)
                return;
            bar ??= new progress_js_1.ProgressBar(`${values.gov} vs ${values.households} (years)`, totalYears);
            bar.update(doneYears);
        },
    });
    console.log(`${result.government} vs ${result.households}: N = ${n}, seeds ${seeds.join(', ')}, ${episodes} episode(s) each, preset '${preset}', task '${task}'`);
    console.log((0, textTable_js_1.textTable)(['seed', 'episode', ...metrics_js_1.EPISODE_METRIC_NAMES, 'ended because'], result.records.map((r) => [r.seed, r.episode, ...metrics_js_1.EPISODE_METRIC_NAMES.map((m) => r.metrics[m]), r.metrics.endReason])));
    console.log(`\nacross seeds (each seed's mean over its episodes):\n${summaryText(result.summary)}`);
    const folder = (0, runs_js_1.newRunFolder)('evaluate');
    (0, runs_js_1.writeJson)((0, node_path_1.join)(folder, 'config.json'), { command: 'evaluate', government: values.gov, households: values.households, n, seeds, episodes, preset, task });
    (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, 'episodes.csv'), result.episodes.objects());
    (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, 'summary.csv'), result.summary.objects());
    console.log(`results written to ${folder}`);
    return 0;
}
function commandReproduce(values) {
    const ns = String(values.ns).split(',').map((s) => integerFlag('ns', s.trim(), 1, 50_000_000));
    const seeds = seedsFlag(values.seeds);
    const episodes = integerFlag('episodes', values.episodes, 1, 10_000);
    const bars = new Map();
    const result = (0, classical_js_1.classicalComparison)({
        ns,
        seeds,
        episodes,
        onProgress: (label, done, total) => {
            if (values.quiet)
                return;
            if (!bars.has(label))
                bars.set(label, new progress_js_1.ProgressBar(label.padEnd(22), total));
            bars.get(label).update(done);
        },
    });
    console.log(`The classical rows of the paper's table: behaviour-cloned households, gdp task, paper preset, seeds ${seeds.join(', ')}, ${episodes} episode(s) each; mean +/- 95 % half-width across seeds`);
    const rows = result.table.objects();
    const metrics = ['years', 'governmentReward', 'socialWelfare', 'gdpPerHousehold', 'incomeGini', 'wealthGini'];
    const pm = (r, m) => {
        const half = r[`${m}_ci95`];
        return `${(0, textTable_js_1.formatNumber)(r[m])}${Number.isNaN(half) ? '' : ` +/- ${(0, textTable_js_1.formatNumber)(half, 2)}`}`;
    };
    console.log((0, textTable_js_1.textTable)(['government', 'N', ...metrics], rows.map((r) => [r.government, r.n, ...metrics.map((m) => pm(r, m))])));
    const folder = (0, runs_js_1.newRunFolder)('reproduce');
    (0, runs_js_1.writeJson)((0, node_path_1.join)(folder, 'config.json'), { command: 'reproduce', ns, seeds, episodes, governments: classical_js_1.CLASSICAL_GOVERNMENTS, households: 'bc' });
    (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, 'classical.csv'), rows);
    (0, runs_js_1.writeCsv)((0, node_path_1.join)(folder, 'episodes.csv'), result.evaluations.flatMap((e) => e.episodes.objects().map((row) => ({ government: e.government, n: e.n, ...row }))));
    console.log(`results written to ${folder}`);
    if (values['no-notebooks'])
        return 0;
    console.log('\nexecuting the notebooks into reports/notebooks ...');
    const notebooks = (0, node_child_process_1.spawnSync)(process.execPath, [(0, node_path_1.join)((0, paths_js_1.projectRoot)(), 'scripts', 'run-notebooks.mjs')], { stdio: 'inherit' });
    return notebooks.status ?? 1;
}
async function commandTrainBc(values) {
    const epochs = integerFlag('epochs', values.epochs, 1, 100_000);
    const seed = integerFlag('seed', values.seed, 0);
    const source = values.households ?? (0, paths_js_2.dataPath)(households_js_1.SHIPPED_HOUSEHOLD_SAMPLE);
    const folder = (0, node_path_2.resolve)(values.out);
    const bar = new progress_js_1.ProgressBar('behaviour cloning', epochs, !values.quiet);
    // TensorFlow.js loads only for training
    const { cloneDataFromSurvey, trainClone } = await Promise.resolve().then(() => __importStar(require('./learning/behaviourCloning.js')));
    const data = cloneDataFromSurvey(source);
    const { fit } = await trainClone(data, folder, { epochs, seed, onEpoch: (epoch, _total, loss) => bar.update(epoch, `loss ${loss.toFixed(4)}`) });
    console.log(`trained on ${fit.trainRows} households of ${source} (${fit.heldOutRows} held out), backend ${fit.backend}, ${fit.seconds.toFixed(1)} s`);
    console.log((0, textTable_js_1.textTable)(['target', 'held-out RMSE', 'constant RMSE', 'held-out R2'], ['savingShare', 'workShare'].map((k) => [k, fit.heldOutRmse[k], fit.constantRmse[k], fit.heldOutR2[k]])));
    console.log(`held-out Gaussian NLL ${fit.heldOutNll.toFixed(4)}; saved to ${folder}`);
    return 0;
}
function commandReplay(values, positionals) {
    if (positionals.length !== 1)
        throw new UsageError(`smfg replay needs exactly one recording folder, got ${positionals.length}\n${commandHelp('replay')}`);
    const tolerance = numberFlag('tolerance', values.tolerance, 0);
    let bar = null;
    const report = (0, replay_js_1.replayRecording)(positionals[0], {
        onStep: (step, steps) => {
            if (values.quiet)
                return;
            bar ??= new progress_js_1.ProgressBar('replay', steps);
            bar.update(step);
        },
    });
    console.log(`${report.folder}: N = ${report.n}, ${report.steps} steps`);
    console.log((0, textTable_js_1.textTable)(['file', 'column', 'max_rel_err', 'at step', 'household', 'expected', 'ours'], report.columns.map((c) => [c.file, c.column, c.maxRelativeError, c.step, c.household ?? '', c.expected, c.actual])));
    if (report.skippedColumns.length > 0)
        console.log(`not compared (not modelled): ${report.skippedColumns.join(', ')}`);
    console.log(`max_rel_err=${report.maxRelativeError}`);
    if (report.maxRelativeError > tolerance) {
        console.error(`FAIL: max_rel_err ${report.maxRelativeError} exceeds the tolerance ${tolerance}`);
        return 1;
    }
    return 0;
}
function commandBench(values) {
    const sizes = String(values.sizes)
        .split(',')
        .map((s) => integerFlag('sizes', s.trim(), 1, 50_000_000));
    const budgetMs = integerFlag('budget-ms', values['budget-ms'], 1);
    console.log(`economy step() speed, paper preset, thrifty households, free market; medians; node ${process.version}`);
    const columns = ['N', 'us/household-step', 'household-steps/s', 'ms/step', 'ms/reset', 'x authors (8 us)', 'steps timed'];
    const rows = [];
    (0, bench_js_1.benchEconomy)({
        sizes,
        budgetMs,
        onRow: (r) => {
            rows.push([r.n, r.usPerHouseholdStep, Math.round(r.householdStepsPerSecond), r.msPerStep, r.msPerReset, r.speedupVsAuthors, r.steps]);
            process.stderr.write(`  N = ${r.n}: ${r.usPerHouseholdStep.toFixed(3)} us per household-step\n`);
        },
    });
    console.log((0, textTable_js_1.textTable)(columns, rows));
    return 0;
}
async function main(argv) {
    const [command, ...rest] = argv;
    if (!command || command === 'help' || command === '--help' || command === '-h') {
        console.log(usage());
        return command ? 0 : 2;
    }
    if (!(command in COMMANDS)) {
        console.error(`unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')}\n\n${usage()}`);
        return 2;
    }
    try {
        const { values, positionals } = parse(command, rest);
        if (values.help) {
            console.log(commandHelp(command));
            return 0;
        }
        if (command !== 'replay' && positionals.length > 0)
            throw new UsageError(`unexpected argument '${positionals[0]}'\n${commandHelp(command)}`);
        switch (command) {
            case 'run':
                return commandRun(values);
            case 'reproduce':
                return commandReproduce(values);
            case 'evaluate':
                return commandEvaluate(values);
            case 'train-bc':
                return await commandTrainBc(values);
            case 'replay':
                return commandReplay(values, positionals);
            case 'bench':
                return commandBench(values);
        }
        return 2;
    }
    catch (error) {
        if (error instanceof UsageError || error instanceof config_js_1.ConfigError || error instanceof csv_js_1.DataFileError || error instanceof RangeError || error instanceof registry_js_1.UnknownPolicyError) {
            console.error(`smfg ${command}: ${error.message}`);
            return 2;
        }
        throw error;
    }
}
if (require.main === module) {
    main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
//# sourceMappingURL=cli.js.map