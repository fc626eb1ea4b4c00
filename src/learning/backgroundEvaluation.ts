/**
 * Evaluation on the second core: the training loop hands a snapshot of the actors to a worker
 * thread, which plays the noise-free evaluation episodes while the main thread collects and updates
 * the next epoch. The worker acts exactly as evaluateAgent does with the agent itself (same
 * actors, same frozen normalisers, same economies), so the numbers do not depend on where the
 * evaluation ran. The loop stays synchronous: the main thread polls (between updates) or waits
 * (Atomics.wait on a counter the worker bumps after each answer) for the result.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { EconomyConfig } from '../economy/config.js';
import { FrozenActing, actorsFromSnapshot, type ActorSnapshot } from './acting.js';
import { evaluateAgent, type AgentEvaluation } from './rollout.js';
import { moduleWorkerSource } from './moduleWorker.js';

export interface EvaluationRequest {
  id: number;
  actors: ActorSnapshot;
  economy: Partial<EconomyConfig> & { n: number };
  seeds: number[];
}

export interface EvaluationAnswer {
  id: number;
  evaluation?: AgentEvaluation;
  /** Seconds the worker spent on the episodes. */
  seconds?: number;
  error?: string;
}

interface WorkerData {
  /** Int32 words: [0] answers posted so far. */
  control: SharedArrayBuffer;
  port: MessagePort;
}

/** The noise-free episodes of one request (what the worker runs; also callable in-thread). */
export function evaluateSnapshot(request: Omit<EvaluationRequest, 'id'>): AgentEvaluation {
  return evaluateAgent(new FrozenActing(actorsFromSnapshot(request.actors)), request.economy, request.seeds);
}

/** The worker thread's side: answer each request, then bump the counter the main thread waits on. */
export function serveEvaluations(data: WorkerData): void {
  const control = new Int32Array(data.control);
  data.port.on('message', (request: EvaluationRequest) => {
    let answer: EvaluationAnswer;
    try {
      const started = performance.now();
      const evaluation = evaluateSnapshot(request);
      answer = { id: request.id, evaluation, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      answer = { id: request.id, error: (error as Error)?.stack ?? String(error) };
    }
    data.port.postMessage(answer);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
  });
}

export class BackgroundEvaluator {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly control = new Int32Array(new SharedArrayBuffer(4));
  private submitted = 0;
  private pendingId: number | null = null;

  constructor() {
    // a worker that cannot start answers with its error
    const source = moduleWorkerSource(
      'backgroundEvaluation',
      'serveEvaluations',
      'workerData.port.postMessage({ id: -1, error: String(error && error.stack || error) }); const c = new Int32Array(workerData.control); Atomics.add(c, 0, 1); Atomics.notify(c, 0);',
    );
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = { control: this.control.buffer as SharedArrayBuffer, port: port2 };
    this.worker = new Worker(source, { eval: true, workerData, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
    this.port.unref();
  }

  get busy(): boolean {
    return this.pendingId !== null;
  }

  /** Starts evaluating; one request at a time. */
  submit(request: Omit<EvaluationRequest, 'id'>): void {
    if (this.pendingId !== null) throw new Error('an evaluation is already running; take its result first');
    const id = ++this.submitted;
    this.port.postMessage({ ...request, id });
    this.pendingId = id;
  }

  /** The running evaluation's answer if it is there (never blocks). */
  poll(): { evaluation: AgentEvaluation; seconds: number } | null {
    if (this.pendingId === null) return null;
    if (Atomics.load(this.control, 0) < this.pendingId) return null;
    return this.take();
  }

  /** Blocks until the running evaluation answers. */
  wait(): { evaluation: AgentEvaluation; seconds: number } {
    if (this.pendingId === null) throw new Error('no evaluation is running');
    for (let seen = Atomics.load(this.control, 0); seen < this.pendingId; seen = Atomics.load(this.control, 0)) Atomics.wait(this.control, 0, seen, 1000);
    return this.take();
  }

  private take(): { evaluation: AgentEvaluation; seconds: number } {
    const message = receiveMessageOnPort(this.port)?.message as EvaluationAnswer | undefined;
    this.pendingId = null;
    if (!message) throw new Error('the evaluation worker signalled an answer but none arrived');
    if (message.error || !message.evaluation) throw new Error(`the evaluation worker failed: ${message.error ?? 'no evaluation in its answer'}`);
    return { evaluation: message.evaluation, seconds: message.seconds ?? NaN };
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
