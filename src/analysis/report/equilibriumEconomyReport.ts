/**
 * Notebook 09, the equilibrium economy (preset `aiyagari`), as tables and Plotly figures: the two
 * presets' price rules beside the free market's steady state, the stationary wealth distribution,
 * equilibrium paths from the survey households and their solver's residuals, and the followers'
 * exploitability against N as recorded in data/measurements/equilibrium-exploitability.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { makeConfig } from '../../economy/config.js';
import { dataPath, projectRoot } from '../../data/paths.js';
import { aq, type Table } from '../../data/frames.js';
import type { SteadyStateRun } from '../../equilibrium/presetEquilibrium.js';
import type { PresetTransition } from '../../equilibrium/presetTransition.js';
import type { Figure } from './figures.js';

const FONT = { family: 'Helvetica, Arial, sans-serif', size: 13 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

function baseLayout(title: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { title: { text: title }, font: FONT, legend: { orientation: 'h', y: -0.22 }, margin: { l: 80, r: 20, t: 50, b: 80 }, ...extra };
}

/**
 * The paper's preset beside `aiyagari`: how each sets the interest rate, and the free market's
 * steady state where one exists (`run`: runSteadyState under free-market, preset aiyagari).
 */
export function presetPricesTable(run: SteadyStateRun): Table {
  const paper = makeConfig({ preset: 'paper', n: run.config.n });
  const c = run.config;
  const s = run.solution;
  return aq.from([
    {
      preset: 'paper',
      prices: `bank: r = ${paper.interestRate}, fixed`,
      householdWealth: 'at the bank',
      interestRate: paper.interestRate,
      capitalOutput: null,
      outputPerHouseholdUsd: null,
      equilibrium: 'none surviving (notebook 08)',
    },
    {
      preset: c.preset,
      prices: `firm: r = alpha Y / K - delta = ${c.alpha} Y / K - ${c.depreciationRate}`,
      householdWealth: 'capital + public debt',
      interestRate: s.interestRate,
      capitalOutput: s.capital / s.output,
      outputPerHouseholdUsd: s.output,
      equilibrium: `steady state, ${run.government.name}`,
    },
  ]);
}

/** Share of households with wealth at most a, over the steady state's wealth grid (all ability nodes). */
export function stationaryWealthCdf(run: SteadyStateRun): { wealthUsd: number[]; share: number[] } {
  const s = run.solution;
  const points = s.assetGrid.length, nodes = s.chain.ability.length;
  const mass = new Float64Array(points);
  for (let i = 0; i < nodes; i++) for (let j = 0; j < points; j++) mass[j] += s.distribution[i * points + j];
  const total = mass.reduce((a, b) => a + b, 0);
  const wealthUsd: number[] = [], share: number[] = [];
  let cumulative = 0;
  for (let j = 0; j < points; j++) {
    cumulative += mass[j] / total;
    wealthUsd.push(s.assetGrid[j]);
    share.push(Math.min(cumulative, 1));
  }
  return { wealthUsd, share };
}

/** The stationary distribution of wealth as a cumulative share (log wealth axis), with the mean and the share at zero. */
export function steadyStateWealthFigure(run: SteadyStateRun): Figure {
  const { wealthUsd, share } = stationaryWealthCdf(run);
  const s = run.solution;
  const atZero = share[0];
  // the grid's first point is 0, which a log axis cannot show: its mass is the curve's first value
  const x = wealthUsd.slice(1), y = share.slice(1);
  const top = x.findIndex((_, k) => y[k] >= 1 - 1e-9);
  const last = top < 0 ? x.length : top + 1;
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'stationary distribution', x: x.slice(0, last), y: y.slice(0, last), line: { shape: 'hv', color: COLOURS[0] } },
      { type: 'scatter', mode: 'lines', name: `mean wealth (${Math.round(s.assets).toLocaleString('en-US')} USD)`, x: [s.assets, s.assets], y: [0, 1], line: { dash: 'dot', color: '#555' } },
    ],
    layout: baseLayout(`Stationary wealth, ${run.government.name}: ${(100 * atZero).toFixed(1)} % of households at zero (the borrowing limit)`, {
      xaxis: { title: { text: 'wealth (USD)' }, type: 'log' },
      yaxis: { title: { text: 'share of households with at most this wealth' }, range: [0, 1] },
    }),
  };
}

/** One solved path, labelled. */
export interface LabelledTransition {
  name: string;
  run: PresetTransition;
}

/** Each path's solve: converged, evaluations, the largest residual, accounting, seconds. */
export function transitionTable(series: LabelledTransition[]): Table {
  return aq.from(
    series.map(({ name, run }) => ({
      government: name,
      households: run.config.n,
      seed: run.config.seed,
      years: run.trajectory.length,
      converged: run.converged ? 'yes' : 'no',
      evaluations: run.iterations,
      residual: run.residual,
      goodsResidual: run.goodsResidual,
      interestRateYear1: run.trajectory[0].interestRate,
      interestRateLastYear: run.trajectory[run.trajectory.length - 1].interestRate,
      seconds: Number(run.seconds.toFixed(1)),
    })),
  );
}

/**
 * The equilibrium paths: the interest rate (left) and capital per household (right) each year,
 * one colour per government, with a steady state's values dotted when given.
 */
export function transitionPathFigure(series: LabelledTransition[], steadyState?: SteadyStateRun): Figure {
  const data: Record<string, unknown>[] = [];
  series.forEach(({ name, run }, k) => {
    const color = COLOURS[k % COLOURS.length];
    const years = run.trajectory.map((y) => y.year);
    data.push({ type: 'scatter', mode: 'lines', name, legendgroup: name, x: years, y: run.trajectory.map((y) => y.interestRate), line: { color } });
    data.push({ type: 'scatter', mode: 'lines', name, legendgroup: name, showlegend: false, x: years, y: run.trajectory.map((y) => y.capital / run.config.n), xaxis: 'x2', yaxis: 'y2', line: { color } });
  });
  if (steadyState) {
    const s = steadyState.solution;
    const lastYear = Math.max(...series.map(({ run }) => run.trajectory.length));
    const name = `${steadyState.government.name} steady state`;
    data.push({ type: 'scatter', mode: 'lines', name, legendgroup: name, x: [1, lastYear], y: [s.interestRate, s.interestRate], line: { dash: 'dot', color: '#555' } });
    data.push({ type: 'scatter', mode: 'lines', name, legendgroup: name, showlegend: false, x: [1, lastYear], y: [s.capital, s.capital], xaxis: 'x2', yaxis: 'y2', line: { dash: 'dot', color: '#555' } });
  }
  const first = series[0]?.run;
  return {
    data,
    layout: baseLayout(`Equilibrium paths from the survey households${first ? ` (N = ${first.config.n}, seed ${first.config.seed})` : ''}`, {
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'year' } },
      yaxis: { title: { text: 'interest rate r' } },
      xaxis2: { title: { text: 'year' } },
      yaxis2: { title: { text: 'capital per household (USD)' } },
    }),
  };
}

/** The solver's largest difference between realised and expected terms at each evaluation of the path (log scale). */
export function transitionResidualFigure(series: LabelledTransition[], tolerance = 1e-6): Figure {
  const longest = Math.max(1, ...series.map(({ run }) => run.history.length));
  return {
    data: [
      ...series.map(({ name, run }, k) => ({
        type: 'scatter',
        mode: 'lines+markers',
        name,
        x: run.history.map((h) => h.iteration),
        y: run.history.map((h) => h.residual),
        line: { color: COLOURS[k % COLOURS.length] },
      })),
      { type: 'scatter', mode: 'lines', name: `tolerance ${tolerance.toExponential(0)}`, x: [1, longest], y: [tolerance, tolerance], line: { dash: 'dot', color: '#555' } },
    ],
    layout: baseLayout('The fixed point: largest difference between the terms realised and expected', {
      xaxis: { title: { text: 'evaluation of the path' } },
      yaxis: { title: { text: 'residual' }, type: 'log', exponentformat: 'power' },
    }),
  };
}

type ExploitabilityRow = { n: number; meanRelativeGain: number; perSeed: { seed: number; meanRelativeGain: number; maxRelativeGain: number }[] };

/** data/measurements/equilibrium-exploitability.json: the followers' exploitability of an equilibrium policy against N. */
export interface EquilibriumExploitabilityRecord {
  policy: string;
  government: string;
  seeds: number[];
  /** The table of one draw played on other seeds. */
  rows: ExploitabilityRow[];
  command: string;
  /** The same folder's households that solve the equilibrium of the draw they play (rationalHouseholds.ts), when recorded. */
  solvedPerDraw?: { policy: string; rows: ExploitabilityRow[]; command: string };
}

export class MissingRecordError extends Error {}

export const EQUILIBRIUM_EXPLOITABILITY_FILE = ['measurements', 'equilibrium-exploitability.json'] as const;

/** Reads the record; a missing file or a field of the wrong shape is an error that says which. */
export function readEquilibriumExploitability(path = dataPath(...EQUILIBRIUM_EXPLOITABILITY_FILE)): EquilibriumExploitabilityRecord {
  const shown = relative(projectRoot(), path) || path;
  if (!existsSync(path)) {
    throw new MissingRecordError(
      `${shown} is missing: it holds the followers' exploitability of the equilibrium households against N ` +
        '({ policy, government, seeds, rows: [{ n, meanRelativeGain, perSeed: [{ seed, meanRelativeGain, maxRelativeGain }] }], command }); ' +
        'record it (smfg exploit on the equilibrium households at each N) before running this section',
    );
  }
  const record = JSON.parse(readFileSync(path, 'utf8')) as EquilibriumExploitabilityRecord;
  const bad = (field: string) => new MissingRecordError(`${shown}: ${field} is missing or not of the expected type`);
  if (typeof record.policy !== 'string') throw bad('policy');
  if (typeof record.government !== 'string') throw bad('government');
  if (typeof record.command !== 'string') throw bad('command');
  if (!Array.isArray(record.seeds) || !record.seeds.every(Number.isFinite)) throw bad('seeds');
  const checkRows = (rows: ExploitabilityRow[], name: string) => {
    if (!Array.isArray(rows) || rows.length === 0) throw bad(name);
    rows.forEach((row, k) => {
      if (!(Number.isFinite(row.n) && row.n > 0)) throw bad(`${name}[${k}].n`);
      if (!Number.isFinite(row.meanRelativeGain)) throw bad(`${name}[${k}].meanRelativeGain`);
      if (!Array.isArray(row.perSeed)) throw bad(`${name}[${k}].perSeed`);
      row.perSeed.forEach((s, j) => {
        for (const field of ['seed', 'meanRelativeGain', 'maxRelativeGain'] as const) if (!Number.isFinite(s[field])) throw bad(`${name}[${k}].perSeed[${j}].${field}`);
      });
    });
  };
  checkRows(record.rows, 'rows');
  if (record.solvedPerDraw !== undefined) {
    if (typeof record.solvedPerDraw.policy !== 'string') throw bad('solvedPerDraw.policy');
    if (typeof record.solvedPerDraw.command !== 'string') throw bad('solvedPerDraw.command');
    checkRows(record.solvedPerDraw.rows, 'solvedPerDraw.rows');
  }
  return record;
}

/**
 * One row per households' policy and N: the mean relative gain over seeds, its range across seeds
 * and the largest household's, in percent.
 */
export function equilibriumExploitabilityTable(record: EquilibriumExploitabilityRecord): Table {
  const series: [string, ExploitabilityRow[]][] = [['one draw\'s table', record.rows]];
  if (record.solvedPerDraw) series.push(['solved for the draw played', record.solvedPerDraw.rows]);
  return aq.from(
    series.flatMap(([households, rows]) =>
      [...rows]
      .sort((a, b) => a.n - b.n)
      .map((row) => {
        const means = row.perSeed.map((s) => 100 * s.meanRelativeGain);
        return {
          households,
          n: row.n,
          seeds: row.perSeed.map((s) => s.seed).join(', '),
          meanGainPercent: 100 * row.meanRelativeGain,
          lowestSeedPercent: means.length ? Math.min(...means) : null,
          highestSeedPercent: means.length ? Math.max(...means) : null,
          largestHouseholdPercent: row.perSeed.length ? 100 * Math.max(...row.perSeed.map((s) => s.maxRelativeGain)) : null,
        };
      }),
    ),
  );
}

/**
 * The mean relative gain (percent) against N on log axes: the mean over seeds and each seed's, for
 * one draw's table and (when recorded) for households that solve the draw they play.
 */
export function equilibriumExploitabilityFigure(record: EquilibriumExploitabilityRecord): Figure {
  const series: [string, ExploitabilityRow[]][] = [["one draw's table", record.rows]];
  if (record.solvedPerDraw) series.push(['solved for the draw played', record.solvedPerDraw.rows]);
  const data = series.flatMap(([name, unsorted], k) => {
    const rows = [...unsorted].sort((a, b) => a.n - b.n);
    const perSeed = rows.flatMap((row) => row.perSeed.map((s) => ({ n: row.n, seed: s.seed, gain: 100 * s.meanRelativeGain })));
    return [
      { type: 'scatter', mode: 'markers', name: `${name}: one seed`, x: perSeed.map((p) => p.n), y: perSeed.map((p) => p.gain), text: perSeed.map((p) => `seed ${p.seed}`), marker: { color: COLOURS[k], opacity: 0.4, size: 7 } },
      { type: 'scatter', mode: 'lines+markers', name: `${name}: mean over seeds`, x: rows.map((r) => r.n), y: rows.map((r) => 100 * r.meanRelativeGain), line: { color: COLOURS[k] }, marker: { size: 9 } },
    ];
  });
  return {
    data,
    layout: baseLayout(`The followers' exploitability against N: ${record.government}`, {
      xaxis: { title: { text: 'households N' }, type: 'log' },
      yaxis: { title: { text: 'mean relative gain of the best response (%)' }, type: 'log', exponentformat: 'power' },
    }),
  };
}
