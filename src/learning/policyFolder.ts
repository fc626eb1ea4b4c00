/**
 * A trained policy as a small folder that anyone can evaluate: policy.json (the networks' shapes,
 * the frozen observation normalisers, provenance and evaluation) and weights.bin (the two actors'
 * parameters, float64, SHA-256 in policy.json). Critics, optimisers and replay stay in the run's
 * checkpoints; a policy needs only what acts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { Normaliser, type NormaliserState } from './normaliser.js';
import { float64Bytes, readFloat64File, sha256 } from './checkpoint.js';
import { GLOBAL_OBSERVATION, HOUSEHOLD_ACTION, PAPER_INSTRUMENTS, PRIVATE_OBSERVATION, instrumentSpace, type InstrumentSpace } from '../economy/spaces.js';
import { STACKELBERG_VIEW, actorOfShape, checkFollowerView, followerActorInputs, isRecurrent, type Actor, type ActorSet, type ActorShape, type FollowerView } from './acting.js';
import { METHOD_NAMES } from './methods/index.js';

const GLOBAL_SIZE = GLOBAL_OBSERVATION.size, PRIVATE_SIZE = PRIVATE_OBSERVATION.size;
const FOLLOWER_ACTION_SIZE = HOUSEHOLD_ACTION.size;

export class PolicyFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyFolderError';
  }
}

export const POLICY_FORMAT = 'smfg-policy-1';

export interface PolicyFile {
  format: typeof POLICY_FORMAT;
  method: string;
  /** Households the policy was trained with. */
  n: number;
  task: string;
  preset: string;
  observation: { global: number; private: number; transform: 'signed-log' };
  actions: { leader: number; followers: number };
  /** The instruments the leader sets, one per output (absent: the paper's five, as before they were recorded). */
  leaderInstruments?: string[];
  normalisers: { global: NormaliserState; private: NormaliserState };
  /**
   * The actors' shapes: a feed-forward network ({sizes, hidden, output}), or a recurrent Gaussian
   * policy ({kind: 'lstm-gaussian', inputs, lstm, hidden, outputs, stateSize, prior}, recurrent.ts:
   * it acts with its mean and carries stateSize numbers per row across an episode's years).
   */
  networks: { leaderActor: ActorShape; followerActor: ActorShape };
  /** What the follower actor sees and how its u becomes shares (absent: SMFRL's, as before it was recorded). */
  followerView?: FollowerView;
  weights: { file: 'weights.bin'; count: number; sha256: string };
  provenance: Record<string, unknown>;
  evaluation?: unknown;
}

export interface LoadedPolicy {
  folder: string;
  file: PolicyFile;
  leaderActor: Actor;
  followerActor: Actor;
  globalNormaliser: Normaliser;
  privateNormaliser: Normaliser;
  followerView: FollowerView;
  leaderAction: InstrumentSpace;
}

export function isPolicyFolder(path: string): boolean {
  return existsSync(join(path, 'policy.json'));
}

/** Writes the agent's actors and normalisers as a policy folder (each file atomically). */
export function savePolicy(folder: string, source: { actors: ActorSet } | ActorSet, info: { method: string; n: number; task: string; preset: string; provenance: Record<string, unknown>; evaluation?: unknown }): void {
  const actors = 'actors' in source ? source.actors : source;
  const { leaderActor, followerActor } = actors;
  const weights = new Float64Array(leaderActor.params.length + followerActor.params.length);
  weights.set(leaderActor.params, 0);
  weights.set(followerActor.params, leaderActor.params.length);
  const bytes = float64Bytes(weights);
  const file: PolicyFile = {
    format: POLICY_FORMAT,
    method: info.method,
    n: info.n,
    task: info.task,
    preset: info.preset,
    observation: { global: GLOBAL_SIZE, private: PRIVATE_SIZE, transform: 'signed-log' },
    actions: { leader: actors.leaderAction.size, followers: FOLLOWER_ACTION_SIZE },
    leaderInstruments: [...actors.leaderAction.names],
    normalisers: { global: actors.globalNormaliser.toJSON(), private: actors.privateNormaliser.toJSON() },
    networks: { leaderActor: leaderActor.shape, followerActor: followerActor.shape },
    followerView: actors.followerView,
    weights: { file: 'weights.bin', count: weights.length, sha256: sha256(bytes) },
    provenance: info.provenance,
    evaluation: info.evaluation,
  };
  writeFileAtomic(join(folder, 'weights.bin'), bytes);
  writeFileAtomic(join(folder, 'policy.json'), JSON.stringify(file, null, 2) + '\n');
}

const cache = new Map<string, LoadedPolicy>();

/** Reads and checks a policy folder; errors name the file and the field. */
export function loadPolicy(folder: string): LoadedPolicy {
  const cached = cache.get(folder);
  if (cached) return cached;
  const path = join(folder, 'policy.json');
  let file: PolicyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyFolderError(`${path}: cannot read the policy (${(error as Error).message})`);
  }
  if (file?.format !== POLICY_FORMAT) throw new PolicyFolderError(`${path}: format is '${file?.format}', expected '${POLICY_FORMAT}'`);
  if (!METHOD_NAMES.includes(file.method)) throw new PolicyFolderError(`${path}: method is '${file.method}'; policy folders hold one of ${METHOD_NAMES.join(', ')}`);
  if (!Number.isInteger(file.n) || file.n < 1) throw new PolicyFolderError(`${path}: n must be a positive integer (the households it was trained with)`);
  if (file.observation?.global !== GLOBAL_SIZE || file.observation?.private !== PRIVATE_SIZE) {
    throw new PolicyFolderError(`${path}: observation sizes are global ${file.observation?.global}, private ${file.observation?.private}; this economy observes global ${GLOBAL_SIZE}, private ${PRIVATE_SIZE}`);
  }
  if (file.observation.transform !== 'signed-log') throw new PolicyFolderError(`${path}: observation.transform must be 'signed-log', got '${file.observation.transform}'`);
  let leaderAction: InstrumentSpace;
  try {
    leaderAction = file.leaderInstruments === undefined ? PAPER_INSTRUMENTS : instrumentSpace(file.leaderInstruments, 'leaderInstruments');
  } catch (error) {
    throw new PolicyFolderError(`${path}: ${(error as Error).message}`);
  }
  const LEADER_ACTION_SIZE = leaderAction.size;
  if (file.actions?.leader !== LEADER_ACTION_SIZE || file.actions?.followers !== FOLLOWER_ACTION_SIZE) throw new PolicyFolderError(`${path}: actions must be {leader: ${LEADER_ACTION_SIZE}, followers: ${FOLLOWER_ACTION_SIZE}} (leaderInstruments: ${leaderAction.names.join(', ')})`);
  if (!file.normalisers?.global || !file.normalisers?.private) throw new PolicyFolderError(`${path}: normalisers.global and normalisers.private are required (the policy cannot see without them)`);
  let globalNormaliser: Normaliser, privateNormaliser: Normaliser;
  try {
    globalNormaliser = Normaliser.fromJSON(file.normalisers.global, 'normalisers.global');
    privateNormaliser = Normaliser.fromJSON(file.normalisers.private, 'normalisers.private');
  } catch (error) {
    throw new PolicyFolderError(`${path}: ${(error as Error).message}`);
  }
  if (globalNormaliser.size !== GLOBAL_SIZE || privateNormaliser.size !== PRIVATE_SIZE) throw new PolicyFolderError(`${path}: normalisers must have sizes ${GLOBAL_SIZE} (global) and ${PRIVATE_SIZE} (private)`);
  globalNormaliser.frozen = true;
  privateNormaliser.frozen = true;
  let leaderActor: Actor, followerActor: Actor;
  try {
    leaderActor = actorOfShape(file.networks.leaderActor);
    followerActor = actorOfShape(file.networks.followerActor);
    if (isRecurrent(leaderActor) && leaderActor.shape.prior) throw new RangeError('leaderActor: a prior is for households only');
  } catch (error) {
    throw new PolicyFolderError(`${path}: networks: ${(error as Error).message}`);
  }
  if (leaderActor.inputs !== GLOBAL_SIZE || leaderActor.outputs !== LEADER_ACTION_SIZE) throw new PolicyFolderError(`${path}: networks.leaderActor must map ${GLOBAL_SIZE} inputs to ${LEADER_ACTION_SIZE} outputs`);
  let followerView: FollowerView;
  try {
    followerView = file.followerView === undefined ? STACKELBERG_VIEW : checkFollowerView(file.followerView, 'followerView');
  } catch (error) {
    throw new PolicyFolderError(`${path}: ${(error as Error).message}`);
  }
  const followerInputs = followerActorInputs(followerView, leaderAction);
  if (followerActor.inputs !== followerInputs || followerActor.outputs !== FOLLOWER_ACTION_SIZE) throw new PolicyFolderError(`${path}: networks.followerActor must map ${followerInputs} inputs (followerView ${JSON.stringify(followerView)}) to ${FOLLOWER_ACTION_SIZE} outputs`);
  const count = leaderActor.params.length + followerActor.params.length;
  if (file.weights?.count !== count || typeof file.weights.sha256 !== 'string') throw new PolicyFolderError(`${path}: weights.count must be ${count} (the networks' parameters) with a sha256`);
  const weights = readFloat64File(join(folder, 'weights.bin'), count, file.weights.sha256, 'policy.json', 'weights', (m) => new PolicyFolderError(m));
  leaderActor.params.set(weights.subarray(0, leaderActor.params.length));
  followerActor.params.set(weights.subarray(leaderActor.params.length));
  const loaded = { folder, file, leaderActor, followerActor, globalNormaliser, privateNormaliser, followerView, leaderAction };
  cache.set(folder, loaded);
  return loaded;
}
