"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lorenzFigure = lorenzFigure;
exports.taxScheduleFigure = taxScheduleFigure;
exports.trajectoryFigure = trajectoryFigure;
exports.distributionFigure = distributionFigure;
/**
 * Figures as Plotly figure specs: plain JSON (data traces + layout), rendered by the notebook
 * front end, by the HTML export, or by headless Chromium. Nothing here needs a browser.
 */
const inequality_js_1 = require("../economy/inequality.js");
const FONT = { family: 'Helvetica, Arial, sans-serif', size: 13 };
function layout(title, xTitle, yTitle, extra = {}) {
    return {
        title: { text: title },
        font: FONT,
        xaxis: { title: { text: xTitle }, zeroline: false },
        yaxis: { title: { text: yTitle }, zeroline: false },
        legend: { orientation: 'h', y: -0.2 },
        margin: { l: 70, r: 20, t: 50, b: 80 },
        ...extra,
    };
}
/** Lorenz curves of several distributions, with the line of equality. */
function lorenzFigure(series, title = 'Lorenz curves', points = 100) {
    const population = Array.from({ length: points + 1 }, (_, k) => k / points);
    return {
        data: [
            { type: 'scatter', mode: 'lines', name: 'equality', x: [0, 1], y: [0, 1], line: { dash: 'dot', color: '#999' } },
            ...series.map((s) => {
                const shareBelow = (0, inequality_js_1.lorenzOfSorted)((0, inequality_js_1.sortedCopy)(s.values));
                return { type: 'scatter', mode: 'lines', name: s.name, x: population, y: population.map(shareBelow) };
            }),
        ],
        layout: layout(title, 'population share (poorest first)', 'share of the total', { yaxis: { title: { text: 'share of the total' }, range: [0, 1] } }),
    };
}
/** Tax schedules: a rate (or the tax) as a function of income, one line per schedule. */
function taxScheduleFigure(series, options = {}) {
    const data = series.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x: s.incomeUsd, y: s.value, line: { shape: options.steps ? 'hv' : 'linear' } }));
    if (options.markers) {
        data.push({
            type: 'scatter',
            mode: 'markers',
            name: options.markers.name,
            x: options.markers.incomeUsd,
            y: options.markers.incomeUsd.map(() => 0),
            marker: { symbol: 'line-ns-open', size: 14, color: '#444' },
        });
    }
    return {
        data,
        layout: layout(options.title ?? 'Tax schedules', 'income (USD per year)', options.yTitle ?? 'average tax rate', {
            xaxis: { title: { text: 'income (USD per year)' }, type: options.logX ? 'log' : 'linear' },
        }),
    };
}
const METRIC_TITLES = {
    gdpPerHousehold: 'GDP per household (USD)',
    incomeGini: 'income Gini (post-tax)',
    wealthGini: 'wealth Gini (post-tax)',
    totalAssetsNext: 'household wealth (USD)',
    capital: 'production capital K (USD)',
    meanHouseholdReward: 'mean household reward',
    governmentReward: 'government reward',
    wageRate: 'wage rate (USD per efficiency hour)',
};
/** One metric over the years of several episodes (e.g. one per government). */
function trajectoryFigure(series, metric, options = {}) {
    return {
        data: series.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x: s.trajectory.map((y) => y.year), y: s.trajectory.map((y) => y[metric]) })),
        layout: layout(METRIC_TITLES[metric], 'year', METRIC_TITLES[metric], {
            yaxis: { title: { text: METRIC_TITLES[metric] }, type: options.logY ? 'log' : 'linear' },
        }),
    };
}
/** Distribution of wealth (or income) across households, log10 scale. */
function distributionFigure(series, title = 'Wealth distribution', xTitle = 'log10 wealth (USD)') {
    return {
        data: series.map((s) => ({
            type: 'histogram',
            name: s.name,
            x: Array.from(s.values, (v) => (v > 0 ? Math.log10(v) : null)),
            opacity: 0.6,
            nbinsx: 40,
        })),
        layout: layout(title, xTitle, 'households', { barmode: 'overlay' }),
    };
}
//# sourceMappingURL=figures.js.map