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
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadClone = exports.clonedHouseholds = exports.saezGovernment = exports.SaezGovernment = exports.meanInterval = exports.inNotebook = exports.figureHtml = exports.showTable = exports.showFigure = exports.bracketAverageRate = exports.aq = exports.textTable = exports.replayRecording = exports.runEpisode = exports.loadMacroCalibration = exports.loadHouseholdPool = exports.createEconomy = exports.drawHouseholds = exports.Rng = exports.GLOBAL_OBSERVATION_NAMES = exports.EpisodeEndedError = exports.Economy = void 0;
/**
 * smfg: the public API of the workbench, one import for notebooks and scripts.
 */
__exportStar(require("./economy/config.js"), exports);
var economy_js_1 = require("./economy/economy.js");
Object.defineProperty(exports, "Economy", { enumerable: true, get: function () { return economy_js_1.Economy; } });
Object.defineProperty(exports, "EpisodeEndedError", { enumerable: true, get: function () { return economy_js_1.EpisodeEndedError; } });
__exportStar(require("./economy/tax.js"), exports);
__exportStar(require("./economy/inequality.js"), exports);
__exportStar(require("./economy/metrics.js"), exports);
__exportStar(require("./economy/government.js"), exports);
var observations_js_1 = require("./economy/observations.js");
Object.defineProperty(exports, "GLOBAL_OBSERVATION_NAMES", { enumerable: true, get: function () { return observations_js_1.GLOBAL_OBSERVATION_NAMES; } });
var rng_js_1 = require("./economy/rng.js");
Object.defineProperty(exports, "Rng", { enumerable: true, get: function () { return rng_js_1.Rng; } });
var households_js_1 = require("./economy/households.js");
Object.defineProperty(exports, "drawHouseholds", { enumerable: true, get: function () { return households_js_1.drawHouseholds; } });
var defaults_js_1 = require("./data/defaults.js");
Object.defineProperty(exports, "createEconomy", { enumerable: true, get: function () { return defaults_js_1.createEconomy; } });
var households_js_2 = require("./data/households.js");
Object.defineProperty(exports, "loadHouseholdPool", { enumerable: true, get: function () { return households_js_2.loadHouseholdPool; } });
var macro_js_1 = require("./data/macro.js");
Object.defineProperty(exports, "loadMacroCalibration", { enumerable: true, get: function () { return macro_js_1.loadMacroCalibration; } });
__exportStar(require("./data/taxSchedules.js"), exports);
__exportStar(require("./policies/government.js"), exports);
__exportStar(require("./policies/households.js"), exports);
var episode_js_1 = require("./analysis/episode.js");
Object.defineProperty(exports, "runEpisode", { enumerable: true, get: function () { return episode_js_1.runEpisode; } });
var replay_js_1 = require("./analysis/replay.js");
Object.defineProperty(exports, "replayRecording", { enumerable: true, get: function () { return replay_js_1.replayRecording; } });
var textTable_js_1 = require("./analysis/textTable.js");
Object.defineProperty(exports, "textTable", { enumerable: true, get: function () { return textTable_js_1.textTable; } });
var frames_js_1 = require("./data/frames.js");
Object.defineProperty(exports, "aq", { enumerable: true, get: function () { return frames_js_1.aq; } });
var tax_js_1 = require("./economy/tax.js");
Object.defineProperty(exports, "bracketAverageRate", { enumerable: true, get: function () { return tax_js_1.bracketAverageRate; } });
__exportStar(require("./analysis/figures.js"), exports);
var display_js_1 = require("./analysis/display.js");
Object.defineProperty(exports, "showFigure", { enumerable: true, get: function () { return display_js_1.showFigure; } });
Object.defineProperty(exports, "showTable", { enumerable: true, get: function () { return display_js_1.showTable; } });
Object.defineProperty(exports, "figureHtml", { enumerable: true, get: function () { return display_js_1.figureHtml; } });
Object.defineProperty(exports, "inNotebook", { enumerable: true, get: function () { return display_js_1.inNotebook; } });
__exportStar(require("./analysis/taxComparison.js"), exports);
__exportStar(require("./analysis/evaluate.js"), exports);
__exportStar(require("./analysis/classical.js"), exports);
var statistics_js_1 = require("./analysis/statistics.js");
Object.defineProperty(exports, "meanInterval", { enumerable: true, get: function () { return statistics_js_1.meanInterval; } });
var saez_js_1 = require("./policies/saez.js");
Object.defineProperty(exports, "SaezGovernment", { enumerable: true, get: function () { return saez_js_1.SaezGovernment; } });
Object.defineProperty(exports, "saezGovernment", { enumerable: true, get: function () { return saez_js_1.saezGovernment; } });
var behaviourCloned_js_1 = require("./policies/behaviourCloned.js");
Object.defineProperty(exports, "clonedHouseholds", { enumerable: true, get: function () { return behaviourCloned_js_1.clonedHouseholds; } });
Object.defineProperty(exports, "loadClone", { enumerable: true, get: function () { return behaviourCloned_js_1.loadClone; } });
__exportStar(require("./policies/registry.js"), exports);
//# sourceMappingURL=index.js.map