/**
 * The agent in the economy: collecting training years into the replay buffer (with exploration
 * noise, normalisers learning; an on-policy method's own store through its hooks) and evaluation
 * episodes (no noise, normalisers frozen, fresh economies whose seeds differ from training's;
 * nothing enters the buffer).
 */
import type { Economy, YearResult } from '../economy/economy.js';
import type { EconomyConfig } from '../economy/config.js';
import { summarizeEpisode, type EpisodeMetrics } from '../economy/metrics.js';
import { createEconomy } from '../data/defaults.js';
import { householdShares, leaderActionSeenByFollowers, leaderToEconomy, logObservation } from './encoding.js';
import type { ReplayBuffer, Transition } from './replay.js';
import type { Acting } from './acting.js';
import type { Method } from './method.js';
import { GLOBAL_OBSERVATION, GOVERNMENT_ACTION, HOUSEHOLD_ACTION, PRIVATE_OBSERVATION, type InstrumentSpace } from '../economy/spaces.js';

const G = GLOBAL_OBSERVATION.size, P = PRIVATE_OBSERVATION.size, AH = HOUSEHOLD_ACTION.size;

/** Reusable arrays for one economy size. */
class Workspace {
  readonly g: Float64Array;
  readonly p: Float64Array;
  readonly gNext: Float64Array;
  readonly pNext: Float64Array;
  /** The leader's u (one entry per instrument it sets), the government's raw action, and u as the followers see it. */
  readonly uLeader: Float64Array;
  readonly raw = new Float64Array(GOVERNMENT_ACTION.size);
  readonly seen: Float64Array;
  readonly uFollowers: Float64Array;
  readonly actions: { savingShare: Float64Array; workShare: Float64Array };

  constructor(readonly n: number, readonly instruments: InstrumentSpace) {
    this.uLeader = new Float64Array(instruments.size);
    this.seen = new Float64Array(instruments.size);
    this.g = new Float64Array(G);
    this.gNext = new Float64Array(G);
    this.p = new Float64Array(P * n);
    this.pNext = new Float64Array(P * n);
    this.uFollowers = new Float64Array(AH * n);
    this.actions = { savingShare: new Float64Array(n), workShare: new Float64Array(n) };
  }
}

/** One year with the agent acting on both sides; returns the year's result. */
function stepWithAgent(agent: Acting, economy: Economy, w: Workspace, explore: boolean, clock?: { economy: number; policy: number }): YearResult {
  const started = clock ? performance.now() : 0;
  agent.leaderAct(w.g, explore, w.uLeader);
  leaderToEconomy(w.uLeader, w.instruments, w.raw);
  leaderActionSeenByFollowers(w.raw, w.instruments, w.seen);
  agent.followersAct(w.p, w.seen, w.n, explore, w.uFollowers);
  householdShares(w.uFollowers, w.n, w.actions, agent.actors.followerView.savingMap);
  if (!clock) return economy.step(w.raw, w.actions);
  const acted = performance.now();
  const year = economy.step(w.raw, w.actions);
  clock.policy += acted - started;
  clock.economy += performance.now() - acted;
  return year;
}

function observe(economy: Economy, g: Float64Array, p: Float64Array): void {
  const obs = economy.observation;
  logObservation(obs.global, g);
  logObservation(obs.private, p);
}

export interface CollectStats {
  years: number;
  /** Seconds in the economy (step and observation) and in the networks (acting), of the collection. */
  economySeconds: number;
  policySeconds: number;
  episodesEnded: number;
  /** Years of the episodes that ended in this collection (collapses and full episodes). */
  endedEpisodeYears: number[];
}

/** `steps` years of training in `economy` (reset first; an episode that ends is reset at once). */
export function collect(agent: Method, economy: Economy, buffer: ReplayBuffer, steps: number): CollectStats {
  const w = new Workspace(economy.n, agent.actors.leaderAction);
  const followerRewards = new Float64Array(economy.n);
  const stats: CollectStats = { years: 0, economySeconds: 0, policySeconds: 0, episodesEnded: 0, endedEpisodeYears: [] };
  const clock = { economy: 0, policy: 0 };
  economy.reset();
  agent.startRollout?.(steps, economy.n);
  agent.startEpisode();
  observe(economy, w.g, w.p);
  for (let t = 0; t < steps; t++) {
    agent.globalNormaliser.update(w.g, 1);
    agent.privateNormaliser.update(w.p, economy.n);
    const year = stepWithAgent(agent, economy, w, true, clock);
    const observed = performance.now();
    observe(economy, w.gNext, w.pNext);
    clock.economy += performance.now() - observed;
    const hr = economy.householdReward;
    for (let i = 0; i < economy.n; i++) followerRewards[i] = Number.isFinite(hr[i]) ? hr[i] : 0;
    // a collapse ends the game; reaching the last year only truncates it (bootstrapped)
    const terminal = year.done && year.year < economy.config.episodeYears;
    const transition: Transition = {
      globalObs: w.g,
      leaderAction: w.uLeader,
      leaderReward: Number.isFinite(year.governmentReward) ? year.governmentReward : -1000,
      terminal,
      episodeEnd: year.done || t === steps - 1,
      nextGlobalObs: w.gNext,
      privateObs: w.p,
      followerActions: w.uFollowers,
      followerRewards,
      nextPrivateObs: w.pNext,
    };
    buffer.add(transition);
    agent.recordYear?.(transition);
    stats.years++;
    if (year.done) {
      stats.episodesEnded++;
      stats.endedEpisodeYears.push(year.year);
      economy.reset();
      agent.startEpisode();
      observe(economy, w.g, w.p);
    } else {
      agent.nextYear();
      w.g.set(w.gNext);
      w.p.set(w.pNext);
    }
  }
  stats.economySeconds = clock.economy / 1000;
  stats.policySeconds = clock.policy / 1000;
  return stats;
}

export interface AgentEvaluation {
  seeds: number[];
  episodes: (EpisodeMetrics & { seed: number })[];
  meanGovernmentReward: number;
  meanSocialWelfare: number;
  meanYears: number;
  meanGdpPerHousehold: number;
  /** Every episode ran all its years. */
  allSurvived: boolean;
}

/** One noise-free episode per seed, each in a fresh economy; the normalisers stay as they are. */
export function evaluateAgent(agent: Acting, economyConfig: Partial<EconomyConfig> & { n: number }, seeds: number[]): AgentEvaluation {
  const episodes: (EpisodeMetrics & { seed: number })[] = [];
  let allSurvived = true;
  for (const seed of seeds) {
    const economy = createEconomy({ ...economyConfig, seed });
    try {
      const w = new Workspace(economy.n, agent.actors.leaderAction);
      economy.reset();
      agent.resetRecurrentState?.();
      observe(economy, w.g, w.p);
      const years: YearResult[] = [];
      while (!economy.done) {
        years.push(stepWithAgent(agent, economy, w, false));
        observe(economy, w.g, w.p);
      }
      episodes.push({ seed, ...summarizeEpisode(years) });
      allSurvived &&= years.length >= economy.config.episodeYears;
    } finally {
      economy.close();
    }
  }
  const mean = (f: (e: EpisodeMetrics) => number) => episodes.reduce((s, e) => s + f(e), 0) / episodes.length;
  return {
    seeds,
    episodes,
    meanGovernmentReward: mean((e) => e.governmentReward),
    meanSocialWelfare: mean((e) => e.socialWelfare),
    meanYears: mean((e) => e.years),
    meanGdpPerHousehold: mean((e) => e.gdpPerHousehold),
    allSurvived,
  };
}
