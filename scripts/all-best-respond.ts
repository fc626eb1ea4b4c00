// Every household plays its exact best response to the mean field of the households' own policy
// (src/equilibrium), in the real simulator, under the given government: does the economy survive?
//   node --import tsx scripts/all-best-respond.ts <households policy> [government] [seed]
import { exploit } from '../src/equilibrium/exploit.js';
import { bestResponseDecide } from '../src/equilibrium/responsePolicy.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { createEconomy } from '../src/data/defaults.js';
import { runEpisode } from '../src/policies/episode.js';
import type { HouseholdPolicy } from '../src/policies/households.js';
const folder = process.argv[2] ?? 'data/models/smfrl-gdp-n100';
const gov = process.argv[3] ?? folder;
let solution: any = null;
const n = 100, seed = Number(process.argv[4] ?? 1);
exploit(governmentByName(gov), householdsByName(folder), { n, seeds: [seed], onSeed: (s) => { solution = s; } });
const decide = bestResponseDecide(solution.bestResponse);
const action = { saving: 0, work: 0 };
const allBest: HouseholdPolicy = { name: 'every household best-responding', act(economy, out) {
  for (let i = 0; i < economy.n; i++) { decide(Math.min(economy.year, solution.grid.years - 1), economy.ability[i], economy.assetsNext[i], action); out.savingShare[i] = action.saving; out.workShare[i] = action.work; }
} };
const e = createEconomy({ n, seed, preset: 'paper' });
let s1 = 0, w1 = 0;
const ep = runEpisode(e, governmentByName(gov)(seed), allBest, { onYear: (y, econ) => { if (y.year === 1) { s1 = econ.savingShare.reduce((a, v) => a + v, 0) / n; w1 = econ.workShare.reduce((a, v) => a + v, 0) / n; } } });
console.log(`${gov} with every household playing its best response to the policy's mean field: years ${ep.metrics.years} (${ep.metrics.endReason}); year-1 mean saving ${s1.toFixed(3)}, work ${w1.toFixed(3)}; gov reward ${ep.metrics.governmentReward.toFixed(0)}`);
e.close();
