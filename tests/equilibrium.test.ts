/**
 * The exact best response (src/equilibrium): the dynamic program against a closed form, the
 * policy's grid value against simulated ability paths, the best response played in the real
 * simulator, and deviations that must not beat it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { createEconomy } from '../src/data/defaults.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { fixedShares } from '../src/policies/households.js';
import { constantAction } from '../src/policies/government.js';
import { Rng } from '../src/economy/rng.js';
import { rouwenhorst, transitionFrom } from '../src/equilibrium/abilityGrid.js';
import { CAPITAL_SHARE_LIMIT, clipShare, consumptionCaps, freezeMeanField, type FrozenMeanField, type FrozenYear } from '../src/equilibrium/meanField.js';
import type { YearResult } from '../src/economy/economy.js';
import { buildGrid } from '../src/equilibrium/grid.js';
import { evaluatePolicy, solveBestResponse } from '../src/equilibrium/backwardInduction.js';
import { queryPolicy } from '../src/equilibrium/policyAdapter.js';
import { bestResponseAt, bestResponseDecide, policyValuesAt, type Decide } from '../src/equilibrium/responsePolicy.js';
import { playEpisode, policyDecide, replaySeed, simulateFrozen, simulateRealisedPath, withOneDeviating } from '../src/equilibrium/simulate.js';
import { householdReward, laborDisutility, NEUTRAL_TERMS } from '../src/economy/householdBudget.js';
import { hsvSchedule, NO_TAX, type TaxSchedule } from '../src/economy/tax.js';
import { GLOBAL_OBSERVATION, GOVERNMENT_ACTION } from '../src/economy/spaces.js';
import { exploitFigure } from '../src/analysis/report/exploitReport.js';
import { exploit, type SeedSolution } from '../src/equilibrium/exploit.js';
import { emptyRealisedActions, realisedPolicy, recordingActions } from '../src/equilibrium/realisedPolicy.js';
import { economyConfig, EPISODE_HOUSEHOLD_SEED } from '../src/equilibrium/seedEconomy.js';
import { BEST_RESPONSE_PREFIX, bestRespondingHouseholds, householdsOrBestResponse } from '../src/equilibrium/bestRespondingHouseholds.js';
import { comparisonEntries } from '../src/analysis/harness/comparison.js';
import { runEpisode } from '../src/policies/episode.js';

const GAMMA = 0.975;
const SMFRL_N100 = join(projectRoot(), 'data', 'models', 'smfrl-gdp-n100');

test('Rouwenhorst chain: rows sum to 1, conditional mean rho y and variance sigma^2 at every node', () => {
  const grid = rouwenhorst(21, 0.982, 0.2);
  for (let i = 0; i < 21; i++) {
    let mass = 0, mean = 0, second = 0;
    for (let k = 0; k < 21; k++) {
      const p = grid.transition[i * 21 + k];
      mass += p;
      mean += p * grid.logAbility[k];
      second += p * grid.logAbility[k] ** 2;
    }
    assert.ok(Math.abs(mass - 1) < 1e-12, `row ${i} sums to ${mass}`);
    assert.ok(Math.abs(mean - 0.982 * grid.logAbility[i]) < 1e-12, `row ${i} mean ${mean}`);
    assert.ok(Math.abs(second - mean * mean - 0.04) < 1e-10, `row ${i} variance ${second - mean * mean}`);
  }
  // between nodes, the mixed row keeps the conditional mean rho y
  const row = transitionFrom(grid, 0.3, new Float64Array(21));
  const mean = row.reduce((s, p, k) => s + p * grid.logAbility[k], 0);
  assert.ok(Math.abs(mean - 0.982 * 0.3) < 1e-12);
});

test('consumption caps: using every year\'s allowance keeps the shortfall under 10 % of each later capital and within half of each slack', () => {
  // capital that grows, stalls and shrinks, and a year with little slack
  const capital = [1e6, 5e6, 5e6, 3e6, 8e6, 2e7, 2e7];
  const slack = [4e6, 3e6, 1e5, 2e6, 5e6, 6e6, 0];
  const n = 10, r = 0.04, alpha = 0.7445;
  // households that save nothing: no feedback through wages
  const trajectory = capital.map((capitalNext, t) => {
    const meanConsumption = (1e7 + t - 1e3 - slack[t]) / n;
    return { capitalNext, gdp: 1e7 + t, governmentSpending: 1e3, meanConsumption, consumptionTaxRate: 0, meanPostTaxIncome: meanConsumption } as YearResult;
  });
  const caps = consumptionCaps(trajectory, n, r, alpha);
  assert.equal(caps[caps.length - 1], Infinity);
  let shortfall = 0;
  for (let t = 0; t < capital.length - 1; t++) {
    assert.ok(caps[t] >= 0 && caps[t] <= slack[t] / 2 + 1e-6, `year ${t + 1}: cap ${caps[t]}, slack ${slack[t]}`);
    shortfall = (1 + r) * shortfall + caps[t];
    assert.ok(shortfall <= CAPITAL_SHARE_LIMIT * capital[t] * (1 + 1e-12), `year ${t + 1}: shortfall ${shortfall} against capital ${capital[t]}`);
    if (t + 1 < capital.length - 1) assert.ok(shortfall <= (capital[t] * slack[t + 1]) / (2 * alpha * trajectory[t + 1].gdp) * (1 + 1e-12), `year ${t + 1}: output would fall by more than half the next slack`);
  }
  // growth leaves room: the first year's allowance is not zero, the tight year 3's is small
  assert.ok(caps[0] > 0);
  assert.ok(caps[2] <= 5e4);
  // households that save 90 % of their income, with output 10 times capital: a shortfall grows
  // by 1 + r + g, g = 0.9 x 0.2555 x 0.7445 x 10 = 1.7, a year; allowances shrink, and the
  // grown shortfall still stays under 10 % of each year's capital
  const thrifty = trajectory.map((y) => ({ ...y, meanPostTaxIncome: 10 * y.meanConsumption }) as YearResult);
  const damped = consumptionCaps(thrifty, n, r, alpha);
  let grown = 0;
  for (let t = 0; t < capital.length - 1; t++) {
    if (t > 0) grown *= 1 + r + 0.9 * (1 - alpha) * alpha * (thrifty[t].gdp / capital[t - 1]);
    grown += damped[t];
    assert.ok(grown <= CAPITAL_SHARE_LIMIT * capital[t] * (1 + 1e-12), `year ${t + 1}: grown shortfall ${grown} against capital ${capital[t]}`);
  }
  assert.ok(damped[0] < caps[0], `the feedback leaves less room in year 1: ${damped[0]} against ${caps[0]}`);
});

/** A hand-made mean field: ability 1 without risk, the given wages, interest and taxes. */
function handField(options: { wages: number[]; interestRate: number; tax: TaxSchedule; initialAssetsUsd: number; consumptionTaxRate?: number }): FrozenMeanField {
  const years: FrozenYear[] = options.wages.map((wageRate, t) => ({
    year: t + 1,
    budget: { ...NEUTRAL_TERMS, wageRate, interestRate: options.interestRate, consumptionTaxRate: options.consumptionTaxRate ?? 0.065, tax: options.tax },
    governmentSpendingUsd: 0,
    consumptionCapUsd: Infinity,
    governmentAction: new Float64Array(GOVERNMENT_ACTION.size),
    globalObservation: new Float64Array(GLOBAL_OBSERVATION.size),
  }));
  return {
    n: 1,
    seed: 0,
    years,
    endReason: 'hand-made',
    maxHoursPerYear: 3893.3333333333335,
    actionClipLow: 0.001,
    actionClipHigh: 0.99,
    preferences: { utility: 'sigmoid', crra: 1, inverseFrisch: 2, laborDisutilityWeight: 10, consumptionScaleUsd: 1000 },
    discountFactor: 0.975,
    // no ability risk: a shock sd so small that every node is ability 1 to 1e-8
    ability: { persistence: 0.982, shockSd: 1e-10, superstarEntryProb: 0 },
    initialAbility: Float64Array.of(1),
    initialAssetsUsd: Float64Array.of(options.initialAssetsUsd),
    abilityPath: years.map(() => Float64Array.of(1)),
    superstarYears: 0,
    trajectory: [],
  };
}

test('closed form: with no interest, saving is worthless and each year log c - 10 h^3/3 peaks at h = ((1 - xi)/10)^(1/3) under an HSV tax', () => {
  // with r = 0 wealth earns nothing and consumption comes out of income only, so every year is
  // its own problem: save the least (0.001) and choose h to maximise
  // ln((1 - xi) ln h + const) - 10 h^3 / 3  =>  (1 - xi) / h = 10 h^2
  const wages = [1.1, 3, 10, 40, 90, 200];
  const tax = { tau: 0.15, xi: 0.04 };
  const field = handField({ wages, interestRate: 0, tax: hsvSchedule(tax.tau, tax.xi, 0.01, 0.01), initialAssetsUsd: 5e4 });
  const grid = buildGrid(field, { abilityNodes: 5, wealthPoints: 40 });
  const br = solveBestResponse(grid);
  const work = Math.cbrt((1 - tax.xi) / 10);
  let closedForm = 0, discount = 1;
  for (const wage of wages) {
    const z = wage * 3893.3333333333335 * work;
    const y = ((1 - tax.tau) / (1 - tax.xi)) * Math.pow(z, 1 - tax.xi);
    const c = ((1 - 0.001) * y) / 1.065;
    closedForm += discount * householdReward(c, laborDisutility(work, field.preferences), field.preferences);
    discount *= GAMMA;
  }
  const at = bestResponseAt(br)(0, 1, 5e4, { saving: 0, work: 0, value: 0 });
  assert.ok(Math.abs(at.work - work) < 5e-4, `work share ${at.work} against ${work}`);
  assert.equal(at.saving, 0.001);
  assert.ok(Math.abs(at.value - closedForm) < 1e-6, `value ${at.value} against the closed form ${closedForm}`);
  for (let t = 0; t < wages.length; t++) {
    for (let j = 0; j < grid.points; j += 7) {
      assert.ok(Math.abs(br.work[t][2 * grid.points + j] - work) < 5e-4, `year ${t + 1} point ${j}: work ${br.work[t][2 * grid.points + j]}`);
      assert.equal(br.saving[t][2 * grid.points + j], 0.001);
    }
  }
});

test('two years with interest: the program matches a brute-force search over both years\' shares', () => {
  // year 2 is the last: save the least, and work h with W H / (W H h + r a2) = 10 h^2 (no tax);
  // year 1: a dense search over (p1, h1) with year 2 solved exactly for each a2
  const field = handField({ wages: [2, 2.2], interestRate: 0.04, tax: NO_TAX, initialAssetsUsd: 2e5, consumptionTaxRate: 0 });
  const H = field.maxHoursPerYear;
  const prefs = field.preferences;
  const yearTwo = (a2: number): number => {
    // the root of W H / (W H h + r a2) - 10 h^2 on (0, 1] by bisection
    let lo = 1e-6, hi = 1;
    for (let k = 0; k < 200; k++) {
      const h = 0.5 * (lo + hi);
      if ((2.2 * H) / (2.2 * H * h + 0.04 * a2) - 10 * h * h > 0) lo = h;
      else hi = h;
    }
    const h = Math.min(0.99, Math.max(0.001, 0.5 * (lo + hi)));
    return householdReward((1 - 0.001) * (2.2 * H * h + 0.04 * a2), laborDisutility(h, prefs), prefs);
  };
  let brute = -Infinity;
  for (let p = 0.001; p <= 0.99; p += 0.0025) {
    for (let h = 0.001; h <= 0.99; h += 0.0025) {
      const y = 2 * H * h + 0.04 * 2e5;
      const value = householdReward((1 - p) * y, laborDisutility(h, prefs), prefs) + GAMMA * yearTwo(2e5 + p * y);
      brute = Math.max(brute, value);
    }
  }
  const grid = buildGrid(field, { abilityNodes: 5, wealthPoints: 400 });
  const at = bestResponseAt(solveBestResponse(grid))(0, 1, 2e5, { saving: 0, work: 0, value: 0 });
  // the search's step leaves it a little below the optimum; the grid's interpolation a little off
  assert.ok(at.value >= brute - 1e-5, `program ${at.value} below the brute-force search's ${brute}`);
  assert.ok(at.value - brute < 1e-4, `program ${at.value} above the brute-force search's ${brute} by more than the search's step explains`);
});

/** One solved seed of the shipped N = 100 SMFRL policy, 60 years (the tests' budget). */
function smfrlSeed(years = 60) {
  const economy = () => createEconomy({ n: 100, seed: 1, episodeYears: years });
  const government = () => governmentByName(SMFRL_N100)(1);
  const households = () => householdsByName(SMFRL_N100)(1);
  const e = economy();
  const field = freezeMeanField(e, government(), households());
  e.close();
  const grid = buildGrid(field);
  const policy = queryPolicy(households(), field);
  const br = solveBestResponse(grid, policy);
  const values = evaluatePolicy(grid, policy);
  const own = policyValuesAt(values, policy, 0, field.initialAbility, field.initialAssetsUsd);
  return { economy, government, households, field, grid, br, policy, own };
}

const solved = smfrlSeed();
const WHO = [0, 17, 33, 50, 71];

test('the frozen mean field replays the episode: a household following the policy along its realised abilities gets the simulator\'s discounted reward', () => {
  for (const i of WHO.slice(0, 3)) {
    const frozen = simulateRealisedPath(solved.field, i, policyDecide(solved.policy), GAMMA);
    const e = solved.economy();
    const real = playEpisode(e, solved.government(), solved.households(), i, GAMMA);
    e.close();
    assert.equal(real.years, 60);
    assert.ok(Math.abs(frozen - real.value) < 1e-9 * real.value, `household ${i}: frozen ${frozen}, simulator ${real.value}`);
  }
});

test('the frozen mean field replays Saez, US federal 2022, the exact free market and a rationed collapse too', () => {
  const cases = [
    { gov: 'saez', preset: 'calibrated', saving: 0.6, tax: 'Saez', years: 40 },
    { gov: 'us-federal-2022', preset: 'calibrated', saving: 0.6, tax: "US federal 2022 (authors')", years: 40 },
    { gov: 'free-market', preset: 'calibrated', saving: 0.6, tax: 'none', years: 40 },
    // the paper's economy: demand exceeds output in year 1, consumption is rationed and the episode ends
    { gov: 'us-federal-2022', preset: 'paper', saving: 0.6, tax: "US federal 2022 (authors')", years: 1 },
    { gov: 'saez', preset: 'paper', saving: 0.3, tax: 'Saez', years: 1 },
    // HSV taxes and a lump-sum transfer of 0.5 x 0.2 = 10 % of GDP
    { gov: 'transfer', preset: 'calibrated', saving: 0.6, tax: 'hsv', years: 40 },
    // the equilibrium economy: the firm's prices, cash on hand, CRRA utility, the fiscal rule's surcharge
    { gov: 'us-federal-2022', preset: 'aiyagari', saving: 0.9, tax: "US federal 2022 (authors')", years: 40 },
    { gov: 'transfer', preset: 'aiyagari', saving: 0.9, tax: 'hsv', years: 40 },
  ] as const;
  const governmentOf = (name: string) => (name === 'transfer' ? () => constantAction([0.3, 0.5, 0, 0, 0.1, 0.5]) : governmentByName(name));
  for (const c of cases) {
    const economy = () => createEconomy({ n: 50, seed: 3, preset: c.preset, episodeYears: 40 });
    const e = economy();
    const field = freezeMeanField(e, governmentOf(c.gov)(3), fixedShares(c.saving, 0.5));
    e.close();
    const income = field.years[0].budget.tax.income;
    assert.equal(income.kind === 'brackets' ? income.schedule.name : income.kind, c.tax);
    assert.equal(field.years.length, c.years);
    if (c.preset === 'paper') assert.ok(field.years[0].budget.ration < 1, `${c.gov}: rationed by ${field.years[0].budget.ration}`);
    for (const year of field.years) assert.equal(year.budget.transferUsd > 0, c.gov === 'transfer', `${c.gov}: year ${year.year} transfer ${year.budget.transferUsd}`);
    if (c.preset === 'aiyagari') assert.ok(field.years.every((y) => y.budget.cashOnHand && y.budget.incomeSurchargeRate !== 0 && y.consumptionCapUsd === Infinity), `${c.gov}: the equilibrium economy's terms`);
    const policy = queryPolicy(fixedShares(c.saving, 0.5), field);
    for (const i of [0, 9, 31]) {
      const frozen = simulateRealisedPath(field, i, policyDecide(policy), GAMMA);
      const e2 = economy();
      const real = playEpisode(e2, governmentOf(c.gov)(3), fixedShares(c.saving, 0.5), i, GAMMA);
      e2.close();
      assert.equal(real.years, field.years.length);
      assert.ok(Math.abs(frozen - real.value) < 1e-9 * Math.abs(real.value), `${c.gov} (${c.preset}), household ${i}: frozen ${frozen}, simulator ${real.value}`);
    }
  }
});

test('policy evaluation on the grid agrees with the household\'s discounted reward over 200 simulated ability paths (95 % interval)', () => {
  for (const i of WHO) {
    const simulated = simulateFrozen(solved.field, i, policyDecide(solved.policy), 200, 100 + i, GAMMA);
    const error = Math.abs(solved.own[i] - simulated.mean);
    assert.ok(error < simulated.halfWidth95, `household ${i}: grid ${solved.own[i]}, simulated ${simulated.mean} +- ${simulated.halfWidth95}`);
  }
});

test('behaviour-cloned gaussianShares: the mean is the mean policy\'s action, and 4,000 sampled actions have that mean and sd', () => {
  const economy = createEconomy({ n: 20, seed: 4, preset: 'calibrated' });
  economy.reset();
  const n = economy.n;
  const mean = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
  const sd = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
  householdsByName('bc')(1).gaussianShares!(economy, mean, sd);
  const deterministic = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
  householdsByName('bc-mean')(1).act(economy, deterministic);
  assert.deepEqual(mean, deterministic);
  const sampler = householdsByName('bc')(9);
  const draws = 4000;
  const sum = new Float64Array(n), squares = new Float64Array(n);
  const out = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
  for (let k = 0; k < draws; k++) {
    sampler.act(economy, out);
    for (let i = 0; i < n; i++) {
      sum[i] += out.workShare[i];
      squares[i] += out.workShare[i] ** 2;
    }
  }
  for (let i = 0; i < n; i++) {
    const m = sum[i] / draws, s = Math.sqrt(squares[i] / draws - m * m);
    assert.ok(Math.abs(m - mean.workShare[i]) < 4 * (sd.workShare[i] / Math.sqrt(draws)), `household ${i}: sampled mean ${m}, mean ${mean.workShare[i]}`);
    assert.ok(Math.abs(s / sd.workShare[i] - 1) < 0.06, `household ${i}: sampled sd ${s}, sd ${sd.workShare[i]}`);
  }
  economy.close();
});

test('behaviour-cloned households (drawn shares): their grid value, integrated over 6 x 6 quantile pairs, agrees with 1,000 simulated paths', () => {
  const economy = createEconomy({ n: 50, seed: 2, preset: 'calibrated', episodeYears: 40 });
  const field = freezeMeanField(economy, governmentByName('us-federal-2022')(2), householdsByName('bc')(2));
  economy.close();
  assert.equal(field.years.length, 40);
  const policy = queryPolicy(householdsByName('bc')(5), field);
  assert.equal(policy.samples, 36);
  const own = policyValuesAt(evaluatePolicy(buildGrid(field), policy), policy, 0, field.initialAbility, field.initialAssetsUsd);
  // rewards near 0.9 every year make these paths alike: 1,000 of them give an interval of +-0.01
  // (0.04 %), where the grid's own error shows (0.03 % measured against 2,000 paths and finer
  // grids, docs/equilibrium.md); the bound is the interval plus 0.05 % of the value
  for (const i of [0, 10, 20, 30]) {
    const simulated = simulateFrozen(field, i, policyDecide(policy, i), 1000, 50 + i, GAMMA);
    const error = Math.abs(own[i] - simulated.mean);
    assert.ok(error < simulated.halfWidth95 + 5e-4 * own[i], `household ${i}: grid ${own[i]}, simulated ${simulated.mean} +- ${simulated.halfWidth95}`);
  }
});

test('the best response\'s grid value agrees with its simulated discounted reward over 200 ability paths (95 % interval)', () => {
  const at = bestResponseAt(solved.br);
  for (const i of WHO) {
    const predicted = at(0, solved.field.initialAbility[i], solved.field.initialAssetsUsd[i], { saving: 0, work: 0, value: 0 }).value;
    const simulated = simulateFrozen(solved.field, i, bestResponseDecide(solved.br), 200, 200 + i, GAMMA, solved.policy);
    // the interval of 200 paths of a nearly saturated reward is narrow: allow the grid's 1e-3 as well
    assert.ok(Math.abs(predicted - simulated.mean) < simulated.halfWidth95 + 1e-3, `household ${i}: grid ${predicted}, simulated ${simulated.mean} +- ${simulated.halfWidth95}`);
  }
});

test('the best response played in the real simulator by one household, every other following the policy, earns the predicted value within 1 percentage point of gain (the richest household too)', () => {
  const at = bestResponseAt(solved.br);
  // the richest household's price-taking best response would spend its interest income and end
  // the episode (capital is small beside its wealth): the consumption caps keep it alive
  const assets = Array.from(solved.field.initialAssetsUsd);
  const richest = assets.indexOf(Math.max(...assets));
  assert.ok(assets[richest] > 100 * solved.field.trajectory[0].capital, 'the richest household holds over 100 times the capital');
  for (const i of [...WHO, richest]) {
    const predicted = at(0, solved.field.initialAbility[i], solved.field.initialAssetsUsd[i], { saving: 0, work: 0, value: 0 }).value;
    const e = solved.economy();
    const real = playEpisode(e, solved.government(), withOneDeviating(solved.households(), i, bestResponseDecide(solved.br)), i, GAMMA);
    e.close();
    assert.equal(real.years, 60, 'the deviation does not end the episode');
    const gap = Math.abs(real.value - predicted) / solved.own[i];
    assert.ok(gap < 0.01, `household ${i}: real ${real.value}, predicted ${predicted}, policy ${solved.own[i]}: ${(100 * gap).toFixed(3)} points of gain`);
    // and it does gain: the learned households are far from a best response
    assert.ok(real.value / solved.own[i] - 1 > 0.05, `household ${i}: gain ${real.value / solved.own[i] - 1}`);
  }
});

test('no constant-share deviation and none of 260 random deviations earns more than the best response (same 100 ability paths, same consumption caps)', () => {
  const { field, br } = solved;
  const paths = 100;
  for (const i of [0, 50]) {
    const best = simulateFrozen(field, i, bestResponseDecide(br), paths, 300 + i, GAMMA, solved.policy).mean;
    const deviations: { name: string; decide: Decide }[] = [];
    for (const saving of [0.001, 0.3, 0.6, 0.9, 0.99]) {
      for (const work of [0.001, 0.2, 0.4, 0.5, 0.7, 0.99]) deviations.push({ name: `constant (${saving}, ${work})`, decide: (_t, _e, _a, out) => ((out.saving = saving), (out.work = work)) });
    }
    const rng = new Rng(77 + i);
    for (let k = 0; k < 100; k++) {
      const saving = rng.uniformIn(0.001, 0.99), work = rng.uniformIn(0.001, 0.99);
      deviations.push({ name: `random constant (${saving}, ${work})`, decide: (_t, _e, _a, out) => ((out.saving = saving), (out.work = work)) });
    }
    for (let k = 0; k < 100; k++) {
      const draws = new Rng(1000 + k);
      deviations.push({ name: `random shares every year #${k}`, decide: (_t, _e, _a, out) => ((out.saving = draws.uniformIn(0.001, 0.99)), (out.work = draws.uniformIn(0.001, 0.99))) });
    }
    const respond = bestResponseDecide(br);
    for (let k = 0; k < 60; k++) {
      const noise = new Rng(2000 + k);
      const sd = 0.02 + 0.1 * (k / 60);
      deviations.push({
        name: `best response + noise sd ${sd.toFixed(3)} #${k}`,
        decide: (t, e, a, out) => {
          respond(t, e, a, out);
          out.saving = Math.min(0.99, Math.max(0.001, out.saving + sd * noise.normal()));
          out.work = Math.min(0.99, Math.max(0.001, out.work + sd * noise.normal()));
        },
      });
    }
    assert.ok(deviations.length >= 290);
    for (const d of deviations) {
      const value = simulateFrozen(field, i, d.decide, paths, 300 + i, GAMMA, solved.policy).mean;
      assert.ok(value <= best + 1e-4, `household ${i}: '${d.name}' earns ${value} > best response ${best}`);
    }
  }
});

test('constant work shares in the real simulator (the brute-force deviation of docs/learning.md) earn less than the best response', () => {
  const at = bestResponseAt(solved.br);
  const i = 17;
  const predicted = at(0, solved.field.initialAbility[i], solved.field.initialAssetsUsd[i], { saving: 0, work: 0, value: 0 }).value;
  for (const work of [0.2, 0.45, 0.7]) {
    const keepSaving: Decide = (t, e, a, out) => {
      policyDecide(solved.policy)(t, e, a, out);
      out.work = work;
    };
    const e = solved.economy();
    const real = playEpisode(e, solved.government(), withOneDeviating(solved.households(), i, keepSaving), i, GAMMA);
    e.close();
    assert.ok(real.value < predicted, `work ${work}: ${real.value} against the best response's ${predicted}`);
    assert.ok(real.value > solved.own[i], `work ${work} beats the learned policy (${real.value} against ${solved.own[i]})`);
  }
});

test('the figure: best response beside the policy for 3 years x 4 abilities; the learned households work more than their best response everywhere in year 1', () => {
  const figure = exploitFigure({ grid: solved.grid, bestResponse: solved.br, policy: solved.policy });
  assert.equal(figure.data.length, 3 * 4 * 4);
  for (const trace of figure.data) {
    const y = trace.y as number[];
    assert.equal(y.length, solved.grid.points - 1);
    for (const v of y) assert.ok(v >= 0.001 && v <= 0.99, `${trace.name}: share ${v}`);
  }
  const work = (name: string) => figure.data.find((t) => t.name === name && t.yaxis === 'y2')!.y as number[];
  const label = figure.data[0].name as string;
  const series = label.replace(/: best response$/, '');
  assert.match(series, /^year 1, ability/);
  const best = work(`${series}: best response`), own = work(`${series}: policy`);
  for (let j = 0; j < best.length; j++) assert.ok(best[j] < own[j] - 0.3, `point ${j}: best response works ${best[j]}, the policy ${own[j]}`);
});

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

test('a constant government with a lump-sum transfer plays in smfg evaluate and smfg exploit: the transfer changes the households\' best response and equalises post-tax income', () => {
  const gov = (transfer: number) => `constant:0.3,0.5,0,0,0.1,${transfer}`;
  const exploitOf = (transfer: number) => {
    const run = cli('exploit', '--gov', gov(transfer), '--households', 'thrifty', '--preset', 'calibrated', '--n', '30', '--seeds', '1', '--years', '15', '--json');
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  };
  const without = exploitOf(0), paid = exploitOf(0.5);
  const gainOf = (out: { followers: { meanRelativeGain: { mean: number } } }) => out.followers.meanRelativeGain.mean;
  assert.ok(Number.isFinite(gainOf(without)) && Number.isFinite(gainOf(paid)), `${gainOf(without)} ${gainOf(paid)}`);
  assert.notEqual(gainOf(paid), gainOf(without), 'the households\' problem changed with the transfer');
  for (const r of paid.followers.households) assert.ok(r.bestResponseValue >= r.policyValue - 1e-9, JSON.stringify(r));
  const evaluated = (transfer: number) => {
    const run = cli('evaluate', '--gov', gov(transfer), '--households', 'thrifty', '--preset', 'calibrated', '--n', '30', '--seeds', '1', '--json');
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout).metrics;
  };
  const e0 = evaluated(0), e1 = evaluated(0.5);
  // the same amount to everyone: post-tax incomes are more equal
  assert.ok(e1.incomeGini.mean < e0.incomeGini.mean, `income Gini ${e1.incomeGini.mean} against ${e0.incomeGini.mean}`);
  for (const [value, says] of [
    ['constant:1,2', "'constant:1,2': a constant government is constant:<u0>,...: 5 to 6 finite numbers"],
    ['constant:0.1,0.1,0.1,0.1,x', 'finite numbers'],
  ]) {
    const bad = cli('evaluate', '--gov', value, '--n', '10', '--seeds', '1');
    assert.equal(bad.status, 2, `${value}: ${bad.stderr}`);
    assert.ok(bad.stderr.includes(says), bad.stderr);
  }
});

test('smfg exploit --json: the issue\'s fields, a gain per household, bad flags exit 2 naming the flag', () => {
  const run = cli('exploit', '--gov', 'free-market', '--households', 'bc-mean', '--n', '20', '--seeds', '1,2', '--years', '20', '--json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const m = out.followers.meanRelativeGain;
  assert.equal(out.followers.households.length, 40);
  assert.ok(m.mean > 0 && m.ci95Low <= m.mean && m.mean <= m.ci95High, JSON.stringify(m));
  const gains = out.followers.households.map((r: { relativeGain: number }) => r.relativeGain);
  assert.equal(out.followers.maxRelativeGain, Math.max(...gains));
  for (const r of out.followers.households) assert.ok(r.bestResponseValue >= r.policyValue - 1e-9 && r.relativeGain >= -1e-9, JSON.stringify(r));
  for (const [flag, value, says] of [
    ['--ability-nodes', '1', '--ability-nodes must be an integer in [3, 201]'],
    ['--preset', 'nope', '--preset must be one of paper, calibrated, aiyagari'],
    ['--households', 'nobody', "unknown households 'nobody'"],
  ]) {
    const bad = cli('exploit', flag, value, '--n', '10', '--seeds', '1');
    assert.equal(bad.status, 2, `${flag} ${value}: ${bad.stderr}`);
    assert.ok(bad.stderr.includes(says), bad.stderr);
  }
  const badValueBy = cli('exploit', '--value-by', 'guess', '--n', '10', '--seeds', '1');
  assert.equal(badValueBy.status, 2, badValueBy.stderr);
  assert.match(badValueBy.stderr, /--value-by must be one of grid, simulation/);
  // a recurrent policy has no value at a bare (ability, wealth) state: valued by simulation, and no grid figure
  const recurrent = join(projectRoot(), 'data', 'models', 'aie-bc-gdp-n100');
  const simulated = cli('exploit', '--gov', recurrent, '--households', recurrent, '--n', '100', '--seeds', '1', '--years', '20', '--deviators', '10', '--json');
  assert.equal(simulated.status, 0, simulated.stderr);
  const out2 = JSON.parse(simulated.stdout);
  assert.equal(out2.valuedBy, 'simulation');
  assert.equal(out2.deviators, 10);
  assert.deepEqual(out2.followers.households.map((r: { household: number }) => r.household), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  for (const r of out2.followers.households) assert.ok(Number.isFinite(r.relativeGain) && r.policyValue > 0, JSON.stringify(r));
  const noFigure = cli('exploit', '--gov', recurrent, '--households', recurrent, '--n', '100', '--seeds', '1', '--years', '3', '--deviators', '1', '--figure', join(tmpdir(), 'never.json'));
  assert.equal(noFigure.status, 2, noFigure.stderr);
  assert.match(noFigure.stderr, /--figure draws the grid solution/);
  assert.throws(() => queryPolicy(householdsByName(recurrent)(1), undefined as unknown as FrozenMeanField), /acts on its own history \(a recurrent policy\)/);
});

test('every household best-responding ("SMFRL at equilibrium"): each plays in year 1 the exact best response smfg exploit reports for it, and SMFRL\'s economy ends in year 1', () => {
  const folder = join(projectRoot(), 'data', 'models', 'smfrl-gdp-n100');
  const grid = { abilityNodes: 11, wealthPoints: 50 };
  let solution: SeedSolution | null = null;
  exploit(governmentByName(folder), householdsByName(folder), { n: 100, seeds: [1], grid, onSeed: (s) => (solution = s) });
  const solved = solution as unknown as SeedSolution;
  const byName = householdsOrBestResponse(BEST_RESPONSE_PREFIX + folder, { n: 100, grid });
  for (const households of [bestRespondingHouseholds(solved.bestResponse, 'from exploit'), byName(1)]) {
    const economy = createEconomy({ n: 100, seed: 1, preset: 'paper' });
    economy.reset();
    const out = { savingShare: new Float64Array(100), workShare: new Float64Array(100) };
    households.act(economy, out);
    for (const row of solved.households) {
      assert.ok(Math.abs(out.savingShare[row.household] - row.bestSaving) < 1e-12 && Math.abs(out.workShare[row.household] - row.bestWork) < 1e-12, `household ${row.household}: ${out.savingShare[row.household]} / ${out.workShare[row.household]} against ${row.bestSaving} / ${row.bestWork}`);
    }
    const meanSaving = out.savingShare.reduce((a, v) => a + v, 0) / 100;
    assert.ok(meanSaving > 0.02 && meanSaving < 0.15, `year-1 mean saving ${meanSaving}`);
    const episode = runEpisode(economy, governmentByName(folder)(1), households);
    assert.equal(episode.metrics.years, 1);
    assert.match(episode.metrics.endReason, /capital became negative/);
    economy.close();
  }
  const rows = comparisonEntries([100]).entries.filter((e) => e.method === 'smfrl-eq');
  assert.deepEqual(rows.map((e) => [e.government, e.households]), [[folder, BEST_RESPONSE_PREFIX + folder]]);
  assert.throws(() => householdsOrBestResponse(`${BEST_RESPONSE_PREFIX}no/such/folder`, { n: 100 }), /after 'best-response:' give a policy folder/);
});

test('valued by simulation, a Markov policy (SMFRL) gets the grid\'s exploitability within 1.5 points, following on the recorded episode\'s own draws; the realised-actions stand-in answers each played state with its own shares', () => {
  const folder = join(projectRoot(), 'data', 'models', 'smfrl-gdp-n100');
  const options = { n: 100, seeds: [1], config: { episodeYears: 60 } };
  const grid = exploit(governmentByName(folder), householdsByName(folder), options);
  const simulated = exploit(governmentByName(folder), householdsByName(folder), { ...options, valueBy: 'simulation', deviators: 100 });
  assert.equal(grid.valuedBy, 'grid');
  assert.equal(simulated.valuedBy, 'simulation');
  assert.equal(simulated.followers.households.length, 100);
  const gridMean = grid.followers.meanRelativeGain.mean;
  const gap = Math.abs(simulated.followers.meanRelativeGain.mean - gridMean);
  assert.ok(gridMean > 0.05 && gap < 0.015, `grid ${gridMean}, simulation ${simulated.followers.meanRelativeGain.mean}`);
  // following is the recorded episode itself, draw for draw: replayed in a new economy, not a reset one
  const replayed = replaySeed(economyConfig(options, 1), governmentByName(folder)(1), householdsByName(folder)(1 + EPISODE_HOUSEHOLD_SEED), 0.975);
  assert.equal(replayed.years, 60);
  for (const r of simulated.followers.households) assert.equal(r.policyValue, replayed.values[r.household], `household ${r.household}`);

  const economy = createEconomy({ n: 100, seed: 1, preset: 'paper', episodeYears: 5 });
  const played = emptyRealisedActions();
  const field = freezeMeanField(economy, governmentByName(folder)(1), recordingActions(householdsByName(folder)(1), played));
  economy.close();
  const stand = realisedPolicy(played, field, 'smfrl');
  const saving = new Float64Array(100), work = new Float64Array(100);
  for (let t = 0; t < 5; t++) {
    stand.act(t, played.logAbility[t].map(Math.exp), played.logWealth[t].map((w) => Math.exp(w) - 100), saving, work);
    for (let i = 0; i < 100; i++) assert.ok(Math.abs(saving[i] - clipShare(played.saving[t][i], field)) < 1e-12 && Math.abs(work[i] - clipShare(played.work[t][i], field)) < 1e-12, `year ${t}, household ${i}`);
  }
  assert.throws(() => realisedPolicy({ ...played, saving: played.saving.slice(0, 2) }, field, 'smfrl'), /2 recorded years for an episode of 5/);
});
