/**
 * Learned policies (a policy folder written by `smfg train`) as ordinary government and household
 * policies: the leader acts on the global observation, the followers on their private
 * observations and the government's action of the year, whichever government that is. Both see
 * through the policy's frozen normalisers, as in training's evaluations.
 */
import type { Economy } from '../economy/economy.js';
import { householdShares, leaderActionSeenByFollowers, leaderToEconomy, logObservation } from '../learning/encoding.js';
import { actorState, followerActorInputs, followerActorOutputs, isRecurrent, leaderActorOutput } from '../learning/acting.js';
import { GLOBAL_OBSERVATION, GOVERNMENT_ACTION, PRIVATE_OBSERVATION } from '../economy/spaces.js';
import { loadPolicy, type LoadedPolicy } from '../learning/policyFolder.js';
import type { GovernmentPolicy } from './government.js';
import type { HouseholdPolicy } from './households.js';

function policyOf(source: string | LoadedPolicy): LoadedPolicy {
  return typeof source === 'string' ? loadPolicy(source) : source;
}

export function learnedGovernment(source: string | LoadedPolicy): GovernmentPolicy {
  const policy = policyOf(source);
  const logged = new Float64Array(GLOBAL_OBSERVATION.size);
  const x = new Float64Array(GLOBAL_OBSERVATION.size);
  // a recurrent leader's state runs across the years of an episode
  const state = actorState(policy.leaderActor, 1);
  return {
    name: `${policy.file.method} leader (${policy.folder})`,
    reset() {
      state.fill(0);
    },
    decide(economy: Economy) {
      logObservation(economy.observation.global, logged);
      const u = leaderActorOutput(policy.leaderActor, policy.globalNormaliser, logged, x, state);
      return { action: leaderToEconomy(u, policy.leaderAction, new Float64Array(GOVERNMENT_ACTION.size)) };
    },
  };
}

export function learnedHouseholds(source: string | LoadedPolicy): HouseholdPolicy {
  const policy = policyOf(source);
  const seen = new Float64Array(policy.leaderAction.size);
  const actor = policy.followerActor;
  const width = isRecurrent(actor) ? actor.inputWidth : followerActorInputs(policy.followerView, policy.leaderAction);
  let logged = new Float64Array(0);
  let x = new Float64Array(0);
  // a recurrent policy's state per household runs across the years of an episode
  let state: Float64Array = new Float64Array(0);
  return {
    name: `${policy.file.method} followers (${policy.folder})`,
    historyDependent: isRecurrent(actor),
    reset() {
      state.fill(0);
    },
    observeGovernment(action: ArrayLike<number>) {
      leaderActionSeenByFollowers(action, policy.leaderAction, seen);
    },
    act(economy: Economy, out) {
      const n = economy.n;
      if (logged.length !== PRIVATE_OBSERVATION.size * n) {
        logged = new Float64Array(PRIVATE_OBSERVATION.size * n);
        x = new Float64Array(width * n);
        state = actorState(actor, n);
      }
      logObservation(economy.observation.private, logged);
      householdShares(followerActorOutputs(actor, policy.privateNormaliser, logged, seen, n, x, policy.followerView, state), n, out, policy.followerView.savingMap);
    },
  };
}
