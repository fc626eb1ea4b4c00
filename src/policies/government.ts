/**
 * Government policies behind one small interface: each year, given the economy, a policy returns
 * the raw action (GOVERNMENT_ACTION: tax and spending instruments, clipped and scaled by the
 * economy) and optionally a tax schedule that replaces the action's HSV taxes (real bracket
 * schedules, Saez).
 */
import type { Economy } from '../economy/economy.js';
import { GOVERNMENT_ACTION, PAPER_INSTRUMENTS } from '../economy/spaces.js';
import { bracketSchedule, type BracketSchedule, type TaxSchedule } from '../economy/tax.js';

export interface GovernmentDecision {
  action: Float64Array;
  /** The year's taxes when they are not the HSV taxes of the action. */
  tax?: TaxSchedule;
}

export interface GovernmentPolicy {
  name: string;
  /** Called after every reset (adaptive policies clear their state). */
  reset?(economy: Economy): void;
  decide(economy: Economy): GovernmentDecision;
}

/**
 * The authors' free market: the all-zero action. The economy clips it to 0.001 before scaling,
 * so a tiny HSV tax (tau = 2e-4, xi = 5e-5), spending of 3e-4 GDP and the 6.5 % consumption tax
 * remain, unless the economy's exactFreeMarket correction is on.
 */
export function freeMarket(): GovernmentPolicy {
  const action = new Float64Array(GOVERNMENT_ACTION.size);
  return { name: 'free market', decide: () => ({ action }) };
}

/**
 * A real bracket schedule on income, no wealth tax, and the free market's (clipped all-zero)
 * spending action, as the authors run their US federal baseline.
 */
export function bracketSchedulePolicy(schedule: BracketSchedule): GovernmentPolicy {
  const action = new Float64Array(GOVERNMENT_ACTION.size);
  const tax = bracketSchedule(schedule);
  return { name: schedule.name, decide: () => ({ action, tax }) };
}

/**
 * A path of raw actions: the episode cut into `pieces.length` equal spans of years, each holding
 * its own action (the Stackelberg ground truth's time-varying family). Year t (0-based) of an
 * episode of T years plays piece floor(t P / T).
 */
export function piecewiseActions(pieces: readonly ArrayLike<number>[], name = 'path of actions'): GovernmentPolicy {
  if (pieces.length < 1) throw new RangeError('a path of actions needs at least one piece');
  const actions = pieces.map((values) => rawAction(values));
  return {
    name,
    decide: (economy) => {
      const T = economy.config.episodeYears;
      const piece = Math.min(pieces.length - 1, Math.floor((economy.year * pieces.length) / T));
      return { action: actions[piece] };
    },
  };
}

/**
 * A constant raw action (HSV taxes), e.g. for tests or a hand-set policy: the paper's five
 * instruments at least, in the action's order; instruments after those given hold 0.
 */
export function constantAction(values: ArrayLike<number>, name = 'constant action'): GovernmentPolicy {
  const action = rawAction(values);
  return { name, decide: () => ({ action }) };
}

/** The raw action of `values`: the paper's five instruments at least, those after them 0. */
function rawAction(values: ArrayLike<number>): Float64Array {
  const all = GOVERNMENT_ACTION, least = PAPER_INSTRUMENTS.size;
  if (values.length < least || values.length > all.size) {
    throw new RangeError(`a government action has ${least === all.size ? all.size : `${least} to ${all.size}`} entries (${all.names.join(', ')}), got ${values.length}`);
  }
  const action = new Float64Array(all.size);
  action.set(Array.from(values));
  return action;
}
