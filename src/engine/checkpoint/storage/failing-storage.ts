import type { CheckpointStorage, CompletedCheckpoint } from './checkpoint-storage.ts';
import { storageFailure } from './storage-errors.ts';

/** One chunk write, as seen by {@link failingStorage}'s predicate. */
export interface ChunkWrite {
  readonly jobId: string;
  readonly checkpointId: number;
  readonly uid: string;
  readonly part: string;
  /** 1-based count of writeChunk calls on this wrapper so far, this one included. */
  readonly index: number;
}

/** When {@link failingStorage} fails. */
export interface FailingStorageOptions {
  /** Fail the n-th chunk write (1-based), or every write the predicate picks. */
  failOnChunk?: number | ((write: ChunkWrite) => boolean);
  /** Fail the commit of this checkpoint id, or every commit the predicate picks. */
  failOnCommit?: number | ((checkpoint: CompletedCheckpoint) => boolean);
}

/** A checkpoint store that throws QuotaExceededError on demand; see {@link failingStorage}. */
export interface FailingStorage extends CheckpointStorage {
  /** How many writes and commits were failed so far. */
  readonly failures: number;
}

/**
 * Wraps a checkpoint store so chosen chunk writes or commits fail the way a full IndexedDB does:
 * with a CheckpointStorageError (failure `'quota'`) whose cause is a DOMException named
 * QuotaExceededError, and nothing written (the inner store is not called). For tests of declined
 * checkpoints: the job must keep running on the previous checkpoint.
 *
 * @example
 * const storage = failingStorage(new MemoryCheckpointStorage(), {
 *   failOnChunk: (w) => w.checkpointId === 2,
 * });
 */
export function failingStorage(inner: CheckpointStorage, options: FailingStorageOptions): FailingStorage {
  let writes = 0;
  let failures = 0;
  const quota = (doing: string) => {
    failures++;
    return storageFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), doing);
  };
  const { failOnChunk, failOnCommit } = options;
  return {
    get failures() {
      return failures;
    },
    async writeChunk(jobId, checkpointId, uid, part, data) {
      const write = { jobId, checkpointId, uid, part, index: ++writes };
      const fail = typeof failOnChunk === 'number' ? write.index === failOnChunk : failOnChunk?.(write);
      if (fail) {
        throw quota(`writing chunk ${uid}/${part} of checkpoint ${checkpointId} of job "${jobId}"`);
      }
      return inner.writeChunk(jobId, checkpointId, uid, part, data);
    },
    readChunk: (jobId, uid, part, ref) => inner.readChunk(jobId, uid, part, ref),
    async commit(checkpoint, retained) {
      const fail =
        typeof failOnCommit === 'number'
          ? checkpoint.checkpointId === failOnCommit
          : failOnCommit?.(checkpoint);
      if (fail) {
        throw quota(`committing checkpoint ${checkpoint.checkpointId} of job "${checkpoint.jobId}"`);
      }
      return inner.commit(checkpoint, retained);
    },
    discard: (jobId, checkpointId) => inner.discard(jobId, checkpointId),
    latest: (jobId) => inner.latest(jobId),
    list: (jobId) => inner.list(jobId),
    clear: (jobId) => inner.clear(jobId),
  };
}
