/**
 * Policies by name, for the command line and notebooks. Unknown names get an error that lists
 * the names that exist.
 */
import { availableSchedules, authorsUsFederal2022, loadBracketSchedule } from '../data/taxSchedules.js';
import { bracketSchedulePolicy, constantAction, freeMarket, piecewiseActions, type GovernmentPolicy } from './government.js';
import { GOVERNMENT_ACTION, PAPER_INSTRUMENTS } from '../economy/spaces.js';
import { fixedShares, randomShares, thriftyHouseholds, type HouseholdPolicy } from './households.js';
import { clonedHouseholds } from './behaviourCloned.js';
import { SaezGovernment } from './saez.js';
import { learnedGovernment, learnedHouseholds } from './learned.js';
import { isPolicyFolder, loadPolicy } from '../learning/policyFolder.js';
import { equilibriumHouseholds, isEquilibriumPolicyFolder, loadEquilibriumPolicy } from './equilibriumHouseholds.js';
import { isConstantGovernmentFolder, loadConstantGovernment } from './constantGovernmentFolder.js';

export class UnknownPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownPolicyError';
  }
}

export const GOVERNMENT_NAMES = ['free-market', 'us-federal-2022', 'saez', 'us-federal-<year>-<filing status>', 'constant:<u0>,<u1>,...', 'path:<u0>,<u1>,...;<u0>,<u1>,...;...'] as const;

const CONSTANT_PREFIX = 'constant:';
const PATH_PREFIX = 'path:';

/** The raw action of `constant:0.3,0.5,0,0,0.1[,0.5]`: the paper's five entries at least, each a finite number. */
function constantGovernmentAction(name: string): number[] {
  const values = name.slice(CONSTANT_PREFIX.length).split(',').map((entry) => (entry.trim() === '' ? NaN : Number(entry)));
  const all = GOVERNMENT_ACTION, least = PAPER_INSTRUMENTS.size;
  if (values.some((v) => !Number.isFinite(v)) || values.length < least || values.length > all.size) {
    throw new UnknownPolicyError(`'${name}': a constant government is constant:<u0>,...: ${least} to ${all.size} finite numbers (raw action entries ${all.names.join(', ')}, each clipped by the economy; those not given are 0)`);
  }
  return values;
}

/**
 * The raw action a government holds every year, as given (5 or 6 entries): that of `constant:<u0>,...`
 * or of a stationary optimum's folder (smfg stackelberg --save); null for any other government
 * (a path's folder included). A malformed constant: name is an UnknownPolicyError.
 */
export function heldAction(name: string): number[] | null {
  if (isConstantGovernmentFolder(name)) {
    const file = loadConstantGovernment(name);
    return file.pieces ? null : file.action;
  }
  return name.startsWith(CONSTANT_PREFIX) ? constantGovernmentAction(name) : null;
}

/** `path:0.1,0.8,0,0,0;0.2,0.8,0,0,0`: raw actions separated by ';', each held for an equal span of the episode. */
function pathGovernment(name: string): () => GovernmentPolicy {
  const pieces = name.slice(PATH_PREFIX.length).split(';').map((piece) => piece.split(',').map((entry) => (entry.trim() === '' ? NaN : Number(entry))));
  const all = GOVERNMENT_ACTION, least = PAPER_INSTRUMENTS.size;
  const bad = pieces.findIndex((values) => values.some((v) => !Number.isFinite(v)) || values.length < least || values.length > all.size);
  if (bad >= 0) {
    throw new UnknownPolicyError(`'${name}': piece ${bad + 1}: a path government is path:<action>;<action>;...: each action ${least} to ${all.size} finite numbers separated by ',' (raw action entries ${all.names.join(', ')}), each held for an equal span of the episode's years`);
  }
  return () => piecewiseActions(pieces, name);
}

/** A government policy factory (seed -> fresh policy) by name. */
export function governmentByName(name: string): (seed: number) => GovernmentPolicy {
  if (isPolicyFolder(name)) {
    const policy = loadPolicy(name);
    return () => learnedGovernment(policy);
  }
  if (isConstantGovernmentFolder(name)) {
    const { action, pieces } = loadConstantGovernment(name);
    return () => (pieces ? piecewiseActions(pieces, name) : constantAction(action, name));
  }
  if (name === 'free-market') return () => freeMarket();
  if (name.startsWith(CONSTANT_PREFIX)) {
    const action = constantGovernmentAction(name);
    return () => constantAction(action, name);
  }
  if (name.startsWith(PATH_PREFIX)) return pathGovernment(name);
  if (name === 'saez') return (seed) => new SaezGovernment({ seed });
  if (name === 'us-federal-2022') {
    const schedule = authorsUsFederal2022();
    return () => bracketSchedulePolicy(schedule);
  }
  const match = /^us-federal-(\d{4})(?:-([a-z_]+))?$/.exec(name);
  if (match) {
    const schedule = loadBracketSchedule({ country: 'us', year: Number(match[1]), filingStatus: match[2] ?? 'single' });
    return () => bracketSchedulePolicy(schedule);
  }
  const statutory = availableSchedules().map((k) => `us-federal-${k.year}-${k.filingStatus}`);
  throw new UnknownPolicyError(
    `unknown government '${name}'; governments: a policy folder (with policy.json, from smfg train), a constant government's folder (constant-government.json, from smfg stackelberg --save), free-market, saez, us-federal-2022 (the authors' version), constant:<u0>,<u1>,... (a raw action held every year), path:<u0>,...;<u0>,...;... (raw actions, each held for an equal span of the episode), or a statutory schedule: ${statutory.join(', ')}`,
  );
}

export const HOUSEHOLD_NAMES = ['bc', 'bc-mean', 'thrifty', 'random', 'fixed'] as const;

/** A household policy factory (seed -> fresh policy) by name. */
export function householdsByName(name: string): (seed: number) => HouseholdPolicy {
  if (isEquilibriumPolicyFolder(name)) {
    const file = loadEquilibriumPolicy(name);
    return () => equilibriumHouseholds(file);
  }
  if (isPolicyFolder(name)) {
    const policy = loadPolicy(name);
    return () => learnedHouseholds(policy);
  }
  switch (name) {
    case 'bc':
      return (seed) => clonedHouseholds({ seed });
    case 'bc-mean':
      return (seed) => clonedHouseholds({ seed, deterministic: true });
    case 'thrifty':
      return (seed) => thriftyHouseholds(seed);
    case 'random':
      return (seed) => randomShares(seed);
    case 'fixed':
      return () => fixedShares(0.975, 0.5);
  }
  throw new UnknownPolicyError(
    `unknown households '${name}'; households: a policy folder (with policy.json, from smfg train), an equilibrium folder (with equilibrium-households.json, from smfg equilibrium --save), bc (behaviour-cloned, sampled), bc-mean (its mean action), thrifty (save 95-100 %), random (uniform shares), fixed (save 97.5 %, work 50 %)`,
  );
}
