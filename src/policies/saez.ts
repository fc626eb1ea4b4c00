/**
 * The adaptive Saez government (Saez 2001 optimal marginal rates, as in the AI Economist's
 * PeriodicBracketTax planner that the authors port). Every `periodYears` it re-sets the marginal
 * rates of a few income brackets from the incomes it has observed:
 *
 *   tau(z) = (1 - G(z)) / (1 - G(z) + A(z) e)
 *
 * with G(z) the mean welfare weight of incomes above z relative to the population's (weights
 * 1/z: inverse-income), A(z) = z h(z) / (1 - H(z)) the local Pareto parameter of the income
 * distribution, and e the elasticity of taxable income, estimated by OLS of log z on
 * log(1 - tau) over the observed (income, marginal rate) pairs and smoothed over periods.
 * Rates are computed on fine income bins, then averaged into the brackets. Before it has seen
 * `bufferSize` incomes it draws the bracket rates uniformly (the planner's exploration).
 * No wealth tax; the action keeps the free market's (clipped all-zero) spending.
 */
import type { Economy } from '../economy/economy.js';
import { Rng } from '../economy/rng.js';
import { bracketSchedule, taxDue as ruleTaxDue, type TaxSchedule } from '../economy/tax.js';
import { GOVERNMENT_ACTION } from '../economy/spaces.js';
import type { GovernmentDecision, GovernmentPolicy } from './government.js';

export interface SaezOptions {
  /** Bracket lower bounds, USD (the authors: 0, 1e6, 2e6, 3e6, 4e6; the last bracket is open). */
  bracketCutoffsUsd?: number[];
  /** Estimation bins between 0 and the top cutoff. */
  estimationBins?: number;
  /** Observed (income, marginal rate) pairs kept (first in, first out). */
  bufferSize?: number;
  /** Years between two re-settings of the rates. */
  periodYears?: number;
  /** Initial elasticity and the weight of the old estimate when smoothing. */
  initialElasticity?: number;
  elasticitySmoothing?: number;
  /** Fixed elasticity instead of the estimate. */
  fixedElasticity?: number | null;
  rateMin?: number;
  rateMax?: number;
  /** Seed of the initial random rates. */
  seed?: number;
}

const DEFAULTS: Required<SaezOptions> = {
  bracketCutoffsUsd: [0, 1e6, 2e6, 3e6, 4e6],
  estimationBins: 100,
  bufferSize: 500,
  periodYears: 100,
  initialElasticity: 0.5,
  elasticitySmoothing: 0.98,
  fixedElasticity: null,
  rateMin: 0,
  rateMax: 1,
  seed: 0,
};

export interface SaezState {
  rates: number[];
  elasticity: number;
  /** Position in the tax period, 1-based (rates are re-set when it is 1). */
  cyclePosition: number;
  buffered: number;
  reachedMinSamples: boolean;
  /** Years in which the rates were set, and how (random exploration or Saez formula). */
  history: { call: number; rates: number[]; elasticity: number; source: 'random' | 'saez' }[];
}

export class SaezGovernment implements GovernmentPolicy {
  readonly name = 'Saez';
  private readonly o: Required<SaezOptions>;
  private readonly rng: Rng;
  private readonly cutoffs: number[];
  private readonly bracketSizes: number[];
  private readonly binEdges: Float64Array;
  private readonly binWidth: number;
  private readonly incomes: Float64Array;
  private readonly marginals: Float64Array;
  private count = 0;
  private head = 0;
  private rates: number[];
  private elasticity: number;
  private cyclePosition = 1;
  private calls = 0;
  private reachedMinSamples = false;
  readonly history: SaezState['history'] = [];
  private readonly action = new Float64Array(GOVERNMENT_ACTION.size);
  /** The schedule as the rates stand (a new object whenever they change: a year's schedule is data). */
  private schedule: TaxSchedule;

  constructor(options: SaezOptions = {}) {
    this.o = { ...DEFAULTS, ...options };
    const o = this.o;
    const cutoffs = o.bracketCutoffsUsd;
    if (cutoffs.length < 2 || cutoffs[0] !== 0 || cutoffs.some((c, i) => i > 0 && !(c > cutoffs[i - 1]))) {
      throw new RangeError(`Saez bracketCutoffsUsd must start at 0 and increase, got ${cutoffs.join(', ')}`);
    }
    for (const [field, value, min] of [['estimationBins', o.estimationBins, 1], ['bufferSize', o.bufferSize, 10], ['periodYears', o.periodYears, 1]] as const) {
      if (!Number.isInteger(value) || value < min) throw new RangeError(`Saez ${field} must be an integer >= ${min}, got ${value}`);
    }
    if (!(o.rateMin >= 0 && o.rateMax <= 1 && o.rateMin <= o.rateMax)) throw new RangeError(`Saez rates must satisfy 0 <= rateMin <= rateMax <= 1, got ${o.rateMin}, ${o.rateMax}`);
    this.rng = new Rng(o.seed);
    this.cutoffs = cutoffs;
    this.bracketSizes = cutoffs.map((c, i) => (i + 1 < cutoffs.length ? cutoffs[i + 1] - c : Infinity));
    const top = cutoffs[cutoffs.length - 1];
    this.binWidth = top / o.estimationBins;
    this.binEdges = Float64Array.from({ length: o.estimationBins + 1 }, (_, j) => (top * j) / o.estimationBins);
    this.incomes = new Float64Array(o.bufferSize);
    this.marginals = new Float64Array(o.bufferSize);
    this.rates = cutoffs.map(() => 0);
    this.elasticity = o.initialElasticity;
    this.schedule = this.currentSchedule();
  }

  /**
   * Called before each year: observes last year's incomes (taxed under the rates then in force),
   * then re-sets the rates at the start of every period.
   */
  decide(economy: Economy): GovernmentDecision & { tax: TaxSchedule } {
    if (economy.year > 0) this.observe(economy.income);
    this.calls++;
    if (this.cyclePosition === 1) this.setRates();
    if (this.cyclePosition >= this.o.periodYears) this.cyclePosition = 0;
    this.cyclePosition++;
    return { action: this.action, tax: this.schedule };
  }

  /** The rates as a bracket schedule on income (taxDue's sum, the same to the last bit). */
  private currentSchedule(): TaxSchedule {
    return bracketSchedule({ name: 'Saez', lowerBoundsUsd: this.cutoffs, marginalRates: this.marginalRates, topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 });
  }

  /** Current marginal rate of each bracket (capped at rateMax). */
  get marginalRates(): number[] {
    return this.rates.map((r) => Math.min(r, this.o.rateMax));
  }

  get bracketCutoffs(): number[] {
    return [...this.cutoffs];
  }

  state(): SaezState {
    return {
      rates: this.marginalRates,
      elasticity: this.elasticity,
      cyclePosition: this.cyclePosition,
      buffered: this.count,
      reachedMinSamples: this.reachedMinSamples,
      history: this.history,
    };
  }

  /** Tax due on one income: sum over brackets of rate x income inside the bracket. */
  taxDue(income: number): number {
    return ruleTaxDue(this.schedule.income, income);
  }

  /** Marginal rate of the bracket an income falls in (0 below zero). */
  marginalRate(income: number): number {
    if (income < 0) return 0;
    let b = 0;
    while (b + 1 < this.cutoffs.length && income >= this.cutoffs[b + 1]) b++;
    return Math.min(this.rates[b], this.o.rateMax);
  }

  /** Adds this year's incomes (and their marginal rates under the current schedule) to the buffer. */
  private observe(income: Float64Array): void {
    const size = this.o.bufferSize;
    for (let i = 0; i < income.length; i++) {
      this.incomes[this.head] = income[i];
      this.marginals[this.head] = this.marginalRate(income[i]);
      this.head = (this.head + 1) % size;
      if (this.count < size) this.count++;
    }
    if (this.count >= size) this.reachedMinSamples = true;
  }

  private buffer(): { z: Float64Array; tau: Float64Array } {
    // oldest first, as the authors' list
    const size = this.o.bufferSize;
    const start = this.count < size ? 0 : this.head;
    const z = new Float64Array(this.count);
    const tau = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) {
      z[k] = this.incomes[(start + k) % size];
      tau[k] = this.marginals[(start + k) % size];
    }
    return { z, tau };
  }

  private setRates(): void {
    const o = this.o;
    if (!this.reachedMinSamples) {
      this.rates = this.cutoffs.map(() => this.rng.uniformIn(o.rateMin, o.rateMax));
      this.history.push({ call: this.calls, rates: this.marginalRates, elasticity: this.elasticity, source: 'random' });
      this.schedule = this.currentSchedule();
      return;
    }
    const { z, tau } = this.buffer();
    if (o.fixedElasticity === null) this.estimateElasticity(z, tau);
    else this.elasticity = o.fixedElasticity;
    const binRates = this.binMarginalRates(z, this.elasticity);
    this.rates = this.bracketize(binRates).map((r) => Math.min(Math.max(r, 0), 1));
    this.history.push({ call: this.calls, rates: this.marginalRates, elasticity: this.elasticity, source: 'saez' });
    this.schedule = this.currentSchedule();
  }

  /** OLS of log z on [log(1 - tau), 1]; the slope is the elasticity, smoothed with the old estimate. */
  private estimateElasticity(z: Float64Array, tau: Float64Array): void {
    const rates: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < z.length; k++) {
      if (z[k] > 0 && tau[k] < 1) {
        rates.push(tau[k]);
        xs.push(Math.log(Math.max(1 - tau[k], 1e-9)));
        ys.push(Math.log(Math.max(z[k], 1e-9)));
      }
    }
    const n = xs.length;
    // too few pairs, or one rate for all (population std, as numpy's np.std): the slope is not
    // identified, keep the old estimate
    if (n < 10) return;
    const meanRate = rates.reduce((s, t) => s + t, 0) / n;
    if (Math.sqrt(rates.reduce((s, t) => s + (t - meanRate) ** 2, 0) / n) < 1e-6) return;
    const meanX = xs.reduce((s, x) => s + x, 0) / n;
    const meanY = ys.reduce((s, y) => s + y, 0) / n;
    let sxx = 0;
    let sxy = 0;
    for (let k = 0; k < n; k++) {
      sxx += (xs[k] - meanX) ** 2;
      sxy += (xs[k] - meanX) * (ys[k] - meanY);
    }
    if (!(sxx > 0)) return;
    const slope = sxy / sxx;
    const smoothing = this.o.elasticitySmoothing;
    this.elasticity = (1 - smoothing) * Math.max(slope, 0) + smoothing * this.elasticity;
  }

  /** Saez rate on each estimation bin (and the open top bin), gaps filled by linear interpolation. */
  binMarginalRates(z: Float64Array, elasticity: number): number[] {
    const bins = this.o.estimationBins;
    const top = this.binEdges[bins];
    const width = this.binWidth;
    const counts = new Float64Array(bins);
    let below = 0;
    let belowWeight = 0;
    let above = 0;
    let aboveWeight = 0;
    let aboveSum = 0;
    const weight = (x: number): number => 1 / Math.max(1, x);
    for (let k = 0; k < z.length; k++) {
      const x = z[k];
      if (x < 0) {
        below++;
        belowWeight += weight(Math.max(x, 0));
      } else if (x > top) {
        above++;
        aboveWeight += weight(x);
        aboveSum += x;
      } else {
        // numpy histogram: right-open bins except the last, which includes the top edge
        counts[Math.min(Math.floor(x / width), bins - 1)]++;
      }
    }
    const total = counts.reduce((s, c) => s + c, 0) + below + above;
    // population share per bin (index `bins` is the open top bin) and cumulative share
    const p = new Float64Array(bins + 1);
    for (let j = 0; j < bins; j++) p[j] = counts[j] / total;
    p[bins] = above / total;
    const cumulative = new Float64Array(bins + 1);
    cumulative[0] = p[0] + below / total;
    for (let j = 1; j <= bins; j++) cumulative[j] = Math.min(Math.max(cumulative[j - 1] + p[j], 0), 1);
    // G: mean welfare weight above each bin relative to the population's
    const W = new Float64Array(bins + 1);
    for (let j = 0; j < bins; j++) W[j] = counts[j] * weight((this.binEdges[j] + this.binEdges[j + 1]) / 2);
    W[bins] = aboveWeight;
    const totalWeight = W.reduce((s, w) => s + w, 0) + belowWeight + 1e-9;
    const gBar = new Float64Array(bins + 1);
    let tailWeight = 0;
    let tailShare = 0;
    for (let j = bins; j >= 0; j--) {
      tailWeight += W[j] / totalWeight;
      tailShare += p[j];
      gBar[j] = tailWeight / (tailShare + 1e-9);
    }
    const G = new Float64Array(bins + 1);
    for (let j = 0; j < bins; j++) G[j] = 0.5 * (gBar[j] + gBar[j + 1]);
    G[bins] = gBar[bins];
    // A: local Pareto parameter
    const A = new Float64Array(bins + 1);
    for (let j = 0; j < bins; j++) {
      const mid = (this.binEdges[j] + this.binEdges[j + 1]) / 2;
      const shareAbove = 1 - cumulative[j] + 0.5 * p[j];
      A[j] = counts[j] === 0 ? NaN : (mid * p[j]) / (Math.min(Math.max(shareAbove, 0), 1) + 1e-9) / width;
    }
    const meanAbove = above > 0 ? aboveSum / above : 0;
    A[bins] = above > 0 ? meanAbove / (meanAbove - top + 1e-9) : 0;
    const taus = Array.from(G, (g, j) => (1 - g) / (1 - g + A[j] * elasticity + 1e-9));
    // fill empty bins by linear interpolation from the last real rate (0 before the first)
    let lastRate = 0;
    let lastIndex = -1;
    for (let j = 0; j < taus.length; j++) {
      if (Number.isNaN(taus[j])) continue;
      const gap = j - lastIndex - 1;
      for (let k = 1; k <= gap; k++) taus[lastIndex + k] = lastRate + ((taus[j] - lastRate) * k) / (gap + 1);
      lastRate = taus[j];
      lastIndex = j;
    }
    return taus;
  }

  /** Average the bin rates over each bracket; the open top bracket takes the top bin's rate. */
  private bracketize(binRates: number[]): number[] {
    const bins = this.o.estimationBins;
    const binSizes = [...Array.from({ length: bins }, () => this.binWidth), Infinity];
    const rates: number[] = [];
    let previousTotal = 0;
    for (let b = 1; b < this.cutoffs.length; b++) {
      let taxes = 0;
      for (let j = 0; j <= bins; j++) taxes += binRates[j] * Math.min(binSizes[j], Math.max(0, this.cutoffs[b] - this.binEdges[j]));
      taxes = Math.max(0, taxes);
      rates.push((taxes - previousTotal) / this.bracketSizes[b - 1]);
      previousTotal = taxes;
    }
    rates.push(binRates[bins]);
    return rates;
  }
}

export function saezGovernment(options: SaezOptions = {}): SaezGovernment {
  return new SaezGovernment(options);
}
