/**
 * The simulated economy: N households, a government, a market that clears and a bank.
 * One `step` is one year. State lives in typed arrays owned by the Economy (over
 * SharedArrayBuffers, so that a worker thread can share the households: see
 * yearPhases.ts); the per-household arrays it exposes are overwritten by the next step (copy
 * them to keep them). An economy with a worker thread should be closed when done (close());
 * one that is garbage-collected stops its worker too.
 */
import { makeConfig, type EconomyConfig } from './config.js';
import { Rng } from './rng.js';
import type { InitialHouseholds } from './households.js';
import { abilityOf, copyAbilityState, initialAbility, normalAbilityStatistics, setNormalAbilities, settleAuthorsReturns, type AbilityState, type NormalAbilityStatistics } from './ability.js';
import { decodeGovernmentAction, type GovernmentInstruments } from './government.js';
import { checkSharedSlots, hsvSchedule, NO_TAX, type TaxSchedule } from './tax.js';
import { giniIfAscending, giniOfSorted } from './inequality.js';
import { IndexSorter } from './sort.js';
import { incomeGroupMeansBySorted, privateObservation, wealthGroupMeans } from './observations.js';
import { initialAggregates, validateMacroCalibration, type MacroCalibration } from './macro.js';
import { governmentReward } from './rewards.js';
import { householdRewards, NEUTRAL_TERMS, SURCHARGE_CLIP, TERM, writeBudgetTerms, type BudgetTerms } from './householdBudget.js';
import { allocateShared, blockRange, SUM, SUM_SLOTS, termSlotsOf, viewShared, writeNormalStatistics, writePastAbilities, type SharedHouseholds } from './yearPhases.js';
import { GLOBAL_OBSERVATION, PRIVATE_OBSERVATION } from './spaces.js';
import { HouseholdThreads } from './householdThreads.js';
import { primeHotLoops } from './prime.js';

/** Raw household actions (clipped inside the step): saving share p_i and work share h~_i. */
export interface HouseholdActions {
  savingShare: ArrayLike<number>;
  workShare: ArrayLike<number>;
}

export interface StepOptions {
  /** Replaces the HSV taxes driven by the government action (bracket schedules, Saez, none). */
  taxSchedule?: TaxSchedule;
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
  /** Lump-sum transfers paid to all households together, USD. */
  governmentTransfers: number;
  /** The year's interest rate (the bank's, or the firm's marginal product net of depreciation). */
  interestRate: number;
  /** K' - (1 - delta) K, USD: where households hold the capital, Y = C + I + G. */
  investment: number;
  totalAssets: number;
  totalAssetsNext: number;
  consumptionTaxRate: number;
  superstars: number;
  meanAbility: number;
  /** Whether consumption demand exceeded output and was scaled down. */
  consumptionRationed: boolean;
  instruments: GovernmentInstruments;
  /** What every household's budget took as given this year: prices, taxes, rationing. */
  budget: BudgetTerms;
}

export interface Observation {
  /** The global observation (GLOBAL_OBSERVATION). */
  global: Float64Array;
  /** Each household's private observation (PRIVATE_OBSERVATION: e_i, a_i) interleaved, length 2N. */
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

  // per-household state and outcomes of the last year (shared with the worker thread)
  private readonly shared: SharedHouseholds;
  /** This year's budget terms, where every thread's phases read them. */
  private readonly termSlots: Float64Array;
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
  /** Total factor productivity A (config.tfp, or calibrated at reset: config.tfpRule). */
  tfp = 0;
  /** The fiscal rule's debt target, a share of GDP (the calibration's debt at reset). */
  private debtTargetShare = 0;
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

  private readonly threads: HouseholdThreads;
  private readonly sorter: IndexSorter;
  /**
   * Whether the worker is sorting next year's assets (shared.sortedAssetsNext, for the
   * observation) and ranking them (shared.wealthRank, for next year's wealth Gini). It starts
   * at the end of every step and reset; whoever needs them next waits for it.
   */
  private wealthRankPending = false;
  /** This year's post-tax incomes, sorted (the Gini, the observation's income groups). */
  private readonly sortedPostTaxIncome: Float64Array;
  private postTaxIncomeSorted = false;
  /** Scratch of other sorts: the Ginis the gini task adds, the observation when taxes reorder incomes. */
  private readonly scratchSorted: Float64Array;
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
    const buffers = allocateShared(n);
    const h = (this.shared = viewShared(buffers));
    this.termSlots = termSlotsOf(h);
    for (let block = 0; block < h.blocks; block++) new Rng(this.config.seed, 1 + block).saveState(h.rngStates, 4 * block);
    this.ability = h.ability;
    this.assets = h.assets;
    this.assetsNext = h.assetsNext;
    this.income = h.income;
    this.incomeTax = h.incomeTax;
    this.wealthTax = h.wealthTax;
    this.postTaxIncome = h.postTaxIncome;
    this.postTaxAssets = h.postTaxAssets;
    this.consumption = h.consumption;
    this.savingShare = h.savingShare;
    this.workShare = h.workShare;
    this.hours = h.hours;
    this.householdReward = h.householdReward;
    this.sorter = new IndexSorter(n);
    this.sortedPostTaxIncome = new Float64Array(n);
    this.scratchSorted = new Float64Array(n);
    this.observationBuffers = { global: new Float64Array(GLOBAL_OBSERVATION.size), private: new Float64Array(PRIVATE_OBSERVATION.size * n) };
    primeHotLoops(this.config);
    this.threads = new HouseholdThreads(this.config, h, buffers);
    WORKER_CLEANUP.register(this, this.threads);
  }

  /** The households the next reset starts from. */
  get initialHouseholds(): InitialHouseholds {
    return this.initial;
  }

  /** 'two threads' when a worker thread shares the households, else why not. */
  get threading(): string {
    return this.threads.status;
  }

  /**
   * Waits up to maxMs for the worker thread to start (it starts in the background; meanwhile the
   * main thread runs every household) and returns `threading`. For benchmarks.
   */
  awaitThreads(maxMs = 2000): string {
    return this.threads.awaitWorker(maxMs);
  }

  /** Stops the worker thread, if any (the economy keeps working on one thread). */
  close(): void {
    this.threads.close();
    WORKER_CLEANUP.unregister(this);
  }

  /**
   * Start a new episode: restore the households (assets, income, abilities) and the macro
   * aggregates, then apply one ability transition, as the authors do.
   */
  reset(options: ResetOptions = {}): Observation {
    const config = this.config;
    if (options.abilities) checkAbilities(options.abilities, this.n);
    this.takeWealthRank();
    if (this.everReset && config.resampleOnReset && this.drawHouseholds) {
      this.initial = checkHouseholds(this.drawHouseholds(this.rng), this.n);
      this.ability0 = initialAbility(this.initial.education, config, this.rng);
    }
    this.everReset = true;
    this.year = 0;
    this.done = false;
    copyAbilityState(this.ability0, this.shared);
    if (options.abilities) {
      this.injectAbilities(options.abilities);
    } else {
      writePastAbilities(this.recomputeStatistics(), this.shared.params);
      this.threads.run('ability');
      this.settleDeferredReturns();
    }
    this.assets.set(this.initial.assetsUsd);
    this.assetsNext.set(this.initial.assetsUsd);
    this.income.set(this.initial.incomeUsd);
    this.postTaxIncomeSorted = false;
    this.startWealthRank();

    const start = initialAggregates(this.macro, config);
    this.gdpPerHousehold = start.gdpPerHouseholdUsd;
    this.gdp = start.gdpUsd;
    this.debt = start.debtUsd;
    this.debtNext = start.debtUsd;
    this.debtTargetShare = this.macro.debtPercentOfGdp * 0.01;
    const wealth = sum(this.initial.assetsUsd);
    if (config.capitalMarket === 'wealth') {
      // households hold the capital stock and the public debt from the first year
      this.capital = wealth - start.debtUsd;
      if (!(this.capital > 0)) throw new RangeError(`the households' wealth (${wealth.toExponential(3)} USD) does not cover the public debt (${start.debtUsd.toExponential(3)} USD): no capital is left (capitalMarket 'wealth')`);
    } else {
      this.capital = config.initialCapital === 'householdAssets' ? wealth : start.capitalUsd;
    }
    this.capitalNext = this.capital;
    // year-1 output per household is the calibrated GDP per household when every household works the calibrated hours
    this.tfp = config.tfpRule === 'gdpPerHousehold' ? start.gdpUsd / (Math.pow(this.capital, config.alpha) * Math.pow((sum(this.shared.ability) * start.laborHours) / this.n, 1 - config.alpha)) : config.tfp;
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
    // every input is checked before the economy changes
    checkActions(households, n);
    if (options.abilities) checkAbilities(options.abilities, n);
    if (options.taxSchedule) checkSharedSlots(options.taxSchedule);
    const instruments = decodeGovernmentAction(governmentAction, config);
    const h = this.shared;
    const previousGdpPerHousehold = this.gdpPerHousehold;
    this.takeWealthRank();

    this.capital = this.capitalNext;
    this.debt = this.debtNext;
    h.rawSavingShare.set(households.savingShare);
    h.rawWorkShare.set(households.workShare);

    // abilities move; households choose saving and work; labour supply clears the market
    if (options.abilities) {
      this.injectAbilities(options.abilities);
      this.threads.run('hours');
    } else {
      writePastAbilities(this.blockStatistics(), h.params);
      this.threads.run('abilityHours');
    }
    const returned = this.settleDeferredReturns();
    const labor = this.blockSum(SUM.labor) + returned.labor;
    const { alpha, depreciationRate: delta } = config;
    const A = this.tfp;
    const capital = this.capital;
    const wageRate = A * (1 - alpha) * Math.pow(capital / labor, alpha);
    const gdp = A * Math.pow(capital, alpha) * Math.pow(labor, 1 - alpha);
    // the interest rate: the authors' bank, or the firm's marginal product of capital net of depreciation
    const r = config.prices === 'firm' ? (alpha * gdp) / capital - delta : config.interestRate;
    this.labor = labor;
    this.gdp = gdp;
    this.gdpPerHousehold = gdp / n;

    const freeMarket = config.exactFreeMarket && instruments.allZero;
    const spending = (freeMarket ? 0 : instruments.spendingShare) * gdp;
    // lump-sum transfers, financed like spending: out of the public budget, not the goods market
    const transfers = (freeMarket ? 0 : instruments.transferShare) * gdp;
    const consumptionTaxRate = freeMarket ? 0 : config.consumptionTaxRate;
    const { income, postTaxIncome, postTaxAssets, consumption, assets, workShare, hours } = this;
    const taxSchedule = options.taxSchedule ?? (freeMarket ? NO_TAX : hsvSchedule(instruments.tau, instruments.xi, instruments.tauA, instruments.xiA));
    const budget: BudgetTerms = {
      ...NEUTRAL_TERMS,
      wageRate,
      interestRate: r,
      consumptionTaxRate,
      tax: taxSchedule,
      transferUsd: transfers / n,
      cashOnHand: config.consumptionBase === 'cashOnHand',
      untaxedLosses: config.untaxedLosses,
    };
    // every household's budget, on both threads, settled as if the goods market clears (it nearly
    // always does; when not, the episode ends, see below)
    writeBudgetTerms(budget, this.termSlots);
    if (config.fiscalRule === 'incomeSurcharge') {
      // the fiscal rule: a surcharge on income after income tax raising phi (B - b Y) this year,
      // set once the households' incomes and income taxes are known
      this.threads.run('taxes');
      budget.incomeSurchargeRate = surchargeRate(config.debtResponse * (this.debt - this.debtTargetShare * gdp), this.blockSum(SUM.surchargeBase));
      this.termSlots[TERM.incomeSurchargeRate] = budget.incomeSurchargeRate;
      this.threads.run('spendSettle');
    } else {
      this.threads.run('budgetSettle');
    }
    const demand = this.blockSum(SUM.demand);
    // goods market: consumption plus public spending cannot exceed output
    // (where households hold the capital, investment takes what is left: the market always clears)
    const consumptionRationed = config.capitalMarket === 'bank' && demand + spending > gdp;
    if (consumptionRationed) {
      budget.ration = (gdp - spending) / demand;
      this.termSlots[TERM.ration] = budget.ration;
      this.threads.run('settle');
    }
    // next year's wealth, on the worker while this thread finishes the year
    this.startWealthRank();
    const tax = this.blockSum(SUM.tax);
    const totalAssets = this.blockSum(SUM.assets);
    const totalAssetsNext = this.blockSum(SUM.assetsNext);
    this.debtNext = (1 + r) * this.debt + spending + transfers - tax;
    this.capitalNext = config.capitalMarket === 'wealth' ? totalAssetsNext - this.debtNext : (1 + r) * (capital - totalAssets) - spending - transfers + tax + totalAssetsNext;

    this.observationCurrent = false;
    // post-tax wealth was put where this year's wealth ranks say: sorted, unless taxes reordered it
    let wealthGini = giniIfAscending(h.postTaxAssetsByRank) ?? this.giniOf(postTaxAssets);
    let incomeGini = giniOfSorted(this.sorter.sortValues(postTaxIncome, this.sortedPostTaxIncome));
    this.postTaxIncomeSorted = true;

    const rewardInputs = {
      config,
      capital,
      capitalNext: this.capitalNext,
      gdpPerHousehold: this.gdpPerHousehold,
      previousGdpPerHousehold,
      wealthGini,
      incomeGini,
      socialWelfare: this.blockSum(SUM.welfare),
      assets,
      income,
      giniOf: this.giniOf,
    };
    let socialWelfare = rewardInputs.socialWelfare;
    let reward = governmentReward(config.task, rewardInputs);

    let doneReason: string | null = consumptionRationed ? 'consumption demand exceeded output' : null;
    if (config.giniEndsEpisode && (wealthGini >= 1 || incomeGini >= 1)) doneReason ??= 'a Gini coefficient reached 1';
    const invalid = Number.isNaN(reward * wealthGini * incomeGini) || Number.isNaN(socialWelfare);
    if (invalid) doneReason ??= 'a value became NaN';
    if (this.blockMin(SUM.minAssetsNext) < 0) doneReason ??= 'a household went bankrupt (negative assets)';
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
      meanConsumption: invalid ? 0.001 : this.blockSum(SUM.consumption) / n,
      meanWorkShare: this.blockSum(SUM.workShare) / n,
      meanHours: invalid ? config.maxHoursPerYear : this.blockSum(SUM.hours) / n,
      governmentReward: reward,
      meanHouseholdReward: socialWelfare / n,
      socialWelfare,
      meanIncome: this.blockSum(SUM.income) / n,
      meanPostTaxIncome: this.blockSum(SUM.postTaxIncome) / n,
      meanIncomeTax: this.blockSum(SUM.incomeTax) / n,
      meanWealthTax: this.blockSum(SUM.wealthTax) / n,
      totalTax: tax,
      governmentSpending: spending,
      governmentTransfers: transfers,
      interestRate: r,
      investment: this.capitalNext - (1 - delta) * capital,
      totalAssets,
      totalAssetsNext,
      consumptionTaxRate,
      superstars: this.blockSum(SUM.superstars),
      meanAbility: (this.blockSum(SUM.ability) + returned.ability) / n,
      consumptionRationed,
      instruments,
      budget,
    };
  }

  /** Gini of N values (the authors' formula). */
  private readonly giniOf = (values: Float64Array): number => giniOfSorted(this.sorter.sortValues(values, this.scratchSorted));

  /** A quantity summed per block of households, then over the blocks in order. */
  private blockSum(slot: number): number {
    const sums = this.shared.sums;
    let total = sums[slot];
    for (let block = 1; block < this.shared.blocks; block++) total += sums[block * SUM_SLOTS + slot];
    return total;
  }

  /** The smallest of the blocks' values in a slot. */
  private blockMin(slot: number): number {
    let min = Infinity;
    for (let block = 0; block < this.shared.blocks; block++) min = Math.min(min, this.shared.sums[block * SUM_SLOTS + slot]);
    return min;
  }

  /** The largest of the blocks' values in a slot. */
  private blockMax(slot: number): number {
    let max = -Infinity;
    for (let block = 0; block < this.shared.blocks; block++) max = Math.max(max, this.shared.sums[block * SUM_SLOTS + slot]);
    return max;
  }

  /** Statistics of the normal abilities now, from the blocks' sums of the last transition. */
  private blockStatistics(): NormalAbilityStatistics {
    return {
      sum: this.blockSum(SUM.normalSum),
      count: this.blockSum(SUM.normalCount),
      min: this.blockMin(SUM.normalMin),
      max: this.blockMax(SUM.normalMax),
      superstars: this.blockSum(SUM.superstars),
    };
  }

  /** The same statistics computed afresh, block by block (after a reset or an injection). */
  private recomputeStatistics(): NormalAbilityStatistics {
    for (let block = 0; block < this.shared.blocks; block++) {
      const [start, end] = blockRange(this.n, this.shared.blocks, block);
      writeNormalStatistics(normalAbilityStatistics(this.shared, start, end), this.shared.sums.subarray(block * SUM_SLOTS));
    }
    return this.blockStatistics();
  }

  /** A replay's recorded abilities (checked by the caller) replace this year's draws. */
  private injectAbilities(abilities: ArrayLike<number>): void {
    setNormalAbilities(this.shared, abilities);
    abilityOf(this.shared, this.ability);
    this.recomputeStatistics();
    for (let block = 0; block < this.shared.blocks; block++) this.shared.sums[block * SUM_SLOTS + SUM.deferredReturns] = 0;
  }

  /**
   * Super-stars that fell back under the authors' rule (rare) get their abilities now, on this
   * thread, in household order; returns what the blocks' ability and labour sums left out.
   */
  private settleDeferredReturns(): { ability: number; labor: number } {
    const h = this.shared;
    if (this.blockSum(SUM.deferredReturns) === 0) return NO_RETURNS;
    const deferred: number[] = [];
    for (let block = 0; block < h.blocks; block++) {
      const [start] = blockRange(this.n, h.blocks, block);
      const count = h.sums[block * SUM_SLOTS + SUM.deferredReturns];
      for (let k = 0; k < count; k++) deferred.push(h.deferredReturns[start + k]);
    }
    settleAuthorsReturns(h, h.pastNormal, deferred, this.rng, this.ability);
    let ability = 0, labor = 0;
    for (const i of deferred) {
      ability += this.ability[i];
      labor += this.ability[i] * h.hours[i];
    }
    // next year's statistics include the returned households
    this.recomputeStatistics();
    return { ability, labor };
  }

  private startWealthRank(): void {
    this.threads.start('rank');
    this.wealthRankPending = true;
  }

  /** Waits until the worker has sorted and ranked next year's assets, if it is at it. */
  private takeWealthRank(): void {
    if (!this.wealthRankPending) return;
    this.wealthRankPending = false;
    try {
      this.threads.finish();
    } catch (error) {
      // the worker failed (and has stopped): sort and rank here, so that the economy stays whole
      this.threads.start('rank');
      throw error;
    }
  }

  /**
   * What the agents observe now: from this year's incomes and next year's assets. Computed when
   * first read after a step (policies that do not observe, such as the classical governments,
   * do not pay for it); the buffers are overwritten by the next read after a step.
   */
  get observation(): Observation {
    if (!this.observationCurrent) {
      const { income, ability } = this;
      const global = this.observationBuffers.global;
      // the income groups' boundaries from the order of post-tax income (taxes rarely reorder
      // incomes; the observation checks), else from an order of income itself
      let observed = this.postTaxIncomeSorted && incomeGroupMeansBySorted(income, ability, this.postTaxIncome, this.sortedPostTaxIncome, global);
      if (!observed) {
        this.sorter.sortValues(income, this.scratchSorted);
        // fails only with NaN among the incomes
        observed = incomeGroupMeansBySorted(income, ability, income, this.scratchSorted, global);
      }
      privateObservation(ability, this.assetsNext, this.observationBuffers.private);
      // the wealth means last: the worker sorts next year's wealth meanwhile
      this.takeWealthRank();
      if (observed) wealthGroupMeans(this.shared.sortedAssetsNext, global);
      else global.fill(NaN);
      this.observationCurrent = true;
    }
    return this.observationBuffers;
  }
}

const NO_RETURNS = { ability: 0, labor: 0 } as const;

/** Worker threads of economies that were garbage-collected without close(). */
const WORKER_CLEANUP = new FinalizationRegistry<HouseholdThreads>((threads) => threads.close());

/**
 * The fiscal rule's surcharge: the revenue asked for over incomes after income tax, held within
 * [-0.5, 0.5] (SURCHARGE_CLIP), where no budget can fold.
 */
function surchargeRate(revenueUsd: number, surchargeBaseUsd: number): number {
  // no income left after income tax: nothing to levy (the economy is gone)
  if (!(surchargeBaseUsd > 0)) return 0;
  const rate = revenueUsd / surchargeBaseUsd;
  return rate > SURCHARGE_CLIP ? SURCHARGE_CLIP : rate < -SURCHARGE_CLIP ? -SURCHARGE_CLIP : rate;
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

function checkAbilities(abilities: ArrayLike<number>, n: number): void {
  if (abilities.length !== n) throw new RangeError(`abilities must have one entry per household (${n}), got ${abilities.length}`);
  for (let i = 0; i < n; i++) {
    const e = abilities[i];
    if (!(e >= 0)) throw new RangeError(`abilities[${i}] must be a number >= 0, got ${e}`);
  }
}

function checkActions(actions: HouseholdActions, n: number): void {
  if (!actions || actions.savingShare?.length !== n || actions.workShare?.length !== n) {
    throw new RangeError(
      `household actions must have savingShare and workShare with one entry per household (${n}); got lengths ${actions?.savingShare?.length} and ${actions?.workShare?.length}`,
    );
  }
}
