/**
 * The local engine: the cells still to run, as many at once as the cores allow, with one
 * progress bar for the whole sweep (cells done, and epochs saved across the train cells).
 */
import { availableParallelism } from 'node:os';
import { ProgressBar } from '../analysis/report/progress.js';
import { runCell, type CellOutcome } from './cell.js';
import { SweepError, type Plan } from './plan.js';
import { cellStatus, trainProgress } from './status.js';

export interface LocalOptions {
  /** Cells at once (default: the machine's cores). */
  parallel?: number;
  quiet?: boolean;
  abort?: AbortSignal;
}

export interface LocalResult {
  outcomes: CellOutcome[];
  seconds: number;
}

export async function runLocal(plan: Plan, options: LocalOptions = {}): Promise<LocalResult> {
  const started = performance.now();
  const parallel = Math.max(1, options.parallel ?? availableParallelism());
  const queue = plan.cells.filter((c) => cellStatus(plan, c, null).state !== 'done').map((c) => c.index);
  const alreadyDone = plan.cells.length - queue.length;
  const bar = new ProgressBar(`sweep ${plan.cells.length} cells`, plan.cells.length, !options.quiet);
  const outcomes: CellOutcome[] = [];
  let running = 0;
  const draw = () => {
    let epochsDone = 0;
    let epochs = 0;
    if (plan.kind === 'train') {
      for (const cell of plan.cells) {
        const p = trainProgress(cell);
        epochsDone += p.epochsDone ?? 0;
        epochs += p.epochs ?? 0;
      }
    }
    const failed = outcomes.filter((o) => o.state === 'failed').length;
    const done = alreadyDone + outcomes.filter((o) => o.state !== 'failed').length;
    bar.update(done, `| running ${running}${failed ? `, failed ${failed}` : ''}${epochs ? ` | epochs ${epochsDone}/${epochs}` : ''}`);
  };
  const timer = options.quiet ? null : setInterval(draw, 1000);
  draw();
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined && !options.abort?.aborted; index = queue.shift()) {
      running++;
      try {
        outcomes.push(await runCell(plan, index, { abort: options.abort }));
      } catch (error) {
        // a cell another runner holds (a Slurm task, another sweep) is left to it
        if (!(error instanceof SweepError)) throw error;
        outcomes.push({ cell: plan.cells[index], state: 'failed', resumed: false, exitCode: null, signal: null, seconds: 0, message: error.message });
      } finally {
        running--;
        draw();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  } finally {
    if (timer) clearInterval(timer);
  }
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}
