/**
 * The mean field of one played episode, frozen: what a single household takes as given when it
 * plans (each year's wage, interest, taxes, consumption tax, rationing of consumption, spending,
 * the government's action and global observation that its followers' policy may read, and the
 * year the episode ends). At N = 100 one household's own effect on these is of order 1/N; the
 * checks play its best response in the real simulator, where that effect is included.
 */
import type { Economy, YearResult } from '../economy/economy.js';
import { householdYear, preferencesOf, type BudgetTerms, type Preferences, type YearOutcome } from '../economy/householdBudget.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { runEpisode } from '../policies/episode.js';

export interface FrozenYear {
  /** 1-based year of the episode. */
  year: number;
  /** What every household's budget took as given: prices, taxes, the goods market's rationing. */
  budget: BudgetTerms;
  governmentSpendingUsd: number;
  /**
   * How much more than the households' policy one household can consume this year without ending
   * the episode (Infinity in the last year, which ends it anyway; see consumptionCaps). At N = 100
   * the richest SCF households' interest income alone exceeds it in early years: their
   * price-taking best response would end the episode (docs/equilibrium.md).
   */
  consumptionCapUsd: number;
  /** The government's raw action (followers' policies respond to it). */
  governmentAction: Float64Array;
  /** The global observation at the year's decision. */
  globalObservation: Float64Array;
}

export interface FrozenMeanField {
  n: number;
  seed: number;
  years: FrozenYear[];
  /** Why the played episode ended (after years.length years). */
  endReason: string;
  maxHoursPerYear: number;
  actionClipLow: number;
  actionClipHigh: number;
  preferences: Preferences;
  /** The households' discount factor (config.discountFactor): the dynamic program's default. */
  discountFactor: number;
  ability: { persistence: number; shockSd: number; logMean: number; superstarEntryProb: number };
  /** Each household's state at its first decision: ability (after the reset's transition) and assets. */
  initialAbility: Float64Array;
  initialAssetsUsd: Float64Array;
  /** abilityPath[t][i]: household i's ability in year t + 1 (after that year's transition). */
  abilityPath: Float64Array[];
  /** Years in which some household was a super-star (their own ability process is not modelled; see docs/equilibrium.md). */
  superstarYears: number;
  trajectory: YearResult[];
}

/**
 * Plays one episode of `economy` (reset first) under the government and households, and freezes
 * its mean field. The policies are used as they come (fresh ones give the episode the harness plays).
 */
export function freezeMeanField(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy): FrozenMeanField {
  const n = economy.n;
  const config = economy.config;
  let initialAbility = new Float64Array(0);
  let initialAssetsUsd = new Float64Array(0);
  const years: FrozenYear[] = [];
  const abilityPath: Float64Array[] = [];
  let superstarYears = 0;
  let decided: { governmentAction: Float64Array; globalObservation: Float64Array } | null = null;
  const { trajectory } = runEpisode(economy, government, households, {
    onDecision(decision) {
      if (economy.year === 0) {
        initialAbility = Float64Array.from(economy.ability);
        initialAssetsUsd = Float64Array.from(economy.assetsNext);
      }
      decided = { governmentAction: Float64Array.from(decision.action), globalObservation: Float64Array.from(economy.observation.global) };
    },
    onYear(year) {
      abilityPath.push(Float64Array.from(economy.ability));
      if (year.superstars > 0) superstarYears++;
      years.push({ year: year.year, budget: year.budget, governmentSpendingUsd: year.governmentSpending, consumptionCapUsd: Infinity, ...decided! });
    },
  });
  const endReason = trajectory.at(-1)?.doneReason ?? '';
  // where households hold the capital the goods market always clears (investment takes the rest):
  // one household's extra consumption cannot end the episode, so it has no cap
  if (config.capitalMarket === 'bank') {
    const caps = consumptionCaps(trajectory, n, config.interestRate, config.alpha);
    years.forEach((y, t) => (y.consumptionCapUsd = caps[t]));
  }
  return {
    n,
    seed: config.seed,
    years,
    endReason,
    maxHoursPerYear: config.maxHoursPerYear,
    actionClipLow: config.actionClipLow,
    actionClipHigh: config.actionClipHigh,
    discountFactor: config.discountFactor,
    preferences: preferencesOf(config),
    ability: { persistence: config.abilityPersistence, shockSd: config.abilityShockSd, logMean: config.abilityLogMean, superstarEntryProb: config.superstarEntryProb },
    initialAbility,
    initialAssetsUsd,
    abilityPath,
    superstarYears,
    trajectory,
  };
}

/** Share of next year's capital one household's accumulated extra consumption may take (consumptionCaps). */
export const CAPITAL_SHARE_LIMIT = 0.1;

/**
 * Each year's cap on one household's extra consumption, the same for every household. A household
 * that consumes d more than in the played year raises demand by d (the goods market clears only
 * while demand + G <= Y) and lowers next year's capital by exactly d (its savings fall by
 * (1 + tau_c) d; the consumption tax returns tau_c d to the government's revenue, which is
 * capital); that shortfall stays in capital, growing at most at 1 + r. Less capital means less
 * output next year (dY/Y = alpha dK/K), and when capital is small beside one household's wealth
 * (the paper's economy: K0 is 0.183 GDP, the richest SCF households hold 500 times that) a
 * price-taking best response that spends its interest income ends the episode a year later.
 * Lower output means lower wages, and the other households save part of their wages: a
 * shortfall D grows to (1 + r + g) D by the next year, g = s (1 - alpha) alpha Y_{t+1} / K'_t
 * with s the households' saving share of post-tax income (g is large while capital is small; it
 * only matters if it outgrows capital itself). So the accumulated shortfall
 * D_t = (1 + r + g_{t-1}) D_{t-1} + d_t is held at or below
 * L_t = min(0.1 K'_t, K'_t s_{t+1} / (2 alpha Y_{t+1})), which keeps next year's output within
 * 7.5 % of the played one and its fall within half of next year's slack s = Y - G - C; this
 * year's d within half of this year's slack. Allowances are given greedily: each year the room
 * min over u >= t of L_u / (its growth from t to u), less the shortfall so far. The dynamic program
 * measures the extra from what the policy consumes at the same state (the played consumption
 * on the household's own path). The last year has no cap. Spending beyond a rich household's cap
 * adds little to its reward (within 1e-2 of 1 there), so the cap costs the best response little;
 * tested in the real simulator.
 */
export function consumptionCaps(trajectory: readonly YearResult[], n: number, interestRate: number, alpha: number): Float64Array {
  const years = trajectory.length;
  const caps = new Float64Array(years).fill(Infinity);
  const slack = trajectory.map((y) => Math.max(0, y.gdp - y.governmentSpending - y.meanConsumption * n));
  // growth[t]: how a shortfall in capital at the end of year t has grown by the end of year t + 1
  const growth = new Float64Array(years);
  const room = new Float64Array(years);
  let later = Infinity;
  for (let t = years - 2; t >= 0; t--) {
    const capital = trajectory[t].capitalNext;
    const next = trajectory[t + 1];
    // less capital lowers next year's output and wages by alpha dK/K; the other households save
    // their share s of the wage bill (1 - alpha) Y: a shortfall D grows by (1 + r + g) D a year,
    // g = s (1 - alpha) alpha Y / K, the household's own lost interest (r) included
    const saving = 1 - (next.meanConsumption * (1 + next.consumptionTaxRate)) / next.meanPostTaxIncome;
    const feedback = Math.max(0, saving) * (1 - alpha) * alpha * (next.gdp / capital);
    growth[t] = 1 + interestRate + (Number.isFinite(feedback) ? feedback : Infinity);
    // the last year's output matters not: the episode ends with it whatever the household did
    const outputLimit = t + 1 < years - 1 ? (capital * slack[t + 1]) / (2 * alpha * next.gdp) : Infinity;
    const limit = Math.max(0, Math.min(CAPITAL_SHARE_LIMIT * capital, outputLimit));
    later = t + 1 < years - 1 ? Math.min(limit, later / growth[t + 1]) : limit;
    room[t] = later;
  }
  let shortfall = 0;
  for (let t = 0; t < years - 1; t++) {
    const carried = t > 0 ? growth[t - 1] * shortfall : 0;
    const allowance = Math.max(0, room[t] - carried);
    caps[t] = Math.min(allowance, slack[t] / 2);
    shortfall = carried + caps[t];
  }
  return caps;
}

/** One household's year in the frozen field: the household budget (householdBudget.ts) with that year's terms. */
export function householdYearIn(field: FrozenMeanField, year: FrozenYear, ability: number, assetsUsd: number, savingShare: number, workShare: number, out: YearOutcome): YearOutcome {
  return householdYear(year.budget, field.maxHoursPerYear, field.preferences, ability, assetsUsd, savingShare, workShare, out);
}

/** The economy's clip of a raw share (NaN stays NaN). */
export function clipShare(raw: number, field: FrozenMeanField): number {
  return Math.min(Math.max(raw, field.actionClipLow), field.actionClipHigh);
}
