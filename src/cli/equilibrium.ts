/** `smfg equilibrium`: the followers' equilibrium under a government: over an episode from the survey households, or (--steady-state) stationary. */
import { resolve } from 'node:path';
import type { EconomyConfig } from '../economy/config.js';
import { exploitSeed } from '../equilibrium/exploit.js';
import { runSteadyState, steadyStatePolicyFile } from '../equilibrium/presetEquilibrium.js';
import { solvePresetTransition } from '../equilibrium/presetTransition.js';
import { equilibriumHouseholds } from '../policies/equilibriumHouseholds.js';
import { governmentByName } from '../policies/registry.js';
import { steadyStateBestResponseGain } from '../equilibrium/steadyStateCertificate.js';
import { saveEquilibriumPolicy } from '../policies/equilibriumHouseholds.js';
import { configFile, type Values } from './flags.js';

/** The economy's fields: --config's file, then the flags given on the command line (which win), then the flags' defaults. */
function economyFields(values: Values, given: Set<string>): Partial<EconomyConfig> {
  const fields = configFile(values.config as string | undefined);
  const config: Partial<EconomyConfig> = { ...fields };
  for (const flag of ['preset', 'task'] as const) if (given.has(flag) || fields[flag] === undefined) config[flag] = values[flag] as never;
  // the steady state sums welfare over config.n (10,000 unless given); the path simulates --n households
  for (const flag of ['n', 'seed'] as const) if (given.has(flag) || (fields[flag] === undefined && !values['steady-state'])) config[flag] = values[flag] as never;
  return config;
}

export function commandEquilibrium(values: Values, given: Set<string>): number {
  if (!values['steady-state']) return commandTransition(values, given);
  const config = economyFields(values, given);
  const years = values.years as number;
  const quiet = Boolean(values.quiet || values.json);
  const started = performance.now();
  const run = runSteadyState({
    government: values.gov as string,
    config,
    abilityNodes: values['ability-nodes'] as number,
    wealthPoints: values['wealth-points'] as number,
    onIteration: (step) => {
      if (quiet) return;
      process.stderr.write(`iteration ${step.iteration}: r = ${step.interestRate.toFixed(10)}, (sum a - K - B) / K = ${step.residual.toExponential(3)}, surcharge ${step.surcharge.toFixed(6)}, ${step.innerPasses} passes, ${step.egmIterations} EGM steps, ${step.lotteryIterations} lottery steps, ${step.seconds.toFixed(2)} s\n`);
    },
  });
  const s = run.solution;
  if (values['best-response'] && !quiet) process.stderr.write(`best response on the steady state frozen for ${years} years (100 households from the stationary distribution)...\n`);
  const gain = values['best-response'] ? steadyStateBestResponseGain(run, { years, households: 100 }) : null;
  let saved: string | null = null;
  if (values.save !== undefined) saved = resolve(saveEquilibriumPolicy(values.save as string, steadyStatePolicyFile(run)));
  const yearOf = { interestRate: s.interestRate, wage: s.wage, capital: s.capital, output: s.output };
  const result = {
    kind: 'steady-state',
    government: run.government.name,
    preset: run.config.preset,
    task: run.config.task,
    units: 'per household (USD); path constant over the years',
    interestRate: s.interestRate,
    wage: s.wage,
    capital: s.capital,
    output: s.output,
    capitalOutputRatio: s.capital / s.output,
    labor: s.labor,
    debt: s.debt,
    consumption: s.consumption,
    surcharge: s.surcharge,
    tfp: s.tfp,
    tfpSource: run.tfpSource,
    path: Array.from({ length: years }, (_, t) => ({ year: t + 1, ...yearOf })),
    maxMarketResidual: Math.max(Math.abs(s.marketResidual), Math.abs(s.goodsResidual), Math.abs(s.budgetResidual)),
    residuals: { capitalMarket: s.marketResidual, goodsMarket: s.goodsResidual, publicBudget: s.budgetResidual, labor: s.laborResidual },
    bestResponseGain: gain ? gain.meanRelativeGain : null,
    bestResponseGainMax: gain ? gain.maxRelativeGain : null,
    bestResponseGainNote: gain
      ? `consumption equivalent, mean and largest over ${gain.households} households from the stationary distribution: the exact dynamic program (simulator's timing) on the steady state frozen for ${gain.years} years, ${gain.seconds.toFixed(1)} s`
      : 'not measured (add --best-response: the exact dynamic program on the frozen steady state, about a minute); euler holds the Euler and labour-condition residuals',
    euler: s.euler,
    massAtTop: s.massAtTop,
    ginis: run.ginis,
    governmentReward: run.governmentReward,
    socialWelfare: run.socialWelfare,
    socialWelfareHouseholds: run.config.n,
    meanHouseholdReward: s.meanReward,
    iterations: s.iterations,
    residualHistory: s.history,
    egmIterations: s.egmIterations,
    lotteryIterations: s.lotteryIterations,
    solverSeconds: s.seconds,
    seconds: (performance.now() - started) / 1000,
    saved,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  console.log(`steady state of preset '${result.preset}' under ${result.government} (task ${result.task}; TFP ${s.tfp.toPrecision(6)} from ${run.tfpSource})`);
  console.log(`r = ${s.interestRate.toFixed(6)}, W = ${s.wage.toFixed(4)} USD per efficiency hour, K = ${s.capital.toFixed(0)}, Y = ${s.output.toFixed(0)} USD per household, K/Y = ${(s.capital / s.output).toFixed(3)}, B/Y = ${(s.debt / s.output).toFixed(3)}, surcharge ${s.surcharge.toFixed(5)}`);
  console.log(`residuals: capital market ${s.marketResidual.toExponential(2)}, goods ${s.goodsResidual.toExponential(2)}, public budget ${s.budgetResidual.toExponential(2)}; Euler max ${s.euler.max.toExponential(2)}, mean ${s.euler.mean.toExponential(2)}, labour ${s.euler.labourMax.toExponential(2)}`);
  console.log(`Ginis (post-tax income, wealth): ${run.ginis.income.toFixed(4)}, ${run.ginis.wealth.toFixed(4)}; government reward ${run.governmentReward}, social welfare ${run.socialWelfare.toFixed(2)} (N = ${run.config.n})`);
  if (gain) console.log(`best-response gain on the frozen steady state (${gain.years} years, ${gain.households} households): mean ${(100 * gain.meanRelativeGain).toFixed(4)} %, largest ${(100 * gain.maxRelativeGain).toFixed(4)} %`);
  console.log(`${s.iterations} market evaluations, ${result.seconds.toFixed(2)} s`);
  if (saved) console.log(`households written to ${saved}`);
  return 0;
}

/** The equilibrium over an episode from the survey households (presetTransition.ts). */
function commandTransition(values: Values, given: Set<string>): number {
  const config = economyFields(values, given);
  const years = values.years as number;
  config.episodeYears = years;
  const quiet = Boolean(values.quiet || values.json);
  const started = performance.now();
  const run = solvePresetTransition({
    government: values.gov as string,
    config,
    abilityNodes: values['ability-nodes'] as number,
    wealthPoints: values['wealth-points'] as number,
    tolerance: values.tolerance as number,
    maxIterations: values['max-iterations'] as number,
    onIteration: (step) => {
      if (quiet) return;
      process.stderr.write(`iteration ${step.iteration}: largest difference realised - expected ${step.residual.toExponential(3)} (${step.worstTerm}, year ${step.worstYear}), ${step.yearsAlive} years played${step.yearsAlive < years ? ` (${step.endReason})` : ''}, next guess ${step.update}, ${step.seconds.toFixed(1)} s\n`);
    },
  });
  const c = run.config;
  let gain: { mean: number; max: number; seconds: number } | null = null;
  if (values['best-response']) {
    if (!quiet) process.stderr.write(`best response on the equilibrium's own episode (N = ${c.n}, seed ${c.seed}, the exact dynamic program)...\n`);
    const t0 = performance.now();
    const solution = exploitSeed(governmentByName(run.government), () => equilibriumHouseholds(run.policy), c.seed, { n: c.n, preset: c.preset, task: c.task, config: c });
    gain = { mean: solution.summary.meanRelativeGain, max: solution.summary.maxRelativeGain, seconds: (performance.now() - t0) / 1000 };
  }
  let saved: string | null = null;
  if (values.save !== undefined) saved = resolve(saveEquilibriumPolicy(values.save as string, run.policy));
  const n = c.n;
  const result = {
    kind: 'transition',
    government: run.government,
    preset: c.preset,
    task: c.task,
    households: n,
    seed: c.seed,
    units: 'per household (USD)',
    converged: run.converged,
    interestRate: run.trajectory[0].interestRate,
    path: run.trajectory.map((y) => ({ year: y.year, interestRate: y.interestRate, wage: y.wageRate, capital: y.capital / n, output: y.gdpPerHousehold, debt: y.debt / n, surcharge: y.budget.incomeSurchargeRate })),
    maxMarketResidual: Math.max(run.residual, run.goodsResidual, run.capitalResidual),
    residuals: { expectedVsRealised: run.residual, goodsMarket: run.goodsResidual, capitalMarket: run.capitalResidual },
    bestResponseGain: gain ? gain.mean : null,
    bestResponseGainMax: gain ? gain.max : null,
    bestResponseGainNote: gain
      ? `consumption equivalent, mean and largest over the ${n} households of the equilibrium's episode: the exact dynamic program (simulator's timing) on its frozen mean field, ${gain.seconds.toFixed(1)} s`
      : "not measured (add --best-response: the exact dynamic program on the equilibrium's own episode, 10-60 s)",
    governmentReward: run.metrics.governmentReward,
    socialWelfare: run.metrics.socialWelfare,
    metrics: run.metrics,
    iterations: run.iterations,
    residualHistory: run.history,
    seconds: (performance.now() - started) / 1000,
    saved,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return run.converged ? 0 : 1;
  }
  const first = run.trajectory[0], last = run.trajectory.at(-1)!;
  console.log(`equilibrium of preset '${c.preset}' under ${run.government} over ${run.years} years (task ${c.task}; N = ${n}, seed ${c.seed})${run.converged ? '' : ': NOT CONVERGED'}`);
  console.log(`year 1: r = ${first.interestRate.toFixed(5)}, W = ${first.wageRate.toFixed(4)}, K = ${(first.capital / n).toFixed(0)}, Y = ${first.gdpPerHousehold.toFixed(0)} USD per household; year ${last.year}: r = ${last.interestRate.toFixed(5)}, K = ${(last.capital / n).toFixed(0)}, Y = ${last.gdpPerHousehold.toFixed(0)}`);
  console.log(`largest difference between the terms the households planned on and those their play produced: ${run.residual.toExponential(2)}; goods market ${run.goodsResidual.toExponential(2)}, capital market ${run.capitalResidual.toExponential(2)}`);
  console.log(`government reward ${run.metrics.governmentReward.toFixed(2)}, social welfare ${run.metrics.socialWelfare.toFixed(2)}, GDP per household ${run.metrics.gdpPerHousehold.toFixed(0)}, Ginis (income, wealth) ${run.metrics.incomeGini.toFixed(4)}, ${run.metrics.wealthGini.toFixed(4)}; ${run.metrics.years} years (${run.metrics.endReason})`);
  if (gain) console.log(`best-response gain on its own episode: mean ${(100 * gain.mean).toFixed(4)} %, largest ${(100 * gain.max).toFixed(4)} %`);
  console.log(`${run.iterations} iterations, ${result.seconds.toFixed(1)} s`);
  if (saved) console.log(`households written to ${saved}`);
  return run.converged ? 0 : 1;
}
