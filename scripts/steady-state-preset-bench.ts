/**
 * Timing of the aiyagari preset's steady state (21 ability nodes x 100 wealth points by default):
 *   node --import tsx scripts/steady-state-preset-bench.ts [--runs 3] [--gov free-market,us-federal-2022]
 * One warm-up run per government, then --runs timed runs of the solver alone (the reset economy
 * that gives the TFP is built once, outside the clock); prints each run and the median, with the
 * load average before and after (time only on a quiet machine).
 */
import { loadavg } from 'node:os';
import { createEconomy } from '../src/data/defaults.js';
import { stationaryGovernment, TFP_ECONOMY } from '../src/equilibrium/presetEquilibrium.js';
import { solvePresetSteadyState } from '../src/equilibrium/presetSteadyState.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1] : fallback;
};
const runs = Number(flag('runs', '3'));
const governments = flag('gov', 'free-market,us-federal-2022').split(',');
const economy = createEconomy({ n: TFP_ECONOMY.n, seed: TFP_ECONOMY.seed, preset: 'aiyagari', threads: 'single' });
economy.reset();
const inputs = { tfp: economy.tfp, debtTargetShare: economy.macro.debtPercentOfGdp * 0.01 };
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const name of governments) {
  const government = stationaryGovernment(name, economy);
  solvePresetSteadyState(economy.config, government, inputs);
  const seconds: number[] = [];
  let last = null;
  for (let k = 0; k < runs; k++) {
    last = solvePresetSteadyState(economy.config, government, inputs);
    seconds.push(last.seconds);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  console.log(`${name}: ${seconds.map((s) => s.toFixed(2)).join(', ')} s; median ${sorted[sorted.length >> 1].toFixed(2)} s (${last!.iterations} market evaluations, ${last!.egmIterations} EGM steps, ${last!.lotteryIterations} lottery steps; r = ${last!.interestRate})`);
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
economy.close();
