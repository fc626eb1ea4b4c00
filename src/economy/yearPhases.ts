/**
 * One year of the households, cut into phases that run on blocks of households, so that two
 * threads can share the work (householdThreads.ts). The households are always split into the
 * same blocks (how many depends on N only), each with its own random stream, and sums are
 * always taken per block and then added in block order: the economy gives the same numbers
 * whether one thread or two run the blocks, and whichever thread runs which block.
 *
 *   ability  the ability process (alone at reset)
 *   hours    clipped shares, hours and the labour sums (alone when a replay injects abilities)
 *   abilityHours  both, the usual start of a year
 *   budget   income, taxes, post-tax amounts and consumption demand
 *   settle   rationing, next assets, the sums of the flows, household rewards
 *   budgetSettle  both, assuming the goods market clears (when it does not, the episode ends:
 *            the main thread then runs settle again with the rationing factor)
 *   taxes    budget's first part under a fiscal rule: income and taxes before the surcharge, and
 *            the surcharge's base, which the main thread needs to set the surcharge
 *   spendSettle  the rest of budgetSettle after taxes: the surcharge, consumption, settle
 *   rank     next year's assets sorted (the observation) and each household's rank among them
 *            (next year's wealth Gini: settle puts post-tax wealth where that rank says)
 *
 * Every array lives in SharedArrayBuffers, so the worker thread sees the same memory.
 */
import type { EconomyConfig } from './config.js';
import { Rng } from './rng.js';
import { transitionAbilityRange, type NormalAbilityStatistics } from './ability.js';
import { BUDGET_TERM_SLOTS, BudgetTotals, planBudgets, planSpending, settleBudgetsWith, supplyLabor, surchargeBase, taxIncomes } from './householdBudget.js';
import { IndexSorter, ranksOf } from './sort.js';

/**
 * How many blocks N households are split into. Each thread takes the next block no thread has
 * taken, so more blocks than threads let the faster thread do more of them: at N = 1,000,000
 * the main thread used to wait 5-11 ms per year for the worker (often 10-40 % slower on the
 * same block), 1-2 ms with 16 blocks. Below N = 100,000 each extra block's fixed costs (a few
 * function calls and the random stream's state per phase) weighed as much as the wait: two.
 */
export function blockCount(n: number): number {
  return n < 100_000 ? 2 : 16;
}

export type Phase = 'ability' | 'hours' | 'abilityHours' | 'budget' | 'settle' | 'budgetSettle' | 'taxes' | 'spendSettle' | 'rank';
export const PHASES: readonly Phase[] = ['ability', 'hours', 'abilityHours', 'budget', 'settle', 'budgetSettle', 'taxes', 'spendSettle', 'rank'];

const FLOAT_ARRAYS = [
  'normal', 'logNormal', 'superstar', 'pastNormal', 'ability',
  'rawSavingShare', 'rawWorkShare', 'savingShare', 'workShare', 'hours',
  'assets', 'assetsNext', 'income', 'incomeTax', 'wealthTax', 'postTaxIncome', 'postTaxAssets',
  'consumption', 'householdReward', 'sortedAssetsNext', 'postTaxAssetsByRank',
] as const;
const INT_ARRAYS = ['wealthRank', 'deferredReturns'] as const;

/** Per-year inputs of the phases, set by the main thread (slots of `params`). */
export const PARAM = {
  pastNormalSum: 0,
  pastNormalMin: 1,
  pastNormalMax: 2,
  pastNormalCount: 3,
  /** The year's budget terms (householdBudget.ts: writeBudgetTerms) from here on. */
  budgetTerms: 4,
} as const;
const PARAM_SLOTS = PARAM.budgetTerms + BUDGET_TERM_SLOTS;

/** The slots of `params` that hold the year's budget terms. */
export function termSlotsOf(h: SharedHouseholds): Float64Array {
  return h.params.subarray(PARAM.budgetTerms, PARAM_SLOTS);
}

/** Per-block outputs of the phases (slots of `sums`, block b at b * SUM_SLOTS). */
export const SUM = {
  labor: 0,
  ability: 1,
  workShare: 2,
  hours: 3,
  demand: 4,
  tax: 5,
  incomeTax: 6,
  wealthTax: 7,
  assets: 8,
  assetsNext: 9,
  consumption: 10,
  income: 11,
  postTaxIncome: 12,
  minAssetsNext: 13,
  welfare: 14,
  // the normal abilities after this year's transition: next year's "past" statistics
  normalSum: 15,
  normalCount: 16,
  normalMin: 17,
  normalMax: 18,
  superstars: 19,
  /** Super-stars falling back under superstarReturn 'authors', left for the main thread. */
  deferredReturns: 20,
  /** sum_i (z_i - T(z_i)), what the fiscal rule's surcharge is levied on (phase taxes). */
  surchargeBase: 21,
} as const;
export const SUM_SLOTS = 22;

export type SharedHouseholds = { [K in (typeof FLOAT_ARRAYS)[number]]: Float64Array } & { [K in (typeof INT_ARRAYS)[number]]: Int32Array } & {
  n: number;
  /** blockCount(n). */
  blocks: number;
  params: Float64Array;
  sums: Float64Array;
  /** xoshiro state of each block's random stream (4 words per block). */
  rngStates: Int32Array;
};

/** The SharedArrayBuffers behind a SharedHouseholds (what a worker is given). */
export type SharedBuffers = Record<string, SharedArrayBuffer> & { n: number };

export function allocateShared(n: number): SharedBuffers {
  const buffers: SharedBuffers = { n } as SharedBuffers;
  for (const name of FLOAT_ARRAYS) buffers[name] = new SharedArrayBuffer(8 * n);
  for (const name of INT_ARRAYS) buffers[name] = new SharedArrayBuffer(4 * n);
  buffers.params = new SharedArrayBuffer(8 * PARAM_SLOTS);
  const blocks = blockCount(n);
  buffers.sums = new SharedArrayBuffer(8 * SUM_SLOTS * blocks);
  buffers.rngStates = new SharedArrayBuffer(4 * 4 * blocks);
  // ranks must always be a permutation (see scatterByRank)
  const ranks = new Int32Array(buffers.wealthRank);
  for (let i = 0; i < n; i++) ranks[i] = i;
  return buffers;
}

export function viewShared(buffers: SharedBuffers): SharedHouseholds {
  const view: Record<string, unknown> = { n: buffers.n, blocks: blockCount(buffers.n) };
  for (const name of FLOAT_ARRAYS) view[name] = new Float64Array(buffers[name]);
  for (const name of INT_ARRAYS) view[name] = new Int32Array(buffers[name]);
  view.params = new Float64Array(buffers.params);
  view.sums = new Float64Array(buffers.sums);
  view.rngStates = new Int32Array(buffers.rngStates);
  return view as SharedHouseholds;
}

/** Households [start, end) of block b of `blocks`. */
export function blockRange(n: number, blocks: number, block: number): [number, number] {
  return [Math.floor((block * n) / blocks), Math.floor(((block + 1) * n) / blocks)];
}

type BlockViews = { [K in (typeof FLOAT_ARRAYS)[number]]: Float64Array } & { wealthRank: Int32Array };

/** What a thread keeps between phases: its scratch and views, not the economy's state. */
export class PhaseWorkspace {
  readonly rng = new Rng(0);
  readonly totals = new BudgetTotals();
  readonly sorter: IndexSorter;
  readonly order: Int32Array;
  /** The ability shocks of a block. */
  readonly shocks: Float64Array;
  /** Each block's part of every per-household array, and of the sums (views made once). */
  readonly blocks: BlockViews[];
  readonly sums: Float64Array[];
  readonly deferred: Int32Array[];
  readonly statistics: NormalAbilityStatistics = { sum: 0, count: 0, min: Infinity, max: -Infinity, superstars: 0 };
  readonly termSlots: Float64Array;
  constructor(
    readonly config: EconomyConfig,
    readonly h: SharedHouseholds,
  ) {
    this.termSlots = termSlotsOf(h);
    this.sorter = new IndexSorter(h.n);
    this.order = new Int32Array(h.n);
    this.shocks = new Float64Array(Math.ceil(h.n / h.blocks));
    this.blocks = Array.from({ length: h.blocks }, (_, block) => {
      const [start, end] = blockRange(h.n, h.blocks, block);
      const views = Object.fromEntries(FLOAT_ARRAYS.map((name) => [name, h[name].subarray(start, end)]));
      return { ...views, wealthRank: h.wealthRank.subarray(start, end) } as BlockViews;
    });
    this.sums = Array.from({ length: h.blocks }, (_, block) => h.sums.subarray(block * SUM_SLOTS, (block + 1) * SUM_SLOTS));
    this.deferred = Array.from({ length: h.blocks }, (_, block) => h.deferredReturns.subarray(...blockRange(h.n, h.blocks, block)));
  }
}

/** Runs one phase on one block. 'rank' is not split: it runs whole (whatever the block). */
export function runPhase(phase: Phase, block: number, w: PhaseWorkspace): void {
  const h = w.h;
  const [start, end] = blockRange(h.n, h.blocks, block);
  const sums = w.sums[block];
  const b = w.blocks[block];
  switch (phase) {
    case 'ability':
      transitionBlock(w, block, start, end, sums);
      return;
    case 'hours':
    case 'abilityHours': {
      // last year's next assets are this year's assets (each thread copies its own block)
      h.assets.set(b.assetsNext, start);
      if (phase === 'abilityHours') transitionBlock(w, block, start, end, sums);
      const { actionClipLow, actionClipHigh, maxHoursPerYear } = w.config;
      supplyLabor(b.rawSavingShare, b.rawWorkShare, actionClipLow, actionClipHigh, maxHoursPerYear, b.ability, b.savingShare, b.workShare, b.hours, w.totals);
      sums[SUM.labor] = w.totals.labor;
      sums[SUM.ability] = w.totals.ability;
      sums[SUM.workShare] = w.totals.workShare;
      sums[SUM.hours] = w.totals.hours;
      return;
    }
    case 'budget':
      sums[SUM.demand] = planBudgets(w.termSlots, b);
      return;
    case 'taxes':
      taxIncomes(w.termSlots, b);
      sums[SUM.surchargeBase] = surchargeBase(b);
      return;
    case 'spendSettle':
      sums[SUM.demand] = planSpending(w.termSlots, b);
      runPhase('settle', block, w);
      return;
    case 'settle': {
      const t = w.totals;
      sums[SUM.welfare] = settleBudgetsWith(w.termSlots, b, w.config, t);
      sums[SUM.tax] = t.tax;
      sums[SUM.incomeTax] = t.incomeTax;
      sums[SUM.wealthTax] = t.wealthTax;
      sums[SUM.assets] = t.assets;
      sums[SUM.assetsNext] = t.assetsNext;
      sums[SUM.consumption] = t.consumption;
      sums[SUM.income] = t.income;
      sums[SUM.postTaxIncome] = t.postTaxIncome;
      sums[SUM.minAssetsNext] = t.minAssetsNext;
      scatterByRank(b.postTaxAssets, b.wealthRank, h.postTaxAssetsByRank);
      return;
    }
    case 'budgetSettle':
      runPhase('budget', block, w);
      runPhase('settle', block, w);
      return;
    case 'rank':
      w.sorter.sort(h.assetsNext, w.order, h.sortedAssetsNext);
      ranksOf(w.order, h.wealthRank);
      return;
  }
}

/** The ability process (ability.ts) on one block, with the block's own random stream. */
function transitionBlock(w: PhaseWorkspace, block: number, start: number, end: number, sums: Float64Array): void {
  const { h, config, rng } = w;
  const p = h.params;
  if (config.superstarReturn === 'authors') w.blocks[block].pastNormal.set(w.blocks[block].normal);
  const past = { sum: p[PARAM.pastNormalSum], count: p[PARAM.pastNormalCount], min: p[PARAM.pastNormalMin], max: p[PARAM.pastNormalMax], superstars: 0 };
  rng.loadState(h.rngStates, 4 * block);
  sums[SUM.deferredReturns] = transitionAbilityRange(h, start, end, past, config, rng, h.ability, w.deferred[block], w.statistics, w.shocks);
  rng.saveState(h.rngStates, 4 * block);
  writeNormalStatistics(w.statistics, sums);
}

/**
 * out[ranks[i]] = values[i]. With the ranks of this year's assets, post-tax wealth lands sorted
 * (the wealth tax keeps the order) without the random reads of values[order[k]]: scattered
 * writes cost a quarter of scattered reads at N = 1,000,000. Any permutation puts every value
 * somewhere, so the result is sorted exactly when the economy's check finds it ascending.
 */
function scatterByRank(values: Float64Array, ranks: Int32Array, out: Float64Array): void {
  for (let i = 0; i < values.length; i++) out[ranks[i]] = values[i];
}

/** Puts last year's statistics of normal abilities into the phases' params (the ability process reads them). */
export function writePastAbilities(past: NormalAbilityStatistics, params: Float64Array): void {
  params[PARAM.pastNormalSum] = past.sum;
  params[PARAM.pastNormalCount] = past.count;
  params[PARAM.pastNormalMin] = past.min;
  params[PARAM.pastNormalMax] = past.max;
}

/** Puts a block's statistics of normal abilities into its sums (next year's `past`). */
export function writeNormalStatistics(statistics: NormalAbilityStatistics, sums: Float64Array): void {
  sums[SUM.normalSum] = statistics.sum;
  sums[SUM.normalCount] = statistics.count;
  sums[SUM.normalMin] = statistics.min;
  sums[SUM.normalMax] = statistics.max;
  sums[SUM.superstars] = statistics.superstars;
}
