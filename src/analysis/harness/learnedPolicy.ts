/**
 * What a learned policy does, for notebooks: its learning curves, the tax schedules its leader
 * chooses next to US federal 2022, and its followers' saving and work by ability and wealth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEconomy } from '../../data/defaults.js';
import { aq, type Table } from '../../data/frames.js';
import { bracketAverageRate, taxDue, type BracketSchedule } from '../../economy/tax.js';
import { GOVERNMENT_ACTION } from '../../economy/spaces.js';
import { decodeGovernmentAction } from '../../economy/government.js';
import { makeConfig } from '../../economy/config.js';
import { followerSaving, followerWork, leaderActionSeenByFollowers, logObservation } from '../../learning/encoding.js';
import { loadPolicy, type LoadedPolicy } from '../../learning/policyFolder.js';
import { followerActorInputs, followerActorOutputs } from '../../learning/acting.js';
import { withRunSeconds, type EpochMetrics } from '../../learning/train.js';
import { learnedGovernment, learnedHouseholds } from '../../policies/learned.js';
import { runEpisode, type Episode } from '../../policies/episode.js';
import type { Figure } from '../report/figures.js';

/** The metrics of the run that made a policy (metrics.jsonl beside policy.json, or in the run folder above it), with the run's clock (reconstructed for older logs). */
export function policyMetrics(folder: string): EpochMetrics[] {
  for (const path of [join(folder, 'metrics.jsonl'), join(folder, '..', 'metrics.jsonl')]) {
    if (existsSync(path)) return withRunSeconds(readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l)));
  }
  throw new Error(`${folder}: no metrics.jsonl beside the policy or in its run folder`);
}

/** One episode of the learned leader with its learned followers. */
export function learnedEpisode(policy: string | LoadedPolicy, seed: number, n?: number): Episode {
  const p = typeof policy === 'string' ? loadPolicy(policy) : policy;
  const economy = createEconomy({ n: n ?? p.file.n, seed, preset: p.file.preset as 'paper', task: p.file.task as 'gdp' });
  try {
    return runEpisode(economy, learnedGovernment(p), learnedHouseholds(p));
  } finally {
    economy.close();
  }
}

/** Average tax rates of the leader's income and wealth taxes in `year` of an episode, US federal 2022's income tax, and the leader's instruments. */
export function learnedTaxTable(episode: Episode, federal: BracketSchedule, amountsUsd: number[], year = 1): Table {
  const { instruments, budget } = episode.trajectory[year - 1];
  const instrumentColumns = Object.fromEntries(GOVERNMENT_ACTION.names.map((name) => [name, instruments[name as keyof typeof instruments]]));
  return aq.from(
    amountsUsd.map((x) => ({
      amountUsd: x,
      learnedIncomeTaxRate: taxDue(budget.tax.income, x) / x,
      learnedWealthTaxRate: taxDue(budget.tax.wealth, x) / x,
      usFederal2022IncomeTaxRate: bracketAverageRate(x, federal),
      ...instrumentColumns,
    })),
  );
}

/**
 * Saving and work shares the learned followers choose for a grid of (ability, wealth), facing the
 * leader's action of the first year of an economy with `seed`.
 */
export function followerResponseTable(policy: string | LoadedPolicy, abilities: number[], wealthsUsd: number[], seed = 1): Table {
  const p = typeof policy === 'string' ? loadPolicy(policy) : policy;
  const economy = createEconomy({ n: p.file.n, seed, preset: p.file.preset as 'paper' });
  let raw: Float64Array;
  try {
    economy.reset();
    raw = learnedGovernment(p).decide(economy).action;
  } finally {
    economy.close();
  }
  const seen = leaderActionSeenByFollowers(raw, p.leaderAction, new Float64Array(p.leaderAction.size));
  const rows = abilities.length * wealthsUsd.length;
  const logged = new Float64Array(2 * rows);
  abilities.forEach((e, i) => wealthsUsd.forEach((a, j) => logObservation([e, a], logged.subarray(2 * (i * wealthsUsd.length + j), 2 * (i * wealthsUsd.length + j) + 2))));
  const u = followerActorOutputs(p.followerActor, p.privateNormaliser, logged, seen, rows, new Float64Array(followerActorInputs(p.followerView, p.leaderAction) * rows), p.followerView);
  const instruments = decodeGovernmentAction(raw, makeConfig({ n: 1 }));
  return aq.from(
    abilities.flatMap((ability, i) =>
      wealthsUsd.map((wealthUsd, j) => {
        const r = i * wealthsUsd.length + j;
        return { ability, wealthUsd, savingShare: Math.min(0.99, followerSaving(u[2 * r], p.followerView.savingMap)), workShare: Math.min(0.99, Math.max(0.001, followerWork(u[2 * r + 1]))), tau: instruments.tau };
      }),
    ),
  );
}

const FONT = { family: 'Helvetica, Arial, sans-serif', size: 13 };

/** Evaluation government reward and social welfare per epoch against the run's clock (runSeconds: it continues across resumes). */
export function learningCurveFigure(metrics: EpochMetrics[], title = 'SMFRL learning curve'): Figure {
  const evaluated = metrics.filter((m) => m.evalGovernmentReward !== null);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'government reward (evaluation)', x: evaluated.map((m) => m.runSeconds), y: evaluated.map((m) => m.evalGovernmentReward) },
      { type: 'scatter', mode: 'lines+markers', name: 'social welfare (evaluation)', x: evaluated.map((m) => m.runSeconds), y: evaluated.map((m) => m.evalSocialWelfare), yaxis: 'y2' },
    ],
    layout: {
      title: { text: title },
      font: FONT,
      xaxis: { title: { text: 'training seconds since the run started (summed over resumed processes)' } },
      yaxis: { title: { text: 'government reward (sum over years)' } },
      yaxis2: { title: { text: 'social welfare' }, overlaying: 'y', side: 'right' },
      legend: { orientation: 'h', y: -0.25 },
      margin: { l: 70, r: 70, t: 50, b: 90 },
    },
  };
}

/** Relative gains of each side improved alone (exploitability), per measured epoch. */
export function exploitabilityFigure(metrics: EpochMetrics[]): Figure {
  const measured = metrics.filter((m) => m.exploitLeaderGain !== null);
  return {
    data: [
      { type: 'bar', name: 'leader alone: gain in government reward', x: measured.map((m) => m.epoch + 1), y: measured.map((m) => 100 * (m.exploitLeaderGain as number)) },
      { type: 'bar', name: 'followers alone: gain in social welfare', x: measured.map((m) => m.epoch + 1), y: measured.map((m) => 100 * (m.exploitFollowerGain as number)) },
    ],
    layout: {
      title: { text: 'Exploitability: what each side gains by improving alone' },
      font: FONT,
      barmode: 'group',
      xaxis: { title: { text: 'epoch' } },
      yaxis: { title: { text: 'relative gain (%)' } },
      legend: { orientation: 'h', y: -0.25 },
      margin: { l: 70, r: 20, t: 50, b: 90 },
    },
  };
}

/** A heat map of one follower response over (ability, wealth). */
export function responseHeatmapFigure(table: Table, response: 'savingShare' | 'workShare'): Figure {
  const rows = table.objects() as { ability: number; wealthUsd: number; savingShare: number; workShare: number }[];
  const abilities = [...new Set(rows.map((r) => r.ability))];
  const wealths = [...new Set(rows.map((r) => r.wealthUsd))];
  const z = abilities.map((e) => wealths.map((a) => rows.find((r) => r.ability === e && r.wealthUsd === a)![response]));
  return {
    data: [{ type: 'heatmap', x: wealths, y: abilities, z, colorscale: 'Viridis', zmin: response === 'savingShare' ? 0.5 : 0, zmax: 1, colorbar: { title: { text: response } } }],
    layout: {
      title: { text: `Learned followers: ${response === 'savingShare' ? 'saving share' : 'work share'} by ability and wealth` },
      font: FONT,
      xaxis: { title: { text: 'wealth (USD)' }, type: 'log' },
      yaxis: { title: { text: 'ability (education level)' } },
      margin: { l: 70, r: 20, t: 50, b: 60 },
    },
  };
}
