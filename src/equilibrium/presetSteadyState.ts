/**
 * The stationary equilibrium of a cash-on-hand preset (`aiyagari`) under a stationary government:
 * households on the simulator's budget with endogenous labour (presetHousehold.ts), their
 * stationary distribution (Young's lottery, lottery.ts), the firm's prices (economy/firm.ts), the
 * capital market K + B = sum a, spending G = g Y and transfers S = s Y, and the fiscal rule
 * `incomeSurcharge` in its steady state. Per household (a mass of 1, so aggregates are means):
 *
 *   r:  K = kappa(r) L, kappa(r) = (alpha A / (r + delta))^(1/(1 - alpha)),  Y = A K^alpha L^(1-alpha),  W = (1 - alpha) Y / L
 *   debt constant: B' - B = r B + G + S - R - theta Z = 0, theta Z = phi (B - b Y) (the rule, unclipped)
 *      =>  B = (phi b Y + G + S - R) / (phi - r),   theta = phi (B - b Y) / Z,   Z = sum D (z - T(z))
 *   (Z: incomes after income tax, what the surcharge is levied on)
 *   (R: income, wealth and consumption taxes without the surcharge; theta must lie inside the
 *   rule's clip [-0.5, 0.5], else the rule cannot hold debt constant: an error).
 *
 * For each r an inner fixed point on (L, theta) (L sets Y, hence S and B; theta enters the budget)
 * by direct iteration, each pass warm-started; then the market residual f(r) = (sum a' - K - B) / K,
 * whose root Brent's method finds on a bracket searched outward from a first guess.
 */
import type { EconomyConfig } from '../economy/config.js';
import { capitalPerLabor, output, wageAtInterestRate, type CobbDouglas } from '../economy/firm.js';
import { incomeTaxBeforeSurchargeOf, NEUTRAL_TERMS, SURCHARGE_CLIP, type BudgetTerms } from '../economy/householdBudget.js';
import { taxDue, type TaxSchedule } from '../economy/tax.js';
import { stationaryDistribution, type AbilityGrid } from './abilityGrid.js';
import { bracketIndex } from './assetGrid.js';
import { initialDistribution, stationaryWealthDistribution } from './lottery.js';
import { emptyLaborPolicy, initialLaborMarginalValue, laborProblemOf, laborScratch, marginalIncomeTax, marginalUtilityUsd, marginalWealthTax, solveLaborHousehold, stateReward, type LaborPolicy, type LaborProblem } from './presetHousehold.js';
import { brent, RootFindingError } from './rootFinding.js';
import { SecantWarmStart } from './warmStart.js';

/** What a stationary government holds every year, as the economy decodes it. */
export interface StationaryGovernment {
  name: string;
  tax: TaxSchedule;
  consumptionTaxRate: number;
  /** g: G = g Y. */
  spendingShare: number;
  /** s: S = s Y, paid equally to every household. */
  transferShare: number;
  /** The raw action it holds (for the government's reward and the saved policy). */
  action: number[];
}

export interface PresetSteadyStateOptions {
  abilityNodes?: number;
  wealthPoints?: number;
  /** Top of the wealth grid, USD (default 2e9). */
  wealthMax?: number;
  /** Where the log-spaced wealth grid bends, USD (default 10,000). */
  wealthPivot?: number;
  marketTolerance?: number;
  onIteration?: (step: PresetIteration) => void;
}

export interface PresetIteration {
  iteration: number;
  interestRate: number;
  residual: number;
  surcharge: number;
  labor: number;
  innerPasses: number;
  egmIterations: number;
  lotteryIterations: number;
  seconds: number;
}

export class PresetSteadyStateError extends Error {}

/** The government asks more of the fiscal rule than its clip allows: no steady state exists under it. */
export class FiscalRuleLimitError extends Error {}

/** The household's policy: no a' moves by more than this relative to (a' + 1,000 USD) in a step. */
const FINAL_EGM_TOLERANCE = 1e-11;
/** The distribution: no cell's mass moves by more than this in a step. */
const FINAL_LOTTERY_TOLERANCE = 1e-12;

export interface PresetSteadyState {
  interestRate: number;
  wage: number;
  capital: number;
  output: number;
  /** Efficient hours per household, sum D e hMax h. */
  labor: number;
  assets: number;
  debt: number;
  consumption: number;
  spending: number;
  transfer: number;
  /** Income, wealth and consumption taxes without the surcharge, per household. */
  taxes: number;
  surcharge: number;
  /** Total income sum D z per household. */
  income: number;
  /** What the surcharge is levied on, incomes after income tax: Z = sum D (z - T(z)) per household. */
  surchargeBase: number;
  /** (sum a' - K - B) / K. */
  marketResidual: number;
  /** (Y - C - delta K - G) / Y: the goods market. */
  goodsResidual: number;
  /** (r B + G + S - R - theta Z) / Y: the public budget (debt constant). */
  budgetResidual: number;
  /** |L of the households - L used by the prices| / L. */
  laborResidual: number;
  /** sum D (u(c) - v(h)): the mean household reward of a year. */
  meanReward: number;
  iterations: number;
  egmIterations: number;
  lotteryIterations: number;
  seconds: number;
  history: { interestRate: number; residual: number }[];
  chain: AbilityGrid;
  assetGrid: Float64Array;
  policy: LaborPolicy & { savingShare: Float64Array };
  distribution: Float64Array;
  massAtTop: number;
  terms: BudgetTerms;
  euler: { max: number; mean: number; labourMax: number };
  tfp: number;
}

/** Checks that the config is one the solver's households are the simulator's households for. */
export function checkPresetConfig(config: EconomyConfig): void {
  const need: [keyof EconomyConfig, unknown][] = [
    ['consumptionBase', 'cashOnHand'],
    ['prices', 'firm'],
    ['capitalMarket', 'wealth'],
    ['utility', 'crra'],
  ];
  for (const [field, value] of need) {
    if (config[field] !== value) throw new PresetSteadyStateError(`the equilibrium solvers need ${field} '${value}' (preset aiyagari), got '${String(config[field])}'`);
  }
  if (config.fiscalRule === 'incomeSurcharge' && !(config.debtResponse > 0)) throw new PresetSteadyStateError(`debtResponse must be > 0 with fiscalRule 'incomeSurcharge', got ${config.debtResponse}`);
}

export function solvePresetSteadyState(config: EconomyConfig, government: StationaryGovernment, economy: { tfp: number; debtTargetShare: number }, options: PresetSteadyStateOptions = {}): PresetSteadyState {
  const started = performance.now();
  checkPresetConfig(config);
  const problem = laborProblemOf(config, options);
  const { preferences, chain, assets } = problem;
  const nodes = chain.ability.length, points = assets.length;
  const firm: CobbDouglas = { tfp: economy.tfp, alpha: config.alpha, depreciationRate: config.depreciationRate };
  const delta = config.depreciationRate;
  const phi = config.debtResponse;
  const rule = config.fiscalRule === 'incomeSurcharge';
  const b = economy.debtTargetShare;
  const marketTolerance = options.marketTolerance ?? 1e-8;
  const m = nodes, n = points, states = m * n;
  const pi = stationaryDistribution(chain);
  let meanAbility = 0;
  for (let i = 0; i < m; i++) meanAbility += pi[i] * chain.ability[i];

  const policy = emptyLaborPolicy(states);
  const warmStart = new SecantWarmStart(pi, n);
  const scratch = laborScratch(problem);
  let distribution = initialDistribution(chain, n);
  const terms: BudgetTerms = {
    ...NEUTRAL_TERMS,
    consumptionTaxRate: government.consumptionTaxRate,
    tax: government.tax,
    cashOnHand: true,
    untaxedLosses: config.untaxedLosses,
  };
  // inner unknowns carried from one evaluation to the next
  let labor = meanAbility * config.maxHoursPerYear * 0.5;
  let surcharge = 0;
  let first = true;
  let egmTotal = 0;
  const history: { interestRate: number; residual: number }[] = [];
  const inner: { r: number; labor: number; surcharge: number }[] = [];
  let lotteryTotal = 0;
  let best: { residual: number; snapshot: Snapshot } | null = null;

  interface Snapshot {
    r: number; wage: number; capital: number; output: number; labor: number; assets: number; debt: number; consumption: number;
    taxes: number; income: number; surchargeBase: number; surcharge: number; transfer: number; spending: number; meanReward: number; laborResidual: number;
    policy: LaborPolicy; distribution: Float64Array; terms: BudgetTerms;
  }

  const evaluate = (r: number): number => {
    if (history.length >= 80) throw new RootFindingError(`no steady state in 80 evaluations of the market (last r = ${r})`);
    const kappa = capitalPerLabor(firm, r);
    const wage = wageAtInterestRate(firm, r);
    terms.wageRate = wage;
    terms.interestRate = r;
    if (history.length >= 2) {
      warmStart.extrapolate(r, policy.marginalValue, distribution);
      // the inner unknowns too, linearly in r from the last two evaluations
      const [u, v] = [inner[inner.length - 1], inner[inner.length - 2]];
      const t = (r - u.r) / (u.r - v.r);
      if (Math.abs(t) <= 1.5) {
        labor = u.labor + t * (u.labor - v.labor);
        surcharge = u.surcharge + t * (u.surcharge - v.surcharge);
      }
    }
    let residual = NaN, passes = 0, egm = 0, lottery = 0;
    let snap: Snapshot | null = null;
    // Far from the root a coarse answer tells the sign: tolerances worth a thousandth of the best
    // residual yet; where the answer turns out smaller, tightened to a thousandth of it, down to the
    // final ones (an answer within the market's tolerance is only taken at the final tolerances).
    let size = best ? Math.abs(best.residual) : 1;
    for (let round = 0; ; round++) {
    const egmTolerance = Math.max(FINAL_EGM_TOLERANCE, Math.min(1e-4, 1e-3 * size));
    const lotteryTolerance = Math.max(FINAL_LOTTERY_TOLERANCE, Math.min(1e-8, 1e-6 * size));
    for (let pass = 0; pass < 200; pass++) {
      passes++;
      const capital = kappa * labor;
      const y = output(firm, capital, labor);
      terms.transferUsd = government.transferShare * y;
      terms.incomeSurchargeRate = surcharge;
      if (first) {
        policy.workShare.fill(0.5);
        initialLaborMarginalValue(problem, terms, policy.marginalValue);
        first = false;
      }
      egm += solveLaborHousehold(problem, terms, policy, egmTolerance, scratch);
      lottery += stationaryWealthDistribution(chain, assets, policy.assetsNext, distribution, { tolerance: lotteryTolerance });
      // aggregates of the households
      let L = 0, A = 0, C = 0, R = 0, income = 0, Z = 0, reward = 0;
      for (let i = 0; i < m; i++) {
        const e = chain.ability[i];
        for (let j = 0; j < n; j++) {
          const s = i * n + j;
          const d = distribution[s];
          if (d === 0) continue;
          const z = policy.income[s];
          L += d * e * config.maxHoursPerYear * policy.workShare[s];
          A += d * policy.assetsNext[s];
          C += d * policy.consumption[s];
          const incomeTax = incomeTaxBeforeSurchargeOf(terms, z);
          R += d * (incomeTax + taxDue(terms.tax.wealth, assets[j]) + government.consumptionTaxRate * policy.consumption[s]);
          income += d * z;
          Z += d * (z - incomeTax);
          reward += d * stateReward(policy, s, preferences);
        }
      }
      const K = kappa * L;
      const Y = output(firm, K, L);
      const G = government.spendingShare * Y;
      const S = government.transferShare * Y;
      let B: number, theta: number;
      if (rule) {
        if (!(phi > r)) throw new PresetSteadyStateError(`the fiscal rule holds debt only where debtResponse (${phi}) > r (${r})`);
        B = (phi * b * Y + G + S - R) / (phi - r);
        theta = (phi * (B - b * Y)) / Z;
      } else {
        throw new PresetSteadyStateError("a steady state needs fiscalRule 'incomeSurcharge' (without a rule, debt is constant only by chance)");
      }
      const laborResidual = Math.abs(L - labor) / labor;
      const thetaChange = Math.abs(theta - surcharge);
      snap = {
        r, wage, capital: K, output: Y, labor: L, assets: A, debt: B, consumption: C, taxes: R, income, surchargeBase: Z, surcharge, transfer: terms.transferUsd, spending: G,
        meanReward: reward, laborResidual, policy, distribution, terms: { ...terms },
      };
      residual = (A - K - B) / K;
      labor = L;
      surcharge = theta;
      if (laborResidual < Math.max(1e-12, 1e-4 * size) && thetaChange < Math.max(1e-12, 1e-4 * size)) break;
    }
    if (egmTolerance === FINAL_EGM_TOLERANCE && lotteryTolerance === FINAL_LOTTERY_TOLERANCE) break;
    if (Math.abs(residual) > marketTolerance && Math.abs(residual) >= 0.5 * size) break;
    size = Math.abs(residual) > marketTolerance ? Math.abs(residual) : 0;
    }
    if (!(surcharge >= -SURCHARGE_CLIP && surcharge <= SURCHARGE_CLIP)) throw new FiscalRuleLimitError(`the fiscal rule's surcharge would be ${surcharge} at r = ${r}, outside its clip [-${SURCHARGE_CLIP}, ${SURCHARGE_CLIP}]: the rule cannot hold debt constant under this government`);
    egmTotal += egm;
    lotteryTotal += lottery;
    history.push({ interestRate: r, residual });
    inner.push({ r, labor, surcharge });
    warmStart.remember(r, policy.marginalValue, distribution);
    if (!best || Math.abs(residual) < Math.abs(best.residual)) {
      best = { residual, snapshot: { ...snap!, policy: copyPolicy(policy), distribution: Float64Array.from(distribution) } };
    }
    options.onIteration?.({ iteration: history.length, interestRate: r, residual, surcharge, labor, innerPasses: passes, egmIterations: egm, lotteryIterations: lottery, seconds: (performance.now() - started) / 1000 });
    return residual;
  };

  // bracket: from a first guess outward
  const completeMarkets = 1 / config.discountFactor - 1;
  let r = completeMarkets - 0.25 * (completeMarkets + delta);
  let f = evaluate(r);
  // then secant steps (at most doubling the last step) until the residual changes sign
  let step = 0.005;
  let lo = NaN, hi = NaN, fLo = NaN, fHi = NaN;
  let next = f < 0 ? Math.min(r + step, rule ? 0.5 * (r + phi) : Infinity) : Math.max(r - step, 0.5 * (r - delta));
  for (let tries = 0; Math.abs(f) > marketTolerance; tries++) {
    if (tries > 30) throw new RootFindingError(`no bracket of the steady state's interest rate found (last r = ${r}, residual ${f})`);
    const fNext = evaluate(next);
    if (Math.sign(fNext) !== Math.sign(f) || Math.abs(fNext) <= marketTolerance) {
      [lo, hi, fLo, fHi] = r < next ? [r, next, f, fNext] : [next, r, fNext, f];
      break;
    }
    const last = next - r;
    const slope = (fNext - f) / last;
    r = next;
    f = fNext;
    // a secant step a little long, to land past the root; never more than twice the last, never the wrong way
    let secant = slope !== 0 ? (-1.3 * f) / slope : NaN;
    const direction = f < 0 ? 1 : -1;
    if (!(Math.sign(secant) === direction) || Math.abs(secant) > 2 * Math.abs(last)) secant = 2 * direction * Math.abs(last);
    next = r + secant;
    if (next <= -delta) next = 0.5 * (r - delta);
    // the fiscal rule holds debt only while r < phi
    if (rule && next >= phi) next = 0.5 * (r + phi);
  }
  if (!Number.isNaN(lo)) brent(evaluate, lo, hi, fLo, fHi, { fTolerance: marketTolerance, xTolerance: 1e-12, maxIterations: 60 });
  const sol = best!.snapshot;
  const p = sol.policy;
  const savingShare = new Float64Array(states);
  for (let s = 0; s < states; s++) savingShare[s] = p.assetsNext[s] / p.cashOnHand[s];
  let massAtTop = 0;
  for (let i = 0; i < m; i++) massAtTop += sol.distribution[i * n + n - 1];
  const budgetResidual = (sol.r * sol.debt + sol.spending + sol.transfer - sol.taxes - sol.surcharge * sol.surchargeBase) / sol.output;
  return {
    interestRate: sol.r,
    wage: sol.wage,
    capital: sol.capital,
    output: sol.output,
    labor: sol.labor,
    assets: sol.assets,
    debt: sol.debt,
    consumption: sol.consumption,
    spending: sol.spending,
    transfer: sol.transfer,
    taxes: sol.taxes,
    surcharge: sol.surcharge,
    income: sol.income,
    surchargeBase: sol.surchargeBase,
    marketResidual: best!.residual,
    goodsResidual: (sol.output - sol.consumption - delta * sol.capital - sol.spending) / sol.output,
    budgetResidual,
    laborResidual: sol.laborResidual,
    meanReward: sol.meanReward,
    iterations: history.length,
    egmIterations: egmTotal,
    lotteryIterations: lotteryTotal,
    seconds: (performance.now() - started) / 1000,
    history,
    chain,
    assetGrid: assets,
    policy: { ...p, savingShare },
    distribution: sol.distribution,
    massAtTop,
    terms: sol.terms,
    euler: laborEulerResiduals(problem, sol.terms, p, sol.distribution),
    tfp: economy.tfp,
  };
}

function copyPolicy(p: LaborPolicy): LaborPolicy {
  return {
    assetsNext: Float64Array.from(p.assetsNext),
    consumption: Float64Array.from(p.consumption),
    workShare: Float64Array.from(p.workShare),
    cashOnHand: Float64Array.from(p.cashOnHand),
    income: Float64Array.from(p.income),
    marginalValue: Float64Array.from(p.marginalValue),
  };
}

/**
 * Euler residuals |c_E / c - 1| at interior states (0 < a' < top), next year's consumption and work
 * share interpolated at the policy's a', and the labour condition's residual
 * |w h^gamma / (G'(x) dx/dh) - 1| at states with an interior work share.
 */
export function laborEulerResiduals(problem: LaborProblem, terms: BudgetTerms, policy: LaborPolicy, distribution: Float64Array): { max: number; mean: number; labourMax: number } {
  const { beta, preferences, chain, assets, maxHoursPerYear: hMax } = problem;
  const m = chain.ability.length, n = assets.length;
  const tc = 1 + terms.consumptionTaxRate;
  const r = terms.interestRate;
  let max = 0, sum = 0, weight = 0, labourMax = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const s = i * n + j;
      const c = policy.consumption[s];
      const h = policy.workShare[s];
      if (h > problem.shareLow && h < problem.shareHigh) {
        // at a kink of the income tax the condition is an inequality between the rates either side
        const z = policy.income[s];
        const gain = terms.wageRate * chain.ability[i] * hMax * (marginalUtilityUsd(c, preferences) / tc);
        const right = gain * (1 - marginalIncomeTax(terms, z));
        const left = gain * (1 - marginalIncomeTax(terms, z - 1e-7 * Math.abs(z) - 1e-7));
        const further = gain * (1 - marginalIncomeTax(terms, z + 1e-7 * Math.abs(z) + 1e-7));
        const lhs = preferences.laborDisutilityWeight * Math.pow(h, preferences.inverseFrisch);
        const res = lhs <= Math.max(left, right, further) && lhs >= Math.min(left, right, further) ? 0 : Math.min(Math.abs(lhs / right - 1), Math.abs(lhs / left - 1), Math.abs(lhs / further - 1));
        if (res > labourMax) labourMax = res;
      }
      const next = policy.assetsNext[s];
      if (!(next > 0) || !(next < assets[n - 1])) continue;
      const k = bracketIndex(assets, next);
      const t = (next - assets[k]) / (assets[k + 1] - assets[k]);
      let expected = 0;
      for (let l = chain.rowStart[i]; l < chain.rowEnd[i]; l++) {
        const p = chain.transition[i * m + l];
        if (p === 0) continue;
        const cNext = (1 - t) * policy.consumption[l * n + k] + t * policy.consumption[l * n + k + 1];
        const hNext = (1 - t) * policy.workShare[l * n + k] + t * policy.workShare[l * n + k + 1];
        const zNext = terms.wageRate * chain.ability[l] * hMax * hNext + r * next;
        const slope = 1 + r * (1 - marginalIncomeTax(terms, zNext)) - marginalWealthTax(terms, next);
        expected += p * (marginalUtilityUsd(cNext, preferences) / tc) * slope;
      }
      const mu = tc * beta * expected;
      const s0 = preferences.consumptionScaleUsd;
      const cEuler = preferences.crra === 1 ? 1 / mu : s0 * Math.pow(s0 * mu, -1 / preferences.crra);
      const res = Math.abs(cEuler / c - 1);
      if (res > max) max = res;
      sum += distribution[s] * res;
      weight += distribution[s];
    }
  }
  return { max, mean: weight > 0 ? sum / weight : 0, labourMax };
}
