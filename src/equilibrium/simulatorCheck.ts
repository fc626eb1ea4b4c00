/**
 * The best response checked where it counts: households play it in the real simulator, one at a
 * time, while every other follows the policy (so its own effect on prices, taxes and the
 * episode's end is included), in the episode the mean field was frozen from (same seed, so the
 * same ability draws). Reported beside the program's prediction: the expected value V*, and the
 * value along the household's realised abilities in the frozen field.
 */
import type { EconomyConfig } from '../economy/config.js';
import type { GovernmentPolicy } from '../policies/government.js';
import type { HouseholdPolicy } from '../policies/households.js';
import type { SeedSolution } from './gains.js';
import { bestResponseDecide } from './responsePolicy.js';
import { replaySeed, simulateRealisedPath, withOneDeviating } from './simulate.js';

export interface SimulatorCheck {
  seed: number;
  household: number;
  /** V*: the program's expected value of the best response. */
  predictedValue: number;
  /** The best response along the realised abilities, in the frozen field (no own effect on prices). */
  frozenPathValue: number;
  /** The best response played in the real simulator. */
  simulatorValue: number;
  /** The policy's value in the same episode of the real simulator. */
  simulatorPolicyValue: number;
  /** Years the episode lasted with the household best-responding (the frozen one: `years`). */
  simulatorYears: number;
  years: number;
  /** (simulator - frozen path) / V^pi: the household's own effect on its prices, in points of gain. */
  ownEffectPoints: number;
  /** (simulator - V*) / V^pi: what the check bounds by 1 point (ability luck included). */
  predictionGapPoints: number;
}

export function checkInSimulator(
  solution: SeedSolution,
  government: (seed: number) => GovernmentPolicy,
  households: (seed: number) => HouseholdPolicy,
  householdSeed: number,
  config: Partial<EconomyConfig> & { n: number; seed: number },
  who: number[],
): SimulatorCheck[] {
  const { field, households: rows } = solution;
  const gamma = solution.grid.gamma;
  return who.map((i) => {
    const respond = bestResponseDecide(solution.bestResponse);
    const play = (policy: HouseholdPolicy) => {
      const { values, years } = replaySeed(config, government(config.seed), policy, gamma);
      return { value: values[i], years };
    };
    const deviating = play(withOneDeviating(households(householdSeed), i, respond, field.years.length));
    const following = play(households(householdSeed));
    const frozenPathValue = simulateRealisedPath(field, i, bestResponseDecide(solution.bestResponse), gamma);
    const own = rows[i].policyValue;
    return {
      seed: config.seed,
      household: i,
      predictedValue: rows[i].bestResponseValue,
      frozenPathValue,
      simulatorValue: deviating.value,
      simulatorPolicyValue: following.value,
      simulatorYears: deviating.years,
      years: field.years.length,
      ownEffectPoints: (100 * (deviating.value - frozenPathValue)) / own,
      predictionGapPoints: (100 * (deviating.value - rows[i].bestResponseValue)) / own,
    };
  });
}

