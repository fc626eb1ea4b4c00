/**
 * The stationary equilibrium of the Aiyagari economy (src/equilibrium/steadyState.ts and its
 * parts): the textbook Krusell-Smith case against the sequence-space Jacobian toolkit's own numbers
 * (tests/fixtures/sequence-jacobian-ks.json, written by scripts/sequence-jacobian-ks.py; the toolkit
 * is not needed here), markets clearing, the distribution, Euler residuals, taxes through the
 * envelope condition, and clear errors for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { capitalDemand, capitalPerLabor, interestRate, output, wage, wageAtInterestRate, type CobbDouglas } from '../src/economy/firm.js';
import { marginalTaxRate } from '../src/economy/marginalTax.js';
import { hsvSchedule, NO_TAX, taxDue, type BracketSchedule, type TaxRule, type TaxSchedule } from '../src/economy/tax.js';
import { markovChain, stationaryDistribution } from '../src/equilibrium/abilityGrid.js';
import { logSpacedAssetGrid } from '../src/equilibrium/assetGrid.js';
import { cashOnHandGrid, type StationaryBudget } from '../src/equilibrium/cashOnHand.js';
import { emptyPolicy, initialMarginalValue, solveHousehold, type HouseholdProblem } from '../src/equilibrium/endogenousGrid.js';
import { forwardStep, initialDistribution, lotteryOf } from '../src/equilibrium/lottery.js';
import { brent, RootFindingError } from '../src/equilibrium/rootFinding.js';
import { coarseIndices, refinePolicy, spreadDistribution } from '../src/equilibrium/warmStart.js';
import { rouwenhorstAbility, solveSteadyState, SteadyStateInputError, type SteadyState, type SteadyStateEconomy, type SteadyStateIteration } from '../src/equilibrium/steadyState.js';

interface Fixture {
  calibration: { crra: number; alpha: number; delta: number; abilityPersistence: number; logAbilityStationarySd: number; abilityNodes: number; assetPoints: number; assetMax: number; beta: number; tfp: number };
  grids: { ability: number[]; abilityStationary: number[]; transition: number[][]; assets: number[] };
  steadyState: { r: number; w: number; K: number; Y: number; A: number; C: number; policySample: { assetIndices: number[]; assetsNext: number[][] } };
}

const FIXTURE: Fixture = JSON.parse(readFileSync(join(projectRoot(), 'tests', 'fixtures', 'sequence-jacobian-ks.json'), 'utf8'));
const CAL = FIXTURE.calibration;

/** The toolkit's economy exactly: its chain and grid as it computed them, its beta and TFP. */
function textbook(overrides: Partial<SteadyStateEconomy> = {}): SteadyStateEconomy {
  return {
    beta: CAL.beta,
    crra: CAL.crra,
    alpha: CAL.alpha,
    tfp: CAL.tfp,
    depreciationRate: CAL.delta,
    ability: { values: FIXTURE.grids.ability, transition: FIXTURE.grids.transition.flat() },
    assets: FIXTURE.grids.assets,
    ...overrides,
  };
}

/** A smaller economy (7 x 100) for the tests that need several solves. */
function small(overrides: Partial<SteadyStateEconomy> = {}): SteadyStateEconomy {
  return textbook({ assets: logSpacedAssetGrid(CAL.assetMax, 100), ...overrides });
}

let solvedTextbook: { ss: SteadyState; steps: SteadyStateIteration[] } | undefined;
function textbookSteadyState(): { ss: SteadyState; steps: SteadyStateIteration[] } {
  if (!solvedTextbook) {
    const steps: SteadyStateIteration[] = [];
    solvedTextbook = { ss: solveSteadyState(textbook(), { onIteration: (s) => steps.push(s) }), steps };
  }
  return solvedTextbook;
}

test('firm: prices are marginal products, the inverse gives back r, and factor payments exhaust output', () => {
  const firm: CobbDouglas = { tfp: 0.88, alpha: 0.11, depreciationRate: 0.025 };
  for (const r of [-0.02, 0, 0.01, 0.05]) {
    const L = 1.3;
    const K = capitalDemand(firm, r, L);
    assert.ok(Math.abs(interestRate(firm, K, L) - r) < 1e-14, `r(K(r)) = r at ${r}`);
    assert.ok(Math.abs(wage(firm, K, L) - wageAtInterestRate(firm, r)) < 1e-13);
    const Y = output(firm, K, L);
    assert.ok(Math.abs((r + firm.depreciationRate) * K + wage(firm, K, L) * L - Y) < 1e-12 * Y, 'Y = (r + delta) K + W L');
    const h = 1e-6;
    assert.ok(Math.abs((output(firm, K + h, L) - output(firm, K - h, L)) / (2 * h) - (r + firm.depreciationRate)) < 1e-7, 'dY/dK = r + delta');
  }
  assert.ok(Number.isNaN(capitalPerLabor(firm, -firm.depreciationRate)), 'no capital stock earns r = -delta');
});

test('marginal tax rates agree with finite differences of taxDue (none, flat and progressive HSV, brackets)', () => {
  const brackets: BracketSchedule = { name: 'test', lowerBoundsUsd: [0, 10, 40], marginalRates: [0.1, 0.25, 0.4], topUpperBoundUsd: Infinity, deductionUsd: 5, creditUsd: 0 };
  const rules: TaxRule[] = [{ kind: 'none' }, { kind: 'hsv', tau: 0.2, xi: 0 }, { kind: 'hsv', tau: 0.15, xi: 0.12 }, { kind: 'brackets', schedule: brackets }];
  for (const rule of rules) {
    for (const x of [0.7, 3, 12, 30, 80]) {
      const h = 1e-6;
      const fd = (taxDue(rule, x + h) - taxDue(rule, x - h)) / (2 * h);
      assert.ok(Math.abs(marginalTaxRate(rule, x) - fd) < 1e-6, `${rule.kind} at ${x}: ${marginalTaxRate(rule, x)} vs ${fd}`);
    }
  }
});

test('our Rouwenhorst chain and wealth grid are the toolkit\'s', () => {
  const ours = rouwenhorstAbility(CAL.abilityNodes, CAL.abilityPersistence, CAL.logAbilityStationarySd);
  const m = CAL.abilityNodes;
  for (let i = 0; i < m; i++) {
    // the toolkit finds its stationary distribution by iteration to 1e-11; ours is a direct solve
    assert.ok(Math.abs(ours.values[i] - FIXTURE.grids.ability[i]) < 1e-8, `ability node ${i}`);
    for (let k = 0; k < m; k++) assert.ok(Math.abs(ours.transition[i * m + k] - FIXTURE.grids.transition[i][k]) < 1e-15);
  }
  const pi = stationaryDistribution(markovChain(ours.values, ours.transition));
  // (the toolkit's is iterated to a step of 1e-11, so it is off by about 1e-10)
  for (let i = 0; i < m; i++) assert.ok(Math.abs(pi[i] - FIXTURE.grids.abilityStationary[i]) < 1e-9);
  const grid = logSpacedAssetGrid(CAL.assetMax, CAL.assetPoints);
  assert.equal(grid.length, FIXTURE.grids.assets.length);
  for (let j = 0; j < grid.length; j++) assert.ok(Math.abs(grid[j] - FIXTURE.grids.assets[j]) < 1e-12 * (1 + grid[j]), `wealth point ${j}`);
});

test('textbook Krusell-Smith: r within 1e-4 and K within 0.1 % of the sequence-jacobian toolkit', () => {
  const { ss } = textbookSteadyState();
  const toolkit = FIXTURE.steadyState;
  assert.ok(Math.abs(ss.interestRate - toolkit.r) < 1e-4, `r ${ss.interestRate} vs the toolkit's ${toolkit.r}`);
  assert.ok(Math.abs(ss.capital / toolkit.K - 1) < 1e-3, `K ${ss.capital} vs the toolkit's ${toolkit.K}`);
  // in fact far closer: both solve the same discrete problem
  assert.ok(Math.abs(ss.interestRate - toolkit.r) < 1e-8, `r differs by ${ss.interestRate - toolkit.r}`);
  assert.ok(Math.abs(ss.capital / toolkit.K - 1) < 1e-6);
  assert.ok(Math.abs(ss.wage / toolkit.w - 1) < 1e-6);
  assert.ok(Math.abs(ss.output / toolkit.Y - 1) < 1e-6);
  assert.ok(Math.abs(ss.consumption / toolkit.C - 1) < 1e-6);
  // and the policy itself, at the toolkit's sample of states
  const n = CAL.assetPoints;
  const sample = toolkit.policySample;
  for (let i = 0; i < CAL.abilityNodes; i++) {
    sample.assetIndices.forEach((j, q) => {
      assert.ok(Math.abs(ss.policy.assetsNext[i * n + j] - sample.assetsNext[i][q]) < 1e-5, `a'(${i}, ${j})`);
    });
  }
});

test('textbook steady state: markets clear, the distribution is one, Euler residuals are small, progress is reported', () => {
  const { ss, steps } = textbookSteadyState();
  assert.ok(Math.abs(ss.assets - ss.capital - ss.debt) / ss.capital < 1e-6, `market residual ${ss.marketResidual}`);
  assert.equal(ss.marketResidual, (ss.assets - ss.capital - ss.debt) / ss.capital);
  // the goods market clears with it (Walras): Y = C + delta K
  assert.ok(Math.abs(ss.output - ss.consumption - CAL.delta * ss.capital) < 1e-6 * ss.output);
  let total = 0;
  for (const d of ss.distribution) {
    assert.ok(d >= 0);
    total += d;
  }
  assert.ok(Math.abs(total - 1) < 1e-12, `distribution sums to ${total}`);
  // each ability's mass is the chain's stationary mass
  const n = CAL.assetPoints;
  for (let i = 0; i < CAL.abilityNodes; i++) {
    let mass = 0;
    for (let j = 0; j < n; j++) mass += ss.distribution[i * n + j];
    assert.ok(Math.abs(mass - ss.abilityDistribution[i]) < 1e-12);
  }
  // stationary: one more period forward moves no cell by more than the tolerance
  const next = new Float64Array(ss.distribution.length);
  const change = forwardStep(ss.chain, lotteryOf(ss.assetGrid, ss.policy.assetsNext, CAL.abilityNodes), ss.distribution, next, new Float64Array(next.length));
  assert.ok(change < 1e-11, `one step moves the distribution by ${change}`);
  assert.ok(ss.massAtTop < 1e-12, 'nobody at the grid\'s top');
  // E e = 1 under the toolkit's iterated stationary distribution, to 1e-10 under the exact one
  assert.ok(Math.abs(ss.labor - 1) < 1e-9, 'L = E e = 1');
  // Euler equation off the grid points, with next year's consumption interpolated
  assert.ok(ss.euler.states > 0.9 * CAL.abilityNodes * n);
  assert.ok(ss.euler.max < 1e-5, `Euler residual max ${ss.euler.max}`);
  assert.ok(ss.euler.mean < 1e-6, `Euler residual mean ${ss.euler.mean}`);
  // the budget: (1 + tau_c) c + a' = x, a' = p x, a' >= 0
  for (let s = 0; s < ss.distribution.length; s++) {
    const x = ss.policy.cashOnHand[s];
    assert.ok(Math.abs(ss.policy.consumption[s] + ss.policy.assetsNext[s] - x) < 1e-12 * x);
    assert.ok(ss.policy.assetsNext[s] >= 0 && ss.policy.savingShare[s] >= 0 && ss.policy.savingShare[s] < 1);
    assert.ok(Math.abs(ss.policy.savingShare[s] * x - ss.policy.assetsNext[s]) < 1e-12 * x);
  }
  // every evaluation reported, in order, the last one or an earlier the answer
  assert.equal(steps.length, ss.iterations);
  assert.deepEqual(steps.map((s) => [s.interestRate, s.residual]), ss.residualHistory.map((h) => [h.interestRate, h.residual]));
  assert.ok(steps.some((s) => s.residual === ss.marketResidual && s.interestRate === ss.interestRate));
  assert.ok(steps.every((s, k) => s.iteration === k + 1 && s.seconds >= 0));
  assert.ok(ss.iterations <= 12, `${ss.iterations} evaluations`);
});

test('deterministic, and the same answer from any bracket or first guess', () => {
  const a = solveSteadyState(small());
  const b = solveSteadyState(small());
  assert.equal(a.interestRate, b.interestRate);
  assert.deepEqual(a.distribution, b.distribution);
  for (const options of [{ bracket: [0.0, 0.018] as [number, number] }, { initialInterestRate: -0.02 }, { initialInterestRate: 0.0183 }]) {
    const c = solveSteadyState(small(), options);
    assert.ok(Math.abs(c.interestRate - a.interestRate) < 1e-9, `${JSON.stringify(options)}: r ${c.interestRate} vs ${a.interestRate}`);
    assert.ok(Math.abs(c.marketResidual) < 1e-8);
  }
});

test('the coarse pass changes nothing but the time: same r with and without it; mass carried over exactly', () => {
  const economy = textbook({ assets: logSpacedAssetGrid(CAL.assetMax, 250) });
  const withCoarse = solveSteadyState(economy);
  const without = solveSteadyState(economy, { coarseGrid: false });
  assert.ok(withCoarse.residualHistory.some((h) => h.points < 250), 'a coarse pass ran');
  assert.ok(without.residualHistory.every((h) => h.points === 250));
  assert.ok(Math.abs(withCoarse.interestRate - without.interestRate) < 1e-9);
  const fine = logSpacedAssetGrid(CAL.assetMax, 250);
  const indices = coarseIndices(250, 3);
  assert.equal(indices[0], 0);
  assert.equal(indices[indices.length - 1], 249);
  const m = 2, q = indices.length;
  const mass = Float64Array.from({ length: m * q }, (_, k) => (1 + (k % 7)) / 1000);
  const spread = spreadDistribution(mass, indices, fine, m);
  for (let i = 0; i < m; i++) {
    let before = 0, after = 0;
    for (let k = 0; k < q; k++) before += mass[i * q + k];
    for (let j = 0; j < 250; j++) after += spread[i * 250 + j];
    assert.ok(Math.abs(before - after) < 1e-15);
  }
  const values = Float64Array.from({ length: m * q }, (_, k) => Math.sqrt(k + 1));
  const refined = refinePolicy(values, indices, fine, m);
  for (let i = 0; i < m; i++) indices.forEach((j, k) => assert.ok(Math.abs(refined[i * 250 + j] - values[i * q + k]) < 1e-15));
});

test('CRRA 2 and hours that differ by ability: markets clear, the Euler equation holds, L = sum pi e h', () => {
  const hours = [0.9, 1, 1, 1.1, 1, 1, 0.8];
  const ss = solveSteadyState(small({ crra: 2, hours, beta: 0.975 }));
  assert.ok(Math.abs(ss.marketResidual) < 1e-8);
  assert.ok(ss.euler.max < 1e-3 && ss.euler.mean < 1e-5, `Euler residuals ${ss.euler.max}, ${ss.euler.mean}`);
  let L = 0;
  for (let i = 0; i < hours.length; i++) L += ss.abilityDistribution[i] * ss.chain.ability[i] * hours[i];
  assert.ok(Math.abs(ss.labor - L) < 1e-15);
  assert.ok(Math.abs(ss.output - ss.consumption - CAL.delta * ss.capital) < 1e-6 * ss.output, 'Y = C + delta K');
});

test('public debt: households hold K + B, and the rate rises to make them', () => {
  const none = solveSteadyState(small());
  const B = 0.5;
  const debt = solveSteadyState(small({ debt: B }));
  assert.ok(Math.abs(debt.assets - debt.capital - B) / debt.capital < 1e-6);
  assert.ok(debt.interestRate > none.interestRate && debt.capital < none.capital);
});

/** The household problem alone at given prices, to its fixed point. */
function household(budget: StationaryBudget, economy: SteadyStateEconomy) {
  const chain = markovChain(economy.ability.values, economy.ability.transition);
  const assets = Float64Array.from(economy.assets);
  const problem: HouseholdProblem = { beta: economy.beta, crra: economy.crra ?? 1, chain, assets, consumptionTaxRate: budget.consumptionTaxRate };
  const states = chain.ability.length * assets.length;
  const coh = { x: new Float64Array(states), slope: new Float64Array(states) };
  cashOnHandGrid(budget, chain.ability, assets, coh.x, coh.slope);
  const policy = emptyPolicy(states);
  initialMarginalValue(problem, coh, policy.marginalValue);
  solveHousehold(problem, coh, policy, { tolerance: 1e-12 });
  return { policy, coh };
}

test('a flat income tax is the untaxed problem at after-tax prices (the envelope condition carries T\')', () => {
  const economy = small();
  const hours = new Float64Array(CAL.abilityNodes).fill(1);
  const tau = 0.3, W = 0.9, r = 0.012;
  const taxed = household({ wage: W, interestRate: r, hours, tax: hsvSchedule(tau, 0, 0, 0) as TaxSchedule, consumptionTaxRate: 0, transfer: 0 }, economy);
  const after = household({ wage: (1 - tau) * W, interestRate: (1 - tau) * r, hours, tax: NO_TAX, consumptionTaxRate: 0, transfer: 0 }, economy);
  // hsvSchedule(tau, 0, 0, 0) also sets a wealth tax of rate 0
  for (let s = 0; s < taxed.policy.assetsNext.length; s++) assert.ok(Math.abs(taxed.policy.assetsNext[s] - after.policy.assetsNext[s]) < 1e-9);
  // a consumption tax with its revenue handed back is not neutral in general, but the budget holds
  const withVat = household({ wage: W, interestRate: r, hours, tax: NO_TAX, consumptionTaxRate: 0.065, transfer: 0.05 }, economy);
  for (let s = 0; s < withVat.coh.x.length; s++) {
    assert.ok(Math.abs(1.065 * withVat.policy.consumption[s] + withVat.policy.assetsNext[s] - withVat.coh.x[s]) < 1e-12);
  }
});

test('a progressive income tax and a flat wealth tax: the market clears and the Euler equation holds with T\'(z) and T_a\'(a)', () => {
  const tax: TaxSchedule = { income: { kind: 'hsv', tau: 0.1, xi: 0.15 }, wealth: { kind: 'hsv', tau: 0.005, xi: 0 } };
  const ss = solveSteadyState(small({ tax, transfer: 0.02, consumptionTaxRate: 0.05 }));
  assert.ok(Math.abs(ss.marketResidual) < 1e-6);
  assert.ok(ss.euler.max < 1e-3 && ss.euler.mean < 1e-5, `Euler residuals ${ss.euler.max}, ${ss.euler.mean}`);
  // a bracket schedule runs too (kinks in T)
  const brackets: BracketSchedule = { name: 'test', lowerBoundsUsd: [0, 0.8, 2], marginalRates: [0.05, 0.15, 0.3], topUpperBoundUsd: Infinity, deductionUsd: 0.2, creditUsd: 0 };
  const kinked = solveSteadyState(small({ tax: { income: { kind: 'brackets', schedule: brackets }, wealth: { kind: 'none' } } }));
  assert.ok(Math.abs(kinked.marketResidual) < 1e-6);
});

test('a wealth tax with an infinite marginal subsidy at zero wealth is refused, naming the tax', () => {
  assert.throws(() => solveSteadyState(small({ tax: hsvSchedule(0.1, 0.1, 0.01, 0.05) })), /tax\.income and tax\.wealth need finite marginal rates/);
});

test('Brent: roots of smooth and awkward functions inside the bracket, and no bracket refused', () => {
  const cubic = (x: number) => x * x * x - 2 * x - 5;
  const root = brent(cubic, 2, 3, cubic(2), cubic(3), { xTolerance: 1e-15 });
  assert.ok(Math.abs(root.root - 2.0945514815423265) < 1e-14 && root.iterations < 12);
  const step = (x: number) => (x < 0.3 ? -1 : 1);
  assert.ok(Math.abs(brent(step, 0, 1, -1, 1, { xTolerance: 1e-12 }).root - 0.3) < 1e-11);
  assert.throws(() => brent(cubic, 3, 4, cubic(3), cubic(4)), RootFindingError);
});

test('lottery: mass and mean wealth are exact after one step', () => {
  const economy = small();
  const chain = markovChain(economy.ability.values, economy.ability.transition);
  const assets = Float64Array.from(economy.assets);
  const n = assets.length, m = chain.ability.length;
  const policy = new Float64Array(m * n);
  for (let s = 0; s < policy.length; s++) policy[s] = Math.min(assets[n - 1], 0.9 * assets[s % n] + 0.3 * (1 + Math.floor(s / n)));
  const from = initialDistribution(chain, n);
  const to = new Float64Array(m * n);
  forwardStep(chain, lotteryOf(assets, policy, m), from, to, new Float64Array(m * n));
  let mass = 0, wealth = 0, planned = 0;
  for (let s = 0; s < to.length; s++) {
    mass += to[s];
    wealth += to[s] * assets[s % n];
    planned += from[s] * policy[s];
  }
  assert.ok(Math.abs(mass - 1) < 1e-14 && Math.abs(wealth - planned) < 1e-12);
});

test('bad input is refused with the field and the values allowed', () => {
  const cases: [Partial<SteadyStateEconomy>, RegExp][] = [
    [{ beta: -0.5 }, /beta must be in \(0, 1\), got -0\.5/],
    [{ beta: 1 }, /beta must be in \(0, 1\)/],
    [{ alpha: 1.2 }, /alpha must be in \(0, 1\), got 1\.2/],
    [{ alpha: 0 }, /alpha must be in \(0, 1\)/],
    [{ tfp: -1 }, /tfp must be a finite number > 0/],
    [{ depreciationRate: 2 }, /depreciationRate must be in \[0, 1\]/],
    [{ crra: 0 }, /crra must be a finite number > 0/],
    [{ assets: [] }, /assets must be a grid of at least 2 wealth points .*got 0/],
    [{ assets: [0, 2, 1] }, /assets must be strictly ascending/],
    [{ assets: [0.5, 1, 2] }, /assets\[0\] must be 0, the borrowing limit/],
    [{ ability: { values: [1, 2], transition: [0.9, 0.2, 0.1, 0.9] } }, /ability\.transition row 0 must sum to 1 \(a stochastic matrix\), got 1\.1/],
    [{ ability: { values: [1, 2], transition: [1.1, -0.1, 0.1, 0.9] } }, /ability\.transition\[0\]\[0\] must be a probability in \[0, 1\]/],
    [{ ability: { values: [1, 2], transition: [1, 0, 0] } }, /ability\.transition must be 2 x 2 = 4 entries/],
    [{ ability: { values: [], transition: [] } }, /ability\.values must hold at least 1 node/],
    [{ ability: { values: [1, -2], transition: [0.5, 0.5, 0.5, 0.5] } }, /ability\.values\[1\] must be a finite number > 0/],
    [{ hours: [1, 1] }, /hours must be one number or one per ability node \(7\), got 2/],
    [{ consumptionTaxRate: -0.1 }, /consumptionTaxRate must be a finite number >= 0/],
  ];
  for (const [overrides, message] of cases) {
    assert.throws(() => solveSteadyState(small(overrides)), (e: unknown) => e instanceof SteadyStateInputError && message.test((e as Error).message), JSON.stringify(overrides));
  }
  assert.throws(() => solveSteadyState(small(), { bracket: [-0.5, 0.01] }), /bracket must be \[low, high\] with -depreciationRate/);
  assert.throws(() => solveSteadyState(small(), { marketTolerance: 0 }), /marketTolerance must be a finite number > 0/);
  assert.throws(() => solveSteadyState(small(), { bracket: [0.0, 0.005] }), /bracket \[0, 0\.005\] does not contain the steady state/);
});
