/**
 * The household budget, declared once: what a household's year takes from the rest of the economy
 * (BudgetTerms: prices, taxes, the transfer and the goods market's rationing, the same for every
 * household), what it chooses (saving and work shares), and what comes out (hours, income, taxes,
 * consumption, next assets, reward):
 *
 *   hours  h_i = hMax x work share,   income z_i = W e_i h_i + r a_i
 *   post-tax income  y_i = (z_i - T(z_i)) (1 - theta) + S (theta: the fiscal rule's surcharge,
 *     a share of income after income tax, so that no theta < 1 can make a budget fold;
 *     S: the lump-sum transfer every household gets; T(z) = 0 for z <= 0 with untaxedLosses),
 *   post-tax wealth  w_i = a_i - T_a(a_i)
 *   what the saving share p_i divides, the base b_i: y_i (the authors'), or cash on hand y_i + w_i
 *   consumption  c_i = ration (1 - p_i) b_i / (1 + tau_c)
 *   next assets  a'_i = y_i + w_i - (1 + tau_c) c_i   (= p_i (y_i + w_i) on cash on hand)
 *   reward  sigmoid(u(c_i) - weight h~_i^(1+gamma)/(1+gamma)) (the authors'), or that utility itself
 *
 * Its evaluators stand side by side: over arrays of households for the simulator (each loop its
 * own small function, so that V8 optimises it on its own: inside one large `step`, the inlining
 * budget runs out and the loops slow down three- to four-fold), and for one household at any
 * state for the dynamic program (householdYear). The terms travel to the simulator's worker
 * thread as slots of a Float64Array (writeBudgetTerms).
 */
import { hsvFactor, NO_TAX, readTaxRule, taxDue, taxDueInto, TAX_RULE_SLOTS, writeTaxRule, type TaxSchedule } from './tax.js';
import { exp, subtractScaledPowerInto } from './powers.js';
import type { EconomyConfig, Utility } from './config.js';

/** What every household's budget takes as given in a year. */
export interface BudgetTerms {
  /** USD per efficiency hour. */
  wageRate: number;
  /** The return on assets, per year. */
  interestRate: number;
  consumptionTaxRate: number;
  /** Factor on every household's desired consumption (1 unless the goods market rationed it). */
  ration: number;
  tax: TaxSchedule;
  /** The lump-sum transfer each household receives this year, USD. */
  transferUsd: number;
  /** The fiscal rule's surcharge this year, a share of income after income tax (negative: a rebate). */
  incomeSurchargeRate: number;
  /** Whether the saving share divides post-tax income (the authors') or cash on hand. */
  cashOnHand: boolean;
  /** Whether incomes at or below 0 (interest at a negative rate) owe no income tax, instead of the authors' NaN under HSV. */
  untaxedLosses: boolean;
}

/**
 * The terms under which the budget takes and gives nothing beyond prices: no taxes, no rationing.
 * Callers spread it and set what they know, so a term added here reaches them with its neutral value.
 */
export const NEUTRAL_TERMS: Readonly<BudgetTerms> = { wageRate: 0, interestRate: 0, consumptionTaxRate: 0, ration: 1, tax: NO_TAX, transferUsd: 0, incomeSurchargeRate: 0, cashOnHand: false, untaxedLosses: false };

/** Where each term sits in the slots writeBudgetTerms fills. */
export const TERM = {
  wageRate: 0,
  interestRate: 1,
  consumptionTaxRate: 2,
  ration: 3,
  incomeTax: 4,
  wealthTax: 4 + TAX_RULE_SLOTS,
  transferUsd: 4 + 2 * TAX_RULE_SLOTS,
  incomeSurchargeRate: 5 + 2 * TAX_RULE_SLOTS,
  cashOnHand: 6 + 2 * TAX_RULE_SLOTS,
  untaxedLosses: 7 + 2 * TAX_RULE_SLOTS,
} as const;
export const BUDGET_TERM_SLOTS = 8 + 2 * TAX_RULE_SLOTS;

export function writeBudgetTerms(terms: BudgetTerms, slots: Float64Array): void {
  slots[TERM.wageRate] = terms.wageRate;
  slots[TERM.interestRate] = terms.interestRate;
  slots[TERM.consumptionTaxRate] = terms.consumptionTaxRate;
  slots[TERM.ration] = terms.ration;
  writeTaxRule(terms.tax.income, slots, TERM.incomeTax);
  writeTaxRule(terms.tax.wealth, slots, TERM.wealthTax);
  slots[TERM.transferUsd] = terms.transferUsd;
  slots[TERM.incomeSurchargeRate] = terms.incomeSurchargeRate;
  slots[TERM.cashOnHand] = terms.cashOnHand ? 1 : 0;
  slots[TERM.untaxedLosses] = terms.untaxedLosses ? 1 : 0;
}

export function readBudgetTerms(slots: Float64Array): BudgetTerms {
  return {
    wageRate: slots[TERM.wageRate],
    interestRate: slots[TERM.interestRate],
    consumptionTaxRate: slots[TERM.consumptionTaxRate],
    ration: slots[TERM.ration],
    tax: { income: readTaxRule(slots, TERM.incomeTax), wealth: readTaxRule(slots, TERM.wealthTax) },
    transferUsd: slots[TERM.transferUsd],
    incomeSurchargeRate: slots[TERM.incomeSurchargeRate],
    cashOnHand: slots[TERM.cashOnHand] === 1,
    untaxedLosses: slots[TERM.untaxedLosses] === 1,
  };
}

// ---------------------------------------------------------------- one household (dynamic program)

/** Income after income tax and the surcharge, plus the transfer: y = (z - T(z)) (1 - theta) + S. */
export function postTaxIncomeOf(terms: BudgetTerms, incomeUsd: number): number {
  return incomeUsd - incomeTaxOf(terms, incomeUsd) + terms.transferUsd;
}

/** The income tax alone, T(z): none on losses with untaxedLosses. */
export function incomeTaxBeforeSurchargeOf(terms: BudgetTerms, incomeUsd: number): number {
  return terms.untaxedLosses && incomeUsd <= 0 ? 0 : taxDue(terms.tax.income, incomeUsd);
}

/** Income tax with the fiscal rule's surcharge: T(z) + theta (z - T(z)). */
export function incomeTaxOf(terms: BudgetTerms, incomeUsd: number): number {
  const tax = incomeTaxBeforeSurchargeOf(terms, incomeUsd);
  return terms.incomeSurchargeRate === 0 ? tax : tax + terms.incomeSurchargeRate * (incomeUsd - tax);
}

/**
 * The fiscal rule's surcharge stays within [-SURCHARGE_CLIP, SURCHARGE_CLIP]. Levied on income
 * after income tax, a surcharge below 1 leaves every budget positive under any schedule whose
 * marginal rates stay at most 1 (an earlier version levied theta z on top of T(z): under HSV,
 * whose average rate rises towards 1 with income, any theta > 0 made the highest incomes owe more
 * than themselves, docs/equilibrium.md).
 */
export const SURCHARGE_CLIP = 0.5;

/** What the saving share divides: post-tax income y (the authors'), or cash on hand y + w. */
export function consumptionBaseOf(terms: BudgetTerms, postTaxIncomeUsd: number, postTaxWealthUsd: number): number {
  return terms.cashOnHand ? postTaxIncomeUsd + postTaxWealthUsd : postTaxIncomeUsd;
}

/** Wealth after wealth tax, w = a - T_a(a). */
export function postTaxWealthOf(terms: BudgetTerms, assetsUsd: number): number {
  return assetsUsd - taxDue(terms.tax.wealth, assetsUsd);
}

/** ration / (1 + tau_c): consumption per unit of the base not saved. */
export function consumptionPerUnitSpent(terms: BudgetTerms): number {
  return terms.ration / (1 + terms.consumptionTaxRate);
}

export interface YearOutcome {
  consumptionUsd: number;
  assetsNextUsd: number;
  reward: number;
}

/** One household's year: this year's ability, assets at the start of the year, clipped shares. */
export function householdYear(terms: BudgetTerms, maxHoursPerYear: number, preferences: Preferences, ability: number, assetsUsd: number, savingShare: number, workShare: number, out: YearOutcome): YearOutcome {
  const hours = maxHoursPerYear * workShare;
  const income = terms.wageRate * ability * hours + terms.interestRate * assetsUsd;
  const postIncome = postTaxIncomeOf(terms, income);
  const postWealth = postTaxWealthOf(terms, assetsUsd);
  const priceFactor = 1 / (1 + terms.consumptionTaxRate);
  const consumption = terms.ration * (priceFactor * ((1 - savingShare) * consumptionBaseOf(terms, postIncome, postWealth)));
  out.consumptionUsd = consumption;
  out.assetsNextUsd = postIncome + postWealth - consumption * (1 + terms.consumptionTaxRate);
  out.reward = householdReward(consumption, laborDisutility(workShare, preferences), preferences);
  return out;
}

/** w h^(1+gamma) / (1+gamma): the labour disutility of a work share. */
export function laborDisutility(workShare: number, preferences: Preferences): number {
  const power = 1 + preferences.inverseFrisch;
  return preferences.laborDisutilityWeight * ((power === 3 ? workShare * workShare * workShare : Math.pow(workShare, power)) / power);
}

/** The household reward of a year, from consumption and the labour disutility (householdRewards for one). */
export function householdReward(consumptionUsd: number, disutility: number, preferences: Preferences): number {
  if (preferences.utility === 'crra') return crraUtility(consumptionUsd, preferences) - disutility;
  if (preferences.crra === 1) return 1 / (1 + (preferences.consumptionScaleUsd / consumptionUsd) * Math.exp(disutility));
  return 1 / (1 + Math.exp(-(Math.pow(consumptionUsd, 1 - preferences.crra) / (1 - preferences.crra) - disutility)));
}

/** u(c) = ln(c / s) or ((c / s)^(1 - theta) - 1) / (1 - theta), s the consumption unit (-Infinity at c = 0, NaN below). */
export function crraUtility(consumptionUsd: number, preferences: Pick<Preferences, 'crra' | 'consumptionScaleUsd'>): number {
  const x = consumptionUsd / preferences.consumptionScaleUsd;
  if (preferences.crra === 1) return Math.log(x);
  return (Math.pow(x, 1 - preferences.crra) - 1) / (1 - preferences.crra);
}

// ---------------------------------------------------------------- every household (simulator)

/**
 * Sums over households that the step reports; filled in place, so a year allocates nothing.
 * NaN until filled, and a double from the start: a field created as the integer 0 changes
 * representation at the first fractional sum, and V8 then bails out of the on-stack-optimised
 * household loop at that store on every later call (seen 550 times in a run at N = 1e6).
 */
export class BudgetTotals {
  /** sum_i e_i h_i: efficient hours, the labour input of production. */
  labor = NaN;
  ability = NaN;
  workShare = NaN;
  hours = NaN;
  income = NaN;
  postTaxIncome = NaN;
  incomeTax = NaN;
  wealthTax = NaN;
  /** Income, wealth and consumption taxes. */
  tax = NaN;
  consumption = NaN;
  assets = NaN;
  assetsNext = NaN;
  minAssetsNext = Infinity;
}

/** Clips the raw shares into [lo, hi], turns work shares into hours; sums labour, ability, shares and hours. */
export function supplyLabor(
  rawSavingShare: ArrayLike<number>,
  rawWorkShare: ArrayLike<number>,
  lo: number,
  hi: number,
  maxHoursPerYear: number,
  ability: Float64Array,
  savingShare: Float64Array,
  workShare: Float64Array,
  hours: Float64Array,
  totals: BudgetTotals,
): void {
  let labor = 0, totalAbility = 0, totalWorkShare = 0, totalHours = 0;
  for (let i = 0; i < ability.length; i++) {
    // Math.min/max compile to two instructions, nested selects to branches (half the speed);
    // NaN stays NaN either way
    savingShare[i] = Math.min(Math.max(rawSavingShare[i], lo), hi);
    const h = Math.min(Math.max(rawWorkShare[i], lo), hi);
    workShare[i] = h;
    const e = ability[i];
    const hoursWorked = maxHoursPerYear * h;
    hours[i] = hoursWorked;
    labor += e * hoursWorked;
    totalAbility += e;
    totalWorkShare += h;
    totalHours += hoursWorked;
  }
  totals.labor = labor;
  totals.ability = totalAbility;
  totals.workShare = totalWorkShare;
  totals.hours = totalHours;
}

/** Pre-tax income: wages w e_i hours_i plus interest r a_i. */
export function earnIncome(wageRate: number, interestRate: number, ability: Float64Array, hours: Float64Array, assets: Float64Array, income: Float64Array): void {
  for (let i = 0; i < income.length; i++) income[i] = wageRate * ability[i] * hours[i] + interestRate * assets[i];
}

/**
 * Post-tax income (with the transfer) and wealth, and the consumption each household asks for:
 * c_i = (1 - p_i) base / (1 + consumption tax), the base post-tax income or cash on hand.
 * Returns total demand.
 */
export function planConsumption(
  income: Float64Array,
  incomeTax: Float64Array,
  transferUsd: number,
  assets: Float64Array,
  wealthTax: Float64Array,
  savingShare: Float64Array,
  consumptionTaxRate: number,
  cashOnHand: boolean,
  postTaxIncome: Float64Array,
  postTaxAssets: Float64Array,
  consumption: Float64Array,
): number {
  const priceFactor = 1 / (1 + consumptionTaxRate);
  let demand = 0;
  for (let i = 0; i < income.length; i++) {
    const y = income[i] - incomeTax[i] + transferUsd;
    const w = assets[i] - wealthTax[i];
    postTaxIncome[i] = y;
    postTaxAssets[i] = w;
    const c = priceFactor * ((1 - savingShare[i]) * (cashOnHand ? y + w : y));
    consumption[i] = c;
    demand += c;
  }
  return demand;
}

/** Scales every household's consumption by the same factor (the goods market rations demand). */
export function rationConsumption(consumption: Float64Array, factor: number): void {
  for (let i = 0; i < consumption.length; i++) consumption[i] = factor * consumption[i];
}

/** Next year's assets a'_i = post-tax income + post-tax wealth - spending on consumption; sums the flows. */
export function settleBudgets(
  income: Float64Array,
  postTaxIncome: Float64Array,
  incomeTax: Float64Array,
  assets: Float64Array,
  postTaxAssets: Float64Array,
  wealthTax: Float64Array,
  consumption: Float64Array,
  consumptionTaxRate: number,
  assetsNext: Float64Array,
  totals: BudgetTotals,
): void {
  let tax = 0, totalIncomeTax = 0, totalWealthTax = 0, totalAssets = 0, totalAssetsNext = 0;
  let totalConsumption = 0, totalIncome = 0, totalPostTaxIncome = 0, minAssetsNext = Infinity;
  for (let i = 0; i < income.length; i++) {
    const c = consumption[i];
    const next = postTaxIncome[i] + postTaxAssets[i] - c * (1 + consumptionTaxRate);
    assetsNext[i] = next;
    tax += incomeTax[i] + wealthTax[i] + c * consumptionTaxRate;
    totalIncomeTax += incomeTax[i];
    totalWealthTax += wealthTax[i];
    totalAssets += assets[i];
    totalAssetsNext += next;
    totalConsumption += c;
    totalIncome += income[i];
    totalPostTaxIncome += postTaxIncome[i];
    minAssetsNext = next < minAssetsNext ? next : minAssetsNext;
  }
  totals.tax = tax;
  totals.incomeTax = totalIncomeTax;
  totals.wealthTax = totalWealthTax;
  totals.assets = totalAssets;
  totals.assetsNext = totalAssetsNext;
  totals.consumption = totalConsumption;
  totals.income = totalIncome;
  totals.postTaxIncome = totalPostTaxIncome;
  totals.minAssetsNext = minAssetsNext;
}

/** A block of households' arrays that the budget reads (ability, hours, shares, assets) and fills. */
export interface BudgetArrays {
  ability: Float64Array;
  hours: Float64Array;
  savingShare: Float64Array;
  workShare: Float64Array;
  assets: Float64Array;
  income: Float64Array;
  incomeTax: Float64Array;
  wealthTax: Float64Array;
  postTaxIncome: Float64Array;
  postTaxAssets: Float64Array;
  consumption: Float64Array;
  assetsNext: Float64Array;
  householdReward: Float64Array;
}

/**
 * The first half of every household's year under the terms' slots (writeBudgetTerms): income,
 * taxes, post-tax amounts and the consumption asked for. Returns total demand.
 */
export function planBudgets(terms: Float64Array, b: BudgetArrays): number {
  taxIncomes(terms, b);
  return planSpending(terms, b);
}

/** Income, income tax before the fiscal rule's surcharge, and wealth tax. */
export function taxIncomes(terms: Float64Array, b: BudgetArrays): void {
  earnIncome(terms[TERM.wageRate], terms[TERM.interestRate], b.ability, b.hours, b.assets, b.income);
  // HSV through the loop itself, not a wrapper (see subtractScaledPowerInto)
  const incomeTax = readTaxRule(terms, TERM.incomeTax);
  if (incomeTax.kind === 'hsv') subtractScaledPowerInto(b.income, incomeTax.xi, hsvFactor(incomeTax.tau, incomeTax.xi), b.incomeTax);
  else taxDueInto(incomeTax, b.income, b.incomeTax);
  if (terms[TERM.untaxedLosses] === 1) untaxLosses(b.income, b.incomeTax);
  const wealthTax = readTaxRule(terms, TERM.wealthTax);
  if (wealthTax.kind === 'hsv') subtractScaledPowerInto(b.assets, wealthTax.xi, hsvFactor(wealthTax.tau, wealthTax.xi), b.wealthTax);
  else taxDueInto(wealthTax, b.assets, b.wealthTax);
}

/** The surcharge (if any) on taxIncomes' amounts, post-tax amounts and the consumption asked for. Returns total demand. */
export function planSpending(terms: Float64Array, b: BudgetArrays): number {
  if (terms[TERM.incomeSurchargeRate] !== 0) addSurcharge(b.income, terms[TERM.incomeSurchargeRate], b.incomeTax);
  return planConsumption(b.income, b.incomeTax, terms[TERM.transferUsd], b.assets, b.wealthTax, b.savingShare, terms[TERM.consumptionTaxRate], terms[TERM.cashOnHand] === 1, b.postTaxIncome, b.postTaxAssets, b.consumption);
}

/** No income tax on incomes at or below 0 (HSV gives NaN there). */
function untaxLosses(income: Float64Array, incomeTax: Float64Array): void {
  for (let i = 0; i < income.length; i++) if (income[i] <= 0) incomeTax[i] = 0;
}

/** What the fiscal rule's surcharge is levied on, after taxIncomes: incomes after income tax, sum_i (z_i - T(z_i)). */
export function surchargeBase(b: Pick<BudgetArrays, 'income' | 'incomeTax'>): number {
  const { income, incomeTax } = b;
  let base = 0;
  for (let i = 0; i < income.length; i++) base += income[i] - incomeTax[i];
  return base;
}

/** Adds the fiscal rule's surcharge theta (z_i - T(z_i)) to every household's income tax. */
function addSurcharge(income: Float64Array, rate: number, incomeTax: Float64Array): void {
  for (let i = 0; i < income.length; i++) incomeTax[i] += rate * (income[i] - incomeTax[i]);
}

/**
 * The second half: consumption rationed if the terms say so, next assets, the flows' totals and
 * every household's reward. Returns the sum of the rewards (social welfare).
 */
export function settleBudgetsWith(terms: Float64Array, b: BudgetArrays, preferences: Preferences, totals: BudgetTotals): number {
  if (terms[TERM.ration] !== 1) rationConsumption(b.consumption, terms[TERM.ration]);
  settleBudgets(b.income, b.postTaxIncome, b.incomeTax, b.assets, b.postTaxAssets, b.wealthTax, b.consumption, terms[TERM.consumptionTaxRate], b.assetsNext, totals);
  return householdRewards(b.consumption, b.workShare, preferences, b.householdReward);
}

/** Preferences of the households (config fields of the same names). */
export interface Preferences {
  /** 'sigmoid': the authors' reward, a sigmoid of the utility; 'crra': the utility itself. */
  utility: Utility;
  crra: number;
  inverseFrisch: number;
  laborDisutilityWeight: number;
  consumptionScaleUsd: number;
}

/** The households' preferences from the config fields of the same names. */
export function preferencesOf(config: Pick<EconomyConfig, keyof Preferences>): Preferences {
  return { utility: config.utility, crra: config.crra, inverseFrisch: config.inverseFrisch, laborDisutilityWeight: config.laborDisutilityWeight, consumptionScaleUsd: config.consumptionScaleUsd };
}

/**
 * Household rewards: utility u = c^(1-theta)/(1-theta) - w h~^(1+gamma)/(1+gamma) through a
 * sigmoid (log utility of c / consumptionScaleUsd when theta = 1). Returns their sum.
 */
export function householdRewards(consumption: Float64Array, workShare: Float64Array, preferences: Preferences, reward: Float64Array): number {
  if (preferences.utility === 'crra') return crraRewards(consumption, workShare, preferences, reward);
  const { crra, inverseFrisch, laborDisutilityWeight, consumptionScaleUsd } = preferences;
  const power = 1 + inverseFrisch;
  if (crra === 1 && power === 3) {
    const total = logUtilityRewards(consumption, workShare, laborDisutilityWeight, consumptionScaleUsd, reward);
    if (!Number.isNaN(total)) return total;
  }
  let total = 0;
  for (let i = 0; i < consumption.length; i++) {
    const c = consumption[i];
    const h = workShare[i];
    const disutility = laborDisutilityWeight * ((power === 3 ? h * h * h : Math.pow(h, power)) / power);
    // log utility: sigmoid(ln(c/s) - d) = 1 / (1 + (s/c) e^d), one exp instead of a log and an exp;
    // negative consumption stays NaN as the log would make it
    const u =
      crra === 1
        ? c >= 0
          ? 1 / (1 + (consumptionScaleUsd / c) * exp(disutility))
          : NaN
        : 1 / (1 + Math.exp(-(Math.pow(c, 1 - crra) / (1 - crra) - disutility)));
    reward[i] = u;
    total += u;
  }
  return total;
}

/** Household rewards as the CRRA utility itself, u(c_i) - w h~_i^(1+gamma)/(1+gamma). Returns their sum. */
function crraRewards(consumption: Float64Array, workShare: Float64Array, preferences: Preferences, reward: Float64Array): number {
  let total = 0;
  for (let i = 0; i < consumption.length; i++) {
    const u = crraUtility(consumption[i], preferences) - laborDisutility(workShare[i], preferences);
    reward[i] = u;
    total += u;
  }
  return total;
}

/**
 * householdRewards with log utility and cubic disutility (the paper's preferences), bit for bit,
 * without the check for negative consumption inside the loop: that branch made the loop 1.5x
 * slower here. Returns NaN, for householdRewards to redo the checked loop, when a consumption
 * is negative (or NaN, where the checked loop gives NaN as well).
 */
function logUtilityRewards(consumption: Float64Array, workShare: Float64Array, laborDisutilityWeight: number, consumptionScaleUsd: number, reward: Float64Array): number {
  let total = 0;
  let smallest = Infinity;
  for (let i = 0; i < consumption.length; i++) {
    const c = consumption[i];
    const h = workShare[i];
    const disutility = laborDisutilityWeight * ((h * h * h) / 3);
    const u = 1 / (1 + (consumptionScaleUsd / c) * exp(disutility));
    smallest = c < smallest ? c : smallest;
    reward[i] = u;
    total += u;
  }
  return smallest < 0 ? NaN : total;
}
