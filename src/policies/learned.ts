/**
 * Learned policies (a policy folder written by `smfg train`) as ordinary government and household
 * policies: the leader acts on the global observation, the followers on their private
 * observations and the government's action of the year, whichever government that is. Both see
 * through the policy's frozen normalisers, as in training's evaluations.
 */
import type { Economy } from '../economy/economy.js';
import { householdShares, leaderActionSeenByFollowers, leaderToEconomy, logObservation } from '../learning/encoding.js';
import { FOLLOWER_ACTOR_INPUTS, followerActorOutputs, leaderActorOutput } from '../learning/acting.js';
import { loadPolicy, type LoadedPolicy } from '../learning/policyFolder.js';
import type { GovernmentPolicy } from './government.js';
import type { HouseholdPolicy } from './households.js';

function policyOf(source: string | LoadedPolicy): LoadedPolicy {
  return typeof source === 'string' ? loadPolicy(source) : source;
}

export function learnedGovernment(source: string | LoadedPolicy): GovernmentPolicy {
  const policy = policyOf(source);
  const logged = new Float64Array(6);
  const x = new Float64Array(6);
  return {
    name: `${policy.file.method} leader (${policy.folder})`,
    decide(economy: Economy) {
      logObservation(economy.observation.global, logged);
      const u = leaderActorOutput(policy.leaderActor, policy.globalNormaliser, logged, x);
      return { action: leaderToEconomy(u, new Float64Array(5)) };
    },
  };
}

export function learnedHouseholds(source: string | LoadedPolicy): HouseholdPolicy {
  const policy = policyOf(source);
  const seen = new Float64Array(5);
  let logged = new Float64Array(0);
  let x = new Float64Array(0);
  return {
    name: `${policy.file.method} followers (${policy.folder})`,
    observeGovernment(action: ArrayLike<number>) {
      leaderActionSeenByFollowers(action, seen);
    },
    act(economy: Economy, out) {
      const n = economy.n;
      if (logged.length !== 2 * n) {
        logged = new Float64Array(2 * n);
        x = new Float64Array(FOLLOWER_ACTOR_INPUTS * n);
      }
      logObservation(economy.observation.private, logged);
      householdShares(followerActorOutputs(policy.followerActor, policy.privateNormaliser, logged, seen, n, x), n, out);
    },
  };
}
