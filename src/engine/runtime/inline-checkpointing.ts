import { CheckpointCoordinator } from '../checkpoint/coordinator/checkpoint-coordinator.ts';
import {
  restoreAssignment,
  restoreTargets,
  taskRestoreState,
  type RestoreAssignment,
} from '../checkpoint/coordinator/restore-assignment.ts';
import type { CompletedCheckpoint } from '../checkpoint/storage/checkpoint-storage.ts';
import type { ExecutionVertex } from '../graph/execution-graph.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import type { ProcessingTimeService } from '../time/timer-service.ts';
import { AUTO_UID_PREFIX } from './errors.ts';
import type { CheckpointingOptions, ExecutionOptions } from './job-handle.ts';
import type { CheckpointBarrierEvent } from './stream-event.ts';
import type { StreamTask, StreamTaskOptions, TaskRestoreState } from './stream-task.ts';

type Notification = { readonly id: number; readonly complete: boolean };

/**
 * Checkpointing for the inline runtime: one CheckpointCoordinator for the job's life (ids and the
 * latest checkpoint survive restarts) on the job's clock, and the queues that keep its calls out of
 * task steps: triggers and notifications are handed to the tasks between scheduling rounds.
 *
 * @example
 * const cp = await InlineCheckpointing.create(jobId, jobGraph, options, clock, wake);
 * // per attempt: cp.taskOptions(ev, key), then cp.attach(tasks) and, between rounds, cp.deliver()
 */
export class InlineCheckpointing {
  private triggers: CheckpointBarrierEvent[] = [];
  private notifications: Notification[] = [];
  private tasks: StreamTask[] = [];
  private keys: string[] = [];
  /** An attempt is running (between attach and detach): only it can be failed over. */
  private attached = false;
  readonly coordinator: CheckpointCoordinator;

  private constructor(
    private readonly jobGraph: JobGraph,
    private readonly options: ExecutionOptions & { checkpointing: CheckpointingOptions },
    private readonly initial: RestoreAssignment | null,
    coordinatorFactory: (i: InlineCheckpointing) => CheckpointCoordinator,
    private readonly onError: (e: unknown) => void,
    private readonly wake: () => void,
  ) {
    this.coordinator = coordinatorFactory(this);
  }

  /** Reads what to restore from (a savepoint, a checkpoint, or the job's latest) and builds the coordinator. */
  static async create(
    jobId: string,
    jobGraph: JobGraph,
    options: ExecutionOptions & { checkpointing: CheckpointingOptions },
    clock: ProcessingTimeService,
    wake: () => void,
    onError: (e: unknown) => void,
  ): Promise<InlineCheckpointing> {
    const { storage, config } = options.checkpointing;
    const latest = await storage.latest(jobId);
    let from = options.restoreFrom ?? null;
    if (from === 'latest') {
      if (latest === null)
        throw new Error(`Job "${jobId}" has no completed checkpoint in the storage to resume from`);
      from = latest;
    }
    const initial =
      from === null
        ? null
        : await restoreAssignment(from, restoreTargets(jobGraph), {
            storage,
            allowNonRestoredState: options.allowNonRestoredState,
          });
    const restoredFrom =
      from !== null && (from as CompletedCheckpoint).checkpointId !== undefined
        ? (from as CompletedCheckpoint)
        : null;
    const sameJob = restoredFrom !== null && restoredFrom.jobId === jobId;
    return new InlineCheckpointing(
      jobGraph,
      options,
      initial,
      (self) =>
        new CheckpointCoordinator({
          jobId,
          jobName: jobGraph.jobName,
          storage,
          config,
          taskKeys: self.keys,
          clock: {
            now: () => clock.getCurrentProcessingTime(),
            schedule: (delayMs, fn) =>
              clock.registerTimer(clock.getCurrentProcessingTime() + delayMs, () => fn()),
          },
          // Increments build on a checkpoint of this job only (chunks of other jobs are not shared).
          restoredFrom: sameJob ? restoredFrom : null,
          lastCheckpointId: latest?.checkpointId ?? 0,
          hooks: {
            triggerTasks: (barrier) => {
              self.triggers.push(barrier);
              wake();
            },
            notifyComplete: (id) => {
              self.notifications.push({ id, complete: true });
              wake();
            },
            notifyAborted: (id) => {
              self.notifications.push({ id, complete: false });
              wake();
            },
            // Too many checkpoints failed in a row: the running attempt fails (restart strategy).
            failJob: (e) => {
              if (self.attached) onError(e);
            },
          },
        }),
      onError,
      wake,
    );
  }

  /** What to restore an attempt from: the latest completed checkpoint, else the initial savepoint/checkpoint. */
  async assignmentForAttempt(attempt: number): Promise<RestoreAssignment | null> {
    // A checkpoint whose acks were all in when the attempt failed is still being stored: its outcome
    // decides the restore point (Flink serializes completion and restore under the coordinator lock).
    await this.coordinator.whenIdle();
    const latest = this.coordinator.latestCompleted;
    if (attempt === 0 || latest === null || latest === this.initial?.checkpoint) return this.initial;
    return restoreAssignment(latest, restoreTargets(this.jobGraph), {
      storage: this.options.checkpointing.storage,
      allowNonRestoredState: true, // the job's own checkpoint: every uid matches
    });
  }

  /** The checkpoint options of one task of the attempt; `restore` from assignmentForAttempt. */
  taskOptions(
    ev: ExecutionVertex,
    restore: RestoreAssignment | null,
  ): Pick<StreamTaskOptions, 'checkpointing' | 'restoredState' | 'onSnapshot' | 'onDecline'> {
    const key = `${ev.vertex.index}:${ev.subtaskIndex}`;
    const uids = ev.vertex.nodes.map((n) => n.uid ?? `${AUTO_UID_PREFIX}${n.id}`);
    const restoredState: TaskRestoreState | undefined =
      restore === null ? undefined : taskRestoreState(restore, uids, ev.subtaskIndex);
    return {
      checkpointing: { mode: this.options.checkpointing.config.mode },
      restoredState,
      onSnapshot: (ack) =>
        ack.ready.then(
          () => this.coordinator.acknowledge(key, ack),
          (e) => this.coordinator.decline(key, ack.checkpointId, e),
        ),
      onDecline: (id, reason) => this.coordinator.decline(key, id, reason),
    };
  }

  /** Starts an attempt with these tasks (keys `${vertex}:${subtask}`, as taskOptions made them). */
  attach(tasks: StreamTask[], evs: ExecutionVertex[]): void {
    this.tasks = tasks;
    this.keys.length = 0;
    for (const ev of evs) this.keys.push(`${ev.vertex.index}:${ev.subtaskIndex}`);
    this.triggers = [];
    this.notifications = [];
    this.attached = true;
    this.coordinator.start();
  }

  /** Stops periodic checkpoints and aborts the one in flight (failure, cancel, end). */
  detach(reason: string): void {
    this.attached = false;
    this.coordinator.stop(reason);
  }

  /** Hands queued triggers and notifications to the tasks (between rounds); returns whether any. */
  deliver(): boolean {
    if (this.triggers.length === 0 && this.notifications.length === 0) return false;
    const triggers = this.triggers;
    const notifications = this.notifications;
    this.triggers = [];
    this.notifications = [];
    for (const barrier of triggers) for (const t of this.tasks) t.triggerCheckpoint(barrier);
    for (const n of notifications) {
      for (const t of this.tasks) {
        const r = n.complete ? t.notifyCheckpointComplete(n.id) : t.notifyCheckpointAborted(n.id);
        // An async listener (a two-phase-commit sink) may close its finished task later: wake the loop.
        if (r) r.then(this.wake, this.onError);
      }
    }
    return true;
  }
}
