/**
 * Where completed checkpoints and savepoints live (Flink's CheckpointStorage), separate from the
 * state backend that holds state while the job runs. Implementations: in memory (tests) and
 * IndexedDB (the browser). The coordinator (JobManager side) is the only writer.
 *
 * Layout: state is stored in chunks, one per (operator uid, part), where part is `kg:<keyGroup>`
 * for the keyed state (and timers) of one key group, or `op:<subtaskIndex>` for the operator state
 * of one subtask. A checkpoint's metadata lists, per operator and part, a reference to the chunk
 * that holds its current content; an incremental checkpoint writes only the chunks that changed
 * and refers to older ones for the rest. Metadata is written last, in one transaction: a
 * checkpoint without metadata does not exist, so a half-written one is never used for recovery.
 */

/** Where one chunk's content is stored: the checkpoint that wrote it, and its size. */
export interface StateChunkRef {
  readonly checkpointId: number;
  /** Size of the stored content (bytes, estimated for in-memory storage). */
  readonly bytes: number;
}

/** The state of one operator (by uid) in a completed checkpoint. */
export interface OperatorCheckpointMeta {
  /** Parallelism the operator ran with when the checkpoint was taken. */
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** part (`kg:<n>` | `op:<subtask>`) → chunk. */
  readonly chunks: Readonly<Record<string, StateChunkRef>>;
}

/** Metadata of a completed checkpoint: everything needed to restore from it. */
export interface CompletedCheckpoint {
  readonly jobId: string;
  readonly jobName: string;
  readonly checkpointId: number;
  /** Trigger and completion times (ms since the epoch). */
  readonly triggerTimestamp: number;
  readonly completedTimestamp: number;
  /** Longest barrier alignment over all subtasks (ms). */
  readonly alignmentMs: number;
  /** Bytes written by this checkpoint (new chunks only). */
  readonly bytesWritten: number;
  /** Bytes of the full state it refers to. */
  readonly totalBytes: number;
  readonly incremental: boolean;
  readonly operators: Readonly<Record<string, OperatorCheckpointMeta>>;
}

/** The contract every checkpoint store fulfils; see MemoryCheckpointStorage / IndexedDbCheckpointStorage. */
export interface CheckpointStorage {
  /**
   * Stores one chunk of checkpoint `checkpointId` (structured-clone-able data). Rejects with the
   * storage's error (e.g. a DOMException named QuotaExceededError) — the coordinator then declines
   * the checkpoint and calls discard().
   */
  writeChunk(
    jobId: string,
    checkpointId: number,
    uid: string,
    part: string,
    data: unknown,
  ): Promise<StateChunkRef>;
  /** Reads a chunk by its reference (from a completed checkpoint's metadata). */
  readChunk(jobId: string, uid: string, part: string, ref: StateChunkRef): Promise<unknown>;
  /**
   * Makes `checkpoint` durable (metadata written last, in one transaction), then keeps only the
   * newest `retained` checkpoints of the job and deletes every chunk none of them refers to.
   */
  commit(checkpoint: CompletedCheckpoint, retained: number): Promise<void>;
  /** Deletes the chunks written for a checkpoint that was declined, timed out or aborted. */
  discard(jobId: string, checkpointId: number): Promise<void>;
  /** The newest completed checkpoint of the job, or null. */
  latest(jobId: string): Promise<CompletedCheckpoint | null>;
  /** The job's retained completed checkpoints, oldest first. */
  list(jobId: string): Promise<CompletedCheckpoint[]>;
  /** Deletes everything of the job (checkpoints and chunks). */
  clear(jobId: string): Promise<void>;
}

/**
 * A self-contained savepoint: the state itself, no references to checkpoint chunks, so it outlives
 * the job and can be exported as a file. Restoring matches operators by uid and redistributes key
 * groups and operator-state entries to the new parallelism.
 */
export interface Savepoint {
  readonly format: 'rivulet-savepoint';
  readonly version: 1;
  readonly name: string;
  readonly jobName: string;
  readonly createdTimestamp: number;
  readonly operators: Readonly<
    Record<
      string,
      {
        readonly parallelism: number;
        readonly maxParallelism: number;
        /** part (`kg:<n>` | `op:<subtask>`) → content, as in checkpoint chunks. */
        readonly parts: Readonly<Record<string, unknown>>;
      }
    >
  >;
}
