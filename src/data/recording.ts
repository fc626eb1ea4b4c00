/**
 * Reference recordings of the authors' economy (../shared/reference/<name>/): households,
 * actions, abilities and the expected outcomes of every step, read into typed arrays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellPlace, DataFileError, numberColumn, readCsv, type CsvTable } from './csv.js';
import { GLOBAL_OBSERVATION, GOVERNMENT_ACTION } from '../economy/spaces.js';

/** Instruments in the authors' recordings (gov_a0 ... gov_a4). */
const AUTHORS_GOVERNMENT_ACTIONS = 5;

export interface Recording {
  folder: string;
  n: number;
  steps: number;
  taxModule: 'ai_agent' | 'us_federal';
  /** Steps preceded by a reset. */
  resets: Set<number>;
  households: { assetsUsd: Float64Array; education: Float64Array; incomeUsd: Float64Array; scfRow: Int32Array };
  /** Raw government action per step (5 each). */
  governmentActions: Float64Array[];
  /** Raw household actions per step. */
  savingShare: Float64Array[];
  workShare: Float64Array[];
  /** Ability of each household in each step (after the transition). */
  abilities: Float64Array[];
  /** Abilities drawn by the reset before a step. */
  resetAbilities: Map<number, Float64Array>;
  /** Expected aggregates: column -> value per step. */
  expectedAggregates: Map<string, Float64Array>;
  /** Expected per-household values: column -> [step][household]. */
  expectedHouseholds: Map<string, Float64Array[]>;
  /** The six global observations right after the first reset, when recorded. */
  firstResetGlobalObservation: Float64Array | null;
}

const FILES = ['meta.json', 'households.csv', 'gov_actions.csv', 'house_actions.csv', 'abilities.csv', 'reset_abilities.csv', 'expected_aggregates.csv', 'expected_households.csv'];

export function readRecording(folder: string): Recording {
  if (!existsSync(folder)) throw new DataFileError(`recording folder not found: ${folder}`);
  const missing = FILES.filter((f) => !existsSync(join(folder, f)));
  if (missing.length > 0) throw new DataFileError(`${folder} is not a recording: missing ${missing.join(', ')} (expected ${FILES.join(', ')})`);
  let meta: { N?: unknown; steps_recorded?: unknown; tax_module?: unknown; resets?: unknown; first_reset_global_obs?: unknown };
  try {
    meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
  } catch (error) {
    throw new DataFileError(`${join(folder, 'meta.json')}: ${(error as Error).message}`);
  }
  const n = meta.N;
  const steps = meta.steps_recorded;
  if (!Number.isInteger(n) || (n as number) < 1) throw new DataFileError(`${folder}/meta.json: N must be a positive integer, got ${JSON.stringify(n)}`);
  if (!Number.isInteger(steps) || (steps as number) < 1) throw new DataFileError(`${folder}/meta.json: steps_recorded must be a positive integer, got ${JSON.stringify(steps)}`);
  if (meta.tax_module !== 'ai_agent' && meta.tax_module !== 'us_federal') {
    throw new DataFileError(`${folder}/meta.json: tax_module must be 'ai_agent' or 'us_federal', got ${JSON.stringify(meta.tax_module)}`);
  }
  if (!Array.isArray(meta.resets) || !meta.resets.every((s) => Number.isInteger(s))) throw new DataFileError(`${folder}/meta.json: resets must be a list of step numbers`);
  const N = n as number;
  const T = steps as number;

  const households = readCsv(join(folder, 'households.csv'));
  if (households.rows.length !== N) throw new DataFileError(`${folder}/households.csv: expected ${N} households, got ${households.rows.length}`);

  const gov = readCsv(join(folder, 'gov_actions.csv'));
  const govStep = numberColumn(gov, 'step', { integer: true });
  // the authors' five instruments; any instrument declared after theirs is left at 0
  const govColumns = Array.from({ length: AUTHORS_GOVERNMENT_ACTIONS }, (_, k) => numberColumn(gov, `gov_a${k}`));
  const governmentActions: Float64Array[] = Array.from({ length: T }, () => new Float64Array(GOVERNMENT_ACTION.size).fill(NaN, 0, AUTHORS_GOVERNMENT_ACTIONS));
  for (let r = 0; r < govStep.length; r++) {
    if (govStep[r] < T) for (let k = 0; k < AUTHORS_GOVERNMENT_ACTIONS; k++) governmentActions[govStep[r]][k] = govColumns[k][r];
  }

  const house = readCsv(join(folder, 'house_actions.csv'));
  const [savingShare, workShare] = perStep(house, ['saving_p', 'work_frac'], T, N);
  const [abilities] = perStep(readCsv(join(folder, 'abilities.csv')), ['e'], T, N);

  const resetTable = readCsv(join(folder, 'reset_abilities.csv'));
  const resetStep = numberColumn(resetTable, 'reset_before_step', { integer: true });
  const resetHousehold = numberColumn(resetTable, 'household', { integer: true, min: 0 });
  const resetE = numberColumn(resetTable, 'e');
  const resetAbilities = new Map<number, Float64Array>();
  for (let r = 0; r < resetStep.length; r++) {
    const s = resetStep[r];
    if (!resetAbilities.has(s)) resetAbilities.set(s, new Float64Array(N).fill(NaN));
    resetAbilities.get(s)![checkHousehold(resetHousehold[r], N, resetTable, r)] = resetE[r];
  }

  const aggregates = readCsv(join(folder, 'expected_aggregates.csv'));
  if (aggregates.rows.length < T) throw new DataFileError(`${aggregates.path}: expected ${T} rows, got ${aggregates.rows.length}`);
  const expectedAggregates = new Map<string, Float64Array>();
  for (const column of aggregates.columns) expectedAggregates.set(column, numberColumn(aggregates, column).subarray(0, T));

  const householdTable = readCsv(join(folder, 'expected_households.csv'));
  const householdColumns = householdTable.columns.filter((c) => c !== 'step' && c !== 'household');
  const expectedHouseholdArrays = perStep(householdTable, householdColumns, T, N);
  const expectedHouseholds = new Map(householdColumns.map((c, k) => [c, expectedHouseholdArrays[k]]));

  const recording: Recording = {
    folder,
    n: N,
    steps: T,
    taxModule: meta.tax_module,
    resets: new Set((meta.resets as number[]).filter((s) => s < T)),
    households: {
      assetsUsd: numberColumn(households, 'ASSET', { min: 0 }),
      education: numberColumn(households, 'EDUC'),
      incomeUsd: numberColumn(households, 'INCOME'),
      scfRow: Int32Array.from(numberColumn(households, 'scf_row_index', { integer: true, min: 0 })),
    },
    governmentActions,
    savingShare,
    workShare,
    abilities,
    resetAbilities,
    expectedAggregates,
    expectedHouseholds,
    firstResetGlobalObservation: null,
  };
  const obs = meta.first_reset_global_obs;
  if (obs !== undefined && obs !== null) {
    if (!Array.isArray(obs) || obs.length !== GLOBAL_OBSERVATION.size || !obs.every((x) => typeof x === 'number')) {
      throw new DataFileError(`${folder}/meta.json: first_reset_global_obs must be a list of ${GLOBAL_OBSERVATION.size} numbers (${GLOBAL_OBSERVATION.names.join(', ')})`);
    }
    recording.firstResetGlobalObservation = Float64Array.from(obs);
  }
  for (let s = 0; s < T; s++) {
    if (governmentActions[s].some(Number.isNaN)) throw new DataFileError(`${gov.path}: no government action for step ${s}`);
    if (recording.resets.has(s) && !resetAbilities.has(s)) throw new DataFileError(`${resetTable.path}: no abilities for the reset before step ${s}`);
  }
  return recording;
}

/** Columns of a (step, household) table as [step][household] arrays; every cell must be present. */
function perStep(table: CsvTable, columns: string[], T: number, N: number): Float64Array[][] {
  const step = numberColumn(table, 'step', { integer: true, min: 0 });
  const household = numberColumn(table, 'household', { integer: true, min: 0 });
  const values = columns.map((c) => numberColumn(table, c));
  const out = columns.map(() => Array.from({ length: T }, () => new Float64Array(N).fill(NaN)));
  for (let r = 0; r < step.length; r++) {
    const s = step[r];
    if (s >= T) continue;
    const h = checkHousehold(household[r], N, table, r);
    for (let k = 0; k < columns.length; k++) out[k][s][h] = values[k][r];
  }
  for (let k = 0; k < columns.length; k++) {
    for (let s = 0; s < T; s++) {
      const h = out[k][s].findIndex(Number.isNaN);
      if (h >= 0) throw new DataFileError(`${table.path}: no ${columns[k]} for step ${s}, household ${h}`);
    }
  }
  return out;
}

function checkHousehold(h: number, N: number, table: CsvTable, row: number): number {
  if (h >= N) throw new DataFileError(`${cellPlace(table, row, 'household')}: household ${h} is out of range (N = ${N})`);
  return h;
}
