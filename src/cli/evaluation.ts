/** `smfg evaluate` and `smfg exploit`: a government against households over seeds. */
import { resolve } from 'node:path';
import type { GovernmentTask, Preset } from '../economy/config.js';
import { evaluate } from '../analysis/harness/evaluate.js';
import { evaluationJson, evaluationText, learnedMethodOf } from '../analysis/report/evaluationReport.js';
import { exploitFigure, exploitJson, exploitText } from '../analysis/report/exploitReport.js';
import { ProgressBar } from '../analysis/report/progress.js';
import { recordEvaluation, recordExploit } from '../analysis/runs/runRecords.js';
import { writeJson } from '../analysis/runs/runFolder.js';
import { BEST_RESPONSE_PREFIX, householdsOrBestResponse } from '../equilibrium/bestRespondingHouseholds.js';
import { exploit, type SeedSolution, type ValueBy } from '../equilibrium/exploit.js';
import { isPolicyFolder, loadPolicy } from '../learning/policyFolder.js';
import { governmentByName } from '../policies/registry.js';
import { configFile, integerFlag, seedsFlag, UsageError, type Values } from './flags.js';

/** A policy folder given to --gov or --households must have been trained with this N (unless --any-n). */
function checkPolicyN(flag: string, name: string, n: number, anyN: boolean): void {
  if (name.startsWith(BEST_RESPONSE_PREFIX)) name = name.slice(BEST_RESPONSE_PREFIX.length);
  if (!isPolicyFolder(name) || anyN) return;
  const trained = loadPolicy(name).file.n;
  if (trained !== n) throw new UsageError(`--${flag} ${name} was trained with n = ${trained} households, but --n is ${n}; use --n ${trained}, or --any-n to evaluate it at another N`);
}

/** The policy pair and the economy both commands take. */
function policyPair(values: Values) {
  const n = values.n as number;
  const gov = values.gov as string;
  const householdsName = values.households as string;
  checkPolicyN('gov', gov, n, Boolean(values['any-n']));
  checkPolicyN('households', householdsName, n, Boolean(values['any-n']));
  // --config's fields; --preset and --task are the flags' (their defaults included)
  const config = configFile(values.config as string | undefined);
  return { n, gov, householdsName, government: governmentByName(gov), seeds: seedsFlag(values.seeds), preset: values.preset as Preset, task: values.task as GovernmentTask, config };
}

/** A progress bar made on the first report, none with --quiet or --json. */
function progress(values: Values, label: string) {
  let bar: ProgressBar | null = null;
  return (done: number, total: number) => {
    if (values.quiet || values.json) return;
    bar ??= new ProgressBar(label, total);
    bar.update(done);
  };
}

export function commandEvaluate(values: Values): number {
  const { n, gov, householdsName, government, seeds, preset, task, config } = policyPair(values);
  const episodes = values.episodes as number;
  const households = householdsOrBestResponse(householdsName, { n, preset, task, config });
  const result = evaluate(government, households, { n, seeds, episodes, preset, task, config, onProgress: progress(values, `${gov} vs ${householdsName} (years)`) });
  if (values.json) {
    console.log(JSON.stringify(evaluationJson(result, learnedMethodOf(gov, householdsName), episodes)));
    return 0;
  }
  console.log(evaluationText(result, episodes));
  console.log(`results written to ${recordEvaluation(result, { government: gov, households: householdsName, n, seeds, episodes, preset, task, config })}`);
  return 0;
}

export function commandExploit(values: Values): number {
  const { n, gov, householdsName, government, seeds, preset, task, config: fields } = policyPair(values);
  const grid = { abilityNodes: values['ability-nodes'] as number, wealthPoints: values['wealth-points'] as number };
  const samples = values.samples as number;
  const episodeYears = values.years as number;
  const valueBy = values['value-by'] as ValueBy;
  const households = householdsOrBestResponse(householdsName, { n, preset, task, config: { ...fields, episodeYears }, grid, samples });
  if (values.figure && (valueBy === 'simulation' || households(seeds[0]).historyDependent)) {
    throw new UsageError('--figure draws the grid solution; these households are valued by simulation (--value-by simulation, or a policy that acts on its own history), which has none');
  }
  let first: SeedSolution | null = null;
  const result = exploit(government, households, {
    n,
    seeds,
    preset,
    task,
    grid,
    samples,
    config: { ...fields, episodeYears },
    check: integerFlag('check', values.check as string, 0, n),
    valueBy,
    deviators: values.deviators as number,
    onProgress: progress(values, `${gov} vs ${householdsName}: best response and policy value (years)`),
    onSeed: (solution) => (first ??= solution),
  });
  if (values.figure) writeJson(resolve(values.figure as string), exploitFigure(first!));
  if (values.json) {
    console.log(JSON.stringify(exploitJson(result)));
    return 0;
  }
  console.log(exploitText(result));
  console.log(`results written to ${recordExploit(result)}${values.figure ? `; figure in ${values.figure}` : ''}`);
  return 0;
}
