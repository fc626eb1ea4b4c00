/**
 * Every government judged against the Stackelberg ground truth (issue 28): for each, the task's
 * government reward with its own followers (the harness's episode: a learned leader's learned
 * followers, a classical government's behaviour-cloned ones), the same with the followers in their
 * rational-expectations equilibrium against it (presetTransition.ts, the leader reacting as it
 * would in evaluation), the regret against the ground truth's value in equilibrium (solved again
 * here on the same households and seed, so that every value is on one footing), and optionally its
 * own followers' exploitability. Methods with several seeds get the mean regret with a bootstrap
 * interval over seeds.
 */
import type { GovernmentTask } from '../../economy/config.js';
import { createEconomy } from '../../data/defaults.js';
import { ExploitUndefinedError, exploitSeed } from '../../equilibrium/exploit.js';
import { exploitSeedBySimulation } from '../../equilibrium/deviations.js';
import { householdsOrBestResponse } from '../../equilibrium/bestRespondingHouseholds.js';
import { PresetTransitionError, solvePresetTransition } from '../../equilibrium/presetTransition.js';
import { LaborEgmError } from '../../equilibrium/presetHousehold.js';
import { EPISODE_HOUSEHOLD_SEED, economyConfig } from '../../equilibrium/seedEconomy.js';
import { summarizeEpisode } from '../../economy/metrics.js';
import { runEpisode } from '../../policies/episode.js';
import { governmentByName } from '../../policies/registry.js';
import { bootstrapMeanInterval, mean, BOOTSTRAP_INTERVAL_NAME } from '../../statistics.js';
import type { YearResult } from '../../economy/economy.js';
import type { TaxRule } from '../../economy/tax.js';

/** An equilibrium path as the notebook draws it: per year, capital per household and social welfare; the first year's income tax. */
export interface EquilibriumSketch {
  capitalPerHousehold: number[];
  socialWelfare: number[];
  /** The income tax of year 1 (a bracket schedule's infinite top bound as null, for JSON). */
  incomeTax: TaxRule | null;
}

function sketchOf(trajectory: YearResult[], n: number): EquilibriumSketch {
  const tax = trajectory[0]?.budget.tax.income ?? null;
  const finite = tax?.kind === 'brackets' ? { ...tax, schedule: { ...tax.schedule, topUpperBoundUsd: Number.isFinite(tax.schedule.topUpperBoundUsd) ? tax.schedule.topUpperBoundUsd : (null as unknown as number) } } : tax;
  return { capitalPerHousehold: trajectory.map((y) => y.capital / n), socialWelfare: trajectory.map((y) => y.socialWelfare), incomeTax: finite };
}

export interface JudgedGovernment {
  /** The row's name, e.g. 'smfrl N=100 seed 2'. */
  label: string;
  /** Rows of the same method and training N pool their regret over seeds. */
  method: string;
  seed: number | null;
  /** Households the leader was trained with (a policy folder's run); null for a classical government. */
  trainedN: number | null;
  /** Any government of the harness (a policy folder, a classical name, constant:...). */
  government: string;
  /** Its own followers (a policy folder, bc, ...). */
  households: string;
}

export interface RegretRow extends JudgedGovernment {
  /** Government reward with its own followers (N, seed of the options), and the years they lasted. */
  valueOwnFollowers: number;
  ownFollowersYears: number;
  /** Government reward with the followers in equilibrium against it; null when none was found. */
  valueInEquilibrium: number | null;
  equilibriumResidual: number | null;
  equilibriumConverged: boolean;
  /** Ground truth's value minus valueInEquilibrium (>= 0 unless the government beats the family searched). */
  regret: number | null;
  /** regret / |ground truth's value|. */
  relativeRegret: number | null;
  /** Its own followers' mean relative gain from their exact best response, when measured. */
  followersGain: number | null;
  note: string;
  /** Its followers' equilibrium path (null when none was found). */
  equilibrium: EquilibriumSketch | null;
}

export interface MethodRegret {
  method: string;
  trainedN: number | null;
  /** Training seeds of its rows (none for a classical government). */
  seeds: number[];
  meanRegret: number;
  ci95Low: number | null;
  ci95High: number | null;
}

export interface RegretRecord {
  task: GovernmentTask;
  preset: 'aiyagari';
  n: number;
  seed: number;
  years: number;
  groundTruth: { government: string; value: number; residual: number; equilibrium: EquilibriumSketch };
  rows: RegretRow[];
  methods: MethodRegret[];
  interval: string;
}

export interface RegretOptions {
  task: GovernmentTask;
  /** The ground truth's government (smfg stackelberg --save's folder, or constant:<action>). */
  groundTruth: string;
  governments: JudgedGovernment[];
  /** Households and seed of every episode and equilibrium (default 1,000 and 1). */
  n?: number;
  seed?: number;
  years?: number;
  /** The households' plans' grid (default 21 ability nodes x 100 wealth points). */
  grid?: { abilityNodes?: number; wealthPoints?: number };
  /** Also each government's own followers' exploitability (the exact dynamic program, about a minute each at N = 1,000). */
  exploit?: boolean;
  /** Followers that act on their own history are valued by this many simulated deviators (default deviations.ts's DEFAULT_DEVIATORS). */
  deviators?: number;
  /**
   * A record to add the governments to (same task, ground truth, N, seed and years): its ground
   * truth's value is kept rather than solved again, a government already in it is judged again and
   * replaces its row, and the methods' pools are formed over all rows.
   */
  addTo?: RegretRecord;
  /** Called with the record so far after each government is judged (to save it: a long judging loses nothing on a crash). */
  onRecord?: (record: RegretRecord) => void;
  onProgress?: (line: string) => void;
}

export class RegretError extends Error {}
/** A record to add to that does not match the judging's settings. */
export class RegretInputError extends Error {}

export function judgeAgainstGroundTruth(options: RegretOptions): RegretRecord {
  const n = options.n ?? 1000, seed = options.seed ?? 1, years = options.years ?? 300;
  const config = { preset: 'aiyagari' as const, task: options.task, n, seed, episodeYears: years };
  const say = options.onProgress ?? (() => {});
  const inEquilibrium = (government: string) => {
    try {
      const run = solvePresetTransition({ government, config, years, maxIterations: 100, ...options.grid });
      return { value: run.converged ? run.metrics.governmentReward : null, residual: run.residual, converged: run.converged, note: run.converged ? '' : `no equilibrium within 1e-6 (best path's residual ${run.residual.toExponential(2)})`, sketch: run.converged ? sketchOf(run.trajectory, n) : null };
    } catch (error) {
      if (!(error instanceof PresetTransitionError || error instanceof LaborEgmError)) throw error;
      return { value: null, residual: null, converged: false, note: `no equilibrium found: ${(error as Error).message}`, sketch: null };
    }
  };
  const previous = options.addTo;
  if (previous) {
    const wanted = { task: options.task, groundTruth: options.groundTruth, n, seed, years };
    const has = { task: previous.task, groundTruth: previous.groundTruth.government, n: previous.n, seed: previous.seed, years: previous.years };
    const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => wanted[k] !== has[k]);
    if (differs.length > 0) throw new RegretInputError(`the record to add to has ${differs.map((k) => `${k} ${JSON.stringify(has[k])} (here ${JSON.stringify(wanted[k])})`).join(', ')}: judge with the record's own settings`);
  }
  say(previous ? `ground truth ${options.groundTruth}: the record's value ${previous.groundTruth.value}` : `ground truth ${options.groundTruth}: its followers' equilibrium (N = ${n}, seed ${seed})...`);
  const truth = previous ? { value: previous.groundTruth.value, residual: previous.groundTruth.residual, sketch: previous.groundTruth.equilibrium, note: '' } : inEquilibrium(options.groundTruth);
  if (truth.value === null) throw new RegretError(`the ground truth ${options.groundTruth} has no equilibrium on N = ${n}, seed ${seed}: ${truth.note}`);
  const rows: RegretRow[] = [];
  const recordOf = (): RegretRecord => {
    const judgedNow = new Set(rows.map((r) => r.government));
    const allRows = [...(previous?.rows ?? []).filter((r) => !judgedNow.has(r.government)), ...rows];
    return { task: options.task, preset: 'aiyagari', n, seed, years, groundTruth: { government: options.groundTruth, value: truth.value!, residual: truth.residual!, equilibrium: truth.sketch! }, rows: allRows, methods: methodRegrets(allRows), interval: `${BOOTSTRAP_INTERVAL_NAME}; null bounds with one seed` };
  };
  for (const judged of options.governments) {
    const government = governmentByName(judged.government);
    const households = householdsOrBestResponse(judged.households, { n, preset: 'aiyagari', task: options.task, config });
    const seedOptions = { n, preset: 'aiyagari' as const, task: options.task, config };
    const playOwn = () => {
      const economy = createEconomy(economyConfig(seedOptions, seed));
      try {
        return summarizeEpisode(runEpisode(economy, government(seed), households(seed + EPISODE_HOUSEHOLD_SEED)).trajectory);
      } finally {
        economy.close();
      }
    };
    let own: ReturnType<typeof summarizeEpisode>;
    let followersGain: number | null = null;
    let followersNote = '';
    // followers whose values are not numbers have no gain: the row says why (ExploitUndefinedError)
    const unlessUndefined = <T>(measure: () => T): T | null => {
      try {
        return measure();
      } catch (error) {
        if (!(error instanceof ExploitUndefinedError)) throw error;
        followersNote = `followers' gain undefined: ${error.message}`;
        return null;
      }
    };
    if (!options.exploit) {
      say(`${judged.label}: with its own followers (${judged.households})...`);
      own = playOwn();
    } else if (households(seed).historyDependent) {
      // followers that act on their own history have no value on the grid: their gain by simulated deviations (deviations.ts)
      say(`${judged.label}: with its own followers (${judged.households}), and their exploitability by simulated deviations...`);
      own = playOwn();
      followersGain = unlessUndefined(() => exploitSeedBySimulation(government, households, seed, { ...seedOptions, deviators: options.deviators }).summary.meanRelativeGain);
    } else {
      // the exploitability plays the same episode (the harness's seeds), so it is played once
      say(`${judged.label}: with its own followers (${judged.households}), and their exploitability...`);
      const solution = unlessUndefined(() => exploitSeed(government, households, seed, seedOptions));
      own = solution ? summarizeEpisode(solution.field.trajectory) : playOwn();
      followersGain = solution?.summary.meanRelativeGain ?? null;
    }
    say(`${judged.label}: with its followers in equilibrium...`);
    const eq = inEquilibrium(judged.government);
    const regret = eq.value === null ? null : truth.value - eq.value;
    rows.push({
      ...judged,
      valueOwnFollowers: own.governmentReward,
      ownFollowersYears: own.years,
      valueInEquilibrium: eq.value,
      equilibriumResidual: eq.residual,
      equilibriumConverged: eq.converged,
      regret,
      relativeRegret: regret === null ? null : regret / Math.abs(truth.value),
      followersGain,
      note: [eq.note, followersNote].filter(Boolean).join('; '),
      equilibrium: eq.sketch,
    });
    options.onRecord?.(recordOf());
  }
  return recordOf();
}

/** Each method and training N: the mean regret over the seeds whose followers have an equilibrium, with a bootstrap interval. */
export function methodRegrets(rows: RegretRow[]): MethodRegret[] {
  const key = (r: RegretRow) => `${r.method}\u0000${r.trainedN}`;
  const methods: MethodRegret[] = [];
  for (const k of [...new Set(rows.map(key))]) {
    const all = rows.filter((r) => key(r) === k);
    const of = all.filter((r) => r.regret !== null);
    if (of.length === 0) continue;
    const regrets = of.map((r) => r.regret!);
    const interval = bootstrapMeanInterval(regrets);
    methods.push({ method: all[0].method, trainedN: all[0].trainedN, seeds: of.flatMap((r) => (r.seed === null ? [] : [r.seed])), meanRegret: mean(regrets), ci95Low: interval.low, ci95High: interval.high });
  }
  return methods;
}
