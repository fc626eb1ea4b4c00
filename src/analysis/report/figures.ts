/**
 * Figures as Plotly figure specs: plain JSON (data traces + layout), rendered by the notebook
 * front end, by the HTML export, or by headless Chromium. Nothing here needs a browser.
 */
import { lorenzOfSorted, sortedCopy } from '../../economy/inequality.js';
import type { YearResult } from '../../economy/economy.js';

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

const FONT = { family: 'Helvetica, Arial, sans-serif', size: 13 };

function layout(title: string, xTitle: string, yTitle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
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
export function lorenzFigure(series: { name: string; values: ArrayLike<number> }[], title = 'Lorenz curves', points = 100): Figure {
  const population = Array.from({ length: points + 1 }, (_, k) => k / points);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'equality', x: [0, 1], y: [0, 1], line: { dash: 'dot', color: '#999' } },
      ...series.map((s) => {
        const shareBelow = lorenzOfSorted(sortedCopy(s.values));
        return { type: 'scatter', mode: 'lines', name: s.name, x: population, y: population.map(shareBelow) };
      }),
    ],
    layout: layout(title, 'population share (poorest first)', 'share of the total', { yaxis: { title: { text: 'share of the total' }, range: [0, 1] } }),
  };
}

/** Tax schedules: a rate (or the tax) as a function of income, one line per schedule. */
export function taxScheduleFigure(
  series: { name: string; incomeUsd: number[]; value: number[] }[],
  options: { title?: string; yTitle?: string; logX?: boolean; steps?: boolean; markers?: { name: string; incomeUsd: number[] } } = {},
): Figure {
  const data: Record<string, unknown>[] = series.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x: s.incomeUsd, y: s.value, line: { shape: options.steps ? 'hv' : 'linear' } }));
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

export type TrajectoryMetric = 'gdpPerHousehold' | 'incomeGini' | 'wealthGini' | 'totalAssetsNext' | 'capital' | 'meanHouseholdReward' | 'governmentReward' | 'wageRate';

const METRIC_TITLES: Record<TrajectoryMetric, string> = {
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
export function trajectoryFigure(series: { name: string; trajectory: readonly YearResult[] }[], metric: TrajectoryMetric, options: { logY?: boolean } = {}): Figure {
  return {
    data: series.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x: s.trajectory.map((y) => y.year), y: s.trajectory.map((y) => y[metric]) })),
    layout: layout(METRIC_TITLES[metric], 'year', METRIC_TITLES[metric], {
      yaxis: { title: { text: METRIC_TITLES[metric] }, type: options.logY ? 'log' : 'linear' },
    }),
  };
}

/** Distribution of wealth (or income) across households, log10 scale. */
export function distributionFigure(series: { name: string; values: ArrayLike<number> }[], title = 'Wealth distribution', xTitle = 'log10 wealth (USD)'): Figure {
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

/** One household state's shares under two policies, for bestResponseFigure. */
export interface SharesByWealth {
  /** e.g. 'year 1, ability 1.0'. */
  label: string;
  wealthUsd: number[];
  bestSaving: number[];
  bestWork: number[];
  policySaving: number[];
  policyWork: number[];
}

/**
 * The best response beside the policy's own: saving share (left) and work share (right) against
 * wealth, one colour per (year, ability), solid for the best response, dotted for the policy.
 */
export function bestResponseFigure(series: SharesByWealth[], title = 'Best response (solid) and the households\' policy (dotted)'): Figure {
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  const data: Record<string, unknown>[] = [];
  series.forEach((s, k) => {
    const color = colours[k % colours.length];
    for (const [axis, best, own] of [['', s.bestSaving, s.policySaving], ['2', s.bestWork, s.policyWork]] as const) {
      data.push({ type: 'scatter', mode: 'lines', name: `${s.label}: best response`, legendgroup: s.label, showlegend: axis === '', x: s.wealthUsd, y: best, xaxis: `x${axis}`, yaxis: `y${axis}`, line: { color } });
      data.push({ type: 'scatter', mode: 'lines', name: `${s.label}: policy`, legendgroup: s.label, showlegend: axis === '', x: s.wealthUsd, y: own, xaxis: `x${axis}`, yaxis: `y${axis}`, line: { color, dash: 'dot' } });
    }
  });
  return {
    data,
    layout: layout(title, 'wealth (USD)', 'saving share', {
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'wealth (USD)' }, type: 'log' },
      yaxis: { title: { text: 'saving share' }, range: [0, 1] },
      xaxis2: { title: { text: 'wealth (USD)' }, type: 'log' },
      yaxis2: { title: { text: 'work share' }, range: [0, 1] },
    }),
  };
}
