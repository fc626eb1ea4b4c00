/**
 * The steady state of a preset under a government of the harness, as `smfg equilibrium
 * --steady-state` computes it: the government resolved to what it holds every year (refused if it
 * adapts), the TFP of a reset economy of the preset, the solver (presetSteadyState.ts), and the
 * government's reward and social welfare with the followers in equilibrium.
 */
import { createEconomy } from '../data/defaults.js';
import { makeConfig, type EconomyConfig } from '../economy/config.js';
import { decodeGovernmentAction } from '../economy/government.js';
import { governmentReward } from '../economy/rewards.js';
import { hsvSchedule, NO_TAX, taxDue } from '../economy/tax.js';
import { postTaxIncomeOf } from '../economy/householdBudget.js';
import { isPolicyFolder } from '../learning/policyFolder.js';
import { governmentByName } from '../policies/registry.js';
import type { EquilibriumPolicyFile } from '../policies/equilibriumHouseholds.js';
import { isConstantGovernmentFolder, loadConstantGovernment } from '../policies/constantGovernmentFolder.js';
import { solvePresetSteadyState, type PresetIteration, type PresetSteadyState, type StationaryGovernment } from './presetSteadyState.js';

export class AdaptiveGovernmentError extends Error {}

/** The N and seed of the economy whose reset gives the steady state's TFP (tfpRule 'gdpPerHousehold'). */
export const TFP_ECONOMY = { n: 10_000, seed: 1 } as const;

/**
 * A government that holds one raw action (constant:..., free-market) or a bracket schedule
 * (us-federal-...), resolved on a reset economy; adaptive ones (saez, learned policy folders) are refused.
 */
export function stationaryGovernment(name: string, economy: ReturnType<typeof createEconomy>): StationaryGovernment {
  const oneAction = 'free-market, constant:<u0>,<u1>,..., a stationary optimum\'s folder, us-federal-2022 or us-federal-<year>-<filing status> (the transition, smfg equilibrium without --steady-state, takes the others)';
  if (name === 'saez' || isPolicyFolder(name)) {
    throw new AdaptiveGovernmentError(`--gov ${name}: this government reacts to the economy each year, so it has no steady state of its own; --steady-state takes a government that holds one action: ${oneAction}`);
  }
  if (name.startsWith('path:') || (isConstantGovernmentFolder(name) && loadConstantGovernment(name).pieces)) {
    throw new AdaptiveGovernmentError(`--gov ${name}: this government changes its action over the episode, so it has no steady state of its own; --steady-state takes a government that holds one action: ${oneAction}`);
  }
  const policy = governmentByName(name)(1);
  policy.reset?.(economy);
  const decision = policy.decide(economy);
  const config = economy.config;
  const instruments = decodeGovernmentAction(decision.action, config);
  const free = config.exactFreeMarket && instruments.allZero;
  return {
    name,
    tax: decision.tax ?? (free ? NO_TAX : hsvSchedule(instruments.tau, instruments.xi, instruments.tauA, instruments.xiA)),
    consumptionTaxRate: free ? 0 : config.consumptionTaxRate,
    spendingShare: free ? 0 : instruments.spendingShare,
    transferShare: free ? 0 : instruments.transferShare,
    action: Array.from(decision.action),
  };
}

export interface SteadyStateRunOptions {
  government: string;
  /** The economy's fields (preset, task and any other); n and seed do not matter to the steady state. */
  config: Partial<EconomyConfig>;
  abilityNodes?: number;
  wealthPoints?: number;
  wealthMax?: number;
  onIteration?: (step: PresetIteration) => void;
}

export interface SteadyStateRun {
  config: EconomyConfig;
  government: StationaryGovernment;
  tfpSource: string;
  solution: PresetSteadyState;
  /** Gini coefficients of the stationary distribution (post-tax income and wealth, and before tax). */
  ginis: { income: number; wealth: number; incomeBeforeTax: number; wealthBeforeTax: number };
  /** The government's reward of a steady-state year, and social welfare (the sum of N = config.n households' rewards). */
  governmentReward: number;
  socialWelfare: number;
}

export function runSteadyState(options: SteadyStateRunOptions): SteadyStateRun {
  const config = makeConfig({ ...options.config, n: options.config.n ?? TFP_ECONOMY.n, seed: options.config.seed ?? TFP_ECONOMY.seed });
  const economy = createEconomy({ ...config, n: TFP_ECONOMY.n, seed: TFP_ECONOMY.seed, threads: 'single' });
  let tfp: number, government: StationaryGovernment, debtTargetShare: number;
  try {
    economy.reset();
    tfp = economy.tfp;
    debtTargetShare = economy.macro.debtPercentOfGdp * 0.01;
    government = stationaryGovernment(options.government, economy);
  } finally {
    economy.close();
  }
  const tfpSource = config.tfpRule === 'gdpPerHousehold' ? `a reset economy of the preset (N = ${TFP_ECONOMY.n}, seed ${TFP_ECONOMY.seed})` : 'config.tfp';
  const solution = solvePresetSteadyState(config, government, { tfp, debtTargetShare }, { abilityNodes: options.abilityNodes, wealthPoints: options.wealthPoints, wealthMax: options.wealthMax, onIteration: options.onIteration });
  const ginis = stationaryGinis(solution);
  const socialWelfare = config.n * solution.meanReward;
  const n = config.n;
  // a steady-state year: output and capital constant
  const reward = governmentReward(config.task, {
    config,
    capital: solution.capital * n,
    capitalNext: solution.capital * n,
    gdpPerHousehold: solution.output,
    previousGdpPerHousehold: solution.output,
    wealthGini: ginis.wealth,
    incomeGini: ginis.income,
    socialWelfare,
    // the gini task's Ginis before taxes: those of the stationary distribution
    assets: EMPTY_ASSETS,
    income: EMPTY_INCOME,
    giniOf: (values) => (values === EMPTY_ASSETS ? ginis.wealthBeforeTax : values === EMPTY_INCOME ? ginis.incomeBeforeTax : NaN),
  });
  return { config, government, tfpSource, solution, ginis, governmentReward: reward, socialWelfare };
}

const EMPTY_ASSETS = new Float64Array(0);
const EMPTY_INCOME = new Float64Array(0);

/** Weighted Gini of values with masses: 1 - sum_k w_k (S_k-1 + S_k) / S over values in ascending order. */
export function weightedGini(values: Float64Array, mass: Float64Array): number {
  const order = Array.from(values.keys()).filter((k) => mass[k] > 0).sort((a, b) => values[a] - values[b]);
  let total = 0, weight = 0;
  for (const k of order) {
    total += mass[k] * values[k];
    weight += mass[k];
  }
  let cumulative = 0, area = 0;
  for (const k of order) {
    const next = cumulative + mass[k] * values[k];
    area += (mass[k] / weight) * (cumulative + next);
    cumulative = next;
  }
  return 1 - area / total;
}

function stationaryGinis(s: PresetSteadyState): SteadyStateRun['ginis'] {
  const m = s.chain.ability.length, n = s.assetGrid.length;
  const states = m * n;
  const income = new Float64Array(states), postIncome = new Float64Array(states), wealth = new Float64Array(states), postWealth = new Float64Array(states);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const z = s.policy.income[k];
      income[k] = z;
      postIncome[k] = postTaxIncomeOf(s.terms, z);
      wealth[k] = s.assetGrid[j];
      postWealth[k] = s.assetGrid[j] - taxDue(s.terms.tax.wealth, s.assetGrid[j]);
    }
  }
  return {
    income: weightedGini(postIncome, s.distribution),
    wealth: weightedGini(postWealth, s.distribution),
    incomeBeforeTax: weightedGini(income, s.distribution),
    wealthBeforeTax: weightedGini(wealth, s.distribution),
  };
}

/** The steady state's households as a policy file of one year (policies/equilibriumHouseholds.ts). */
export function steadyStatePolicyFile(run: SteadyStateRun): EquilibriumPolicyFile {
  const s = run.solution;
  return {
    kind: 'equilibrium-households',
    version: 1,
    solution: 'steady-state',
    years: 1,
    preset: run.config.preset,
    government: run.government.name,
    logAbility: Array.from(s.chain.logAbility),
    assets: Array.from(s.assetGrid),
    savingShare: s.policy.savingShare,
    workShare: s.policy.workShare,
    interestRate: s.interestRate,
    wage: s.wage,
    provenance: { command: 'smfg equilibrium --steady-state', tfp: s.tfp, tfpSource: run.tfpSource, marketResidual: s.marketResidual, written: new Date().toISOString() },
  };
}
