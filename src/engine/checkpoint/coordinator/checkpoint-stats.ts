/** Status of one checkpoint in the history (Flink's CheckpointStatsStatus). */
export type CheckpointStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/**
 * One row of the checkpoint history, as Flink's web UI shows it: plain data the pages can render.
 *
 * @example coordinator.history.at(-1) // { checkpointId: 3, status: 'COMPLETED', durationMs: 12, ... }
 */
export interface CheckpointStats {
  readonly checkpointId: number;
  readonly savepoint: boolean;
  status: CheckpointStatus;
  /** When it was triggered (ms since the epoch). */
  readonly triggerTimestamp: number;
  /** Trigger to completion or failure (ms; 0 while in progress). */
  durationMs: number;
  /** Bytes written by this checkpoint (new chunks only). */
  bytesWritten: number;
  /** Bytes of the whole state it refers to. */
  totalBytes: number;
  /** Longest barrier alignment over the subtasks (ms). */
  alignmentMs: number;
  incremental: boolean;
  /** Why it failed (declined, timed out, storage error). */
  reason?: string;
}

/** How many history rows a coordinator keeps (Flink's web.checkpoints.history default is 10). */
export const DEFAULT_HISTORY_SIZE = 50;
