/**
 * The game's observation and action spaces, declared once: every learner, replay layout, rollout
 * and policy-folder check takes its sizes from here, never from a literal.
 */
import { GLOBAL_OBSERVATION_NAMES } from './observations.js';
import { GOVERNMENT_ACTION_NAMES } from './government.js';

export interface Space {
  readonly names: readonly string[];
  readonly size: number;
}

function space(names: readonly string[]): Space {
  return { names, size: names.length };
}

/** What the government and every household observe: group means of wealth, income and ability. */
export const GLOBAL_OBSERVATION: Space = space(GLOBAL_OBSERVATION_NAMES);
/** What household i observes of itself. */
export const PRIVATE_OBSERVATION: Space = space(['ability', 'wealth']);
/** The government's action, each entry in [0, 1] before the economy clips and scales it. */
export const GOVERNMENT_ACTION: Space = space(GOVERNMENT_ACTION_NAMES);
/** A household's action: the shares of income saved and of the maximal hours worked. */
export const HOUSEHOLD_ACTION: Space = space(['savingShare', 'workShare']);
