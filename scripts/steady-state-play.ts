/**
 * The saved steady-state households played in the real simulator from the survey households:
 * node --import tsx scripts/steady-state-play.ts <folder> <government> [N] [seed] [years]
 * prints r, K and Y per household every 25 years.
 */
import { createEconomy } from '../src/data/defaults.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';
import { runEpisode } from '../src/policies/episode.js';

const [folder, gov = 'free-market', nText = '1000', seedText = '1', yearsText = '300'] = process.argv.slice(2);
const n = Number(nText);
const economy = createEconomy({ n, seed: Number(seedText), preset: 'aiyagari', episodeYears: Number(yearsText) });
const episode = runEpisode(economy, governmentByName(gov)(1), householdsByName(folder)(1));
for (const y of episode.trajectory) {
  if (y.year === 1 || y.year % 25 === 0) console.log(JSON.stringify({ year: y.year, r: y.interestRate, capitalPerHousehold: y.capital / n, outputPerHousehold: y.gdpPerHousehold, debtPerHousehold: y.debt / n, meanWorkShare: y.meanWorkShare, done: y.doneReason }));
}
economy.close();
