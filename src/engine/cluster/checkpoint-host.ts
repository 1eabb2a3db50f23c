import type { ExecutionGraph } from '../graph/execution-graph.ts';
import type { CheckpointBarrierEvent } from '../runtime/stream-event.ts';
import type { CheckpointingMode, SubtaskRef, SubtaskRestore, SubtaskSnapshot } from './protocol.ts';

/** The running attempt as the checkpoint host drives it. */
export interface CheckpointTarget {
  /** Injects the barrier at the sources (and acks from tasks awaiting their final checkpoint). */
  trigger(barrier: CheckpointBarrierEvent): void;
  /** The checkpoint is stored: release results, tell the tasks (CheckpointListeners). */
  notifyComplete(checkpointId: number): void;
  notifyAborted(checkpointId: number): void;
  /** Fails the attempt (its final checkpoint could not complete, or too many checkpoints failed in a row). */
  fail(error: Error): void;
}

/** Where an attempt starts from: a checkpoint or savepoint, each subtask's share. */
export interface RestorePoint {
  /** The restored checkpoint's id (0 for a savepoint or none): the first epoch of collected results. */
  readonly checkpointId: number;
  readonly state: SubtaskRestore[];
}

/**
 * The JobManager's checkpointing of one job across its attempts (the worker runtime's side of the
 * CheckpointCoordinator): triggers barriers on the attached attempt, collects the acks, stores the
 * checkpoint, and says what each attempt restores.
 */
export interface CheckpointHost {
  readonly mode: CheckpointingMode;
  /** The state the next attempt starts from (latest completed checkpoint, else the initial savepoint). */
  restoreFor(graph: ExecutionGraph): Promise<RestorePoint | null>;
  /** Starts periodic checkpoints on a running attempt. */
  attach(target: CheckpointTarget): void;
  /** The attempt failed: stop triggering and abort the checkpoint in progress. */
  detach(reason: string): void;
  /** Takes a checkpoint now (every task ended its input: the final checkpoint lets them close). */
  triggerNow(): void;
  /** A subtask closed: later checkpoints reuse its last snapshot (its state no longer changes). */
  subtaskFinished(ref: SubtaskRef): void;
  acknowledge(ref: SubtaskRef, snapshot: SubtaskSnapshot): void;
  decline(ref: SubtaskRef, checkpointId: number, reason: Error): void;
  /** Ends checkpointing for good (job finished, failed or cancelled); `finished`: delete its checkpoints. */
  stop(finished?: boolean): Promise<void>;
}
