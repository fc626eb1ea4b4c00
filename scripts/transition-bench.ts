/**
 * Speed of the transition solver (src/equilibrium/transition.ts), beside the sequence-space
 * Jacobian toolkit's own timing on this machine (tests/fixtures/sequence-jacobian-ks-transition.json,
 * from scripts/sequence-jacobian-ks-transition.py). Each case runs once to warm the JIT (as the
 * toolkit's numba compiles on its first run), then `--runs` times (default 3); prints medians as
 * JSON. The steady states are solved before the clock starts (the toolkit's `solve_impulse_nonlinear`
 * also starts from a solved steady state); the Jacobian is inside the clock (the toolkit's too).
 *
 *   node --import tsx scripts/transition-bench.ts [--runs 3]
 *
 * Cases: the textbook Krusell-Smith TFP shock (1 %, persistence 0.8, T = 300) exactly as the
 * toolkit's (7 x 500), to its default tolerance (1e-8 absolute, i.e. 3.2e-9 relative to K) and to
 * ours (1e-10 relative); and a reacting government on 21 x 100 (the Krusell-Smith chain on 21
 * nodes): a flat income tax of 10 % + 0.5 (K_t-1 / K_ss - 1) and transfers of 5 % of Y_t, over
 * T = 300 from the untaxed economy's steady state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { hsvSchedule } from '../src/economy/tax.js';
import { logSpacedAssetGrid } from '../src/equilibrium/assetGrid.js';
import { rouwenhorstAbility, solveSteadyState, type SteadyStateEconomy } from '../src/equilibrium/steadyState.js';
import { solveTransition, type PeriodAggregates, type TransitionOptions, type TransitionProblem } from '../src/equilibrium/transition.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be an integer >= 1, got ${args[runsAt + 1]}`);

const root = projectRoot();
const fixture = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'sequence-jacobian-ks.json'), 'utf8'));
const toolkit = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'sequence-jacobian-ks-transition.json'), 'utf8'));
const cal = fixture.calibration;
const ks = { beta: cal.beta, crra: 1, alpha: cal.alpha, tfp: cal.tfp, depreciationRate: cal.delta };
const T = 300;
const tight = { marketTolerance: 1e-10, policyTolerance: 1e-12, distributionTolerance: 1e-13 };

const textbook: SteadyStateEconomy = { ...ks, ability: { values: fixture.grids.ability, transition: fixture.grids.transition.flat() }, assets: fixture.grids.assets };
const textbookSteady = solveSteadyState(textbook, tight);
const tfp = Array.from({ length: T }, (_, t) => cal.tfp * (1 + 0.01 * 0.8 ** t));
const shock: TransitionProblem = { economy: textbook, terminal: textbookSteady, years: T, paths: { tfp } };

const wide: SteadyStateEconomy = { ...ks, ability: rouwenhorstAbility(21, cal.abilityPersistence, cal.logAbilityStationarySd), assets: logSpacedAssetGrid(cal.assetMax, 100) };
const untaxed = solveSteadyState(wide, tight);
const taxed: SteadyStateEconomy = { ...wide, tax: hsvSchedule(0.1, 0, 0, 0), transfer: 0.05 * untaxed.output };
let terminal = solveSteadyState(taxed, tight);
for (let k = 0; k < 4; k++) {
  taxed.transfer = 0.05 * terminal.output;
  terminal = solveSteadyState(taxed, tight);
}
const government = (a: PeriodAggregates) => ({ tax: hsvSchedule(0.1 + 0.5 * (a.capital / terminal.capital - 1), 0, 0, 0), transfer: 0.05 * a.output });
const reacting: TransitionProblem = { economy: taxed, terminal, years: T, initialDistribution: untaxed.distribution, government };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases: { name: string; problem: TransitionProblem; options: TransitionOptions; toolkit?: number }[] = [
  { name: 'textbook KS TFP shock, 7 x 500, T = 300, to the toolkit\'s tolerance (max |A - K| < 1e-8)', problem: shock, options: { tolerance: 1e-8 / textbookSteady.capital }, toolkit: toolkit.timings.transition300Default.median },
  { name: 'textbook KS TFP shock, 7 x 500, T = 300, to 1e-10 relative (ours by default)', problem: shock, options: {} },
  { name: 'reacting government (tax rising with K, transfers 5 % of Y), 21 x 100, T = 300, from the untaxed steady state', problem: reacting, options: {} },
];
const out = cases.map(({ name, problem, options, toolkit }) => {
  const opts = { ...options, keepPolicies: false };
  const cold = solveTransition(problem, opts);
  const seconds: number[] = [];
  let last = cold;
  for (let k = 0; k < runs; k++) {
    last = solveTransition(problem, opts);
    seconds.push(last.seconds);
  }
  return {
    name, coldSeconds: cold.seconds, medianSeconds: median(seconds), runs: seconds, jacobianSeconds: last.jacobianSeconds,
    iterations: last.iterations, maxMarketResidual: last.maxMarketResidual, maxGoodsResidual: last.maxGoodsResidual,
    ...(toolkit !== undefined ? { toolkitMedianSeconds: toolkit } : {}),
  };
});
console.log(JSON.stringify({ runs, cases: out }, null, 1));
