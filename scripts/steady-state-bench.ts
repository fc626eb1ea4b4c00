/**
 * Speed of the stationary equilibrium solver (src/equilibrium/steadyState.ts), beside the
 * sequence-space Jacobian toolkit's own timings on this machine (tests/fixtures/sequence-jacobian-ks.json,
 * from scripts/sequence-jacobian-ks.py). Each case runs once to warm the JIT (as the toolkit's
 * numba compiles on its first run), then `--runs` times (default 5); prints medians as JSON.
 *
 *   node --import tsx scripts/steady-state-bench.ts [--runs 5]
 *
 * Cases: the textbook Krusell-Smith economy exactly as the toolkit's (7 ability nodes x 500 wealth
 * points); the same economy on 21 x 100; and 21 x 100 with this workbench's ability process
 * (log e' = 0.982 log e + 0.2 eps) in an economy with alpha = 0.36, delta = 0.06, beta = 0.96.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { logSpacedAssetGrid } from '../src/equilibrium/assetGrid.js';
import { rouwenhorstAbility, solveSteadyState, type SteadyStateEconomy } from '../src/equilibrium/steadyState.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be an integer >= 1, got ${args[runsAt + 1]}`);

const fixture = JSON.parse(readFileSync(join(projectRoot(), 'tests', 'fixtures', 'sequence-jacobian-ks.json'), 'utf8'));
const cal = fixture.calibration;
const ks = { beta: cal.beta, crra: 1, alpha: cal.alpha, tfp: cal.tfp, depreciationRate: cal.delta };
const cases: { name: string; economy: SteadyStateEconomy }[] = [
  {
    name: 'textbook Krusell-Smith, the toolkit\'s chain and grid (7 x 500)',
    economy: { ...ks, ability: { values: fixture.grids.ability, transition: fixture.grids.transition.flat() }, assets: fixture.grids.assets },
  },
  { name: 'Krusell-Smith calibration, 21 x 100', economy: { ...ks, ability: rouwenhorstAbility(21, cal.abilityPersistence, cal.logAbilityStationarySd), assets: logSpacedAssetGrid(cal.assetMax, 100) } },
  {
    name: 'smfg ability process (rho 0.982, shock sd 0.2), alpha 0.36, delta 0.06, beta 0.96, 21 x 100 on [0, 5000]',
    economy: { beta: 0.96, alpha: 0.36, tfp: 1, depreciationRate: 0.06, ability: rouwenhorstAbility(21, 0.982, 0.2 / Math.sqrt(1 - 0.982 ** 2)), assets: logSpacedAssetGrid(5000, 100) },
  },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

const results = cases.map(({ name, economy }) => {
  const first = performance.now();
  solveSteadyState(economy);
  const coldSeconds = (performance.now() - first) / 1000;
  const seconds: number[] = [];
  let last;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    last = solveSteadyState(economy);
    seconds.push((performance.now() - t) / 1000);
  }
  const ss = last!;
  process.stderr.write(`${name}: median ${median(seconds).toFixed(3)} s\n`);
  return {
    name,
    states: `${ss.chain.ability.length} x ${ss.assetGrid.length}`,
    medianSeconds: median(seconds),
    runs: seconds,
    firstRunSeconds: coldSeconds,
    interestRate: ss.interestRate,
    capital: ss.capital,
    marketResidual: ss.marketResidual,
    evaluations: ss.iterations,
    egmIterations: ss.egmIterations,
    lotteryIterations: ss.lotteryIterations,
    eulerResidualMax: ss.euler.max,
    eulerResidualMean: ss.euler.mean,
  };
});

const t = fixture.timings;
console.log(
  JSON.stringify(
    {
      node: process.version,
      runs,
      cases: results,
      toolkit: {
        note: 'the sequence-jacobian toolkit on the textbook case, measured by scripts/sequence-jacobian-ks.py (medians after a warm-up run)',
        steadyStateFixedBetaSeconds: t.steadyStateFixedBeta.median,
        calibrationSeconds: t.calibrationHybr.median,
        transition300Seconds: t.transition300.median,
      },
    },
    null,
    1,
  ),
);
