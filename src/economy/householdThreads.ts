/**
 * Two threads for the household loops: both take the blocks of a phase (yearPhases.ts) one at a
 * time, each the next one not yet taken, and the worker sorts next year's wealth while the main
 * thread finishes the year. The threads meet on a small shared Int32Array: the main thread posts a
 * command number, the worker spins on it (up to SPIN_MS, then sleeps in Atomics.wait), runs the phase
 * and posts the number back. A spinning round trip costs about 0.5 us here, a wake-up from
 * sleep about 20-70 us.
 *
 * Until the worker has started (tens of milliseconds), or when it cannot start, the main
 * thread runs every block itself: the results are the same, only slower.
 */
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import type { EconomyConfig } from './config.js';
import { PHASES, PhaseWorkspace, runPhase, type Phase, type SharedBuffers, type SharedHouseholds } from './yearPhases.js';

/** Slots of the control array. */
export const CONTROL = {
  /** Number of the last command posted by the main thread. */
  posted: 0,
  /** Index in PHASES of that command. */
  phase: 1,
  /** Number of the last command the worker finished. */
  finished: 2,
  /** 1 while the worker sleeps in Atomics.wait (the main thread must notify it). */
  sleeping: 3,
  /** 1 once the worker is up. */
  ready: 4,
  /** 1 when a phase failed in the worker (its message is on the error port). */
  failed: 5,
  /** 1 asks the worker to stop. */
  stop: 6,
  /** The next block of the current phase that no thread has taken yet. */
  nextBlock: 7,
} as const;
export const CONTROL_SLOTS = 8;

/**
 * How long the worker spins on the control word before it sleeps. Longer than the main thread's
 * own work between two commands at N = 1,000 (sorting incomes, the Ginis, the observation and
 * the caller's policy): a wake-up costs 20-70 us, a tenth of such a year. Spinning keeps the
 * second core busy meanwhile, which this process would not use otherwise.
 */
export const SPIN_MS = 2;
/** A worker that does not answer a command within this time is reported as stuck. */
const STUCK_AFTER_MS = 60_000;

export interface WorkerData {
  buffers: SharedBuffers;
  control: SharedArrayBuffer;
  config: EconomyConfig;
  errors: MessagePort;
}

/** From N = 1,000 up a second thread pays for its synchronisation (npm run bench). */
export const TWO_THREADS_FROM_N = 1_000;

export class HouseholdThreads {
  private readonly main: PhaseWorkspace;
  private worker: Worker | null = null;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
  private errors: MessagePort | null = null;
  private posted = 0;
  /** Why there is no worker, when there is none. */
  private reason = 'single thread';

  constructor(config: EconomyConfig, h: SharedHouseholds, buffers: SharedBuffers) {
    this.main = new PhaseWorkspace(config, h);
    const wanted = config.threads === 'two' || (config.threads === 'auto' && h.n >= TWO_THREADS_FROM_N && availableParallelism() >= 2);
    if (wanted) this.spawn(config, buffers);
  }

  /** 'two threads' once the worker runs, else what is happening or why not. */
  get status(): string {
    if (this.worker === null) return this.reason;
    return this.twoThreads ? 'two threads' : 'single thread while the worker thread starts';
  }

  /** Whether the worker takes blocks (false until it has started). */
  get twoThreads(): boolean {
    return this.worker !== null && Atomics.load(this.control, CONTROL.ready) === 1;
  }

  /** Waits (spinning, up to maxMs) until the worker has started or cannot start; returns the status. */
  awaitWorker(maxMs: number): string {
    const until = Date.now() + maxMs;
    while (this.worker !== null && !this.twoThreads && Date.now() < until) {
      // the worker starts on the other core; nothing to do here meanwhile
    }
    return this.status;
  }

  /** Runs a phase on every block and returns when all are done. */
  run(phase: Phase): void {
    if (this.twoThreads) {
      // a phase in flight is the wealth rank order, which takes no blocks
      Atomics.store(this.control, CONTROL.nextBlock, 0);
      this.post(phase);
      runFreeBlocks(phase, this.main, this.control);
      this.finish();
    } else {
      for (let block = 0; block < this.main.h.blocks; block++) runPhase(phase, block, this.main);
    }
  }

  /** Starts a whole-array phase (the wealth rank order) on the worker; returns at once. */
  start(phase: Phase): void {
    if (this.twoThreads) this.post(phase);
    else runPhase(phase, 0, this.main);
  }

  /** Waits until the worker has finished what it was given. */
  finish(): void {
    if (this.worker === null || this.posted === 0) return;
    if (!spinUntilFinished(this.control, this.posted)) this.fail();
  }

  /** Stops the worker (the economy keeps working on the main thread). */
  close(): void {
    if (this.worker === null) return;
    try {
      // a phase in flight (the wealth rank) finishes first: its result is still read
      this.finish();
    } catch {
      // the worker failed: finish() has stopped it already
    }
    this.stopWorker('closed');
  }

  private stopWorker(reason: string): void {
    if (this.worker === null) return;
    Atomics.store(this.control, CONTROL.stop, 1);
    Atomics.notify(this.control, CONTROL.posted);
    void this.worker.terminate();
    this.worker = null;
    this.reason = reason;
  }

  private post(phase: Phase): void {
    this.finish();
    const control = this.control;
    Atomics.store(control, CONTROL.phase, PHASES.indexOf(phase));
    Atomics.store(control, CONTROL.posted, ++this.posted);
    if (Atomics.load(control, CONTROL.sleeping) === 1) Atomics.notify(control, CONTROL.posted);
  }

  private fail(): never {
    const message = (this.errors ? receiveMessageOnPort(this.errors)?.message : undefined) ?? 'no message';
    this.stopWorker(`single thread: the worker thread failed (${message})`);
    throw new Error(`the household worker thread failed: ${message}`);
  }

  private spawn(config: EconomyConfig, buffers: SharedBuffers): void {
    // the worker is this folder's householdWorker: compiled (.js), or TypeScript when the tests
    // run the sources through tsx, whose loader a worker thread does not inherit
    const typescript = extname(__filename) === '.ts';
    const file = join(__dirname, `householdWorker${typescript ? '.ts' : '.js'}`);
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = { buffers, control: this.control.buffer as SharedArrayBuffer, config, errors: port2 };
    try {
      const options = { workerData, transferList: [port2] };
      const worker = typescript
        ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(file)});`, { ...options, eval: true })
        : new Worker(file, options);
      worker.unref();
      worker.on('error', (error) => {
        // a worker that never started leaves the main thread on its own
        this.reason = `single thread: the worker thread is unavailable (${error.message})`;
        if (Atomics.load(this.control, CONTROL.ready) !== 1) this.worker = null;
      });
      this.worker = worker;
      this.errors = port1;
      port1.unref();
    } catch (error) {
      this.reason = `single thread: the worker thread is unavailable (${(error as Error).message})`;
    }
  }
}

/**
 * Runs blocks of a phase until none is left, taking each from the control array's counter (so
 * that two threads never run the same block); 'rank' is one whole-array job.
 */
export function runFreeBlocks(phase: Phase, workspace: PhaseWorkspace, control: Int32Array): void {
  if (phase === 'rank') {
    runPhase(phase, 0, workspace);
    return;
  }
  const blocks = workspace.h.blocks;
  for (let block = Atomics.add(control, CONTROL.nextBlock, 1); block < blocks; block = Atomics.add(control, CONTROL.nextBlock, 1)) {
    runPhase(phase, block, workspace);
  }
}

/**
 * Spins until the worker has finished command `posted`; false when it failed. Nothing runs
 * after the loop but its returns (see prime.ts: V8 bails out of code after a loop it optimised
 * before that code ever ran, and keeps doing so).
 */
function spinUntilFinished(control: Int32Array, posted: number): boolean {
  let loads = 0;
  let since = 0;
  for (;;) {
    // finished first: the worker marks a failure before it posts the command back
    const finished = Atomics.load(control, CONTROL.finished) === posted;
    const failed = Atomics.load(control, CONTROL.failed) === 1;
    if (finished || failed) return !failed;
    if (++loads === 1_000_000) {
      loads = 0;
      since ||= Date.now();
      if (Date.now() - since > STUCK_AFTER_MS) throw new Error(`the household worker thread did not finish a phase within ${STUCK_AFTER_MS / 1000} s`);
    }
  }
}
