/**
 * Why a checkpoint failed, as the coordinator classifies it (a coarse Flink CheckpointFailureReason):
 * - `declined`: a task declined it (its snapshot threw, or its asynchronous part failed) —
 *   Flink's CHECKPOINT_DECLINED / CHECKPOINT_ASYNC_EXCEPTION;
 * - `expired`: not completed within the checkpoint timeout — CHECKPOINT_EXPIRED;
 * - `storage`: writing its chunks or committing its metadata failed (e.g. QuotaExceededError) —
 *   IO_EXCEPTION;
 * - `aborted`: given up because the job failed over, was cancelled, finished or stopped, or
 *   superseded by the final checkpoint — JOB_FAILURE, CHECKPOINT_COORDINATOR_SHUTDOWN,
 *   CHECKPOINT_SUBSUMED.
 */
export type CheckpointFailureReason = 'declined' | 'expired' | 'storage' | 'aborted';

/** Flink's CheckpointFailureManager.EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE. */
export const EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE =
  'Exceeded checkpoint tolerable failure threshold.';

/**
 * Throws unless `n` is a valid tolerable checkpoint failure number: an integer >= 0, or Infinity.
 *
 * @example checkTolerableFailureNumber('setTolerableCheckpointFailureNumber', 3);
 */
export function checkTolerableFailureNumber(what: string, n: number): void {
  if (!((Number.isInteger(n) && n >= 0) || n === Infinity))
    throw new RangeError(
      `${what}(${n}): must be an integer >= 0 (consecutive checkpoint failures tolerated before the job fails over; 0 = none, Infinity = unlimited)`,
    );
}

/**
 * Counts consecutive checkpoint failures and fails the job over when they exceed the tolerable
 * number (Flink's CheckpointFailureManager). Only failures that a failover might help count:
 * declines by tasks, expiry and storage errors (`declined`, `expired`, `storage`); aborts caused by
 * the job itself (failover, cancel, end, a final checkpoint superseding one) and any savepoint
 * failure do not. A checkpoint (or savepoint) that completes resets the count; so does failing the
 * job. The job's error is Flink's message followed by the last failure's reason, which is its cause.
 *
 * @example
 * const manager = new CheckpointFailureManager(2, (e) => failover(e));
 * manager.handleCheckpointFailure(7, 'storage', false, quotaError); // 1 consecutive failure: tolerated
 * manager.handleCheckpointSuccess(8); // back to 0
 */
export class CheckpointFailureManager {
  private consecutive = 0;
  private lastSucceededId = Number.NEGATIVE_INFINITY;

  constructor(
    readonly tolerableFailures: number,
    private readonly failJob: (error: Error) => void,
  ) {
    checkTolerableFailureNumber('CheckpointFailureManager', tolerableFailures);
  }

  /** Consecutive counted failures since the last completed checkpoint (or the last failover it caused). */
  get consecutiveFailures(): number {
    return this.consecutive;
  }

  /** Checkpoint `checkpointId` failed for `reason` with `error`; fails the job when too many did. */
  handleCheckpointFailure(
    checkpointId: number,
    reason: CheckpointFailureReason,
    savepoint: boolean,
    error: Error,
  ): void {
    // A savepoint is a manual action: its caller hears of the failure, a failover would not help.
    if (savepoint || reason === 'aborted' || this.tolerableFailures === Infinity) return;
    // One older than a checkpoint that completed since is no reason to fail (Flink's id check).
    if (checkpointId <= this.lastSucceededId) return;
    this.consecutive++;
    if (this.consecutive <= this.tolerableFailures) return;
    const failures = this.consecutive;
    this.consecutive = 0;
    this.failJob(
      new Error(
        `${EXCEEDED_CHECKPOINT_TOLERABLE_FAILURE_MESSAGE} The latest checkpoint failed due to: ${error.message} ` +
          `(${failures} consecutive checkpoint failure${failures === 1 ? '' : 's'}, ${this.tolerableFailures} tolerated: ` +
          'env.getCheckpointConfig().setTolerableCheckpointFailureNumber(n) tolerates more; the checkpoint history lists them)',
        { cause: error },
      ),
    );
  }

  /** Checkpoint (or savepoint) `checkpointId` completed: the count starts again. */
  handleCheckpointSuccess(checkpointId: number): void {
    if (checkpointId <= this.lastSucceededId) return;
    this.lastSucceededId = checkpointId;
    this.consecutive = 0;
  }
}
