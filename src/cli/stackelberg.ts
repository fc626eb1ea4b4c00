/** `smfg stackelberg`: the leader's optimum against rational followers (equilibrium/stackelberg.ts). */
import { resolve } from 'node:path';
import type { GovernmentTask } from '../economy/config.js';
import { solveStackelberg, solveStackelbergPath, type InstrumentName, type SearchOutcome, type StackelbergOptions } from '../equilibrium/stackelberg.js';
import { GOVERNMENT_ACTION_NAMES } from '../economy/government.js';
import { heldAction } from '../policies/registry.js';
import { saveEquilibriumPolicy } from '../policies/equilibriumHouseholds.js';
import { saveConstantGovernment } from '../policies/constantGovernmentFolder.js';
import { UsageError, type Values } from './flags.js';

export function commandStackelberg(values: Values): number {
  // progress on stderr unless --quiet, also with --json (a search takes minutes)
  const quiet = Boolean(values.quiet);
  const task = values.task as GovernmentTask;
  const common: StackelbergOptions = {
    task,
    config: { preset: values.preset as never, seed: values.seed as number },
    years: values.years as number,
    instruments: values.instruments as InstrumentName[],
    maxEvaluations: values['max-evaluations'] as number,
    search: { n: values['search-n'] as number, abilityNodes: values['search-ability-nodes'] as number, wealthPoints: values['search-wealth-points'] as number },
    final: { n: values.n as number },
    onEvaluation: (e) => {
      if (!quiet) process.stderr.write(`evaluation ${e.count}: ${values.family === 'path' ? 'pieces' : 'action'} ${e.action.map((x) => x.toFixed(4)).join(',')} -> ${e.value === -Infinity ? 'no equilibrium' : e.value.toFixed(4)} (${e.iterations} iterations, ${e.seconds.toFixed(1)} s)\n`);
    },
  };
  if (values.family === 'path') return commandStackelbergPath(values, common, quiet);
  if (values.from !== undefined) throw new UsageError('--from: only for --family path (the stationary search starts from --starts points)');
  const result = solveStackelberg({
    ...common,
    starts: values.starts as number,
    onStart: (s, i, of) => {
      if (!quiet) process.stderr.write(`start ${i + 1} of ${of} from ${s.start.map((x) => x.toFixed(3)).join(',')}: ${s.value.toFixed(4)} at ${s.point.map((x) => x.toFixed(4)).join(',')} after ${s.evaluations} evaluations${s.converged ? '' : ' (budget spent before the tolerances)'}\n`);
    },
  });
  const saved = saveOptimum(values, result, result.action, { command: 'smfg stackelberg', task, instruments: result.instruments });
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
    ...outcomeJson(result, saved),
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

/** The raw action (six entries) of --from: a saved stationary optimum or constant:<u0>,... */
function startAction(from: string): number[] {
  let action: number[] | null;
  try {
    action = heldAction(from);
  } catch (error) {
    throw new UsageError(`--from ${from}: ${(error as Error).message}`);
  }
  if (action === null) throw new UsageError(`--from ${from}: a stationary optimum's folder (with constant-government.json, from smfg stackelberg --save) or constant:<u0>,...`);
  return [...action, ...new Array<number>(GOVERNMENT_ACTION_NAMES.length - action.length).fill(0)];
}

function commandStackelbergPath(values: Values, common: StackelbergOptions, quiet: boolean): number {
  const from = values.from === undefined ? undefined : startAction(values.from as string);
  const pieces = values.pieces as number;
  const result = solveStackelbergPath({
    ...common,
    pieces,
    from,
    stepTolerance: values['step-tolerance'] as number,
    onSweep: (s) => {
      if (!quiet) process.stderr.write(`sweep at step ${s.step.toPrecision(3)} of the box: ${s.value.toFixed(4)}${s.improved ? '' : ' (no coordinate improved: the step halves)'} after ${s.evaluations} evaluations\n`);
    },
  });
  const saved = saveOptimum(values, result, result.pieces[0], { command: 'smfg stackelberg --family path', task: common.task, startValue: result.startValue, from: values.from ?? null, instruments: result.instruments }, result.pieces);
  const json = {
    task: common.task,
    family: 'path',
    preset: values.preset,
    instruments: result.instruments,
    pieces: result.pieces,
    government: result.government,
    value: result.value,
    searchValue: result.searchValue,
    startValue: result.startValue,
    from: values.from ?? null,
    converged: result.converged,
    step: result.step,
    sweeps: result.sweeps,
    ...outcomeJson(result, saved),
  };
  if (values.json) {
    console.log(JSON.stringify(json));
    return 0;
  }
  console.log(`the leader's optimum over paths of ${pieces} pieces for task ${common.task} (instruments ${result.instruments.join(', ')}), followers in equilibrium:`);
  result.pieces.forEach((action, k) => console.log(`piece ${k + 1}: ${action.map((x) => x.toFixed(4)).join(',')}`));
  console.log(`value ${result.value.toFixed(4)} (N = ${result.final.n}; ${result.searchValue.toFixed(4)} on the search's settings, from ${result.startValue.toFixed(4)} at the start)`);
  console.log(`${result.converged ? `converged: no step of ${result.step.toPrecision(3)} of the box improved on any coordinate` : 'not converged: the evaluations ran out'}; ${result.sweeps} sweeps, ${result.evaluations} evaluations (${result.infeasible} without an equilibrium), ${result.seconds.toFixed(0)} s`);
  if (saved) console.log(`government and its followers written to ${saved}`);
  return 0;
}

/**
 * --save: the optimal government (its action, or a path's pieces, with where they came from) and
 * its followers' equilibrium, atomically; the folder's absolute path, or null without the flag.
 */
function saveOptimum(values: Values, result: SearchOutcome, action: number[], provenance: Record<string, unknown>, pieces?: number[][]): string | null {
  if (values.save === undefined) return null;
  const folder = values.save as string;
  const { command, task, ...rest } = provenance;
  saveConstantGovernment(folder, action, { command, task, preset: values.preset, seed: values.seed, value: result.value, searchValue: result.searchValue, ...rest, written: new Date().toISOString() }, pieces);
  saveEquilibriumPolicy(folder, result.equilibrium.policy);
  return resolve(folder);
}

/** The JSON fields both families end with: the search's bookkeeping and the optimum's equilibrium. */
function outcomeJson(result: SearchOutcome, saved: string | null) {
  return {
    evaluations: result.evaluations,
    infeasible: result.infeasible,
    rejected: result.rejected,
    search: result.search,
    final: result.final,
    equilibrium: { converged: result.equilibrium.converged, residual: result.equilibrium.residual, metrics: result.equilibrium.metrics },
    seconds: result.seconds,
    saved,
  };
}
