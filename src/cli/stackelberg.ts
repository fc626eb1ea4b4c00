/** `smfg stackelberg`: the leader's optimum against rational followers (equilibrium/stackelberg.ts). */
import { resolve } from 'node:path';
import type { GovernmentTask } from '../economy/config.js';
import { solveStackelberg, type InstrumentName } from '../equilibrium/stackelberg.js';
import { saveEquilibriumPolicy } from '../policies/equilibriumHouseholds.js';
import { saveConstantGovernment } from '../policies/constantGovernmentFolder.js';
import { UsageError, type Values } from './flags.js';

export function commandStackelberg(values: Values): number {
  if (values.family !== 'stationary') {
    throw new UsageError(`--family ${values.family}: only 'stationary' (one raw action held every year) is built; time-varying paths are not yet`);
  }
  // progress on stderr unless --quiet, also with --json (a search takes minutes)
  const quiet = Boolean(values.quiet);
  const task = values.task as GovernmentTask;
  const result = solveStackelberg({
    task,
    config: { preset: values.preset as never, seed: values.seed as number },
    years: values.years as number,
    instruments: values.instruments as InstrumentName[],
    starts: values.starts as number,
    maxEvaluations: values['max-evaluations'] as number,
    search: { n: values['search-n'] as number, abilityNodes: values['search-ability-nodes'] as number, wealthPoints: values['search-wealth-points'] as number },
    final: { n: values.n as number },
    onEvaluation: (e) => {
      if (!quiet) process.stderr.write(`evaluation ${e.count}: action ${e.action.map((x) => x.toFixed(4)).join(',')} -> ${e.value === -Infinity ? 'no equilibrium' : e.value.toFixed(4)} (${e.iterations} iterations, ${e.seconds.toFixed(1)} s)\n`);
    },
    onStart: (s, i, of) => {
      if (!quiet) process.stderr.write(`start ${i + 1} of ${of} from ${s.start.map((x) => x.toFixed(3)).join(',')}: ${s.value.toFixed(4)} at ${s.point.map((x) => x.toFixed(4)).join(',')} after ${s.evaluations} evaluations${s.converged ? '' : ' (budget spent before the tolerances)'}\n`);
    },
  });
  let saved: string | null = null;
  if (values.save !== undefined) {
    const folder = values.save as string;
    saveConstantGovernment(folder, result.action, { command: 'smfg stackelberg', task, preset: values.preset, seed: values.seed, value: result.value, searchValue: result.searchValue, instruments: result.instruments, written: new Date().toISOString() });
    saveEquilibriumPolicy(folder, result.equilibrium.policy);
    saved = resolve(folder);
  }
  const json = {
    task,
    family: 'stationary',
    preset: values.preset,
    instruments: result.instruments,
    action: result.action,
    optimumOfAStart: result.optimumOfAStart,
    value: result.value,
    searchValue: result.searchValue,
    starts: result.starts.map((s) => ({ start: s.start, point: s.point, value: s.value, evaluations: s.evaluations, converged: s.converged })),
    valueSpread: result.valueSpread,
    pointSpread: result.pointSpread,
    evaluations: result.evaluations,
    infeasible: result.infeasible,
    rejected: result.rejected,
    search: result.search,
    final: result.final,
    equilibrium: { converged: result.equilibrium.converged, residual: result.equilibrium.residual, metrics: result.equilibrium.metrics },
    seconds: result.seconds,
    saved,
  };
  if (values.json) {
    console.log(JSON.stringify(json));
    return 0;
  }
  console.log(`the leader's stationary optimum for task ${task} (instruments ${result.instruments.join(', ')}), followers in equilibrium:`);
  console.log(`action ${result.action.map((x) => x.toFixed(4)).join(',')}: value ${result.value.toFixed(4)} (N = ${result.final.n}; ${result.searchValue.toFixed(4)} on the search's N = ${result.search.n})${result.optimumOfAStart ? '' : `: no start's optimum has an equilibrium on the final settings; the best other candidate of the search that has one (${result.rejected.length} passed over)`}`);
  console.log(`starts: ${result.starts.map((s) => s.value.toFixed(4)).join(', ')}; value spread ${result.valueSpread.toExponential(2)}, point spread ${result.pointSpread.toExponential(2)} of the box`);
  console.log(`${result.evaluations} evaluations (${result.infeasible} without an equilibrium), ${result.seconds.toFixed(0)} s`);
  if (saved) console.log(`government and its followers written to ${saved}`);
  return 0;
}
