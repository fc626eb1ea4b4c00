/**
 * Real income tax schedules from data/tax-schedules/ (bracket tables by year and filing status,
 * standard deductions), turned into BracketSchedules the economy can apply.
 */
import { validateBracketSchedule, type BracketSchedule } from '../economy/tax.js';
import { cellPlace, DataFileError, numberColumn, readCsv, stringColumn } from './csv.js';
import { aq, type Table } from './frames.js';
import { dataPath } from './paths.js';

export interface ScheduleKey {
  country: string;
  year: number;
  filingStatus: string;
}

export interface BracketRow {
  country: string;
  year: number;
  filingStatus: string;
  bracketIndex: number;
  lowerBoundUsd: number;
  upperBoundUsd: number;
  marginalRate: number;
}

export interface DeductionRow {
  country: string;
  year: number;
  filingStatus: string;
  standardDeductionUsd: number;
  personalExemptionUsd: number;
}

const BRACKET_FILES: Record<string, string> = { us: 'us_federal_income_tax_brackets.csv' };
const DEDUCTION_FILES: Record<string, string> = { us: 'us_federal_standard_deduction.csv' };

/** Every bracket row of every shipped schedule, checked: no negative bounds, no gaps or overlaps, rates in [0, 1]. */
export function loadBracketRows(dir: string = dataPath('tax-schedules')): BracketRow[] {
  const rows: BracketRow[] = [];
  for (const [country, file] of Object.entries(BRACKET_FILES)) {
    const path = `${dir}/${file}`;
    const table = readCsv(path);
    const year = numberColumn(table, 'year', { integer: true });
    const status = stringColumn(table, 'filing_status');
    const index = numberColumn(table, 'bracket_index', { integer: true, min: 0 });
    const lower = numberColumn(table, 'lower_bound_usd', { min: 0 });
    const upper = numberColumn(table, 'upper_bound_usd', { optional: true, min: 0 });
    const rate = numberColumn(table, 'marginal_rate', { min: 0 });
    for (let r = 0; r < year.length; r++) {
      if (rate[r] > 1) throw new DataFileError(`${cellPlace(table, r, 'marginal_rate')}: ${rate[r]} must be a share in [0, 1]`);
      rows.push({
        country,
        year: year[r],
        filingStatus: status[r],
        bracketIndex: index[r],
        lowerBoundUsd: lower[r],
        upperBoundUsd: Number.isNaN(upper[r]) ? Infinity : upper[r],
        marginalRate: rate[r],
      });
    }
    checkContiguous(rows.filter((row) => row.country === country), path);
  }
  return rows;
}

function checkContiguous(rows: BracketRow[], path: string): void {
  const groups = new Map<string, BracketRow[]>();
  for (const row of rows) {
    const key = `${row.year} ${row.filingStatus}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    group.sort((a, b) => a.bracketIndex - b.bracketIndex);
    if (group[0].lowerBoundUsd !== 0) throw new DataFileError(`${path}: schedule ${key} must start at 0 USD, starts at ${group[0].lowerBoundUsd}`);
    for (let i = 0; i < group.length; i++) {
      const row = group[i];
      if (row.bracketIndex !== i) throw new DataFileError(`${path}: schedule ${key} bracket indexes must be 0..${group.length - 1}, found ${row.bracketIndex} at position ${i}`);
      if (!(row.upperBoundUsd > row.lowerBoundUsd)) throw new DataFileError(`${path}: schedule ${key} bracket ${i} upper bound ${row.upperBoundUsd} must exceed its lower bound ${row.lowerBoundUsd}`);
      const next = group[i + 1];
      if (next && next.lowerBoundUsd !== row.upperBoundUsd) {
        throw new DataFileError(
          `${path}: schedule ${key} has a ${next.lowerBoundUsd > row.upperBoundUsd ? 'gap' : 'overlap'} between bracket ${i} (ends ${row.upperBoundUsd}) and bracket ${i + 1} (starts ${next.lowerBoundUsd})`,
        );
      }
      if (!next && row.upperBoundUsd !== Infinity) throw new DataFileError(`${path}: schedule ${key} last bracket must be open-ended (empty upper_bound_usd), ends at ${row.upperBoundUsd}`);
    }
  }
}

export function loadDeductionRows(dir: string = dataPath('tax-schedules')): DeductionRow[] {
  const rows: DeductionRow[] = [];
  for (const [country, file] of Object.entries(DEDUCTION_FILES)) {
    const table = readCsv(`${dir}/${file}`);
    const year = numberColumn(table, 'year', { integer: true });
    const status = stringColumn(table, 'filing_status');
    const deduction = numberColumn(table, 'standard_deduction_usd', { min: 0 });
    const exemption = numberColumn(table, 'personal_exemption_usd', { min: 0 });
    for (let r = 0; r < year.length; r++) {
      rows.push({ country, year: year[r], filingStatus: status[r], standardDeductionUsd: deduction[r], personalExemptionUsd: exemption[r] });
    }
  }
  return rows;
}

/** The (country, year, filing status) combinations that exist. */
export function availableSchedules(rows: BracketRow[] = loadBracketRows()): ScheduleKey[] {
  const seen = new Map<string, ScheduleKey>();
  for (const r of rows) seen.set(`${r.country}|${r.year}|${r.filingStatus}`, { country: r.country, year: r.year, filingStatus: r.filingStatus });
  return [...seen.values()].sort((a, b) => a.country.localeCompare(b.country) || a.year - b.year || a.filingStatus.localeCompare(b.filingStatus));
}

export interface ScheduleOptions {
  /** Deduction before the brackets: the standard deduction plus one personal exemption (default), or a number in USD. */
  deductionUsd?: number;
  /** Non-refundable credit (USD); 0 by default. */
  creditUsd?: number;
  /** Upper bound of the top bracket (Infinity by default; the authors used 1e9). */
  topUpperBoundUsd?: number;
  dir?: string;
}

/** A real schedule as a BracketSchedule; an unknown combination gets an error listing those that exist. */
export function loadBracketSchedule(key: ScheduleKey, options: ScheduleOptions = {}): BracketSchedule {
  const rows = loadBracketRows(options.dir);
  const brackets = rows
    .filter((r) => r.country === key.country && r.year === key.year && r.filingStatus === key.filingStatus)
    .sort((a, b) => a.bracketIndex - b.bracketIndex);
  if (brackets.length === 0) {
    const list = availableSchedules(rows).map((k) => `${k.country} ${k.year} ${k.filingStatus}`).join('; ');
    throw new DataFileError(`no tax schedule for country '${key.country}', year ${key.year}, filing status '${key.filingStatus}'; available: ${list}`);
  }
  let deductionUsd = options.deductionUsd;
  if (deductionUsd === undefined) {
    const deduction = loadDeductionRows(options.dir).find((r) => r.country === key.country && r.year === key.year && r.filingStatus === key.filingStatus);
    if (!deduction) {
      throw new DataFileError(`no standard deduction for ${key.country} ${key.year} ${key.filingStatus} in data/tax-schedules; pass deductionUsd explicitly`);
    }
    deductionUsd = deduction.standardDeductionUsd + deduction.personalExemptionUsd;
  }
  return validateBracketSchedule({
    name: `${key.country.toUpperCase()} federal ${key.year} ${key.filingStatus.replace(/_/g, ' ')}`,
    lowerBoundsUsd: brackets.map((b) => b.lowerBoundUsd),
    marginalRates: brackets.map((b) => b.marginalRate),
    topUpperBoundUsd: options.topUpperBoundUsd ?? Infinity,
    deductionUsd,
    creditUsd: options.creditUsd ?? 0,
  });
}

/**
 * The schedule exactly as the authors apply it to every household: 2022 single filer, personal
 * allowance 12,950 (the standard deduction), a flat credit of 559.98, top bracket capped at 1e9.
 */
export function authorsUsFederal2022(dir?: string): BracketSchedule {
  return {
    ...loadBracketSchedule({ country: 'us', year: 2022, filingStatus: 'single' }, { deductionUsd: 12950, creditUsd: 559.98, topUpperBoundUsd: 1e9, dir }),
    name: "US federal 2022 (authors')",
  };
}

/** Every bracket of every shipped schedule as a data frame (one row per bracket). */
export function bracketsTable(dir?: string): Table {
  const rows = loadBracketRows(dir);
  return aq.table({
    country: rows.map((r) => r.country),
    year: rows.map((r) => r.year),
    filing_status: rows.map((r) => r.filingStatus),
    bracket: rows.map((r) => r.bracketIndex),
    lower_bound_usd: rows.map((r) => r.lowerBoundUsd),
    upper_bound_usd: rows.map((r) => (r.upperBoundUsd === Infinity ? null : r.upperBoundUsd)),
    marginal_rate: rows.map((r) => r.marginalRate),
  });
}

/** Standard deductions and personal exemptions as a data frame. */
export function deductionsTable(dir?: string): Table {
  const rows = loadDeductionRows(dir);
  return aq.table({
    country: rows.map((r) => r.country),
    year: rows.map((r) => r.year),
    filing_status: rows.map((r) => r.filingStatus),
    standard_deduction_usd: rows.map((r) => r.standardDeductionUsd),
    personal_exemption_usd: rows.map((r) => r.personalExemptionUsd),
  });
}
