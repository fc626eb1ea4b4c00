/**
 * The one episode loop: a government policy and a household policy play the economy year by
 * year, keeping the trajectory of every year and the episode metrics. The harness, the
 * exploitability's simulations and the notebooks all play episodes through it.
 */
import { Economy, type YearResult } from '../economy/economy.js';
import { summarizeEpisode, type EpisodeMetrics } from '../economy/metrics.js';
import type { GovernmentDecision, GovernmentPolicy } from './government.js';
import { newHouseholdActions, type HouseholdPolicy } from './households.js';

export interface Episode {
  government: string;
  households: string;
  trajectory: YearResult[];
  metrics: EpisodeMetrics;
}

export interface EpisodeOptions {
  /** Stop after this many years even if the episode goes on (default: the economy's episode length). */
  maxYears?: number;
  /** After the government decides, before the households act: the year's observations are still current. */
  onDecision?: (decision: GovernmentDecision, economy: Economy) => void;
  onYear?: (year: YearResult, economy: Economy) => void;
}

export function runEpisode(economy: Economy, government: GovernmentPolicy, households: HouseholdPolicy, options: EpisodeOptions = {}): Episode {
  economy.reset();
  government.reset?.(economy);
  households.reset?.(economy);
  const actions = newHouseholdActions(economy.n);
  const trajectory: YearResult[] = [];
  const maxYears = options.maxYears ?? economy.config.episodeYears;
  while (!economy.done && trajectory.length < maxYears) {
    const decision = government.decide(economy);
    options.onDecision?.(decision, economy);
    households.observeGovernment?.(decision.action);
    households.act(economy, actions);
    const year = economy.step(decision.action, actions, { taxSchedule: decision.tax });
    trajectory.push(year);
    options.onYear?.(year, economy);
  }
  return { government: government.name, households: households.name, trajectory, metrics: summarizeEpisode(trajectory) };
}
