/**
 * The government's objective, one number per year, by task:
 *   gdp            100 (K' - K) / K  (the authors reward capital growth; gdpReward = 'outputGrowth'
 *                  rewards 100 (y - y_prev) / y_prev of per-household GDP instead)
 *   gini           100 x (relative reduction of the income Gini by income taxes
 *                        + relative reduction of the wealth Gini by wealth taxes)
 *   social_welfare sum of household rewards
 *   gdp_gini       per-household GDP growth - w x wealth Gini x income Gini
 */
import type { EconomyConfig, GovernmentTask } from './config.js';

export interface RewardInputs {
  config: EconomyConfig;
  capital: number;
  capitalNext: number;
  gdpPerHousehold: number;
  previousGdpPerHousehold: number;
  wealthGini: number;
  incomeGini: number;
  socialWelfare: number;
  assets: Float64Array;
  income: Float64Array;
  /** Gini of N values (the economy's sorter). */
  giniOf: (values: Float64Array) => number;
}

export function governmentReward(task: GovernmentTask, x: RewardInputs): number {
  switch (task) {
    case 'gdp':
      if (x.config.gdpReward === 'outputGrowth') {
        return ((x.gdpPerHousehold - x.previousGdpPerHousehold) / x.previousGdpPerHousehold) * 100;
      }
      return ((x.capitalNext - x.capital) / x.capital) * 100;
    case 'gini': {
      // the Ginis after taxes are the year's wealthGini and incomeGini
      const wealthBefore = x.giniOf(x.assets);
      const wealthAfter = x.wealthGini;
      const incomeBefore = x.giniOf(x.income);
      const incomeAfter = x.incomeGini;
      return ((incomeBefore - incomeAfter) / incomeBefore + (wealthBefore - wealthAfter) / wealthBefore) * 100;
    }
    case 'social_welfare':
      return x.socialWelfare;
    case 'gdp_gini':
      return (x.gdpPerHousehold - x.previousGdpPerHousehold) / x.previousGdpPerHousehold - x.config.giniWeight * (x.wealthGini * x.incomeGini);
  }
}
