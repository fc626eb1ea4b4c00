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

/**
 * The instruments a learned government sets: some entries of GOVERNMENT_ACTION, by name, in the
 * order of its actor's outputs. The entries it does not set hold the raw action 0 (the economy
 * clips each to its floor). A run records its instruments, so a policy trained on fewer than the
 * economy now offers still loads and acts as it did.
 */
export interface InstrumentSpace extends Space {
  /** Where each learned instrument sits in the government's action. */
  readonly indices: readonly number[];
}

export class InstrumentError extends RangeError {}

export function instrumentSpace(names: readonly string[], where = 'instruments'): InstrumentSpace {
  const all = GOVERNMENT_ACTION.names;
  if (!Array.isArray(names) || names.length === 0) throw new InstrumentError(`${where} must name at least one of ${all.join(', ')}`);
  const indices = names.map((name) => {
    const index = all.indexOf(name);
    if (index < 0) throw new InstrumentError(`${where}: '${name}' is not an instrument; allowed: ${all.join(', ')}`);
    return index;
  });
  if (new Set(indices).size !== indices.length) throw new InstrumentError(`${where} names an instrument twice: ${names.join(', ')}`);
  return { names: [...names], size: names.length, indices };
}

/** The paper's five instruments: every policy trained before the action grew sets these. */
export const PAPER_INSTRUMENTS: InstrumentSpace = instrumentSpace(['tau', 'xi', 'tauA', 'xiA', 'spendingShare']);
