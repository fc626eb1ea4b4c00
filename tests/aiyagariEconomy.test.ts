/**
 * The equilibrium economy (preset aiyagari): prices from the firm, households' wealth is capital
 * plus public debt, consumption out of cash on hand, CRRA utility, the fiscal rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEconomy } from '../src/data/defaults.js';
import { makeConfig, ConfigError } from '../src/economy/config.js';
import { governmentByName } from '../src/policies/registry.js';
import { fixedShares } from '../src/policies/households.js';
import { runEpisode } from '../src/policies/episode.js';
import { householdReward, surchargeCeiling } from '../src/economy/householdBudget.js';
import { initialAggregates } from '../src/economy/macro.js';
import { assertClose } from './helpers.js';

const episode = (gov: string, saving: number, config: Record<string, unknown> = {}, n = 200) => {
  const economy = createEconomy({ n, seed: 1, preset: 'aiyagari', ...config });
  try {
    return runEpisode(economy, governmentByName(gov)(1), fixedShares(saving, 0.5)).trajectory;
  } finally {
    economy.close();
  }
};

test('aiyagari: Y = C + I + G and K + B = households\' wealth every year to 1e-10, prices are the firm\'s marginal products, and no episode ends by rationing', () => {
  const config = makeConfig({ n: 200, preset: 'aiyagari' });
  for (const gov of ['us-federal-2022', 'saez', 'free-market', 'constant:0.3,0.5,0.05,0.1,0.2,0.3']) {
    const years = episode(gov, 0.9);
    assert.ok(years.length > 20, `${gov}: ${years.length} years (${years[years.length - 1].doneReason})`);
    // (the authors' fallback for a NaN year replaces consumption: that year has no accounts)
    for (const y of years.filter((year) => year.doneReason !== 'a value became NaN')) {
      const C = y.meanConsumption * 200;
      assert.ok(Math.abs(y.gdp - C - y.investment - y.governmentSpending) <= 1e-10 * y.gdp, `${gov} year ${y.year}: Y - C - I - G = ${y.gdp - C - y.investment - y.governmentSpending}`);
      assert.ok(Math.abs(y.capital + y.debt - y.totalAssets) <= 1e-10 * y.totalAssets, `${gov} year ${y.year}: K + B - sum a = ${y.capital + y.debt - y.totalAssets}`);
      assertClose(y.interestRate, (config.alpha * y.gdp) / y.capital - config.depreciationRate, 1e-12, `${gov} year ${y.year} r`);
      assertClose(y.wageRate, ((1 - config.alpha) * y.gdp) / y.labor, 1e-12, `${gov} year ${y.year} W`);
      assert.equal(y.consumptionRationed, false);
      assert.equal(y.budget.cashOnHand, true);
    }
  }
});

test('aiyagari: TFP makes output per household the calibrated GDP per household at the calibrated hours; capital is the survey wealth less the debt', () => {
  const economy = createEconomy({ n: 300, seed: 4, preset: 'aiyagari' });
  try {
    economy.reset();
    const config = economy.config;
    const start = initialAggregates(economy.macro, config);
    const wealth = economy.assets.reduce((s, a) => s + a, 0);
    assertClose(economy.capital, wealth - start.debtUsd, 1e-12);
    assertClose(economy.debt, start.debtUsd, 1e-15);
    const efficientHours = (economy.ability.reduce((s, e) => s + e, 0) * start.laborHours) / 300;
    assertClose(economy.tfp * economy.capital ** config.alpha * efficientHours ** (1 - config.alpha), start.gdpUsd, 1e-12);
  } finally {
    economy.close();
  }
});

test('aiyagari: households\' reward is the CRRA utility itself, ln(c / 1000) - 10 h^3 / 3 by default', () => {
  const prefs = { utility: 'crra' as const, crra: 1, inverseFrisch: 2, laborDisutilityWeight: 10, consumptionScaleUsd: 1000 };
  assertClose(householdReward(50_000, (10 * 0.5 ** 3) / 3, prefs), Math.log(50) - (10 * 0.125) / 3, 1e-15);
  assertClose(householdReward(50_000, 0, { ...prefs, crra: 2 }), 1 - 1 / 50, 1e-15);
});

test('aiyagari: the fiscal rule keeps public debt from exploding under a government running deficits; without it, debt explodes and capital runs out', () => {
  // income tax 5 %, spending 15 % and transfers 5 % of GDP
  const gov = 'constant:0.25,0,0,0,0.5,0.25';
  const ruled = episode(gov, 0.9, {}, 500);
  assert.equal(ruled.length, 300, ruled[ruled.length - 1].doneReason ?? '');
  const debtShares = ruled.map((y) => y.debt / y.gdp);
  assert.ok(Math.max(...debtShares) < 2.5, `debt peaks at ${Math.max(...debtShares).toFixed(2)} x GDP`);
  assert.ok(ruled.every((y) => y.budget.incomeSurchargeRate > 0), 'the surcharge leans against the deficit every year');
  const unruled = episode(gov, 0.9, { fiscalRule: 'none' }, 500);
  assert.ok(unruled.length < 100, `${unruled.length} years`);
  assert.equal(unruled[unruled.length - 1].doneReason, 'production capital became negative');
  assert.ok(unruled[unruled.length - 1].debt / unruled[unruled.length - 1].gdp > 5);
});

test('aiyagari: the fiscal rule\'s surcharge never takes a bracket\'s rate above 1, so no worker owes more than it earns (Saez\'s year-1 draw)', () => {
  // Saez's random year-1 rates at seed 1: 0.569 on the first million, 0.889 on the second. Households
  // working a fifth of the time leave little income (r < 0 on the survey wealth): the rule asks for
  // 0.80, which its clip of 0.5 alone held at 0.5: 1.07 on every income, cash on hand below 0 and
  // the episode ended in year 1 ('a value became NaN')
  const economy = createEconomy({ n: 200, seed: 1, preset: 'aiyagari' });
  try {
    const [year] = runEpisode(economy, governmentByName('saez')(1), fixedShares(0.85, 0.2), { maxYears: 1 }).trajectory;
    const b = year.budget;
    assert.ok(b.tax.income.kind === 'brackets');
    const rates = b.tax.income.schedule.marginalRates;
    assertClose(Math.max(...rates), 0.8893939367683266, 1e-15);
    const asked = (economy.config.debtResponse * (year.debt - 1.2129 * year.gdp)) / (year.wageRate * year.labor + year.interestRate * (year.capital + year.debt));
    assert.ok(asked > 0.5, `the rule asks for ${asked}`);
    assert.equal(b.incomeSurchargeRate, 1 - 0.8893939367683266);
    assert.equal(year.doneReason, null);
    for (let i = 0; i < 200; i++) assert.ok(economy.postTaxIncome[i] + economy.postTaxAssets[i] > 0, `household ${i}: cash on hand ${economy.postTaxIncome[i] + economy.postTaxAssets[i]}`);
  } finally {
    economy.close();
  }
  // the ceiling: 1 - the largest bracket rate, at most the clip 0.5 (US federal's 37 % leaves the clip)
  const brackets = (marginalRates: number[]) => ({ kind: 'brackets' as const, schedule: { name: 't', lowerBoundsUsd: marginalRates.map((_, k) => 1000 * k), marginalRates, topUpperBoundUsd: Infinity, deductionUsd: 0, creditUsd: 0 } });
  assert.equal(surchargeCeiling(brackets([0.1, 0.37, 0.2])), 0.5);
  assert.equal(surchargeCeiling(brackets([0.6, 0.9])), 1 - 0.9);
  assert.equal(surchargeCeiling(brackets([0.4, 1])), 0);
  assert.equal(surchargeCeiling({ kind: 'hsv', tau: 0.2, xi: 0.05 }), 0.5);
  assert.equal(surchargeCeiling({ kind: 'none' }), 0.5);
});

test('aiyagari: a structure that does not fit is refused naming the fields', () => {
  assert.throws(() => makeConfig({ n: 10, fiscalRule: 'incomeSurcharge' }), (e: Error) => e instanceof ConfigError && /config\.fiscalRule 'incomeSurcharge' needs config\.capitalMarket 'wealth'/.test(e.message));
  assert.throws(() => makeConfig({ n: 10, preset: 'aiyagari', prices: 'market' as never }), /config\.prices must be one of 'bank', 'firm'/);
  assert.throws(() => makeConfig({ n: 10, preset: 'aiyagari', discountFactor: 0 }), /config\.discountFactor must be a number in \(0, 1\]/);
});
