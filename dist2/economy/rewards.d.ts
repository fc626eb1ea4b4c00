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
    postTaxAssets: Float64Array;
    income: Float64Array;
    postTaxIncome: Float64Array;
    /** Gini of N wealth or income values (the economy's sorter, which keeps each kind's rank order). */
    giniOf: (values: Float64Array, kind: 'wealth' | 'income') => number;
}
export declare function governmentReward(task: GovernmentTask, x: RewardInputs): number;
