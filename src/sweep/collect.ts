/**
 * A sweep's finished cells merged into one table. Each cell's numbers are those of
 * `smfg evaluate --json` on that cell alone: an evaluate cell's own output; for a train cell,
 * its policy evaluated on both sides (run once, kept in the cell folder). Then one row per grid
 * point over the seeds: each metric's mean across seeds with the project's percentile bootstrap
 * (src/statistics.ts), over all episodes and over surviving ones, and the survival share over all
 * episodes with its Wilson interval - the same computation as `smfg evaluate` over those seeds,
 * so an evaluation sweep of seeds 1, 2, 3 gives bit for bit what `smfg evaluate --seeds 1,2,3` does.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { aq, type Table } from '../data/frames.js';
import { toCsv } from '../analysis/runs/runFolder.js';
import { BOOTSTRAP_INTERVAL_NAME, WILSON_INTERVAL_NAME, bootstrapEstimate, wilsonInterval } from '../statistics.js';
import { cellFile, readJsonFile } from './cell.js';
import { readPlan, runDirOf, SweepError, type Cell, type Plan } from './plan.js';
import { sweepStatus } from './status.js';

/** The fields of `smfg evaluate --json` that collect reads. */
export interface EvaluationJson {
  n: number;
  seeds: number[];
  episodesSurvived: number;
  episodesTotal: number;
  metrics: Record<string, { mean: number | null; ci95Low: number | null; ci95High: number | null }>;
  survivors: { metrics: Record<string, { mean: number | null }> };
}

interface CachedEvaluation {
  argv: string[];
  result: EvaluationJson;
}

export interface CollectOptions {
  /** Train sweeps: the evaluation seeds of each trained policy (smfg evaluate --seeds). */
  evalSeeds?: string;
  parallel?: number;
}

export interface Collected {
  /** One row per finished cell. */
  cells: Table;
  /** One row per grid point without its seed: means and intervals over the seeds. */
  summary: Table;
  /** Cells not finished (left out). */
  missing: string[];
  files: { cellsCsv: string; summaryCsv: string; json: string };
}

/** A train cell's evaluation: its policy as government and households, the task and preset it trained on. */
function policyEvaluationArgv(cell: Cell, evalSeeds: string): string[] {
  const policy = join(runDirOf(cell), 'policy');
  const extra = ['task', 'preset'].flatMap((name) => (cell.settings[name] !== undefined ? [`--${name}`, cell.settings[name]] : []));
  return ['evaluate', '--gov', policy, '--households', policy, '--n', String(cell.params.n), '--seeds', evalSeeds, ...extra, '--json'];
}

function runSmfg(launcher: string[], argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(launcher[0], [...launcher.slice(1), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', (error) => done({ code: 127, stdout, stderr: error.message }));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function cellEvaluation(plan: Plan, cell: Cell, evalSeeds: string): Promise<EvaluationJson> {
  if (plan.kind === 'evaluate') {
    const result = readJsonFile<EvaluationJson>(cellFile(cell, 'evaluation.json'));
    if (!result) throw new SweepError(`${cellFile(cell, 'evaluation.json')}: missing or not JSON although the cell is done`);
    return result;
  }
  const path = join(cell.dir, 'policy-evaluation.json');
  const argv = policyEvaluationArgv(cell, evalSeeds);
  const cached = readJsonFile<CachedEvaluation>(path);
  if (cached && JSON.stringify(cached.argv) === JSON.stringify(argv)) return cached.result;
  const run = await runSmfg(plan.launcher, argv);
  if (run.code !== 0) throw new SweepError(`evaluating cell ${cell.id} failed (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const result = JSON.parse(run.stdout) as EvaluationJson;
  writeFileAtomic(path, JSON.stringify({ argv, result } satisfies CachedEvaluation, null, 2) + '\n');
  return result;
}

function cellRow(cell: Cell, e: EvaluationJson): Record<string, unknown> {
  const row: Record<string, unknown> = { cell: cell.id, ...cell.params, ...cell.settings, evalSeeds: e.seeds.join(' ') };
  for (const [metric, m] of Object.entries(e.metrics)) {
    row[metric] = m.mean;
    row[`${metric}_low`] = m.ci95Low;
    row[`${metric}_high`] = m.ci95High;
    row[`${metric}_survivors`] = e.survivors.metrics[metric]?.mean ?? null;
  }
  row.survived = e.episodesSurvived;
  row.episodes = e.episodesTotal;
  return row;
}

/** One grid point over its seeds (cells in plan order, as smfg evaluate goes through seeds in order). */
function summaryRow(cells: Cell[], evaluations: EvaluationJson[]): Record<string, unknown> {
  const { seed: _seed, ...params } = cells[0].params;
  const row: Record<string, unknown> = { ...params, ...cells[0].settings, seeds: cells.map((c) => c.params.seed).join(' ') };
  for (const metric of Object.keys(evaluations[0].metrics)) {
    const all = bootstrapEstimate(evaluations.map((e) => e.metrics[metric].mean).filter((v): v is number => v !== null));
    const survivors = bootstrapEstimate(evaluations.map((e) => e.survivors.metrics[metric]?.mean ?? null).filter((v): v is number => v !== null));
    row[metric] = all.mean;
    row[`${metric}_low`] = all.interval.low;
    row[`${metric}_high`] = all.interval.high;
    row[`${metric}_survivors`] = survivors.mean;
    row[`${metric}_survivors_low`] = survivors.interval.low;
    row[`${metric}_survivors_high`] = survivors.interval.high;
    row[`${metric}_survivor_seeds`] = survivors.interval.samples;
  }
  const survived = evaluations.reduce((s, e) => s + e.episodesSurvived, 0);
  const episodes = evaluations.reduce((s, e) => s + e.episodesTotal, 0);
  const wilson = wilsonInterval(survived, episodes);
  row.survival = survived / episodes;
  row.survival_low = wilson.low;
  row.survival_high = wilson.high;
  row.survived = survived;
  row.episodes = episodes;
  return row;
}

/** The grid point of a cell without its seed: cells sharing it are seeds of one row. */
const pointKey = (cell: Cell) => JSON.stringify([Object.entries(cell.params).filter(([k]) => k !== 'seed'), cell.settings]);

export async function collectSweep(plan: Plan, doneIndices: readonly number[], options: CollectOptions = {}): Promise<Collected> {
  const evalSeeds = options.evalSeeds ?? '5';
  const done = plan.cells.filter((c) => doneIndices.includes(c.index));
  if (done.length === 0) throw new SweepError(`${plan.out}: no cell is done yet; smfg sweep status ${plan.out} shows where they are`);
  const evaluations = new Map<number, EvaluationJson>();
  const queue = [...done];
  const worker = async () => {
    for (let cell = queue.shift(); cell; cell = queue.shift()) evaluations.set(cell.index, await cellEvaluation(plan, cell, evalSeeds));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel ?? availableParallelism(), done.length)) }, worker));
  const cellRows = done.map((c) => cellRow(c, evaluations.get(c.index)!));
  const groups = new Map<string, Cell[]>();
  for (const cell of done) groups.set(pointKey(cell), [...(groups.get(pointKey(cell)) ?? []), cell]);
  const summaryRows = [...groups.values()].map((cells) => summaryRow(cells, cells.map((c) => evaluations.get(c.index)!)));
  const folder = join(plan.out, 'collected');
  const files = { cellsCsv: join(folder, 'cells.csv'), summaryCsv: join(folder, 'summary.csv'), json: join(folder, 'collected.json') };
  const missing = plan.cells.filter((c) => !doneIndices.includes(c.index)).map((c) => c.id);
  writeFileAtomic(files.cellsCsv, toCsv(cellRows));
  writeFileAtomic(files.summaryCsv, toCsv(summaryRows));
  writeFileAtomic(files.json, JSON.stringify(collectedJson(plan, cellRows, summaryRows, missing), null, 2) + '\n');
  return { cells: aq.from(cellRows), summary: aq.from(summaryRows), missing, files };
}

export function collectedJson(plan: Plan, cells: Record<string, unknown>[], summary: Record<string, unknown>[], missing: string[]): object {
  return {
    kind: plan.kind,
    out: plan.out,
    interval: `${BOOTSTRAP_INTERVAL_NAME}; survival: ${WILSON_INTERVAL_NAME}; null bounds with one seed`,
    missing,
    cells,
    summary,
  };
}

/** A sweep folder's finished cells as arquero tables (notebooks: `(await collectFolder(dir)).summary`). */
export async function collectFolder(folder: string, options: CollectOptions = {}): Promise<Collected> {
  const plan = readPlan(folder);
  const done = sweepStatus(plan).filter((s) => s.state === 'done').map((s) => s.index);
  return collectSweep(plan, done, options);
}
