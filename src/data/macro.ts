/** Macro calibrations shipped in data/macro/. */
import { readFileSync } from 'node:fs';
import { validateMacroCalibration, type MacroCalibration } from '../economy/macro.js';
import { DataFileError } from './csv.js';
import { dataPath } from './paths.js';

export function loadMacroCalibration(path: string = dataPath('macro', 'us-2022.json')): MacroCalibration {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataFileError(`cannot read macro calibration ${path}: ${(error as Error).message}`);
  }
  try {
    return validateMacroCalibration(parsed as MacroCalibration, path);
  } catch (error) {
    throw new DataFileError((error as Error).message);
  }
}
