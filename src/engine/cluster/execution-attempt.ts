import * as Comlink from 'comlink';
import { BatchDecoder } from '../net/codec/batch-decoder.ts';
import type { CheckpointBarrierEvent } from '../runtime/stream-event.ts';
import type { LoadedJob } from './job-loader.ts';
import { subtaskName, type Placement } from './placement.ts';
import {
  deserializeError,
  type CheckpointingMode,
  type DeployDescriptor,
  type SubtaskMetrics,
  type SubtaskRef,
  type SubtaskRestore,
  type SubtaskSnapshot,
  type TaskManagerEvent,
} from './protocol.ts';
import { wireChannels } from './channel-wiring.ts';
import { HeartbeatWatchdog, silentWorkerReason } from './heartbeat-watchdog.ts';
import { withTimeout } from './rpc.ts';
import type { WorkerPool } from './worker-pool.ts';

/** Settings shared by every attempt of a run (see JobManagerOptions for the defaults). */
export interface AttemptSettings {
  readonly jobId: string;
  readonly moduleUrl: string;
  readonly parallelism: number;
  readonly rpcTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly metricsIntervalMs: number;
  readonly credits: number;
}

/** What one attempt starts from. */
export interface AttemptStart {
  readonly attemptNumber: number;
  readonly checkpointing: { readonly mode: CheckpointingMode } | null;
  readonly restoreState: SubtaskRestore[];
  readonly restoredCheckpointId: number;
}

/** What an attempt reports to the job it belongs to. */
export interface AttemptListener {
  onResults(collectId: number, epoch: number, values: unknown[]): void;
  onMetrics(worker: number, metrics: SubtaskMetrics[]): void;
  onAck(ref: SubtaskRef, snapshot: SubtaskSnapshot): void;
  onDecline(ref: SubtaskRef, checkpointId: number, reason: Error): void;
  /** A subtask closed (it will not acknowledge later checkpoints). */
  onSubtaskFinished(ref: SubtaskRef): void;
  /** Every subtask ended its input: the final checkpoint can be taken (FLIP-147). */
  onAllEnded(): void;
  /** Every subtask finished. */
  onFinished(): void;
  /** The first failure of this attempt (later ones are ignored). */
  onFailure(error: Error): void;
}

/**
 * One attempt of a job on the pool's workers (Flink's execution attempt of every vertex): one
 * MessageChannel per cross-worker channel, deploy (with each subtask's restore state), start, a
 * heartbeat watchdog, and the TaskManagers' events routed to the listener. `stop()` silences it;
 * the pool then cancels or replaces the workers.
 *
 * @example
 * const attempt = new ExecutionAttempt(plan, placement, pool, settings, start, listener);
 * await attempt.run();
 */
export class ExecutionAttempt {
  private stopped = false;
  private failedOnce = false;
  private readonly failed: Promise<never>;
  private failWith!: (e: Error) => void;
  private readonly ports: MessagePort[] = [];
  private readonly decoder = new BatchDecoder();
  private readonly watchdog: HeartbeatWatchdog;
  private finished = 0;
  private ended = 0;
  private readonly total: number;

  constructor(
    private readonly plan: LoadedJob,
    private readonly placement: Placement,
    private readonly pool: WorkerPool,
    private readonly s: AttemptSettings,
    readonly start: AttemptStart,
    private readonly listener: AttemptListener,
  ) {
    this.total = placement.perWorker.reduce((n, l) => n + l.length, 0);
    this.failed = new Promise<never>((_, rej) => (this.failWith = rej));
    this.failed.catch(() => {}); // observed through the listener
    this.watchdog = new HeartbeatWatchdog(
      () => pool.workers,
      s.heartbeatIntervalMs,
      s.heartbeatTimeoutMs,
      (w, silent) => {
        const e = this.workerError(w, silentWorkerReason(silent, s.heartbeatTimeoutMs, pool.workers[w].heap));
        pool.markDead(w, e);
        this.fail(e);
      },
    );
  }

  /** Deploys and starts every subtask; a failure on the way is reported through the listener. */
  async run(): Promise<void> {
    try {
      await this.deployAndStart();
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Reports `e` once (unless stopped) and silences the attempt. */
  fail(e: Error): void {
    if (this.stopped || this.failedOnce) return;
    this.failedOnce = true;
    this.failWith(e);
    this.listener.onFailure(e);
  }

  /** Stops listening: no event of this attempt reaches the listener afterwards. */
  stop(): void {
    this.stopped = true;
    this.watchdog.stop();
    for (const p of this.ports) p.close();
  }

  /** Injects the barrier at the sources (every TaskManager; those without a source ignore it). */
  triggerCheckpoint(barrier: CheckpointBarrierEvent): void {
    this.broadcast('triggerCheckpoint', (w) => w.remote.triggerCheckpoint(barrier));
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.broadcast('notifyCheckpointComplete', (w) => w.remote.notifyCheckpointComplete(checkpointId));
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.broadcast('notifyCheckpointAborted', (w) => w.remote.notifyCheckpointAborted(checkpointId));
  }

  private broadcast(what: string, call: (w: WorkerPool['workers'][number]) => Promise<void>): void {
    if (this.stopped) return;
    this.pool.workers.forEach((w, i) => {
      this.call(i, what, call(w)).catch((e: Error) => this.fail(e));
    });
  }

  private call<T>(w: number, what: string, p: Promise<T>): Promise<T> {
    return withTimeout(p, this.s.rpcTimeoutMs, `${what} on TaskManager ${w}`, this.failed);
  }

  private async deployAndStart(): Promise<void> {
    const workers = this.pool.workers;
    const channels = wireChannels(this.placement);
    const inWorker = (w: number) => (r: SubtaskRef) => this.placement.workerOf(r.vertex, r.subtask) === w;
    await Promise.all(
      workers.map((worker, w) => {
        const { port1, port2 } = new MessageChannel();
        this.ports.push(port1);
        port1.addEventListener('message', (e: MessageEvent) => this.onEvent(w, e.data as TaskManagerEvent));
        port1.start();
        const descriptor: DeployDescriptor = {
          jobId: this.s.jobId,
          moduleUrl: this.s.moduleUrl,
          parallelism: this.s.parallelism,
          workerIndex: w,
          planFingerprint: this.plan.fingerprint,
          subtasks: this.placement.perWorker[w],
          producers: channels[w].producers,
          consumers: channels[w].consumers,
          locals: channels[w].locals,
          credits: this.s.credits,
          heartbeatIntervalMs: this.s.heartbeatIntervalMs,
          metricsIntervalMs: this.s.metricsIntervalMs,
          events: port2,
          attemptNumber: this.start.attemptNumber,
          checkpointing: this.start.checkpointing,
          restoreState: this.start.restoreState.filter(inWorker(w)),
          restoredCheckpointId: this.start.restoredCheckpointId,
        };
        const { producers, consumers } = channels[w];
        const transfer = [port2, ...producers.map((p) => p.port), ...consumers.map((c) => c.port)];
        worker.lastSeen = performance.now() + this.s.rpcTimeoutMs; // deploy has its own timeout
        return this.call(w, 'deploy', worker.remote.deploy(Comlink.transfer(descriptor, transfer)));
      }),
    );
    for (const w of workers) w.lastSeen = performance.now();
    this.watchdog.start();
    await Promise.all(workers.map((w, i) => this.call(i, 'start', w.remote.start())));
  }

  private onEvent(w: number, e: TaskManagerEvent): void {
    if (this.stopped) return;
    const worker = this.pool.workers[w];
    worker.lastSeen = performance.now();
    switch (e.type) {
      case 'heartbeat':
        worker.heap = e.heap;
        return;
      case 'metrics':
        return this.listener.onMetrics(w, e.subtasks);
      case 'results':
        return this.listener.onResults(e.collectId, e.epoch, this.decoder.decode(e.batch).values);
      case 'ack':
        return this.listener.onAck({ vertex: e.vertex, subtask: e.subtask }, e.snapshot);
      case 'decline':
        return this.listener.onDecline(
          { vertex: e.vertex, subtask: e.subtask },
          e.checkpointId,
          deserializeError(e.reason, `${subtaskName(this.plan.executionGraph, e)} declined: `),
        );
      case 'ended':
        if (++this.ended === this.total) this.listener.onAllEnded();
        return;
      case 'finished':
        this.listener.onSubtaskFinished({ vertex: e.vertex, subtask: e.subtask });
        if (++this.finished === this.total) this.listener.onFinished();
        return;
      case 'failed': {
        const where =
          e.vertex !== undefined && e.subtask !== undefined
            ? `Subtask ${subtaskName(this.plan.executionGraph, { vertex: e.vertex, subtask: e.subtask })}`
            : `TaskManager ${w}`;
        return this.fail(deserializeError(e.error, `${where} failed: `));
      }
    }
  }

  /** "TaskManager w (subtasks …) <what>". */
  workerError(w: number, what: string, cause?: Error): Error {
    const names = (this.placement.perWorker[w] ?? []).map((r) => subtaskName(this.plan.executionGraph, r));
    return new Error(`TaskManager ${w} (subtasks ${names.join(', ') || 'none'}) ${what}`, { cause });
  }
}
