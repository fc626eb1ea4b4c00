/**
 * smfg: the public API of the workbench, one import for notebooks and scripts.
 */
export * from './economy/config.js';
export { Economy, EpisodeEndedError, type YearResult, type HouseholdActions, type Observation } from './economy/economy.js';
export * from './economy/tax.js';
export * from './economy/inequality.js';
export * from './economy/metrics.js';
export * from './economy/government.js';
export { GLOBAL_OBSERVATION_NAMES } from './economy/observations.js';
export { Rng } from './economy/rng.js';
export { drawHouseholds, type HouseholdPool, type InitialHouseholds } from './economy/households.js';
export type { MacroCalibration } from './economy/macro.js';
export { createEconomy } from './data/defaults.js';
export { loadHouseholdPool } from './data/households.js';
export { loadMacroCalibration } from './data/macro.js';
export * from './data/taxSchedules.js';
export * from './policies/government.js';
export * from './policies/households.js';
export { runEpisode, type Episode } from './analysis/episode.js';
export { replayRecording } from './analysis/replay.js';
export { textTable } from './analysis/textTable.js';
export { aq, type Table } from './data/frames.js';
export { bracketAverageRate } from './economy/tax.js';
export * from './analysis/figures.js';
export { showFigure, showTable, figureHtml, inNotebook } from './analysis/display.js';
export * from './analysis/taxComparison.js';
export * from './analysis/evaluate.js';
export * from './analysis/classical.js';
export { meanInterval } from './analysis/statistics.js';
export { SaezGovernment, saezGovernment } from './policies/saez.js';
export { clonedHouseholds, loadClone } from './policies/behaviourCloned.js';
export * from './policies/registry.js';
export { train, resume, readRunMetrics, makeTrainConfig, DEFAULT_TRAIN, METHODS, type TrainConfig, type EpochMetrics, type TrainProgress } from './learning/train.js';
export { makeSmfrlConfig, DEFAULT_SMFRL, type SmfrlConfig } from './learning/smfrl.js';
export { loadPolicy, savePolicy, isPolicyFolder, type LoadedPolicy } from './learning/policyFolder.js';
export { learnedGovernment, learnedHouseholds } from './policies/learned.js';
export * from './analysis/learnedPolicy.js';
export * from './analysis/deviation.js';
