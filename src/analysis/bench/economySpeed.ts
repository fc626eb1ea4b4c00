/**
 * Speed of the economy: microseconds per household-step of `step` (with the observation a
 * learner reads every year) and the time of `reset`,
 * for N from 100 to 1,000,000. Household actions are fixed arrays made before timing, so only
 * the economy is measured. Numbers are medians over repeated blocks (timings are noisy).
 */
import { createEconomy } from '../../data/defaults.js';
import { newHouseholdActions } from '../../policies/households.js';
import { Rng } from '../../economy/rng.js';
import { GOVERNMENT_ACTION } from '../../economy/spaces.js';
import type { Threads } from '../../economy/config.js';
import { median } from '../../statistics.js';

export interface BenchRow {
  n: number;
  /** Median microseconds per household-step. */
  usPerHouseholdStep: number;
  householdStepsPerSecond: number;
  /** Median milliseconds of one step (one year of all N households). */
  msPerStep: number;
  /** Median milliseconds of one reset. */
  msPerReset: number;
  /** Speed-up over the authors' Python at 8 us per household-step (the fast end of 8-12 us). */
  speedupVsAuthors: number;
  steps: number;
  /** Economy.threading during the timing ('two threads' or why not). */
  threading: string;
}

export const AUTHORS_US_PER_HOUSEHOLD_STEP = 8;

export interface BenchOptions {
  sizes?: number[];
  /** config.threads of the economies (default 'auto'). */
  threads?: Threads;
  /** Wall-time budget per size in milliseconds (at least 5 steps are always timed). */
  budgetMs?: number;
  onRow?: (row: BenchRow) => void;
}

export function benchEconomy(options: BenchOptions = {}): BenchRow[] {
  const sizes = options.sizes ?? [100, 1_000, 10_000, 100_000, 1_000_000];
  const budgetMs = options.budgetMs ?? 2000;
  const rows: BenchRow[] = [];
  for (const n of sizes) {
    const economy = createEconomy({ n, seed: 1, preset: 'paper', threads: options.threads ?? 'auto' });
    const threading = economy.awaitThreads();
    const actions = newHouseholdActions(n);
    const rng = new Rng(7);
    for (let i = 0; i < n; i++) {
      actions.savingShare[i] = rng.uniformIn(0.95, 1);
      actions.workShare[i] = rng.uniform();
    }
    const govAction = new Float64Array(GOVERNMENT_ACTION.size);
    const resetTimes: number[] = [];
    const stepTimes: number[] = [];
    const reset = (): void => {
      const t = process.hrtime.bigint();
      economy.reset();
      resetTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    };
    // the first reset runs cold code (and may run before the worker thread is up): not timed
    economy.reset();
    reset();
    // warm-up (3 steps and a quarter of the budget) so that both threads run compiled code
    const warmUntil = Date.now() + budgetMs / 4;
    for (let k = 0; k < 3 || Date.now() < warmUntil; k++) {
      if (economy.done) reset();
      economy.step(govAction, actions);
      void economy.observation;
    }
    const start = Date.now();
    while (stepTimes.length < 5 || Date.now() - start < budgetMs) {
      if (economy.done) reset();
      const t = process.hrtime.bigint();
      economy.step(govAction, actions);
      // learners read the observation every year: time it as part of the step
      void economy.observation;
      stepTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (stepTimes.length >= 100_000) break;
    }
    const msPerStep = median(stepTimes);
    const us = (msPerStep * 1000) / n;
    const row: BenchRow = {
      n,
      usPerHouseholdStep: us,
      householdStepsPerSecond: 1e6 / us,
      msPerStep,
      msPerReset: median(resetTimes),
      speedupVsAuthors: AUTHORS_US_PER_HOUSEHOLD_STEP / us,
      steps: stepTimes.length,
      threading,
    };
    economy.close();
    rows.push(row);
    options.onRow?.(row);
  }
  return rows;
}
