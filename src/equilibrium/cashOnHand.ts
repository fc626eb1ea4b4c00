/**
 * The household's budget in the stationary problem, as cash on hand: everything it can split
 * between consumption and next year's assets. With ability e, hours h and wealth a,
 *
 *   z = W e h + r a                    income
 *   y = z - T(z) + transfer            income after tax
 *   x = y + (a - T_a(a))               cash on hand (after-tax income plus after-tax wealth)
 *   (1 + tau_c) c + a' = x,  a' >= 0   so c = (1 - p) x / (1 + tau_c), a' = p x with p the saving share,
 *
 * the budget of the new preset of issue 27. The endogenous grid method needs x at every grid
 * state and its slope, the return on one more unit of wealth after tax (the envelope condition):
 *
 *   dx/da = 1 + r (1 - T'(z)) - T_a'(a).
 *
 * Hours are exogenous here (one number per ability node); with labour chosen they become part of
 * the policy and x is computed with the chosen h (see docs/equilibrium.md).
 */
import { taxDue, type TaxSchedule } from '../economy/tax.js';
import { marginalTaxRate } from '../economy/marginalTax.js';

export interface StationaryBudget {
  wage: number;
  interestRate: number;
  /** h per ability node (exogenous labour). */
  hours: Float64Array;
  tax: TaxSchedule;
  /** tau_c >= 0. */
  consumptionTaxRate: number;
  /** Lump-sum transfer per household per period. */
  transfer: number;
}

/** x and dx/da at (ability e, hours h, wealth a), written into out[0] and out[1]. */
export function cashOnHandAt(budget: StationaryBudget, ability: number, hours: number, assets: number, out: Float64Array): Float64Array {
  const r = budget.interestRate;
  const income = budget.wage * ability * hours + r * assets;
  const { income: incomeTax, wealth: wealthTax } = budget.tax;
  out[0] = income - taxDue(incomeTax, income) + budget.transfer + assets - taxDue(wealthTax, assets);
  out[1] = 1 + r * (1 - marginalTaxRate(incomeTax, income)) - marginalTaxRate(wealthTax, assets);
  return out;
}

/**
 * x and dx/da at every grid state (node i, point j at i * N + j). Throws, naming the tax or the
 * state, where the problem is not one the endogenous grid method can solve: cash on hand not
 * positive, a marginal rate not finite, or wealth that returns nothing or less after tax.
 */
export function cashOnHandGrid(budget: StationaryBudget, ability: Float64Array, assets: Float64Array, x: Float64Array, slope: Float64Array): void {
  const n = assets.length;
  const pair = new Float64Array(2);
  for (let i = 0; i < ability.length; i++) {
    for (let j = 0; j < n; j++) {
      cashOnHandAt(budget, ability[i], budget.hours[i], assets[j], pair);
      const s = i * n + j;
      x[s] = pair[0];
      slope[s] = pair[1];
      if (!(pair[0] > 0) || !Number.isFinite(pair[0])) {
        throw new RangeError(
          `cash on hand must be a finite number > 0 at every state, got ${pair[0]} at ability node ${i}, wealth ${assets[j]} ` +
            `(r = ${budget.interestRate}, W = ${budget.wage}): give hours, a transfer, or a tax that leaves something to consume`,
        );
      }
      if (!(pair[1] > 0) || !Number.isFinite(pair[1])) {
        throw new RangeError(
          `the return on wealth after tax, dx/da = 1 + r (1 - T'(z)) - T_a'(a), must be finite and > 0 at every state, got ${pair[1]} at ability node ${i}, ` +
            `wealth ${assets[j]}: tax.income and tax.wealth need finite marginal rates on the grid (an HSV tax with xi > 0 has an infinite one at 0)`,
        );
      }
    }
  }
}
