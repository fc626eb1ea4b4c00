/** `smfg run`, `smfg replay` and `smfg bench`: the economy itself, its proof and its speed (and the equilibrium solvers'). */
import { makeConfig, type GovernmentTask, type Preset, type Threads } from '../economy/config.js';
import { EPISODE_METRIC_NAMES } from '../economy/metrics.js';
import { runBaselines } from '../analysis/harness/baselineRun.js';
import { benchEconomyReport, benchEquilibriumReport, benchTrainingReport } from '../analysis/bench/benchReport.js';
import { ProgressBar } from '../analysis/report/progress.js';
import { replayRecording } from '../analysis/verify/replay.js';
import { recordBaselineRun } from '../analysis/runs/runRecords.js';
import { textTable } from '../analysis/report/textTable.js';
import { integerList, type Values } from './flags.js';

export function commandRun(values: Values): number {
  const config = makeConfig({ n: values.n as number, seed: values.seed as number, preset: values.preset as Preset, task: values.task as GovernmentTask, episodeYears: values.years as number });
  const households = values.households as string;
  const bars = new Map<string, ProgressBar>();
  const episodes = runBaselines({
    config,
    households,
    onYear: (government, year) => {
      if (values.quiet) return;
      if (!bars.has(government)) bars.set(government, new ProgressBar(government.padEnd(14).slice(0, 14), config.episodeYears));
      bars.get(government)!.update(year);
    },
  });
  console.log(`N = ${config.n}, seed ${config.seed}, preset '${config.preset}', task '${config.task}', households: ${episodes[0].households}`);
  console.log(
    textTable(
      ['government', ...EPISODE_METRIC_NAMES, 'ended because'],
      episodes.map((e) => [e.government, ...EPISODE_METRIC_NAMES.map((m) => e.metrics[m]), e.metrics.endReason]),
    ),
  );
  console.log(`results written to ${recordBaselineRun(config, households, episodes)}`);
  return 0;
}

export function commandReplay(values: Values, folder: string): number {
  const tolerance = values.tolerance as number;
  let bar: ProgressBar | null = null;
  const report = replayRecording(folder, {
    onStep: (step, steps) => {
      if (values.quiet) return;
      bar ??= new ProgressBar('replay', steps);
      bar.update(step);
    },
  });
  console.log(`${report.folder}: N = ${report.n}, ${report.steps} steps`);
  console.log(
    textTable(
      ['file', 'column', 'max_rel_err', 'at step', 'household', 'expected', 'ours'],
      report.columns.map((c) => [c.file, c.column, c.maxRelativeError, c.step, c.household ?? '', c.expected, c.actual]),
    ),
  );
  if (report.skippedColumns.length > 0) console.log(`not compared (not modelled): ${report.skippedColumns.join(', ')}`);
  console.log(`max_rel_err=${report.maxRelativeError}`);
  if (report.maxRelativeError > tolerance) {
    console.error(`FAIL: max_rel_err ${report.maxRelativeError} exceeds the tolerance ${tolerance}`);
    return 1;
  }
  return 0;
}

export async function commandBench(values: Values): Promise<number> {
  const sizes = integerList('sizes', values.sizes, 1, 50_000_000);
  const training = !values['no-training'];
  const targetNs = training ? integerList('target-ns', values['target-ns'], 1, undefined, true) : [];
  const trainSeeds = training ? integerList('train-seeds', values['train-seeds'], 0) : [];
  const epochNs = training ? integerList('epoch-ns', values['epoch-ns'], 1, undefined, true) : [];
  const options = { budgetMs: values['budget-ms'] as number, epochNs, print: (text: string) => console.log(text), note: (text: string) => process.stderr.write(`${text}\n`) };
  benchEconomyReport(sizes, values.threads as Threads, options);
  if (!values['no-equilibrium']) benchEquilibriumReport(values['equilibrium-n'] as number, values['equilibrium-years'] as number, options);
  if (training) await benchTrainingReport(targetNs, trainSeeds, options);
  return 0;
}
