import { CheckpointCoordinator } from '../checkpoint/coordinator/checkpoint-coordinator.ts';
import type { CheckpointStats } from '../checkpoint/coordinator/checkpoint-stats.ts';
import { wallClock, type CheckpointCoordinatorConfig } from '../checkpoint/coordinator/coordinator-config.ts';
import type {
  CheckpointStorage,
  CompletedCheckpoint,
  Savepoint,
} from '../checkpoint/storage/checkpoint-storage.ts';
import type { ExecutionGraph } from '../graph/execution-graph.ts';
import type { CheckpointHost, CheckpointTarget, RestorePoint } from './checkpoint-host.ts';
import type { CheckpointingMode, SubtaskRef, SubtaskRestore, SubtaskSnapshot } from './protocol.ts';

/** Builds every subtask's share of a checkpoint or savepoint (CKPT-CORE's restore assignment). */
export type AssignRestore = (
  source: CompletedCheckpoint | Savepoint,
  graph: ExecutionGraph,
) => Promise<SubtaskRestore[]>;

/** What a job's checkpointing is built from. */
export interface JobCheckpointsOptions {
  readonly jobId: string;
  readonly jobName: string;
  readonly storage: CheckpointStorage;
  readonly config: CheckpointCoordinatorConfig;
  readonly graph: ExecutionGraph;
  readonly assign: AssignRestore;
  /** The job starts from this savepoint (until its first checkpoint completes). */
  readonly savepoint?: Savepoint | null;
  /** The job resumes from this checkpoint (e.g. the latest of its jobId in storage). */
  readonly resumeFrom?: CompletedCheckpoint | null;
  /** Checkpoint ids continue after this one (the newest the storage holds for the jobId). */
  readonly lastCheckpointId?: number;
  /** Every change of the checkpoint history (pages, metrics). */
  readonly onStats?: (history: readonly CheckpointStats[]) => void;
}

const keyOf = (r: SubtaskRef): string => `${r.vertex}:${r.subtask}`;

/**
 * A job's checkpointing in the worker runtime: one CheckpointCoordinator for all its attempts
 * (history and checkpoint ids carry over a restart), triggering the attempt that is attached, and
 * the restore point of each attempt: the latest completed checkpoint, else the savepoint or
 * checkpoint the job was started from. A subtask that closed (FLIP-147) acknowledges later
 * checkpoints with its last snapshot, since its state no longer changes.
 *
 * @example
 * const cp = new JobCheckpoints({ jobId, jobName, storage, config, graph, assign });
 * const restore = await cp.restoreFor(graph); cp.attach(target);
 */
export class JobCheckpoints implements CheckpointHost {
  readonly mode: CheckpointingMode;
  private readonly coordinator: CheckpointCoordinator;
  private target: CheckpointTarget | null = null;
  private readonly lastAcks = new Map<string, SubtaskSnapshot>();
  private readonly closed = new Set<string>();
  private stopped = false;

  constructor(private readonly o: JobCheckpointsOptions) {
    this.mode = o.config.mode;
    const taskKeys = o.graph.subtasks
      .flat()
      .map((ev) => keyOf({ vertex: ev.vertex.index, subtask: ev.subtaskIndex }));
    this.coordinator = new CheckpointCoordinator({
      jobId: o.jobId,
      jobName: o.jobName,
      storage: o.storage,
      config: o.config,
      taskKeys,
      clock: wallClock,
      restoredFrom: o.resumeFrom ?? null,
      lastCheckpointId: o.lastCheckpointId ?? 0,
      hooks: {
        triggerTasks: (barrier) => {
          this.target?.trigger(barrier);
          for (const key of this.closed) {
            const last = this.lastAcks.get(key);
            if (last) this.coordinator.acknowledge(key, { ...last, checkpointId: barrier.checkpointId });
          }
        },
        notifyComplete: (id) => this.target?.notifyComplete(id),
        notifyAborted: (id) => this.target?.notifyAborted(id),
        onStats: () => o.onStats?.(this.history),
        // Too many checkpoints failed in a row: the attached attempt fails (restart strategy).
        failJob: (e) => this.target?.fail(e),
      },
    });
  }

  /** The checkpoint history, newest last. */
  get history(): readonly CheckpointStats[] {
    return this.coordinator.history;
  }

  /** The latest completed checkpoint (or the one the job resumed from). */
  get latestCompleted(): CompletedCheckpoint | null {
    return this.coordinator.latestCompleted;
  }

  async restoreFor(graph: ExecutionGraph): Promise<RestorePoint | null> {
    // A checkpoint whose acks were all in when the attempt failed is still being stored: its outcome
    // decides the restore point (Flink serializes completion and restore under the coordinator lock).
    await this.coordinator.whenIdle();
    const latest = this.coordinator.latestCompleted;
    if (latest) return { checkpointId: latest.checkpointId, state: await this.o.assign(latest, graph) };
    if (this.o.savepoint) return { checkpointId: 0, state: await this.o.assign(this.o.savepoint, graph) };
    return null;
  }

  attach(target: CheckpointTarget): void {
    if (this.stopped) return;
    this.target = target;
    this.lastAcks.clear();
    this.closed.clear();
    this.coordinator.start();
  }

  detach(reason: string): void {
    this.target = null;
    this.coordinator.stop(reason);
  }

  triggerNow(): void {
    const target = this.target;
    if (this.stopped || !target) return;
    // Every task ended. A checkpoint in flight may wait for barriers that ended sources will never
    // send (its trigger crossed their end of input), so the final checkpoint supersedes it: every
    // task acknowledges that one directly with its final state (FLIP-147).
    if (this.coordinator.pendingCheckpointId >= 0) {
      this.coordinator.stop('superseded by the final checkpoint (every task has ended its input)');
      this.coordinator.start();
    }
    // A final checkpoint that cannot complete fails the attempt (restarts may retry it), as inline.
    this.coordinator.triggerCheckpoint().catch((e: Error) => {
      if (this.target === target)
        target.fail(new Error(`The final checkpoint failed: ${e.message}`, { cause: e }));
    });
  }

  subtaskFinished(ref: SubtaskRef): void {
    const key = keyOf(ref);
    this.closed.add(key);
    // It may have closed after the barrier of the checkpoint in flight was sent: it will never see
    // that trigger, so it acknowledges with its final snapshot here.
    const pending = this.coordinator.pendingCheckpointId;
    const last = this.lastAcks.get(key);
    if (pending >= 0 && last && last.checkpointId < pending)
      this.coordinator.acknowledge(key, { ...last, checkpointId: pending });
  }

  acknowledge(ref: SubtaskRef, snapshot: SubtaskSnapshot): void {
    this.lastAcks.set(keyOf(ref), snapshot);
    this.coordinator.acknowledge(keyOf(ref), snapshot);
  }

  decline(ref: SubtaskRef, checkpointId: number, reason: Error): void {
    this.coordinator.decline(keyOf(ref), checkpointId, reason);
  }

  /** A savepoint of the running attempt (self-contained; it does not become the restore point). */
  triggerSavepoint(name: string): Promise<Savepoint> {
    if (!this.target) return Promise.reject(new Error(`triggerSavepoint("${name}"): the job is not running`));
    return this.coordinator.triggerSavepoint(name);
  }

  /** A checkpoint now (after the one in flight), e.g. for a benchmark or before an upgrade. */
  triggerCheckpoint(): Promise<CompletedCheckpoint> {
    if (!this.target) return Promise.reject(new Error('triggerCheckpoint(): the job is not running'));
    return this.coordinator.triggerCheckpoint();
  }

  /**
   * Ends checkpointing. A job that finished deletes its checkpoints (nothing is left to resume, as
   * Flink discards them); a failed or cancelled one keeps them (`restoreFrom: 'latest'`).
   */
  async stop(finished = false): Promise<void> {
    this.stopped = true;
    this.target = null;
    this.coordinator.stop('the job ended');
    if (finished) await this.o.storage.clear(this.o.jobId);
  }
}
