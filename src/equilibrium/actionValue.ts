/**
 * The value of an action at one state of the dynamic program:
 *   Q_t(i, a; p, h) = sum_k P(k | i) [ r(c_k, h) + gamma V_{t+1}(k, a'_k) ]
 * where the household chooses its saving share p and work share h knowing last year's ability
 * (node i) and its assets a, and this year's ability (node k) is drawn before income is earned,
 * exactly the economy's order (abilities move at the start of step(), after the policies acted).
 *   z_k = W e_k h h_max + r a,  y_k = (z_k - T(z_k)) (1 - theta) + S,  w = a - T_a(a),
 *   base b_k = y_k (the authors') or y_k + w (cash on hand),  c_k = ration (1 - p) b_k / (1 + tau_c),
 *   a'_k = y_k + w - c_k (1 + tau_c) = carried + (1 - ration (1 - p)) b_k, carried = w or 0
 *   (the household budget, householdBudget.ts, written in the shares of b_k that the inner loop needs).
 * The cap (meanField.ts) bounds how much more than the policy a deviating household may consume
 * at each node without ending the episode: the policy's consumption at the same state
 * (`setReference`) plus the year's cap. The best response keeps every node under it
 * (`minSaving`); where even the most saving cannot, those nodes get no continuation. The policy
 * itself is never capped: its consumption made the mean field.
 * V_{t+1} is interpolated linearly in ln(a' + shift) on next year's grid. For a fixed h the
 * incomes y_k are computed once; Q is then concave in p whenever V_{t+1} is (the reward is
 * concave in c), and `slope` gives dQ/dp for the first-order condition.
 */
import type { HouseholdGrid } from './grid.js';
import { NEGLIGIBLE_PROBABILITY } from './abilityGrid.js';
import { consumptionBaseOf, consumptionPerUnitSpent, crraUtility, laborDisutility, postTaxIncomeOf, postTaxWealthOf, type BudgetTerms, type Preferences } from '../economy/householdBudget.js';

export class ActionValue {
  private readonly grid: HouseholdGrid;
  // the year
  private terms!: BudgetTerms;
  /** Consumption per unit of post-tax income not saved: ration / (1 + tau_c). */
  private kappa = 1;
  private ration = 1;
  private cap = Infinity;
  private next: Float64Array = new Float64Array(0);
  private nextLow = 0;
  private nextStep = 1;
  // the state: nodes k with their probabilities, post-tax wealth, interest income
  private count = 0;
  private readonly probability: Float64Array;
  private readonly nextAbility: Float64Array;
  private readonly nextOffset: Int32Array;
  private postWealth = 0;
  /** What next year's assets keep whatever the saving share: post-tax wealth (the authors' base), or 0 (cash on hand). */
  private carried = 0;
  private interest = 0;
  // the work share: each node's base (what the saving share divides) and exp(disutility)
  private readonly base: Float64Array;
  /** Per node: the most the household may consume (the policy's consumption plus the year's cap). */
  private readonly capByNode: Float64Array;
  private capped = false;
  private disutility = 0;
  private expDisutility = 1;
  private readonly crra: number;
  private readonly scale: number;
  private readonly preferences: Preferences;
  /** The reward is the utility itself (CRRA), not the authors' sigmoid of it. */
  private readonly plainUtility: boolean;

  constructor(grid: HouseholdGrid) {
    this.grid = grid;
    const m = grid.nodes;
    this.probability = new Float64Array(m);
    this.nextAbility = new Float64Array(m);
    this.nextOffset = new Int32Array(m);
    this.base = new Float64Array(m);
    this.capByNode = new Float64Array(m).fill(Infinity);
    this.preferences = grid.field.preferences;
    this.crra = this.preferences.crra;
    this.scale = this.preferences.consumptionScaleUsd;
    this.plainUtility = this.preferences.utility === 'crra';
  }

  /** Year index t, with next year's values (M x J, node-major) for the continuation. */
  setYear(t: number, nextValue: Float64Array): void {
    const year = this.grid.field.years[t];
    this.terms = year.budget;
    this.kappa = consumptionPerUnitSpent(year.budget);
    this.ration = year.budget.ration;
    this.cap = year.consumptionCapUsd;
    this.next = nextValue;
    this.nextLow = this.grid.logLow[t + 1];
    this.nextStep = this.grid.logStep[t + 1];
  }

  /** The state: next-year probabilities over nodes (a row of M, or a mix) and assets (USD). */
  setState(row: Float64Array, rowStart: number, rowEnd: number, assetsUsd: number): void {
    const g = this.grid;
    let count = 0;
    for (let k = rowStart; k < rowEnd; k++) {
      if (row[k] < NEGLIGIBLE_PROBABILITY) continue;
      this.probability[count] = row[k];
      this.nextAbility[count] = g.ability.ability[k];
      this.nextOffset[count] = k * g.points;
      count++;
    }
    this.count = count;
    this.postWealth = postTaxWealthOf(this.terms, assetsUsd);
    this.carried = this.terms.cashOnHand ? 0 : this.postWealth;
    this.interest = this.terms.interestRate * assetsUsd;
    this.capped = false;
  }

  /** This year's consumption at each node (of the state set) for saving share p and the work share last set, added into `into` with weight w. */
  addConsumption(savingShare: number, weight: number, into: Float64Array): void {
    const kappa = this.kappa;
    for (let c = 0; c < this.count; c++) into[c] += weight * kappa * (1 - savingShare) * this.base[c];
  }

  /**
   * Caps the state's consumption at each node: the policy's consumption there (`policyConsumption`,
   * per node of the state set, as addConsumption gives it) plus the year's cap.
   */
  setReference(policyConsumption: Float64Array): void {
    this.capped = this.cap !== Infinity;
    for (let c = 0; c < this.count; c++) this.capByNode[c] = policyConsumption[c] + this.cap;
  }

  /** The work share (clipped): this year's base at each node. */
  setWork(workShare: number): void {
    const wageHours = this.terms.wageRate * this.grid.field.maxHoursPerYear * workShare;
    for (let c = 0; c < this.count; c++) this.base[c] = consumptionBaseOf(this.terms, postTaxIncomeOf(this.terms, wageHours * this.nextAbility[c] + this.interest), this.postWealth);
    this.disutility = laborDisutility(workShare, this.grid.field.preferences);
    this.expDisutility = Math.exp(this.disutility);
  }

  /** Q at saving share p (clipped) and the work share last set. */
  value(savingShare: number): number {
    const kappa = this.kappa;
    const keep = 1 - this.ration * (1 - savingShare);
    const gamma = this.grid.gamma;
    const points = this.grid.points;
    const last = points - 1;
    const shift = this.grid.shiftUsd;
    let q = 0;
    for (let c = 0; c < this.count; c++) {
      const y = this.base[c];
      const consumption = kappa * (1 - savingShare) * y;
      const reward = this.reward(consumption);
      const u0 = (Math.log(this.carried + keep * y + shift) - this.nextLow) / this.nextStep;
      const u = u0 < 0 ? 0 : u0 > last ? last : u0;
      const j = u >= last ? last - 1 : Math.floor(u);
      const w = u - j;
      const o = this.nextOffset[c] + j;
      const continuation = this.capped && consumption > this.capByNode[c] ? 0 : this.next[o] + w * (this.next[o + 1] - this.next[o]);
      q += this.probability[c] * (reward + gamma * continuation);
    }
    return q;
  }

  /** Whether the state has a consumption cap (setReference with a finite year cap). */
  get isCapped(): boolean {
    return this.capped;
  }

  /** The least saving share that keeps consumption under the cap at every node (for the work share last set; 0 when uncapped). */
  minSaving(): number {
    if (!this.capped) return 0;
    const kappa = this.kappa;
    let least = 0;
    for (let c = 0; c < this.count; c++) {
      const y = this.base[c];
      if (y > 0) least = Math.max(least, 1 - this.capByNode[c] / (kappa * y));
    }
    return least;
  }

  /** dQ/dp at saving share p and the work share last set (the interpolation's slope on its segment). */
  slope(savingShare: number): number {
    const kappa = this.kappa;
    const keep = 1 - this.ration * (1 - savingShare);
    const gamma = this.grid.gamma;
    const points = this.grid.points;
    const last = points - 1;
    const shift = this.grid.shiftUsd;
    let s = 0;
    for (let c = 0; c < this.count; c++) {
      const y = this.base[c];
      const consumption = kappa * (1 - savingShare) * y;
      const assetsNext = this.carried + keep * y;
      const u0 = (Math.log(assetsNext + shift) - this.nextLow) / this.nextStep;
      const u = u0 < 0 ? 0 : u0 > last ? last : u0;
      const j = u >= last ? last - 1 : Math.floor(u);
      const o = this.nextOffset[c] + j;
      const dValue = (this.next[o + 1] - this.next[o]) / (this.nextStep * (assetsNext + shift));
      s += this.probability[c] * y * (-kappa * this.rewardSlope(consumption) + gamma * this.ration * dValue);
    }
    return s;
  }

  private reward(consumption: number): number {
    if (this.plainUtility) return crraUtility(consumption, this.preferences) - this.disutility;
    if (this.crra === 1) return 1 / (1 + (this.scale / consumption) * this.expDisutility);
    return 1 / (1 + Math.exp(-(Math.pow(consumption, 1 - this.crra) / (1 - this.crra) - this.disutility)));
  }

  /** dr/dc. */
  private rewardSlope(consumption: number): number {
    if (this.plainUtility) return Math.pow(consumption / this.scale, -this.crra) / this.scale;
    if (this.crra === 1) {
      const k = this.scale * this.expDisutility;
      const d = consumption + k;
      return k / (d * d);
    }
    const r = this.reward(consumption);
    return r * (1 - r) * Math.pow(consumption, -this.crra);
  }
}
