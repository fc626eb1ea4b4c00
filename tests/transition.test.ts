/**
 * The perfect-foresight transition (src/equilibrium/transition.ts, jacobian.ts): the textbook
 * Krusell-Smith TFP shock against the sequence-space Jacobian toolkit's own nonlinear path
 * (tests/fixtures/sequence-jacobian-ks-transition.json, written by
 * scripts/sequence-jacobian-ks-transition.py; the toolkit is not needed here), markets clearing
 * along the path, the steady state staying put, a reacting government, debt paths, an arbitrary
 * initial distribution, the damped fixed point, the fake-news Jacobian against finite
 * differences, and errors naming the field for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { hsvSchedule } from '../src/economy/tax.js';
import { logSpacedAssetGrid } from '../src/equilibrium/assetGrid.js';
import { solveSteadyState, type SteadyState, type SteadyStateEconomy } from '../src/equilibrium/steadyState.js';
import {
  evaluateTransition, solveTransition, transitionJacobian, TransitionInputError,
  type PeriodAggregates, type TransitionIteration, type TransitionProblem,
} from '../src/equilibrium/transition.js';

const root = projectRoot();
const FIXTURE = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'sequence-jacobian-ks.json'), 'utf8'));
const TOOLKIT = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'sequence-jacobian-ks-transition.json'), 'utf8')) as {
  steadyState: { r: number; K: number };
  shock: { size: number; persistence: number; years: number };
  path: { r: number[]; K: number[]; w: number[]; Y: number[]; C: number[] };
};
const CAL = FIXTURE.calibration;

function textbook(overrides: Partial<SteadyStateEconomy> = {}): SteadyStateEconomy {
  return {
    beta: CAL.beta, crra: CAL.crra, alpha: CAL.alpha, tfp: CAL.tfp, depreciationRate: CAL.delta,
    ability: { values: FIXTURE.grids.ability, transition: FIXTURE.grids.transition.flat() },
    assets: FIXTURE.grids.assets,
    ...overrides,
  };
}

/** Steady states to 1e-10: the transition's own tolerance is measured against them. */
const TIGHT = { marketTolerance: 1e-10, policyTolerance: 1e-12, distributionTolerance: 1e-13 };

/** 7 x 100: for the tests that need several solves. */
const SMALL = textbook({ assets: logSpacedAssetGrid(CAL.assetMax, 100) });
let smallSteady: SteadyState | undefined;
const small = (): SteadyState => (smallSteady ??= solveSteadyState(SMALL, TIGHT));

const shockedTfp = (years: number, size: number, persistence: number): number[] =>
  Array.from({ length: years }, (_, t) => CAL.tfp * (1 + size * persistence ** t));

test('textbook Krusell-Smith TFP shock over 300 periods: r and K follow the sequence-jacobian toolkit\'s nonlinear path', () => {
  const economy = textbook();
  const terminal = solveSteadyState(economy, TIGHT);
  const { size, persistence, years } = TOOLKIT.shock;
  const steps: TransitionIteration[] = [];
  const tr = solveTransition({ economy, terminal, years, paths: { tfp: shockedTfp(years, size, persistence) } }, { onIteration: (s) => steps.push(s) });
  let dr = 0, dK = 0, dW = 0, dY = 0, dC = 0;
  for (let t = 0; t < years; t++) {
    dr = Math.max(dr, Math.abs(tr.interestRate[t] - TOOLKIT.path.r[t]));
    dK = Math.max(dK, Math.abs(tr.capital[t] / TOOLKIT.path.K[t] - 1));
    dW = Math.max(dW, Math.abs(tr.wage[t] / TOOLKIT.path.w[t] - 1));
    dY = Math.max(dY, Math.abs(tr.output[t] / TOOLKIT.path.Y[t] - 1));
    dC = Math.max(dC, Math.abs(tr.consumption[t] / TOOLKIT.path.C[t] - 1));
  }
  assert.ok(dr < 1e-5 && dK < 1e-4, `r within 1e-5 (${dr}), K within 1e-4 relative (${dK})`);
  // in fact as close as the two steady states (r 1.5e-10 apart): the same discrete problem
  assert.ok(dr < 1e-9, `r path off by ${dr}`);
  assert.ok(dK < 1e-7 && dW < 1e-7 && dY < 1e-7 && dC < 1e-7, `K ${dK}, W ${dW}, Y ${dY}, C ${dC}`);
  // the shock itself: r_0 moves by exactly the TFP shock times r + delta (K_-1 = K_ss)
  assert.ok(Math.abs(tr.interestRate[0] - ((terminal.interestRate + CAL.delta) * (1 + size) - CAL.delta)) < 1e-14);
  // markets clear along the path, and the goods market with them
  assert.ok(tr.maxMarketResidual < 1e-10, `max |A - K - B| / K_ss = ${tr.maxMarketResidual}`);
  assert.ok(tr.maxGoodsResidual < 1e-10, `max |Y - C - I - G| / Y = ${tr.maxGoodsResidual}`);
  // a few Newton steps, reported with falling residuals, like the toolkit's (4 evaluations to 1e-8)
  assert.ok(tr.iterations <= 6, `${tr.iterations} evaluations`);
  assert.equal(steps.length, tr.iterations);
  for (let k = 1; k < steps.length; k++) assert.ok(steps[k].maxResidual < steps[k - 1].maxResidual);
  assert.equal(steps.at(-1)!.maxResidual, tr.maxMarketResidual);
  // per-period policies and distributions are kept
  assert.equal(tr.policies!.length, years);
  assert.equal(tr.distributions![0].length, terminal.distribution.length);
});

test('from the steady state with no shock the path stays at the steady state', () => {
  const terminal = small();
  const tr = solveTransition({ economy: SMALL, terminal, years: 150 });
  assert.ok(tr.iterations <= 2, `${tr.iterations} evaluations`);
  for (let t = 0; t < 150; t++) {
    assert.ok(Math.abs(tr.interestRate[t] - terminal.interestRate) < 1e-10, `r_${t} = ${tr.interestRate[t]}`);
    assert.ok(Math.abs(tr.capital[t] / terminal.capital - 1) < 1e-9, `K_${t} = ${tr.capital[t]}`);
    assert.ok(Math.abs(tr.consumption[t] / terminal.consumption - 1) < 1e-9);
  }
  // the distribution does not move either
  const last = tr.distributions!.at(-1)!;
  let moved = 0;
  for (let s = 0; s < last.length; s++) moved = Math.max(moved, Math.abs(last[s] - terminal.distribution[s]));
  assert.ok(moved < 1e-9, `distribution moved by ${moved}`);
});

test('a reacting government (income tax rising with K, transfers a share of Y) converges from another economy\'s steady state', () => {
  const untaxed = small();
  // the terminal economy: the rule's fixed point (tax 10 % at K_ss, transfer 5 % of Y_ss)
  const taxed: SteadyStateEconomy = { ...SMALL, tax: hsvSchedule(0.1, 0, 0, 0), transfer: 0.05 * untaxed.output };
  let terminal = solveSteadyState(taxed, TIGHT);
  for (let k = 0; k < 4; k++) {
    taxed.transfer = 0.05 * terminal.output;
    terminal = solveSteadyState(taxed, TIGHT);
  }
  const seen: PeriodAggregates[] = [];
  const government = (a: PeriodAggregates) => {
    if (a.period === 0) seen.push(a);
    return { tax: hsvSchedule(0.1 + 0.5 * (a.capital / terminal.capital - 1), 0, 0, 0), transfer: 0.05 * a.output };
  };
  const years = 200;
  const steps: TransitionIteration[] = [];
  const tr = solveTransition({ economy: taxed, terminal, years, initialDistribution: untaxed.distribution, government }, { onIteration: (s) => steps.push(s) });
  assert.ok(tr.maxMarketResidual < 1e-8, `max market residual ${tr.maxMarketResidual}`);
  assert.ok(tr.maxGoodsResidual < 1e-8, `max goods residual ${tr.maxGoodsResidual}`);
  assert.ok(tr.iterations <= 12, `${tr.iterations} evaluations`);
  // it starts from the untaxed economy's capital and ends at the taxed one's
  assert.ok(Math.abs(tr.capitalInUse[0] / untaxed.capital - 1) < 1e-8);
  assert.ok(Math.abs(tr.capital[years - 1] / terminal.capital - 1) < 1e-3);
  // the instruments in force are the rule's at the equilibrium's own aggregates
  for (let t = 0; t < years; t++) {
    const income = tr.instruments[t].tax!.income;
    assert.equal(income.kind, 'hsv');
    if (income.kind === 'hsv') assert.ok(Math.abs(income.tau - (0.1 + 0.5 * (tr.capitalInUse[t] / terminal.capital - 1))) < 1e-14);
    assert.ok(Math.abs(tr.transfer[t] - 0.05 * tr.output[t]) < 1e-14);
    // with debt constant, spending is what the budget leaves: revenue - transfers - r B
    assert.ok(Math.abs(tr.spending[t] - (tr.revenue[t] - tr.transfer[t])) < 1e-12);
  }
  // the government saw the period's aggregates, the distribution's group means among them
  const a0 = seen.at(-1)!;
  assert.equal(a0.capital, tr.capitalInUse[0]);
  assert.ok(Math.abs(a0.meanWealth - untaxed.assets) < 1e-9, 'mean wealth at t = 0 is the initial distribution\'s');
  assert.equal(a0.meanWealthByNode.length, CAL.abilityNodes);
  // without Broyden's updates (the reaction is still in the Jacobian) the same path
  const plain = solveTransition(
    { economy: taxed, terminal, years, initialDistribution: untaxed.distribution, government },
    { broyden: false, maxIterations: 200, keepPolicies: false },
  );
  assert.ok(Math.abs(plain.capital[50] - tr.capital[50]) < 1e-8, 'the same path either way');
});

test('debt paths: households hold K + B, the budget sets spending, and the goods market clears', () => {
  const years = 200;
  const economy = { ...SMALL, debt: 0.3 };
  const terminal = solveSteadyState(economy, TIGHT);
  const debt = Array.from({ length: years }, (_, t) => 0.3 * (1 - 0.95 ** (t + 1)));
  const tr = solveTransition({ economy, terminal, years, initialDistribution: small().distribution, initialDebt: 0, paths: { debt } });
  assert.ok(tr.maxMarketResidual < 1e-8, `max market residual ${tr.maxMarketResidual}`);
  assert.ok(tr.maxGoodsResidual < 1e-9, `max goods residual ${tr.maxGoodsResidual}`);
  for (let t = 0; t < years; t++) {
    assert.equal(tr.debt[t], debt[t]);
    assert.ok(Math.abs(tr.assets[t] - tr.capital[t] - tr.debt[t]) < 1e-8 * terminal.capital);
    // no taxes: spending is the new borrowing less the interest on the old
    const before = t === 0 ? 0 : debt[t - 1];
    assert.ok(Math.abs(tr.spending[t] - (debt[t] - (1 + tr.interestRate[t]) * before)) < 1e-12);
  }
  // issuing debt crowds capital out and raises r
  assert.ok(tr.capital[years - 1] < small().capital && tr.interestRate[years - 1] > small().interestRate);
});

test('an arbitrary initial distribution (everyone at one wealth point) converges and clears markets', () => {
  const terminal = small();
  const n = 100;
  const m = CAL.abilityNodes;
  const grid = logSpacedAssetGrid(CAL.assetMax, n);
  let j = 0;
  while (grid[j + 1] < 0.6 * terminal.capital) j++;
  const D0 = new Float64Array(m * n);
  for (let i = 0; i < m; i++) D0[i * n + j] = FIXTURE.grids.abilityStationary[i];
  let total = 0;
  for (const d of D0) total += d;
  D0.forEach((d, s) => (D0[s] = d / total));
  const tr = solveTransition({ economy: SMALL, terminal, years: 300, initialDistribution: D0 });
  assert.ok(tr.maxMarketResidual < 1e-8, `max market residual ${tr.maxMarketResidual}`);
  assert.ok(tr.maxGoodsResidual < 1e-9);
  // capital rises toward the steady state, r falls
  assert.ok(tr.capitalInUse[0] < tr.capital[100] && tr.interestRate[0] > tr.interestRate[100]);
  assert.ok(Math.abs(tr.capital[299] / terminal.capital - 1) < 1e-3);
});

test('the damped fixed point reaches the same path as Newton', () => {
  const terminal = small();
  const years = 80;
  const paths = { tfp: shockedTfp(years, 0.01, 0.8) };
  const newton = solveTransition({ economy: SMALL, terminal, years, paths }, { tolerance: 1e-10 });
  const steps: TransitionIteration[] = [];
  const damped = solveTransition({ economy: SMALL, terminal, years, paths }, { method: 'damped', damping: 0.3, tolerance: 1e-10, onIteration: (s) => steps.push(s) });
  assert.ok(steps.every((s) => s.method === 'damped'));
  assert.ok(damped.iterations > newton.iterations);
  for (let t = 0; t < years; t++) assert.ok(Math.abs(damped.capital[t] - newton.capital[t]) < 1e-8 * terminal.capital);
  // damped steps first, then Newton
  const mixed: TransitionIteration[] = [];
  solveTransition({ economy: SMALL, terminal, years, paths }, { dampedIterations: 3, onIteration: (s) => mixed.push(s) });
  assert.deepEqual(mixed.slice(0, 4).map((s) => s.method), ['damped', 'damped', 'damped', 'damped']);
  assert.equal(mixed.at(-1)!.method, 'newton');
});

test('the fake-news Jacobian equals finite differences of the path', () => {
  const terminal = small();
  const years = 40;
  const problem: TransitionProblem = { economy: SMALL, terminal, years };
  const H = transitionJacobian(problem);
  const K = new Float64Array(years).fill(terminal.capital);
  const base = evaluateTransition(problem, K);
  for (const u of [0, 7, 20, 39]) {
    const h = 1e-5;
    const bumped = K.slice();
    bumped[u] += h;
    const e = evaluateTransition(problem, bumped);
    for (let t = 0; t < years; t++) {
      const fd = ((e.marketResidual[t] - base.marketResidual[t]) * terminal.capital) / h;
      assert.ok(Math.abs(fd - H[t * years + u]) < 2e-5, `dH_${t}/dK_${u}: ${H[t * years + u]} vs ${fd}`);
    }
  }
  // anticipation: households respond before the period whose prices move
  assert.ok(Math.abs(H[0 * years + 20]) > 1e-4);
});

test('bad input is refused with errors naming the field', () => {
  const terminal = small();
  const ok: TransitionProblem = { economy: SMALL, terminal, years: 10 };
  const refuses = (problem: TransitionProblem, pattern: RegExp, options = {}) =>
    assert.throws(() => solveTransition(problem, options), (e: unknown) => e instanceof TransitionInputError && pattern.test((e as Error).message));
  refuses({ ...ok, years: 1 }, /years must be an integer >= 2/);
  refuses({ ...ok, years: 2.5 }, /years must be an integer >= 2/);
  refuses({ ...ok, initialDistribution: [1] }, /initialDistribution must have one mass per state: 7 ability nodes x 100 wealth points = 700, got 1/);
  refuses({ ...ok, initialDistribution: new Float64Array(700).fill(1 / 800) }, /initialDistribution must sum to 1/);
  const negative = Float64Array.from(terminal.distribution);
  negative[3] = -0.1;
  refuses({ ...ok, initialDistribution: negative }, /initialDistribution\[3\] must be a finite mass >= 0/);
  refuses({ ...ok, paths: { tfp: [1, 2] } }, /paths\.tfp must have one value per period \(years = 10\), got 2/);
  refuses({ ...ok, paths: { tfp: new Array(10).fill(CAL.tfp).map((z, t) => (t === 4 ? -z : z)) } }, /paths\.tfp\[4\] must be a finite number > 0/);
  refuses({ ...ok, paths: { debt: new Array(10).fill(0), spending: new Array(10).fill(0) } }, /give debt or spending, not both/);
  refuses({ ...ok, paths: { transfer: new Array(10).fill(NaN) } }, /paths\.transfer\[0\] must be a finite number/);
  refuses({ ...ok, government: () => ({ transfer: NaN }) }, /government\(period 0\)\.transfer must be a finite number/);
  refuses({ ...ok, government: () => ({ consumptionTaxRate: -1 }) }, /government\(period 0\)\.consumptionTaxRate must be a finite number >= 0/);
  refuses({ ...ok, economy: textbook() }, /terminal must be solved on the economy's grid/);
  refuses({ ...ok, economy: { ...SMALL, beta: 1.2 } }, /economy: beta must be in \(0, 1\)/);
  refuses({ ...ok, initialDebt: 1e6 }, /initial capital K_-1 = sum D_0 a - initialDebt must be > 0/);
  refuses(ok, /options\.method must be 'newton' or 'damped'/, { method: 'bisection' });
  refuses(ok, /options\.damping must be in \(0, 1\]/, { damping: 0 });
  refuses(ok, /options\.initialGuess must have one value per period/, { initialGuess: [1] });
});
