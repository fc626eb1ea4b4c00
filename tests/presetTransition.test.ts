/**
 * The followers' equilibrium over an episode of the `aiyagari` preset (src/equilibrium/
 * presetTransition.ts; `smfg equilibrium` without --steady-state): the households' plans meet the
 * terms their play produces, the markets clear along the path, the exact best response gains
 * little on the equilibrium's own episode, the saved table replays the episode, and the command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { createEconomy } from '../src/data/defaults.js';
import { makeConfig } from '../src/economy/config.js';
import { NEUTRAL_TERMS } from '../src/economy/householdBudget.js';
import { laborProblemOf } from '../src/equilibrium/presetHousehold.js';
import { exploitSeed } from '../src/equilibrium/exploit.js';
import { planAgainst, solvePresetTransition } from '../src/equilibrium/presetTransition.js';
import { runEpisode } from '../src/policies/episode.js';
import { equilibriumHouseholds, saveEquilibriumPolicy } from '../src/policies/equilibriumHouseholds.js';
import { governmentByName, householdsByName } from '../src/policies/registry.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

const config = { preset: 'aiyagari' as const, n: 300, seed: 3 };
const run = solvePresetTransition({ government: 'us-federal-2022', config, years: 60, tolerance: 1e-7 });

test('US federal 2022, 60 years, N = 300: the terms planned on and those played agree to 1e-7; every year is played and the markets clear', () => {
  assert.ok(run.converged, `not converged: ${run.residual} after ${run.iterations} iterations`);
  assert.ok(run.residual <= 1e-7);
  assert.equal(run.trajectory.length, 60);
  assert.ok(run.goodsResidual < 1e-10, `goods market ${run.goodsResidual}`);
  assert.ok(run.capitalResidual < 1e-10, `capital market ${run.capitalResidual}`);
  // the first guess is far off (a fixed saving share); the fixed point moves it by more than 1e-3
  assert.ok(run.history[0].residual > 1e-3, `first residual ${run.history[0].residual}`);
  // the planned path is the played one: year by year, to the tolerance
  for (let t = 0; t < 60; t++) {
    const played = run.trajectory[t].budget;
    assert.ok(Math.abs(played.interestRate - run.terms[t].interestRate) <= 1e-7, `year ${t + 1} r`);
    assert.ok(Math.abs(played.wageRate / run.terms[t].wageRate - 1) <= 1e-7, `year ${t + 1} W`);
    assert.ok(Math.abs(played.incomeSurchargeRate - run.terms[t].incomeSurchargeRate) <= 1e-7, `year ${t + 1} surcharge`);
  }
  assert.deepEqual(run.terms[5].tax.income.kind, 'brackets');
});

test("the exact best response (the simulator's timing, no value after the episode) gains under 0.1 % on a 300-year equilibrium's own episode", () => {
  // the households plan beyond the episode (YEARS_AFTER); over 60 years the gain of spending
  // everything at its end is large (beta^60 = 0.22), over 300 years small (beta^300 = 5e-4)
  const long = solvePresetTransition({ government: 'free-market', config: { preset: 'aiyagari', n: 200, seed: 5 }, years: 300 });
  assert.ok(long.converged);
  const c = long.config;
  const solution = exploitSeed(governmentByName(long.government), () => equilibriumHouseholds(long.policy), c.seed, { n: c.n, preset: c.preset, task: c.task, config: c });
  assert.equal(solution.summary.years, 300);
  assert.ok(solution.summary.meanRelativeGain < 1e-3, `mean gain ${solution.summary.meanRelativeGain}`);
  assert.ok(solution.summary.meanRelativeGain > -1e-4, `mean gain ${solution.summary.meanRelativeGain}`);
});

test('the saved households replay the equilibrium episode exactly, from their folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'smfg-transition-'));
  try {
    saveEquilibriumPolicy(folder, run.policy);
    const economy = createEconomy(makeConfig({ ...config, episodeYears: 60 }));
    try {
      const episode = runEpisode(economy, governmentByName('us-federal-2022')(config.seed), householdsByName(folder)(1));
      assert.equal(episode.trajectory.length, 60);
      for (let t = 0; t < 60; t++) assert.equal(episode.trajectory[t].gdp, run.trajectory[t].gdp, `year ${t + 1}`);
    } finally {
      economy.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("planning beyond the episode: with no year after it, the last year's households save nothing; with years after, they save", () => {
  const c = makeConfig({ preset: 'aiyagari', n: 1 });
  const problem = laborProblemOf(c, { abilityNodes: 7, wealthPoints: 40 });
  const terms = Array.from({ length: 3 }, () => ({ ...NEUTRAL_TERMS, wageRate: 5, interestRate: 0.01, cashOnHand: true, untaxedLosses: true }));
  const states = 7 * 40;
  const ending = planAgainst(problem, terms, 0);
  const going = planAgainst(problem, terms, 200);
  let endingMax = 0, goingMean = 0;
  for (let s = 0; s < states; s++) {
    endingMax = Math.max(endingMax, ending.savingShare[2 * states + s]);
    goingMean += going.savingShare[2 * states + s] / states;
  }
  assert.equal(endingMax, 0);
  assert.ok(goingMean > 0.3, `mean saving share ${goingMean}`);
  // a year earlier, households with no future beyond next year still save for it
  assert.ok(ending.savingShare[states + states - 1] > 0);
});

test('smfg equilibrium (the path): JSON with the path, the residuals and the rewards; exit 1 when it does not converge', () => {
  const result = cli('equilibrium', '--gov', 'free-market', '--preset', 'aiyagari', '--years', '30', '--n', '200', '--seed', '4', '--json');
  assert.equal(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.kind, 'transition');
  assert.equal(out.converged, true);
  assert.equal(out.path.length, 30);
  for (const key of ['interestRate', 'wage', 'capital', 'output']) assert.ok(Number.isFinite(out.path[29][key]), key);
  assert.equal(out.interestRate, out.path[0].interestRate);
  assert.ok(out.maxMarketResidual <= 1e-6);
  assert.ok(Number.isFinite(out.governmentReward) && Number.isFinite(out.socialWelfare));
  assert.equal(out.bestResponseGain, null);
  const capped = cli('equilibrium', '--gov', 'free-market', '--preset', 'aiyagari', '--years', '30', '--n', '200', '--max-iterations', '2', '--quiet');
  assert.equal(capped.status, 1);
  assert.match(capped.stdout, /NOT CONVERGED/);
  const bad = cli('equilibrium', '--gov', 'free-market', '--preset', 'paper', '--years', '30');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /consumptionBase 'cashOnHand'/);
});

test('smfg evaluate and smfg exploit take --config: its fields reach the economy, and a field that is none is refused', () => {
  const folder = mkdtempSync(join(tmpdir(), 'smfg-config-'));
  try {
    const good = join(folder, 'short.json'), bad = join(folder, 'bad.json');
    writeFileSync(good, JSON.stringify({ episodeYears: 7, discountFactor: 0.96 }));
    writeFileSync(bad, JSON.stringify({ bogusField: 1 }));
    const evaluated = cli('evaluate', '--gov', 'free-market', '--households', 'fixed', '--n', '20', '--seeds', '1', '--preset', 'aiyagari', '--config', good, '--json');
    assert.equal(evaluated.status, 0, evaluated.stderr);
    assert.equal(JSON.parse(evaluated.stdout).metrics.years.mean, 7);
    const refused = cli('exploit', '--gov', 'free-market', '--households', 'fixed', '--n', '20', '--seeds', '1', '--preset', 'aiyagari', '--config', bad, '--json');
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /config.bogusField is not a known field/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
