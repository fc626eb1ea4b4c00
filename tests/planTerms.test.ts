import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taxDue, type TaxRule } from '../src/economy/tax.js';
import { marginalTaxRate } from '../src/economy/marginalTax.js';
import { NEUTRAL_TERMS, postTaxIncomeOf, postTaxWealthOf } from '../src/economy/householdBudget.js';
import { Rng } from '../src/economy/rng.js';
import { authorsUsFederal2022, loadBracketSchedule } from '../src/data/taxSchedules.js';
import { PlanTerms, TaxCurve } from '../src/equilibrium/planTerms.js';
import { marginalIncomeTax, marginalWealthTax } from '../src/equilibrium/presetHousehold.js';

const RULES: [string, TaxRule][] = [
  ['none', { kind: 'none' }],
  ['hsv', { kind: 'hsv', tau: 0.25, xi: 0.12 }],
  ['flat hsv', { kind: 'hsv', tau: 0.2, xi: 0 }],
  ["authors' US federal 2022 (credit, top bound)", { kind: 'brackets', schedule: authorsUsFederal2022() }],
  ['statutory US 2022 (open top)', { kind: 'brackets', schedule: loadBracketSchedule({ country: 'us', year: 2022, filingStatus: 'single' }) }],
];

/** Amounts over the whole range, the brackets' edges and their neighbours included. */
function amounts(): number[] {
  const rng = new Rng(7);
  const xs = [0, 1, 0.5, 12_950, 12_950 + 5_000, 12_950 + 10_275, 12_950 + 41_775, 12_950 + 539_900, 12_950 + 1e9, 3e9];
  for (const x of [...xs]) xs.push(x + 1e-6, Math.max(0, x - 1e-6));
  for (let k = 0; k < 2_000; k++) xs.push(Math.exp(rng.uniform() * Math.log(5e9)));
  return xs;
}

test('a TaxCurve gives taxDue and marginalTaxRate to the last bit, whatever the kind of rule', () => {
  const curve = new TaxCurve();
  for (const [name, rule] of RULES) {
    curve.set(rule);
    for (const x of amounts()) {
      assert.equal(curve.due(x), taxDue(rule, x), `${name}: tax at ${x}`);
      assert.equal(curve.marginal, marginalTaxRate(rule, x), `${name}: marginal rate at ${x}`);
    }
  }
  // one curve reused across kinds keeps nothing of the last rule
  curve.set(RULES[3][1]).set({ kind: 'none' });
  assert.equal(curve.due(1e6), 0);
});

test("PlanTerms gives the budget's post-tax income, wealth and marginal rates (surcharge, transfer, untaxed losses)", () => {
  const year = new PlanTerms();
  for (const [name, rule] of RULES) {
    for (const untaxedLosses of [false, true]) {
      const terms = { ...NEUTRAL_TERMS, wageRate: 30, interestRate: -0.01, cashOnHand: true, untaxedLosses, incomeSurchargeRate: 0.03, transferUsd: 2_500, tax: { income: rule, wealth: RULES[1][1] } };
      year.set(terms);
      for (const z of [-5_000, -1, 0, 0.3, 1, ...amounts().slice(0, 200)]) {
        const expected = postTaxIncomeOf(terms, z);
        const got = year.postTaxIncome(z);
        if (Number.isNaN(expected)) assert.ok(Number.isNaN(got), `${name}: post-tax income at ${z}`);
        else assert.equal(got, expected, `${name}: post-tax income at ${z}`);
        assert.equal(year.marginalIncomeTax, marginalIncomeTax(terms, z), `${name}: marginal income tax at ${z}`);
      }
      for (const a of [0, 1, 250_000, 3e7]) {
        assert.equal(year.postTaxWealth(a), postTaxWealthOf(terms, a));
        assert.equal(year.marginalWealthTax(a), marginalWealthTax(terms, a));
      }
    }
  }
});
