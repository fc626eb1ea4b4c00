/**
 * The marginal rate T'(x) of a TaxRule (tax.ts): what a household's first-order conditions need
 * (the return on a unit of wealth after tax is 1 + r (1 - T'(z)) - T_a'(a)). Kept beside tax.ts
 * rather than in it while tax.ts is being reworked; it reads the same rules.
 */
import { bracketMarginalRate, type TaxRule } from './tax.js';

/**
 * d T / d x at amount x. HSV: T(x) = x - (1 - tau)/(1 - xi) x^(1 - xi), so T'(x) = 1 - (1 - tau) x^(-xi)
 * (-Infinity at x = 0 when xi > 0: the subsidy's slope; NaN for x < 0 unless xi = 0, as hsvTax).
 * Brackets: the rate of the bracket x falls in (the right derivative at a kink; 0 where the credit
 * absorbs the tax).
 */
export function marginalTaxRate(rule: TaxRule, amount: number): number {
  switch (rule.kind) {
    case 'none':
      return 0;
    case 'hsv':
      if (rule.xi === 0) return rule.tau;
      return 1 - (1 - rule.tau) * Math.pow(amount, -rule.xi);
    case 'brackets':
      return bracketMarginalRate(amount, rule.schedule);
  }
}
