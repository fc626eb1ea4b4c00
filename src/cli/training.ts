/** `smfg train` and `smfg train-bc`: the learning layer's training loops from the command line. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newRunFolder } from '../analysis/runs/runFolder.js';
import { ProgressBar } from '../analysis/report/progress.js';
import { textTable } from '../analysis/report/textTable.js';
import { dataPath } from '../data/paths.js';
import { SHIPPED_HOUSEHOLD_SAMPLE } from '../data/households.js';
import { useBestBackend } from '../learning/backend.js';
import { computeDescription, trainingEnvironment } from '../learning/environment.js';
import { METHOD_REGISTRY } from '../learning/methods/index.js';
import { flagOf, parseFlag, settingFlag } from '../learning/settings.js';
import { RESUME_SETTINGS, TRAIN_SETTINGS, evaluationPlace, makeTrainConfig, resume, train, type EpochMetrics, type TrainConfig, type TrainProgress, type TrainResult } from '../learning/train.js';
import { race } from '../learning/race.js';
import { configFile, UsageError, type Values } from './flags.js';
import { GOVERNMENT_ACTION } from '../economy/spaces.js';
import { heldAction } from '../policies/registry.js';
import { COMMANDS, METHOD_SETTING_FLAGS } from './options.js';

const flagOfSetting = (name: keyof typeof TRAIN_SETTINGS) => settingFlag(name, TRAIN_SETTINGS[name]);

/** The method settings given as flags, parsed by their schema; a flag of another method is an error naming it. */
function methodSettingsFromFlags(method: string, values: Values): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [flag, f] of METHOD_SETTING_FLAGS) {
    const text = values[flag];
    if (text === undefined) continue;
    if (!f.methods.includes(method)) throw new UsageError(`--${flag} is a setting of ${f.methods.join(', ')}, not of ${method}; ${method}'s settings: ${Object.keys(METHOD_REGISTRY[method].settings).map((k) => `--${flagOf(k)}`).join(' ')}`);
    settings[f.setting] = parseFlag(f.setting, f.spec, String(text));
  }
  return settings;
}

function trainProgressLine(p: TrainProgress): string {
  const m = p.metrics;
  const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
  const perEpoch = m.trainSeconds / (m.epoch + 1);
  const eta = Math.max(0, (p.config.epochs - m.epoch - 1) * perEpoch);
  const evaluation = m.evalGovernmentReward === null ? 'not evaluated' : `years ${m.evalYears!.toFixed(0)} | gov reward ${m.evalGovernmentReward.toFixed(0)} | welfare ${m.evalSocialWelfare!.toFixed(1)}`;
  return `epoch ${m.epoch + 1}/${p.config.epochs}${m.attempt > 0 ? ` (attempt ${m.attempt + 1})` : ''} | ${evaluation} | exploitability leader ${pct(m.exploitLeaderGain)} followers ${pct(m.exploitFollowerGain)} | ${m.updatesPerSecond.toFixed(0)} updates/s | ${m.processSeconds.toFixed(1)} s${m.runSeconds > m.processSeconds ? ` (run ${m.runSeconds.toFixed(1)} s)` : ''} | ETA ${eta.toFixed(0)} s`;
}

/** --gov's raw action: constant:<u0>,... or a stationary optimum's folder; null without the flag. */
function fixedGovernment(gov: string | undefined): number[] | null {
  if (gov === undefined) return null;
  const allowed = `constant:<u0>,... (${GOVERNMENT_ACTION.names.join(', ')}; raw entries in [0, 1]) or a stationary optimum's folder (smfg stackelberg --save)`;
  let action: number[] | null;
  try {
    action = heldAction(gov);
  } catch (error) {
    throw new UsageError(`--gov ${gov}: ${(error as Error).message}`);
  }
  if (action === null) throw new UsageError(`--gov ${gov}: train holds a fixed government of one action: ${allowed}`);
  if (!action.every((v) => v >= 0 && v <= 1)) throw new UsageError(`--gov ${gov}: ${allowed}`);
  return action;
}

/** `args`: the command's arguments as given (recorded with the run); `given`: the flags among them. */
export async function commandTrain(values: Values, args: string[], given: ReadonlySet<string>): Promise<number> {
  await useBestBackend();
  const command = `smfg train ${args.join(' ')}`.trim();
  const onEpoch = (p: TrainProgress) => {
    if (!values.quiet) process.stderr.write(trainProgressLine(p) + '\n');
  };
  let result: TrainResult;
  if (values.resume !== undefined) {
    const runDir = resolve(values.resume as string);
    if (existsSync(join(runDir, 'race.json'))) throw new UsageError(`--resume ${runDir}: a race of learners does not resume as a race; resume one learner's run as a run of its own (--resume ${join(runDir, 'learner-<k>')}), or start a new race`);
    // only what the user gives again changes: more epochs, a target, a budget, where evaluation runs
    const changeable = [...RESUME_SETTINGS.map(flagOfSetting), 'quiet'];
    const fixed = Object.keys(COMMANDS.train.options).filter((f) => given.has(f) && ![...changeable, 'resume', 'help'].includes(f));
    if (fixed.length > 0) {
      const allowed = changeable.map((f) => `--${f}`);
      throw new UsageError(`--resume continues the run's saved configuration; only ${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)} can be given with it, not ${fixed.map((f) => `--${f}`).join(', ')}`);
    }
    const overrides = Object.fromEntries(RESUME_SETTINGS.filter((name) => given.has(flagOfSetting(name)!)).map((name) => [name, values[flagOfSetting(name)!]]));
    console.log(`resuming ${runDir}; compute: ${computeDescription()}`);
    result = resume(runDir, { command, onEpoch, environment: trainingEnvironment(), overrides });
  } else {
    // every training-loop setting with a flag, checked when parsed; the rest keep their defaults
    const loop = Object.fromEntries(Object.keys(TRAIN_SETTINGS).flatMap((name) => {
      const flag = flagOfSetting(name as keyof typeof TRAIN_SETTINGS);
      return flag === null ? [] : [[name, values[flag]]];
    }));
    const { method, n, seed } = loop as { method: string; n: number; seed: number };
    const government = fixedGovernment(values.gov as string | undefined);
    if (government !== null && given.has('instruments')) throw new UsageError('--instruments with --gov: the fixed government\'s action sets the instruments (its entries, in order)');
    const config = makeTrainConfig({ ...loop, settings: methodSettingsFromFlags(method, values), economy: configFile(values.config as string | undefined), government });
    const runDir = resolve((values.out as string | undefined) ?? newRunFolder(`train-${method}-n${n}-s${seed}`));
    if (config.learners > 1) return raceFromCommandLine(config, runDir, command, values);
    console.log(`training ${method}, N = ${n}, seed ${seed}, into ${runDir}; compute: ${computeDescription()}; evaluation: ${evaluationPlace(config)}`);
    result = train(config, { runDir, command, onEpoch, environment: trainingEnvironment() });
  }
  const last = result.metrics[result.metrics.length - 1];
  if (result.stoppedBy === 'budget') {
    const clock = `the run's clock (runSeconds, summed over its processes) is at ${result.runSecondsAtStop.toFixed(1)} s, --budget-s ${result.config.budgetSeconds}`;
    // a resumed run whose budget was spent before: say so, since nothing else happens
    if (result.newEpochs === 0) console.log(`budget spent: ${clock}; no epoch trained and nothing saved, the run stays at its last checkpoint (${result.metrics.length} epochs); resume with a larger --budget-s to continue`);
    else console.log(`stopped by the budget: ${clock}, after ${result.newEpochs} epochs in this process`);
  }
  if (last) console.log(`${result.metrics.length} epochs, ${last.updates} updates; last evaluation: gov reward ${last.evalGovernmentReward?.toFixed(1) ?? '-'}, years ${last.evalYears ?? '-'}; policy in ${join(result.runDir, 'policy')}`);
  if (result.config.targetReward === null) return 0;
  // the last line, for scripts: the run's clock (seconds since the process started, plus a resumed run's earlier processes) at the evaluation that reached the target
  console.log(timeToTargetLine(result.timeToTargetSeconds));
  return result.timeToTargetSeconds === null ? 1 : 0;
}

/** The last line of a run towards a target, which scripts read (the bench, sweeps): the seconds, or none. */
function timeToTargetLine(seconds: number | null): string {
  return `time_to_target_s=${seconds === null ? 'none' : seconds.toFixed(2)}`;
}

/** `smfg train --learners K`: K learners racing towards the target (race.ts); the same last line as one learner's. */
async function raceFromCommandLine(config: TrainConfig, runDir: string, command: string, values: Values): Promise<number> {
  console.log(`racing ${config.learners} ${config.method} learners towards ${config.targetReward}, N = ${config.n}, seed ${config.seed}, into ${runDir} (learner-<k>/ each); compute: ${computeDescription()}; evaluation: inline in each learner`);
  const onEpoch = (learner: number, metrics: EpochMetrics) => {
    if (!values.quiet) process.stderr.write(`learner ${learner}: ${trainProgressLine({ config, metrics, evaluation: null, exploitability: null })}\n`);
  };
  const result = await race(config, { runDir, command, onEpoch, environment: trainingEnvironment() });
  for (const [k, l] of result.learners.entries()) console.log(`learner ${k}: ${l.epochs} epochs, on attempt ${l.attempt + 1}, ${l.reachedAtEpoch === null ? 'target not reached' : `reached the target at epoch ${l.reachedAtEpoch + 1}`}`);
  if (result.winner === null) console.log(`no learner reached the target (stopped by the ${result.stoppedBy === 'budget' ? 'budget' : 'epochs'})`);
  else console.log(`learner ${result.winner} won; its policies copied to ${join(runDir, 'policy')} and ${join(runDir, 'best-policy')}`);
  console.log(timeToTargetLine(result.timeToTargetSeconds));
  return result.winner === null ? 1 : 0;
}

export async function commandTrainBc(values: Values): Promise<number> {
  const epochs = values.epochs as number;
  const source = (values.households as string | undefined) ?? dataPath(SHIPPED_HOUSEHOLD_SAMPLE);
  const folder = resolve(values.out as string);
  const bar = new ProgressBar('behaviour cloning', epochs, !values.quiet);
  // TensorFlow.js loads only for training
  const { cloneDataFromSurvey, trainClone } = await import('../learning/behaviourCloning.js');
  const data = cloneDataFromSurvey(source);
  const { fit } = await trainClone(data, folder, { epochs, seed: values.seed as number, onEpoch: (epoch, _total, loss) => bar.update(epoch, `loss ${loss.toFixed(4)}`) });
  console.log(`trained on ${fit.trainRows} households of ${source} (${fit.heldOutRows} held out), backend ${fit.backend}, ${fit.seconds.toFixed(1)} s`);
  console.log(
    textTable(
      ['target', 'held-out RMSE', 'constant RMSE', 'held-out R2'],
      (['savingShare', 'workShare'] as const).map((k) => [k, fit.heldOutRmse[k], fit.constantRmse[k], fit.heldOutR2[k]]),
    ),
  );
  console.log(`held-out Gaussian NLL ${fit.heldOutNll.toFixed(4)}; saved to ${folder}`);
  return 0;
}
