/**
 * A year's BudgetTerms as the households' plan reads them millions of times (presetHousehold.ts's
 * labour condition): every tax rule in one object shape whatever its kind, and a bracket schedule
 * with its tax accrued below each bracket, so that the tax and its marginal rate come out of one
 * pass.
 *
 * Why: the plan's inner function saw the rules of tax.ts in their three shapes (none, HSV,
 * brackets) and a bracket schedule re-summed for the marginal rate; after a steady state under the
 * free market, the same path under US federal 2022 ran a quarter slower in one process than in a
 * fresh one (npm run bench). The numbers are tax.ts's to the last bit: the same operations in the
 * same order (the brackets above the income add exact zeros there).
 */
import type { BudgetTerms } from '../economy/householdBudget.js';
import { hsvTax, MAX_BRACKETS, type TaxRule } from '../economy/tax.js';

// bound once (see presetHousehold.ts: a loader that exports through getters runs one per call)
const hsv = hsvTax;

const NONE = 0, HSV = 1, BRACKETS = 2;

/** One tax rule (tax.ts's TaxRule) in a single shape: due(x) is taxDue, and sets `marginal` to marginalTaxRate at x. */
export class TaxCurve {
  kind = NONE;
  tau = 0;
  xi = 0;
  deductionUsd = 0;
  creditUsd = 0;
  topUpperBoundUsd = Infinity;
  count = 0;
  readonly lowerBoundsUsd = new Float64Array(MAX_BRACKETS);
  readonly rates = new Float64Array(MAX_BRACKETS);
  /** Tax accrued on taxable income up to each bracket's lower bound (before the credit). */
  readonly accruedBelow = new Float64Array(MAX_BRACKETS);
  /** The marginal rate at the amount of the last due(). */
  marginal = 0;

  set(rule: TaxRule): this {
    this.kind = rule.kind === 'none' ? NONE : rule.kind === 'hsv' ? HSV : BRACKETS;
    if (rule.kind === 'hsv') {
      this.tau = rule.tau;
      this.xi = rule.xi;
    } else if (rule.kind === 'brackets') {
      const s = rule.schedule;
      this.deductionUsd = s.deductionUsd;
      this.creditUsd = s.creditUsd;
      this.topUpperBoundUsd = s.topUpperBoundUsd;
      this.count = s.lowerBoundsUsd.length;
      let accrued = 0;
      for (let k = 0; k < this.count; k++) {
        this.lowerBoundsUsd[k] = s.lowerBoundsUsd[k];
        this.rates[k] = s.marginalRates[k];
        this.accruedBelow[k] = accrued;
        const upper = k < this.count - 1 ? s.lowerBoundsUsd[k + 1] : s.topUpperBoundUsd;
        accrued += Math.max(0, upper - s.lowerBoundsUsd[k]) * s.marginalRates[k];
      }
    }
    return this;
  }

  /**
   * The amounts at which the marginal rate falls (a bracket's rate below the one before, the top
   * bound of a schedule that stops taxing there), ascending, into `out`; returns how many. A rate
   * that falls makes the tax non-convex, and the labour condition can then have several roots.
   */
  fallingRateAmounts(out: Float64Array): number {
    if (this.kind !== BRACKETS) return 0;
    let count = 0;
    for (let k = 1; k < this.count; k++) if (this.rates[k] < this.rates[k - 1]) out[count++] = this.lowerBoundsUsd[k] + this.deductionUsd;
    if (this.topUpperBoundUsd < Infinity && this.rates[this.count - 1] > 0) out[count++] = this.topUpperBoundUsd + this.deductionUsd;
    return count;
  }

  /** taxDue(rule, amount), with `marginal` = marginalTaxRate(rule, amount). */
  due(amount: number): number {
    if (this.kind === NONE) {
      this.marginal = 0;
      return 0;
    }
    if (this.kind === HSV) {
      this.marginal = this.xi === 0 ? this.tau : 1 - (1 - this.tau) * Math.pow(amount, -this.xi);
      return hsv(amount, this.tau, this.xi);
    }
    // bracketTax and bracketMarginalRate: the bracket the taxable income falls in, the tax below it
    const taxable = Math.max(0, amount - this.deductionUsd);
    if (taxable !== taxable) {
      this.marginal = NaN;
      return NaN;
    }
    const last = this.count - 1;
    let j = -1;
    while (j < last && this.lowerBoundsUsd[j + 1] <= taxable) j++;
    let tax = 0;
    if (j >= 0) {
      const upper = j < last ? this.lowerBoundsUsd[j + 1] : this.topUpperBoundUsd;
      tax = this.accruedBelow[j] + Math.max(0, Math.min(taxable, upper) - this.lowerBoundsUsd[j]) * this.rates[j];
    }
    tax = Math.max(0, tax - this.creditUsd);
    const rawTaxable = amount - this.deductionUsd;
    this.marginal = tax <= 0 || rawTaxable >= this.topUpperBoundUsd ? 0 : this.rates[Math.max(j, 0)];
    return tax;
  }
}

/** The terms of one year for the plan: BudgetTerms with its two tax rules as TaxCurves. */
export class PlanTerms {
  wageRate = 0;
  interestRate = 0;
  consumptionTaxRate = 0;
  transferUsd = 0;
  incomeSurchargeRate = 0;
  cashOnHand = true;
  untaxedLosses = false;
  readonly incomeTax = new TaxCurve();
  readonly wealthTax = new TaxCurve();
  /** T'(z) + theta (1 - T'(z)) at the income of the last postTaxIncome(). */
  marginalIncomeTax = 0;
  /** Incomes (USD) at which the income tax's marginal rate falls, ascending: fallingRateIncomesUsd[0 .. fallingRateCount). */
  readonly fallingRateIncomesUsd = new Float64Array(MAX_BRACKETS + 1);
  fallingRateCount = 0;
  /**
   * Whether the income tax's marginal rate can fall with income: at the incomes above, or
   * everywhere (HSV with xi < 0). Only then can the labour condition have several roots; a convex
   * tax (none, HSV with xi >= 0, brackets with rising rates) leaves it one.
   */
  nonConvex = false;

  set(terms: BudgetTerms): this {
    this.wageRate = terms.wageRate;
    this.interestRate = terms.interestRate;
    this.consumptionTaxRate = terms.consumptionTaxRate;
    this.transferUsd = terms.transferUsd;
    this.incomeSurchargeRate = terms.incomeSurchargeRate;
    this.cashOnHand = terms.cashOnHand;
    this.untaxedLosses = terms.untaxedLosses;
    this.incomeTax.set(terms.tax.income);
    this.wealthTax.set(terms.tax.wealth);
    this.fallingRateCount = this.incomeTax.fallingRateAmounts(this.fallingRateIncomesUsd);
    this.nonConvex = this.fallingRateCount > 0 || (this.incomeTax.kind === HSV && this.incomeTax.xi < 0);
    return this;
  }

  /**
   * householdBudget.ts's postTaxIncomeOf, (z - T(z)) (1 - theta) + S, with `marginalIncomeTax` set to
   * presetHousehold.ts's marginalIncomeTax at z (the rate read at max(z, 1 USD); none on losses
   * with untaxedLosses).
   */
  postTaxIncome(incomeUsd: number): number {
    const untaxed = this.untaxedLosses && incomeUsd <= 0;
    let tax = 0, rate = 0;
    if (!untaxed) {
      tax = this.incomeTax.due(incomeUsd);
      rate = this.incomeTax.marginal;
      if (incomeUsd < 1) {
        this.incomeTax.due(1);
        rate = this.incomeTax.marginal;
      }
    }
    const theta = this.incomeSurchargeRate;
    this.marginalIncomeTax = rate + theta * (1 - rate);
    // as the simulator computes it, to the last bit: z - (T + theta (z - T)) + S
    return incomeUsd - (theta === 0 ? tax : tax + theta * (incomeUsd - tax)) + this.transferUsd;
  }

  /** postTaxWealthOf: a - T_a(a). */
  postTaxWealth(assetsUsd: number): number {
    return assetsUsd - this.wealthTax.due(assetsUsd);
  }

  /** presetHousehold.ts's marginalWealthTax: T_a'(a) at max(a, 1 USD). */
  marginalWealthTax(assetsUsd: number): number {
    this.wealthTax.due(Math.max(assetsUsd, 1));
    return this.wealthTax.marginal;
  }

  /** consumptionBaseOf. */
  base(postTaxIncomeUsd: number, postTaxWealthUsd: number): number {
    return this.cashOnHand ? postTaxIncomeUsd + postTaxWealthUsd : postTaxIncomeUsd;
  }
}
