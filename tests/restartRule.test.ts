import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FRESH_ATTEMPT, afterEvaluation, type AttemptRecord, type RestartLimits } from '../src/learning/restartRule.js';

/** The record after evaluations of epochs 0, 1, ... scoring `scores`. */
function recordsAfter(scores: number[], limits: RestartLimits): AttemptRecord[] {
  const records: AttemptRecord[] = [];
  let record = FRESH_ATTEMPT;
  scores.forEach((score, epoch) => {
    record = afterEvaluation(record, score, epoch, limits);
    records.push(record);
  });
  return records;
}

test('a stall asks for a restart after the next epoch, and that epoch\'s new best withdraws it', () => {
  const limits = { stall: 2, cutoff: 8 };
  // seed 507's first two attempts at N = 100 (government rewards): 2,566.8 is not beaten twice,
  // then epoch 5 reaches 3,273.3
  const records = recordsAfter([507.2, 512.8, 2566.8, 2290.0, 2406.1, 3273.3, 3300], limits);
  assert.deepEqual(records.map((r) => r.restartAfterEpoch), [null, null, null, null, 5, null, null]);
  assert.deepEqual(records.map((r) => r.evaluationsSinceBest), [0, 0, 0, 1, 2, 0, 0]);
  assert.equal(records[6].bestScore, 3300);
  // the next epoch brings no new best: the restart stands
  const stands = recordsAfter([2247.0, 2243.9, 2245.2, 2245.9, 2246], limits);
  assert.deepEqual(stands.map((r) => r.restartAfterEpoch), [null, null, 3, 3, 3]);
});

test('the cutoff is not withdrawn by a new best, and 0 turns each rule off', () => {
  const rising = [1, 2, 3, 4, 5];
  assert.deepEqual(recordsAfter(rising, { stall: 2, cutoff: 3 }).map((r) => r.restartAfterEpoch), [null, null, 3, 3, 3]);
  assert.deepEqual(recordsAfter(rising, { stall: 2, cutoff: 0 }).map((r) => r.restartAfterEpoch), [null, null, null, null, null]);
  const flat = [5, 5, 5, 5, 5];
  assert.deepEqual(recordsAfter(flat, { stall: 0, cutoff: 0 }).map((r) => r.restartAfterEpoch), [null, null, null, null, null]);
  assert.deepEqual(recordsAfter(flat, { stall: 3, cutoff: 0 }).map((r) => r.restartAfterEpoch), [null, null, null, 4, 4]);
  // a cutoff reached while a stall's restart is pending keeps it
  assert.deepEqual(recordsAfter([5, 4, 4, 6], { stall: 2, cutoff: 4 }).map((r) => r.restartAfterEpoch), [null, null, 3, 3]);
});
