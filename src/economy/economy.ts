/**
 * The simulated economy: N households, a government, a market that clears and a bank.
 * One `step` is one year. State lives in typed arrays owned by the Economy; the per-household
 * arrays it exposes are overwritten by the next step (copy them to keep them).
 */
import { makeConfig, type EconomyConfig } from './config.js';
import { Rng } from './rng.js';
import type { InitialHouseholds } from './households.js';
import { abilityOf, copyAbilityState, initialAbility, newAbilityState, setNormalAbilities, transitionAbility, type AbilityState } from './ability.js';
import { decodeGovernmentAction, type GovernmentInstruments } from './government.js';
import { hsvTaxSystem, NO_TAX, type TaxSystem } from './tax.js';
import { giniIfSorted } from './inequality.js';
import { IndexSorter } from './sort.js';
import { globalObservationInOrder, privateObservation } from './observations.js';
import { initialAggregates, validateMacroCalibration, type MacroCalibration } from './macro.js';
import { governmentReward } from './rewards.js';
import { BudgetTotals, earnIncome, householdRewards, planConsumption, rationConsumption, settleBudgets, supplyLabor } from './householdBudgets.js';

/** Raw household actions (clipped inside the step): saving share p_i and work share h~_i. */
export interface HouseholdActions {
  savingShare: ArrayLike<number>;
  workShare: ArrayLike<number>;
}

export interface StepOptions {
  /** Replaces the HSV taxes driven by the government action (bracket schedules, Saez, none). */
  taxSystem?: TaxSystem;
  /** Abilities to use this year instead of drawing them (replay of a recording). */
  abilities?: ArrayLike<number>;
}

export interface ResetOptions {
  /** Abilities to use after the reset instead of drawing the reset transition. */
  abilities?: ArrayLike<number>;
}

/** Aggregates of one year. Money in USD, hours per year. */
export interface YearResult {
  /** Year of the episode, 1-based. */
  year: number;
  done: boolean;
  /** Why the episode ended, when it did. */
  doneReason: string | null;
  gdp: number;
  gdpPerHousehold: number;
  wageRate: number;
  capital: number;
  debt: number;
  labor: number;
  capitalNext: number;
  debtNext: number;
  incomeGini: number;
  wealthGini: number;
  meanConsumption: number;
  meanWorkShare: number;
  meanHours: number;
  governmentReward: number;
  meanHouseholdReward: number;
  /** Sum of household rewards this year. */
  socialWelfare: number;
  meanIncome: number;
  meanPostTaxIncome: number;
  meanIncomeTax: number;
  meanWealthTax: number;
  totalTax: number;
  governmentSpending: number;
  totalAssets: number;
  totalAssetsNext: number;
  consumptionTaxRate: number;
  superstars: number;
  meanAbility: number;
  /** Whether consumption demand exceeded output and was scaled down. */
  consumptionRationed: boolean;
  instruments: GovernmentInstruments;
}

export interface Observation {
  /** Six global numbers (see GLOBAL_OBSERVATION_NAMES). */
  global: Float64Array;
  /** (e_i, a_i) interleaved, length 2N. */
  private: Float64Array;
}

export class EpisodeEndedError extends Error {
  constructor() {
    super('the episode has ended: call reset() before step() (the authors\' economy would return NaNs here)');
    this.name = 'EpisodeEndedError';
  }
}

export class Economy {
  readonly config: EconomyConfig;
  readonly n: number;
  readonly macro: MacroCalibration;
  readonly rng: Rng;

  // households drawn at construction (restored by every reset unless resampleOnReset)
  private initial: InitialHouseholds;
  private readonly drawHouseholds: ((rng: Rng) => InitialHouseholds) | null;
  private ability0: AbilityState;
  private abilityState: AbilityState;

  // per-household state and outcomes of the last year
  readonly ability: Float64Array;
  readonly assets: Float64Array;
  readonly assetsNext: Float64Array;
  readonly income: Float64Array;
  readonly incomeTax: Float64Array;
  readonly wealthTax: Float64Array;
  readonly postTaxIncome: Float64Array;
  readonly postTaxAssets: Float64Array;
  readonly consumption: Float64Array;
  readonly savingShare: Float64Array;
  readonly workShare: Float64Array;
  readonly hours: Float64Array;
  readonly householdReward: Float64Array;

  // aggregates
  capital = 0;
  capitalNext = 0;
  debt = 0;
  debtNext = 0;
  gdp = 0;
  gdpPerHousehold = 0;
  labor = 0;
  year = 0;
  done = false;
  private everReset = false;

  private readonly totals = new BudgetTotals();
  /** Households in the super-star state this year. */
  private superstars = 0;
  private readonly sorter: IndexSorter;
  /**
   * Rank orders kept from one use to the next (see sort.ts): of wealth (post-tax assets in the
   * step, next year's assets in the observation, which are next step's order) and of income.
   */
  private readonly wealthOrder: Int32Array;
  private readonly incomeOrder: Int32Array;
  private readonly observationBuffers: Observation;
  /** Whether the observation buffers describe the current year (computed when first read). */
  private observationCurrent = false;

  /**
   * @param households the N households at reset, or a function drawing them (called once at
   *   construction, and at every reset when config.resampleOnReset)
   */
  constructor(
    config: Partial<EconomyConfig> & { n: number },
    households: InitialHouseholds | ((rng: Rng) => InitialHouseholds),
    macro: MacroCalibration,
  ) {
    this.config = makeConfig(config);
    this.n = this.config.n;
    this.macro = validateMacroCalibration(macro);
    this.rng = new Rng(this.config.seed);
    this.drawHouseholds = typeof households === 'function' ? households : null;
    this.initial = checkHouseholds(typeof households === 'function' ? households(this.rng) : households, this.n);
    const n = this.n;
    this.ability0 = initialAbility(this.initial.education, this.config, this.rng);
    this.abilityState = newAbilityState(n);
    this.ability = new Float64Array(n);
    this.assets = new Float64Array(n);
    this.assetsNext = new Float64Array(n);
    this.income = new Float64Array(n);
    this.incomeTax = new Float64Array(n);
    this.wealthTax = new Float64Array(n);
    this.postTaxIncome = new Float64Array(n);
    this.postTaxAssets = new Float64Array(n);
    this.consumption = new Float64Array(n);
    this.savingShare = new Float64Array(n);
    this.workShare = new Float64Array(n);
    this.hours = new Float64Array(n);
    this.householdReward = new Float64Array(n);
    this.sorter = new IndexSorter(n);
    this.wealthOrder = Int32Array.from({ length: n }, (_, i) => i);
    this.incomeOrder = Int32Array.from({ length: n }, (_, i) => i);
    this.observationBuffers = { global: new Float64Array(6), private: new Float64Array(2 * n) };
  }

  /** The households the next reset starts from. */
  get initialHouseholds(): InitialHouseholds {
    return this.initial;
  }

  /**
   * Start a new episode: restore the households (assets, income, abilities) and the macro
   * aggregates, then apply one ability transition, as the authors do.
   */
  reset(options: ResetOptions = {}): Observation {
    const config = this.config;
    if (this.everReset && config.resampleOnReset && this.drawHouseholds) {
      this.initial = checkHouseholds(this.drawHouseholds(this.rng), this.n);
      this.ability0 = initialAbility(this.initial.education, config, this.rng);
    }
    this.everReset = true;
    this.year = 0;
    this.done = false;
    copyAbilityState(this.ability0, this.abilityState);
    this.nextAbility(options.abilities);
    this.assets.set(this.initial.assetsUsd);
    this.assetsNext.set(this.initial.assetsUsd);
    this.income.set(this.initial.incomeUsd);

    const start = initialAggregates(this.macro, config);
    this.gdpPerHousehold = start.gdpPerHouseholdUsd;
    this.gdp = start.gdpUsd;
    this.debt = start.debtUsd;
    this.debtNext = start.debtUsd;
    this.capital = config.initialCapital === 'householdAssets' ? sum(this.initial.assetsUsd) : start.capitalUsd;
    this.capitalNext = this.capital;
    this.labor = start.laborHours;
    this.observationCurrent = false;
    return this.observation;
  }

  /** One year: abilities move, the government and households act, the market clears. */
  step(governmentAction: ArrayLike<number>, households: HouseholdActions, options: StepOptions = {}): YearResult {
    if (!this.everReset) throw new Error('call reset() before the first step()');
    if (this.done) throw new EpisodeEndedError();
    const config = this.config;
    const n = this.n;
    checkActions(households, n);
    const previousGdpPerHousehold = this.gdpPerHousehold;

    this.nextAbility(options.abilities);
    this.capital = this.capitalNext;
    this.debt = this.debtNext;
    this.assets.set(this.assetsNext);

    const instruments = decodeGovernmentAction(governmentAction, config);
    const freeMarket = config.exactFreeMarket && instruments.allZero;
    const spendingShare = freeMarket ? 0 : instruments.spendingShare;
    const consumptionTaxRate = freeMarket ? 0 : config.consumptionTaxRate;
    const taxes = options.taxSystem ?? (freeMarket ? NO_TAX : hsvTaxSystem(instruments.tau, instruments.xi, instruments.tauA, instruments.xiA));

    // households choose saving and work; labour supply clears the market
    const { ability, assets, savingShare, workShare, hours, totals } = this;
    supplyLabor(households.savingShare, households.workShare, config.actionClipLow, config.actionClipHigh, config.maxHoursPerYear, ability, savingShare, workShare, hours, totals);
    const labor = totals.labor;
    const { tfp: A, alpha, interestRate: r } = config;
    const capital = this.capital;
    const wageRate = A * (1 - alpha) * Math.pow(capital / labor, alpha);
    const gdp = A * Math.pow(capital, alpha) * Math.pow(labor, 1 - alpha);
    const spending = spendingShare * gdp;
    this.labor = labor;
    this.gdp = gdp;
    this.gdpPerHousehold = gdp / n;

    const { income, incomeTax, wealthTax, postTaxIncome, postTaxAssets, consumption, assetsNext } = this;
    earnIncome(wageRate, r, ability, hours, assets, income);
    taxes.incomeTax(income, incomeTax);
    taxes.wealthTax(assets, wealthTax);
    const demand = planConsumption(income, incomeTax, assets, wealthTax, savingShare, consumptionTaxRate, postTaxIncome, postTaxAssets, consumption);
    // goods market: consumption plus public spending cannot exceed output
    const consumptionRationed = demand + spending > gdp;
    if (consumptionRationed) rationConsumption(consumption, (gdp - spending) / demand);
    settleBudgets(income, postTaxIncome, incomeTax, assets, postTaxAssets, wealthTax, consumption, consumptionTaxRate, assetsNext, totals);
    this.debtNext = (1 + r) * this.debt + spending - totals.tax;
    this.capitalNext = (1 + r) * (capital - totals.assets) - spending + totals.tax + totals.assetsNext;

    this.observationCurrent = false;
    let wealthGini = this.giniOf(postTaxAssets, 'wealth');
    let incomeGini = this.giniOf(postTaxIncome, 'income');

    const rewardInputs = {
      config,
      capital,
      capitalNext: this.capitalNext,
      gdpPerHousehold: this.gdpPerHousehold,
      previousGdpPerHousehold,
      wealthGini,
      incomeGini,
      socialWelfare: householdRewards(consumption, workShare, config, this.householdReward),
      assets,
      postTaxAssets,
      income,
      postTaxIncome,
      giniOf: this.giniOf,
    };
    let socialWelfare = rewardInputs.socialWelfare;
    let reward = governmentReward(config.task, rewardInputs);

    let doneReason: string | null = consumptionRationed ? 'consumption demand exceeded output' : null;
    if (wealthGini >= 1 || incomeGini >= 1) doneReason ??= 'a Gini coefficient reached 1';
    const invalid = Number.isNaN(reward * wealthGini * incomeGini) || Number.isNaN(socialWelfare);
    if (invalid) doneReason ??= 'a value became NaN';
    if (totals.minAssetsNext < 0) doneReason ??= 'a household went bankrupt (negative assets)';
    if (this.capitalNext < 0) doneReason ??= 'production capital became negative';
    if (invalid) {
      // the authors' fallback: maximal hours, near-zero consumption, Ginis 0.99, zero observations
      hours.fill(config.maxHoursPerYear);
      consumption.fill(0.001);
      socialWelfare = householdRewards(consumption, workShare, config, this.householdReward);
      reward = governmentReward(config.task, { ...rewardInputs, socialWelfare });
      wealthGini = 0.99;
      incomeGini = 0.99;
      this.observationBuffers.global.fill(0);
      this.observationBuffers.private.fill(0);
      this.observationCurrent = true;
    }
    this.year += 1;
    if (doneReason === null && this.year >= config.episodeYears) doneReason = `the episode reached ${config.episodeYears} years`;
    this.done = doneReason !== null;

    return {
      year: this.year,
      done: this.done,
      doneReason,
      gdp,
      gdpPerHousehold: this.gdpPerHousehold,
      wageRate,
      capital,
      debt: this.debt,
      labor,
      capitalNext: this.capitalNext,
      debtNext: this.debtNext,
      incomeGini,
      wealthGini,
      meanConsumption: invalid ? 0.001 : totals.consumption / n,
      meanWorkShare: totals.workShare / n,
      meanHours: invalid ? config.maxHoursPerYear : totals.hours / n,
      governmentReward: reward,
      meanHouseholdReward: socialWelfare / n,
      socialWelfare,
      meanIncome: totals.income / n,
      meanPostTaxIncome: totals.postTaxIncome / n,
      meanIncomeTax: totals.incomeTax / n,
      meanWealthTax: totals.wealthTax / n,
      totalTax: totals.tax,
      governmentSpending: spending,
      totalAssets: totals.assets,
      totalAssetsNext: totals.assetsNext,
      consumptionTaxRate,
      superstars: this.superstars,
      meanAbility: totals.ability / n,
      consumptionRationed,
      instruments,
    };
  }

  /** Gini of N wealth or income values (the authors' formula), re-using that quantity's rank order. */
  private readonly giniOf = (values: Float64Array, kind: 'wealth' | 'income'): number => {
    const order = kind === 'wealth' ? this.wealthOrder : this.incomeOrder;
    const gini = giniIfSorted(values, order);
    if (gini !== undefined) return gini;
    this.sorter.argsort(values, order);
    // still unsorted only with NaN among the values
    return giniIfSorted(values, order) ?? NaN;
  };

  private nextAbility(injected?: ArrayLike<number>): void {
    if (injected) {
      if (injected.length !== this.n) throw new RangeError(`abilities must have one entry per household (${this.n}), got ${injected.length}`);
      for (let i = 0; i < this.n; i++) {
        const e = injected[i];
        if (!(e >= 0)) throw new RangeError(`abilities[${i}] must be a number >= 0, got ${e}`);
      }
      setNormalAbilities(this.abilityState, injected);
      abilityOf(this.abilityState, this.ability);
      this.superstars = 0;
    } else {
      this.superstars = transitionAbility(this.abilityState, this.config, this.rng, this.ability);
    }
  }

  /**
   * What the agents observe now: from this year's incomes and next year's assets. Computed when
   * first read after a step (policies that do not observe, such as the classical governments,
   * do not pay for it); the buffers are overwritten by the next read after a step.
   */
  get observation(): Observation {
    if (!this.observationCurrent) {
      this.sorter.sortBy(this.income, this.incomeOrder);
      this.sorter.sortBy(this.assetsNext, this.wealthOrder);
      globalObservationInOrder(this.assetsNext, this.wealthOrder, this.income, this.incomeOrder, this.ability, this.observationBuffers.global);
      privateObservation(this.ability, this.assetsNext, this.observationBuffers.private);
      this.observationCurrent = true;
    }
    return this.observationBuffers;
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function checkHouseholds(h: InitialHouseholds, n: number): InitialHouseholds {
  for (const field of ['assetsUsd', 'education', 'incomeUsd'] as const) {
    const values = h[field];
    if (!values || values.length !== n) throw new RangeError(`households.${field} must have one entry per household (${n}), got ${values?.length}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i])) throw new RangeError(`households.${field}[${i}] must be a finite number, got ${values[i]}`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!(h.education[i] > 0)) throw new RangeError(`households.education[${i}] (initial ability) must be > 0, got ${h.education[i]}`);
  }
  return h;
}

function checkActions(actions: HouseholdActions, n: number): void {
  if (!actions || actions.savingShare?.length !== n || actions.workShare?.length !== n) {
    throw new RangeError(
      `household actions must have savingShare and workShare with one entry per household (${n}); got lengths ${actions?.savingShare?.length} and ${actions?.workShare?.length}`,
    );
  }
}
