/**
 * `smfg reproduce` (after any retraining through smfg sweep, announced here): the paper's table over seeds (comparison.ts) printed and
 * recorded, the comparison figure as PNG beside the reports, then every notebook executed and every
 * report opened offline in headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { saveFigurePng } from '../report/browser.js';
import { comparisonFigure, comparisonPaperTable, headlineRatios, runComparison, type ComparisonResult } from './comparison.js';
import { paperTable } from './evaluate.js';
import { checkReports } from '../report/notebookReports.js';
import { RETRAIN_METHODS, type RetrainPlan } from '../runs/retrain.js';
import { recordComparison } from '../runs/runRecords.js';
import { BOOTSTRAP_INTERVAL_NAME, WILSON_INTERVAL_NAME } from '../../statistics.js';
import { textTable, type Cell } from '../report/textTable.js';

export interface ReproduceOptions {
  ns: number[];
  seeds: number[];
  episodes: number;
  /** Execute the notebooks and check their reports (default true). */
  notebooks?: boolean;
  onProgress?: (label: string, done: number, total: number) => void;
  /** Where the results go (default console.log) and the errors (default console.error). */
  print?: (text: string) => void;
  warn?: (text: string) => void;
}

/** Runs every step; resolves to the process status: 0 when each ran and every report passed. */
export async function reproduce(options: ReproduceOptions): Promise<number> {
  const { ns, seeds, episodes, print = console.log, warn = console.error } = options;
  const result = runComparison({ ns, seeds, episodes, onProgress: options.onProgress });
  print(comparisonText(result, seeds));
  const folder = recordComparison(result, { ns, seeds, episodes });
  // the main comparison figure as PNG images beside the reports
  for (const n of ns) {
    const png = join(projectRoot(), 'reports', `comparison-n${n}.png`);
    try {
      await saveFigurePng(comparisonFigure(result, n), png, { width: 1100, height: 560 });
      print(`figure: ${relative(projectRoot(), png)}`);
    } catch (error) {
      warn(`error: the comparison figure could not be drawn (${(error as Error).message.split('\n')[0]})`);
      return 1;
    }
  }
  print(`results written to ${folder}`);
  if (options.notebooks === false) return 0;
  print('\nexecuting the notebooks into reports/notebooks ...');
  const notebooks = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'run-notebooks.mjs')], { stdio: 'inherit' });
  if (notebooks.status !== 0) return notebooks.status ?? 1;
  // the reports as a reader opens them: offline in Chromium, each with its screenshot beside it
  print('\nopening the reports offline in headless Chromium ...');
  const reports = await checkReports(join(projectRoot(), 'reports', 'notebooks'));
  const columns = ['report', 'kilobytes', 'figuresDrawn', 'figuresExpected', 'failedLoads', 'consoleErrors', 'pageErrors', 'screenshot'] as const;
  print(textTable([...columns], reports.map((r) => columns.map((c) => (c === 'screenshot' ? relative(projectRoot(), r.screenshot) : r[c])))));
  const problems = reports.flatMap((r) => r.problems);
  for (const problem of problems) warn(`error: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

/** What --retrain is about to do: the cells, each method's expected seconds per seed and whence, the estimate in all. */
export function retrainText(plan: RetrainPlan, ns: number[], trainSeeds: number[], out: string): string {
  return [
    `retraining ${plan.cells} cells (${RETRAIN_METHODS.join(', ')} x N = ${ns.join(', ')} x seeds ${trainSeeds.join(', ')}) through smfg sweep into ${out}`,
    ...plan.basis.map((b) => `  ${b.method} N = ${b.n}: ${b.secondsPerSeed === null ? '-' : `${b.secondsPerSeed.toFixed(0)} s`} per seed (${b.from})`),
    `estimate: ${(plan.estimateSeconds / 3600).toFixed(1)} hours of training in all (one cell per core here; on a cluster, the longest cell)`,
  ].join('\n');
}

/** The paper's table over all and over surviving episodes, the headline GDP ratios, and the rows left out. */
export function comparisonText(result: ComparisonResult, seeds: number[]): string {
  const lines = [
    `The paper's table: every method (classical governments with behaviour-cloned households; each learned method's shipped policy; SMFRL at equilibrium: SMFRL's government with every household at its exact best response), gdp task, paper preset, seeds ${seeds.join(', ')}`,
    `mean [${BOOTSTRAP_INTERVAL_NAME}]; survival: share of episodes alive the full length [${WILSON_INTERVAL_NAME}]`,
  ];
  for (const which of ['all', 'survivors'] as const) {
    // over all episodes with the followers' exploitability where it is recorded (scripts/exploitability.mjs)
    const paper = which === 'all' ? comparisonPaperTable(result) : paperTable(result.evaluations, { episodes: which });
    const columns = paper.columnNames();
    if (which === 'survivors') lines.push('\nthe surviving episodes only (over the seeds with a survivor):');
    lines.push(textTable(columns.map((c) => (c === 'government' ? 'method' : c)), (paper.objects() as Record<string, Cell>[]).map((r) => columns.map((c) => r[c]))));
  }
  const ratios = headlineRatios(result, 'smfrl').objects() as Record<string, Cell>[];
  lines.push("\nper-household GDP of SMFRL over the classical governments' mean and over US federal 2022 (the paper: about 4x and 19x):");
  lines.push(textTable(['n', 'gdpPerHousehold', 'overClassicalMean', 'overUsFederal2022'], ratios.map((r) => [r.n, r.gdpPerHousehold, r.overClassicalMean, r.overUsFederal2022])));
  if (result.missing.length > 0) lines.push(`\nno shipped policy yet (rows left out): ${result.missing.map((m) => `${m.method} N = ${m.n}`).join(', ')}`);
  return lines.join('\n');
}
