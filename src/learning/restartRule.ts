/**
 * When a run towards a target starts again from new networks (`--restart-after-stall`,
 * `--restart-after-evaluations`): the attempt's record of evaluations, updated by each one.
 *
 * A stall (this many evaluations in a row without a new best of the attempt) or the cutoff (this
 * many evaluations of the attempt) asks for a restart after the epoch that follows the deciding
 * evaluation, which is already training when a worker-thread evaluation answers. That epoch's own
 * evaluation is known before the restart is taken: when it is a new best of the attempt, the stall
 * is over and the restart is withdrawn. A cutoff is not withdrawn: it bounds the time an attempt
 * that keeps creeping upwards may take.
 */

export interface AttemptRecord {
  /** The attempt's best evaluation score (null before its first evaluation). */
  bestScore: number | null;
  evaluationsSinceBest: number;
  evaluations: number;
  /** The epoch after which the next attempt starts (null: none asked for). */
  restartAfterEpoch: number | null;
}

export interface RestartLimits {
  /** Evaluations in a row without a new best that ask for a restart (0: never). */
  stall: number;
  /** Evaluations of one attempt after which it restarts (0: never). */
  cutoff: number;
}

export const FRESH_ATTEMPT: AttemptRecord = { bestScore: null, evaluationsSinceBest: 0, evaluations: 0, restartAfterEpoch: null };

/** The record after epoch `epoch`'s evaluation scored `score` (an evaluation that did not reach the target). */
export function afterEvaluation(record: AttemptRecord, score: number, epoch: number, limits: RestartLimits): AttemptRecord {
  const improved = record.bestScore === null || score > record.bestScore;
  const evaluationsSinceBest = improved ? 0 : record.evaluationsSinceBest + 1;
  const evaluations = record.evaluations + 1;
  const cutOff = limits.cutoff > 0 && evaluations >= limits.cutoff;
  const stalled = limits.stall > 0 && evaluationsSinceBest >= limits.stall;
  let restartAfterEpoch = record.restartAfterEpoch;
  if (restartAfterEpoch === null && (stalled || cutOff)) restartAfterEpoch = epoch + 1;
  else if (restartAfterEpoch !== null && improved && !cutOff) restartAfterEpoch = null;
  return { bestScore: improved ? score : record.bestScore, evaluationsSinceBest, evaluations, restartAfterEpoch };
}
