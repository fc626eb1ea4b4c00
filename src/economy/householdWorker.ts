/**
 * The worker thread of HouseholdThreads: waits for a command on the control array, runs the
 * blocks of that phase the main thread has not taken (or the whole wealth sort), posts the
 * command back.
 */
import { workerData } from 'node:worker_threads';
import { CONTROL, runFreeBlocks, SPIN_MS, type WorkerData } from './householdThreads.js';
import { PHASES, PhaseWorkspace, viewShared } from './yearPhases.js';
import { primeHotLoops } from './prime.js';

const { buffers, control: controlBuffer, config, errors } = workerData as WorkerData;
const control = new Int32Array(controlBuffer);
primeHotLoops(config);
const workspace = new PhaseWorkspace(config, viewShared(buffers));
Atomics.store(control, CONTROL.ready, 1);

let done = 0;
for (;;) {
  // spin a while (commands come a few per year), then sleep until notified
  let posted = Atomics.load(control, CONTROL.posted);
  let spinUntil = performance.now() + SPIN_MS;
  for (let loads = 0; posted === done; posted = Atomics.load(control, CONTROL.posted)) {
    if ((++loads & 1023) !== 0) continue;
    if (Atomics.load(control, CONTROL.stop) === 1) process.exit(0);
    if (performance.now() < spinUntil) continue;
    Atomics.store(control, CONTROL.sleeping, 1);
    Atomics.wait(control, CONTROL.posted, done, 1000);
    Atomics.store(control, CONTROL.sleeping, 0);
    spinUntil = performance.now() + SPIN_MS;
  }
  try {
    runFreeBlocks(PHASES[Atomics.load(control, CONTROL.phase)], workspace, control);
  } catch (error) {
    errors.postMessage((error as Error).stack ?? String(error));
    Atomics.store(control, CONTROL.failed, 1);
  }
  done = posted;
  Atomics.store(control, CONTROL.finished, done);
}
