/**
 * Survey households: the sample the project ships (data/households/scf2022-sample.csv) or the
 * Federal Reserve's full SCF summary extract (same column names) when a user points at one.
 */
import { existsSync } from 'node:fs';
import type { HouseholdPool } from '../economy/households.js';
import { cellPlace, columnIndex, DataFileError, numberColumn, readCsv } from './csv.js';
import { dataPath } from './paths.js';

export const SHIPPED_HOUSEHOLD_SAMPLE = 'households/scf2022-sample.csv';

/** The columns the economy needs; a file lacking one gets an error naming it. */
export const REQUIRED_HOUSEHOLD_COLUMNS = ['WGT', 'EDUC', 'INCOME', 'ASSET'] as const;

/**
 * Load survey households. Without a path, the shipped sample. Rows with a non-positive survey
 * weight or education level are rejected with an error naming the line.
 */
export function loadHouseholdPool(path: string = dataPath(SHIPPED_HOUSEHOLD_SAMPLE)): HouseholdPool {
  if (!existsSync(path)) throw new DataFileError(`household file not found: ${path} (expected a CSV with columns ${REQUIRED_HOUSEHOLD_COLUMNS.join(', ')})`);
  const table = readCsv(path);
  for (const column of REQUIRED_HOUSEHOLD_COLUMNS) columnIndex(table, column);
  const weight = numberColumn(table, 'WGT', { min: 0 });
  const education = numberColumn(table, 'EDUC');
  const assetsUsd = numberColumn(table, 'ASSET', { min: 0 });
  const incomeUsd = numberColumn(table, 'INCOME');
  for (let r = 0; r < education.length; r++) {
    if (!(education[r] > 0)) throw new DataFileError(`${cellPlace(table, r, 'EDUC')}: ${education[r]} must be > 0 (it is the initial ability)`);
  }
  const rowIndex = table.columns.includes('scf_row')
    ? Int32Array.from(numberColumn(table, 'scf_row', { integer: true, min: 0 }))
    : Int32Array.from({ length: table.rows.length }, (_, r) => r);
  if (table.rows.length === 0) throw new DataFileError(`${path} has no households`);
  return { source: path, assetsUsd, education, incomeUsd, weight, rowIndex };
}
