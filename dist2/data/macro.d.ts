import { type MacroCalibration } from '../economy/macro.js';
export declare function loadMacroCalibration(path?: string): MacroCalibration;
