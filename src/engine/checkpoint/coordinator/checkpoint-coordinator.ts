import type { CheckpointBarrierEvent } from '../../runtime/stream-event.ts';
import type { CheckpointStorage, CompletedCheckpoint, Savepoint } from '../storage/checkpoint-storage.ts';
import type { TaskSnapshotAck } from '../task/task-snapshot.ts';
import { DEFAULT_HISTORY_SIZE, type CheckpointStats } from './checkpoint-stats.ts';
import { savepointOfCheckpoint, writeCheckpointChunks } from './checkpoint-writer.ts';
import { estimateBytes } from '../storage/estimate-bytes.ts';
import { CheckpointFailureManager, type CheckpointFailureReason } from './checkpoint-failure-manager.ts';
import {
  DEFAULT_COORDINATOR_CONFIG,
  type CheckpointCoordinatorConfig,
  type CoordinatorClock,
} from './coordinator-config.ts';

/** How the coordinator reaches the tasks (in-process calls, or messages to workers). */
export interface CoordinatorHooks {
  /** Hand the barrier to every task's triggerCheckpoint (sources inject it; finished tasks ack). */
  triggerTasks(barrier: CheckpointBarrierEvent): void;
  /** Checkpoint `id` is stored: tell every task (notifyCheckpointComplete). */
  notifyComplete(checkpointId: number): void;
  /** Checkpoint `id` was given up: tell every task (notifyCheckpointAborted). */
  notifyAborted(checkpointId: number): void;
  /** The history changed (for pages and metrics). */
  onStats?(stats: CheckpointStats): void;
  /**
   * More consecutive checkpoints failed than `config.tolerableFailures`: fail the job over with
   * `error` (Flink's CheckpointFailureManager callback). Without it failures are only recorded.
   */
  failJob?(error: Error): void;
}

/** What a coordinator is built with. */
export interface CheckpointCoordinatorOptions {
  readonly jobId: string;
  readonly jobName: string;
  readonly storage: CheckpointStorage;
  readonly config: CheckpointCoordinatorConfig;
  /** One key per subtask: every one must acknowledge. */
  readonly taskKeys: readonly string[];
  readonly hooks: CoordinatorHooks;
  readonly clock: CoordinatorClock;
  /** The checkpoint the job was restored from: ids continue after it and increments build on it. */
  readonly restoredFrom?: CompletedCheckpoint | null;
  /** Ids continue after this one (e.g. the latest checkpoint of the job in storage). */
  readonly lastCheckpointId?: number;
}

interface Pending {
  readonly id: number;
  readonly savepoint: string | null;
  readonly triggerTimestamp: number;
  readonly acks: Map<string, Omit<TaskSnapshotAck, 'ready'>>;
  readonly stats: CheckpointStats;
  readonly resolve: (r: CompletedCheckpoint | Savepoint) => void;
  readonly reject: (e: Error) => void;
  cancelTimeout: () => void;
  finalizing: boolean;
}

/**
 * The JobManager side of checkpointing (Flink's CheckpointCoordinator), transport-agnostic:
 * triggers checkpoints periodically (interval, min pause, timeout, one at a time), collects every
 * subtask's acknowledgement, writes the chunks (incremental: unchanged key groups refer to the
 * previous checkpoint), commits the metadata last, then notifies the tasks. A decline, a timeout
 * or a storage error (e.g. QuotaExceededError) fails that checkpoint: the reason goes to the
 * history, and once more of them in a row than `config.tolerableFailures` (default 0) failed, the
 * `failJob` hook fails the job over (CheckpointFailureManager); until then it goes on.
 *
 * @example
 * const coordinator = new CheckpointCoordinator({ jobId, jobName, storage, config, taskKeys, hooks, clock: wallClock });
 * coordinator.start();
 * // tasks: onSnapshot: (ack) => ack.ready.then(() => coordinator.acknowledge(key, ack))
 */
export class CheckpointCoordinator {
  /** Newest last; at most DEFAULT_HISTORY_SIZE rows. */
  readonly history: CheckpointStats[] = [];
  private latest: CompletedCheckpoint | null;
  private lastId: number;
  private pending: Pending | null = null;
  private running = false;
  private cancelTimer: (() => void) | null = null;
  private lastTrigger = Number.NEGATIVE_INFINITY;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private idleWaiters: (() => void)[] = [];
  /** Counts consecutive failures against `config.tolerableFailures`. */
  readonly failureManager: CheckpointFailureManager;

  constructor(private readonly options: CheckpointCoordinatorOptions) {
    const { config } = options;
    if (config.maxConcurrent !== 1) {
      throw new RangeError(`maxConcurrentCheckpoints is ${config.maxConcurrent}; only 1 is supported`);
    }
    this.failureManager = new CheckpointFailureManager(
      config.tolerableFailures ?? DEFAULT_COORDINATOR_CONFIG.tolerableFailures,
      (e) => options.hooks.failJob?.(e),
    );
    this.latest = options.restoredFrom ?? null;
    this.lastId = Math.max(options.lastCheckpointId ?? 0, this.latest?.checkpointId ?? 0);
  }

  /** The latest completed checkpoint (or the one restored from), or null. */
  get latestCompleted(): CompletedCheckpoint | null {
    return this.latest;
  }

  /** The checkpoint in flight, or -1. */
  get pendingCheckpointId(): number {
    return this.pending?.id ?? -1;
  }

  /** Starts periodic checkpoints (the first after one interval, as Flink). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleNext();
  }

  /** Stops triggering and aborts the checkpoint in flight (job failed, cancelled or finished). */
  stop(reason = 'the job stopped'): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const p = this.pending;
    if (p !== null && !p.finalizing)
      this.fail(p, new Error(`Checkpoint ${p.id} was aborted: ${reason}`), 'aborted');
  }

  private scheduleNext(): void {
    if (!this.running || this.pending !== null) return;
    this.cancelTimer?.();
    const { intervalMs, minPauseMs } = this.options.config;
    const now = this.options.clock.now();
    const at = Math.max(
      this.lastTrigger + intervalMs,
      this.lastEnd + minPauseMs,
      now + (this.lastTrigger < 0 ? intervalMs : 0),
    );
    this.cancelTimer = this.options.clock.schedule(Math.max(0, at - now), () => {
      this.cancelTimer = null;
      if (this.running && this.pending === null) {
        this.trigger(null).catch(() => {}); // failures are in the history
      }
    });
  }

  /** Triggers a checkpoint now (after the one in flight); resolves with its metadata when stored. */
  async triggerCheckpoint(): Promise<CompletedCheckpoint> {
    while (this.pending !== null) await this.whenIdle(); // a periodic one may start meanwhile
    return (await this.trigger(null)) as CompletedCheckpoint;
  }

  /**
   * Triggers a savepoint: a self-contained copy of the state. It is also stored as a checkpoint (the
   * restore point of a later failover), since its completion is notified to the tasks.
   */
  async triggerSavepoint(name: string): Promise<Savepoint> {
    if (typeof name !== 'string' || name === '')
      throw new TypeError('triggerSavepoint(name): give a non-empty name');
    while (this.pending !== null) await this.whenIdle(); // a periodic one may start meanwhile
    return (await this.trigger(name)) as Savepoint;
  }

  /** Resolves when no checkpoint is in flight. */
  whenIdle(): Promise<void> {
    if (this.pending === null) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private trigger(savepoint: string | null): Promise<CompletedCheckpoint | Savepoint> {
    if (this.pending !== null) return Promise.reject(new Error('A checkpoint is already in flight'));
    this.cancelTimer?.();
    this.cancelTimer = null;
    const id = ++this.lastId;
    const triggerTimestamp = Date.now();
    this.lastTrigger = this.options.clock.now();
    const stats: CheckpointStats = {
      checkpointId: id,
      savepoint: savepoint !== null,
      status: 'IN_PROGRESS',
      triggerTimestamp,
      durationMs: 0,
      bytesWritten: 0,
      totalBytes: 0,
      alignmentMs: 0,
      incremental: false,
    };
    this.record(stats);
    return new Promise((resolve, reject) => {
      const p: Pending = {
        id,
        savepoint,
        triggerTimestamp,
        acks: new Map(),
        stats,
        resolve,
        reject,
        cancelTimeout: () => {},
        finalizing: false,
      };
      this.pending = p;
      p.cancelTimeout = this.options.clock.schedule(this.options.config.timeoutMs, () => {
        if (this.pending === p && !p.finalizing)
          this.fail(
            p,
            new Error(
              `Checkpoint ${id} expired before completing (timeout ${this.options.config.timeoutMs} ms)`,
            ),
            'expired',
          );
      });
      this.options.hooks.triggerTasks({
        kind: 'barrier',
        checkpointId: id,
        timestamp: triggerTimestamp,
        savepoint: savepoint !== null,
      });
    });
  }

  /** A subtask's acknowledgement (after its `ready` resolved); late or unknown ones are ignored. */
  acknowledge(taskKey: string, ack: Omit<TaskSnapshotAck, 'ready'>): void {
    const p = this.pending;
    if (p === null || p.id !== ack.checkpointId || p.finalizing) return;
    if (!this.options.taskKeys.includes(taskKey))
      throw new Error(`Checkpoint ${p.id}: unknown task "${taskKey}"`);
    p.acks.set(taskKey, ack);
    if (p.acks.size === this.options.taskKeys.length) void this.finalize(p);
  }

  /** A subtask cannot complete checkpoint `checkpointId`: it fails with `reason`. */
  decline(taskKey: string, checkpointId: number, reason: unknown): void {
    const p = this.pending;
    if (p === null || p.id !== checkpointId || p.finalizing) return;
    const message = reason instanceof Error ? reason.message : String(reason);
    this.fail(
      p,
      new Error(`Checkpoint ${checkpointId} was declined by ${taskKey}: ${message}`, { cause: reason }),
      'declined',
    );
  }

  private async finalize(p: Pending): Promise<void> {
    p.finalizing = true;
    p.cancelTimeout();
    const { storage, jobId, jobName, config } = this.options;
    const acks = [...p.acks.values()];
    try {
      // A completed savepoint is also stored as a checkpoint and becomes the restore point: the
      // tasks are told it completed (sinks commit up to it, collected results are released), so a
      // failover must not go back to an older checkpoint and replay what was committed (as Flink
      // before FLIP-193, where savepoints entered the completed checkpoint store).
      const meta = await writeCheckpointChunks(
        storage,
        { jobId, jobName, checkpointId: p.id, triggerTimestamp: p.triggerTimestamp, acks, base: this.latest },
        Date.now(),
      );
      const sp =
        p.savepoint !== null
          ? await savepointOfCheckpoint(p.savepoint, jobName, meta, acks, storage, Date.now())
          : null;
      await storage.commit(meta, config.retained);
      this.latest = meta;
      Object.assign(p.stats, {
        bytesWritten: meta.bytesWritten,
        totalBytes: meta.totalBytes,
        alignmentMs: meta.alignmentMs,
        incremental: meta.incremental,
      });
      if (sp !== null) {
        // Self-contained: all of it is written wherever the savepoint goes.
        p.stats.totalBytes = p.stats.bytesWritten = estimateBytes(sp.operators);
        this.succeed(p, sp);
        return;
      }
      this.succeed(p, meta);
    } catch (e) {
      // The declined checkpoint is never used (no metadata); a failed clean-up only leaves chunks that the
      // next commit's garbage collection removes, so it is reported with the decline, not raised.
      const leftover = await storage.discard(jobId, p.id).then(
        () => '',
        (d: unknown) =>
          `; its partial chunks stay until the next commit (${d instanceof Error ? d.message : String(d)})`,
      );
      const what =
        p.savepoint !== null ? `Savepoint "${p.savepoint}" (checkpoint ${p.id})` : `Checkpoint ${p.id}`;
      this.fail(
        p,
        new Error(`${what} could not be stored: ${e instanceof Error ? e.message : String(e)}${leftover}`, {
          cause: e,
        }),
        'storage',
      );
    }
  }

  private succeed(p: Pending, result: CompletedCheckpoint | Savepoint): void {
    p.stats.status = 'COMPLETED';
    this.end(p);
    this.failureManager.handleCheckpointSuccess(p.id);
    this.options.hooks.notifyComplete(p.id);
    p.resolve(result);
    this.release();
  }

  private fail(p: Pending, error: Error, reason: CheckpointFailureReason): void {
    p.cancelTimeout();
    p.stats.status = 'FAILED';
    p.stats.reason = error.message;
    this.end(p);
    this.options.hooks.notifyAborted(p.id);
    p.reject(error);
    // May fail the job over (hooks.failJob); the failover then stops this coordinator (a checkpoint
    // triggered meanwhile is aborted then, which does not count).
    this.failureManager.handleCheckpointFailure(p.id, reason, p.savepoint !== null, error);
    this.release();
  }

  private end(p: Pending): void {
    this.pending = null;
    this.lastEnd = this.options.clock.now();
    p.stats.durationMs = Date.now() - p.triggerTimestamp;
    this.options.hooks.onStats?.(p.stats);
  }

  private release(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
    this.scheduleNext();
  }

  private record(stats: CheckpointStats): void {
    this.history.push(stats);
    if (this.history.length > DEFAULT_HISTORY_SIZE) this.history.shift();
    this.options.hooks.onStats?.(stats);
  }
}
