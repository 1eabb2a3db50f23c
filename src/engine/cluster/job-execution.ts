import { JobCancelledError } from '../runtime/errors.ts';
import type { CheckpointHost } from './checkpoint-host.ts';
import { CollectedResults } from './collected-results.ts';
import { ExecutionAttempt, type AttemptSettings, type AttemptStart } from './execution-attempt.ts';
import type { LoadedJob } from './job-loader.ts';
import { placeSubtasks, type Placement } from './placement.ts';
import type { SubtaskMetrics } from './protocol.ts';
import type { WorkerFactory } from './worker-handle.ts';
import { WorkerPool } from './worker-pool.ts';
import { freshWorkers, type WorkerSource } from './worker-source.ts';

/** Decides about a restart after the job's `failures`-th failure: a delay in ms, or null to fail. */
export type RestartDecider = (failures: number, error: Error) => number | null;

/** Settings of one run across workers (see JobManagerOptions for the defaults). */
export interface ExecutionSettings extends AttemptSettings {
  numWorkers: number;
  spawnWorker: WorkerFactory;
  /** Where workers come from and go back to (default: fresh ones from spawnWorker, stopped at the end). */
  workerSource?: WorkerSource;
  /** Restart strategy of the job (Flink's RestartStrategies); default: no restart. */
  restart?: RestartDecider;
  /** Checkpointing of the job (null: off). */
  checkpoints?: CheckpointHost | null;
  onMetrics?: (metrics: SubtaskMetrics[]) => void;
}

/**
 * One job run across TaskManager workers, over as many attempts as its restart strategy allows: each
 * failure (a subtask throws, a worker dies or misses heartbeats) stops the attempt, replaces dead
 * workers, rolls the collected results back to the latest completed checkpoint, and deploys every
 * subtask again with its share of that checkpoint (attempt number + 1), as Flink's full-restart
 * failover does. `result` settles exactly once, after every worker is terminated (or, in a session,
 * cancelled and back in the session's pool).
 *
 * @example
 * const execution = new JobExecution(plan, settings);
 * void execution.run();
 * const byCollectId = await execution.result;
 */
export class JobExecution {
  readonly result: Promise<Map<number, unknown[]>>;
  private resolve!: (r: Map<number, unknown[]>) => void;
  private reject!: (e: Error) => void;
  private settled = false;
  private pool: WorkerPool | null = null;
  private placement!: Placement;
  private attempt: ExecutionAttempt | null = null;
  private readonly results = new CollectedResults();
  private readonly metrics = new Map<string, SubtaskMetrics>();
  private failures = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private teardownDone: Promise<void> | null = null;
  /** Per restart: ms from the failure to the new attempt running (workers replaced, state restored). */
  readonly recoveriesMs: number[] = [];

  constructor(
    private readonly plan: LoadedJob,
    private readonly s: ExecutionSettings,
  ) {
    this.result = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  /** Latest metrics of every subtask that reported. */
  currentMetrics(): SubtaskMetrics[] {
    return [...this.metrics.values()];
  }

  /** Attempt number of the running attempt (0 before any restart). */
  get attemptNumber(): number {
    return this.attempt?.start.attemptNumber ?? 0;
  }

  /** Workers started so far, replacements included. */
  get workersStarted(): number {
    return this.pool?.started ?? 0;
  }

  /** Of those, workers a session cluster kept from earlier jobs. */
  get workersReused(): number {
    return this.pool?.reused ?? 0;
  }

  async run(): Promise<void> {
    try {
      this.placement = placeSubtasks(this.plan.executionGraph, this.s.numWorkers);
      const source = this.s.workerSource ?? freshWorkers(this.s.spawnWorker);
      this.pool = new WorkerPool(source, this.s.numWorkers, this.s.rpcTimeoutMs, (w, reason) =>
        this.attempt?.fail(this.attempt.workerError(w, `failed: ${reason.message}`, reason)),
      );
      await this.startAttempt(0);
    } catch (e) {
      void this.settle(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Cancels the run; resolves once every worker is gone. */
  async cancel(): Promise<void> {
    await this.settle(new JobCancelledError(this.plan.jobName));
  }

  private async startAttempt(attemptNumber: number): Promise<void> {
    const host = this.s.checkpoints ?? null;
    const restored = host ? await host.restoreFor(this.plan.executionGraph) : null;
    if (this.settled) return;
    this.results.rollback(restored?.checkpointId ?? 0);
    const start: AttemptStart = {
      attemptNumber,
      checkpointing: host ? { mode: host.mode } : null,
      restoreState: restored?.state ?? [],
      restoredCheckpointId: restored?.checkpointId ?? 0,
    };
    const attempt = new ExecutionAttempt(this.plan, this.placement, this.pool!, this.s, start, {
      onResults: (collectId, epoch, values) => this.results.add(collectId, epoch, values),
      onMetrics: (_w, m) => {
        for (const x of m) this.metrics.set(x.name, x);
        this.s.onMetrics?.(this.currentMetrics());
      },
      onAck: (ref, snapshot) => host?.acknowledge(ref, snapshot),
      onDecline: (ref, checkpointId, reason) => host?.decline(ref, checkpointId, reason),
      onSubtaskFinished: (ref) => host?.subtaskFinished(ref),
      onAllEnded: () => host?.triggerNow(),
      onFinished: () => void this.settle(null),
      onFailure: (e) => void this.onFailure(attempt, e),
    });
    this.attempt = attempt;
    await attempt.run();
    // Triggers start once every subtask runs (a barrier needs both ends of every channel).
    if (this.attempt === attempt && !this.settled) {
      host?.attach({
        trigger: (barrier) => attempt.triggerCheckpoint(barrier),
        notifyComplete: (id) => {
          this.results.commit(id);
          attempt.notifyCheckpointComplete(id);
        },
        notifyAborted: (id) => attempt.notifyCheckpointAborted(id),
        fail: (e) => attempt.fail(e),
      });
    }
  }

  private async onFailure(attempt: ExecutionAttempt, error: Error): Promise<void> {
    if (this.settled || attempt !== this.attempt) return;
    const failedAt = performance.now();
    attempt.stop();
    this.s.checkpoints?.detach(`attempt ${attempt.start.attemptNumber} failed: ${error.message}`);
    const delay = this.s.restart?.(++this.failures, error) ?? null;
    if (delay === null) return void this.settle(error);
    try {
      await Promise.all([
        this.pool!.prepareRestart(),
        new Promise<void>((r) => (this.restartTimer = setTimeout(r, delay))),
      ]);
      if (this.settled) return;
      await this.startAttempt(attempt.start.attemptNumber + 1);
      if (!this.settled) this.recoveriesMs.push(performance.now() - failedAt);
    } catch (e) {
      void this.settle(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Ends the run once: stops every worker first, so a settled result never leaves one running. */
  private async settle(error: Error | null): Promise<void> {
    if (this.settled) return this.teardown();
    this.settled = true;
    this.attempt?.stop();
    // Terminating is best effort and the outcome is already decided, but a failed teardown is still
    // reported: with a failure it rides along on the error, with a success it is logged.
    const teardownError = await this.teardown(error === null).then(
      () => null,
      (e: unknown) => e,
    );
    if (teardownError && !error)
      console.warn(`Job "${this.plan.jobName}" ended, but stopping its workers failed:`, teardownError);
    if (error && teardownError) (error as Error & { teardownError?: unknown }).teardownError = teardownError;
    if (error) this.reject(error);
    else this.resolve(this.results.finish());
  }

  private teardown(finished = false): Promise<void> {
    this.teardownDone ??= (async () => {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      try {
        await this.s.checkpoints?.stop(finished);
      } finally {
        await this.pool?.releaseAll();
      }
    })();
    return this.teardownDone;
  }
}
