"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.governmentReward = governmentReward;
function governmentReward(task, x) {
    switch (task) {
        case 'gdp':
            if (x.config.gdpReward === 'outputGrowth') {
                return ((x.gdpPerHousehold - x.previousGdpPerHousehold) / x.previousGdpPerHousehold) * 100;
            }
            return ((x.capitalNext - x.capital) / x.capital) * 100;
        case 'gini': {
            const wealthBefore = x.giniOf(x.assets, 'wealth');
            const wealthAfter = x.giniOf(x.postTaxAssets, 'wealth');
            const incomeBefore = x.giniOf(x.income, 'income');
            const incomeAfter = x.giniOf(x.postTaxIncome, 'income');
            return ((incomeBefore - incomeAfter) / incomeBefore + (wealthBefore - wealthAfter) / wealthBefore) * 100;
        }
        case 'social_welfare':
            return x.socialWelfare;
        case 'gdp_gini':
            return (x.gdpPerHousehold - x.previousGdpPerHousehold) / x.previousGdpPerHousehold - x.config.giniWeight * (x.wealthGini * x.incomeGini);
    }
}
//# sourceMappingURL=rewards.js.map