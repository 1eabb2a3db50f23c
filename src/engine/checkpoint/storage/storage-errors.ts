/**
 * Errors of the checkpoint stores. A failed write keeps the storage's own error (e.g. the
 * DOMException named QuotaExceededError) as `cause`, and says what was written and how to fix it.
 */

import type { CompletedCheckpoint } from './checkpoint-storage.ts';

/** Why a store operation failed: out of quota, or any other write/read failure. */
export type CheckpointStorageFailure = 'quota' | 'write' | 'read' | 'missing';

/**
 * A checkpoint store operation failed. `failure` is `'quota'` when the browser's storage quota
 * was exceeded; the coordinator declines the checkpoint with `message` as its reason.
 *
 * @example
 * try { await storage.writeChunk(job, 7, 'count', 'kg:3', data); }
 * catch (e) { if (e instanceof CheckpointStorageError && e.failure === 'quota') decline(7, e); }
 */
export class CheckpointStorageError extends Error {
  override readonly name = 'CheckpointStorageError';
  constructor(
    message: string,
    readonly failure: CheckpointStorageFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * True when `error` (or an error in its `cause` chain) is a quota error: a DOMException named
 * QuotaExceededError (Firefox's older NS_ERROR_DOM_QUOTA_REACHED too).
 *
 * @example
 * isQuotaExceeded(new DOMException('full', 'QuotaExceededError')); // true
 */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (e instanceof CheckpointStorageError && e.failure === 'quota') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Wraps a store failure with what was being done and the fix, keeping the original as `cause`.
 *
 * @example
 * throw storageFailure(err, 'writing chunk count/kg:3 of checkpoint 7 of job "j"');
 */
export function storageFailure(error: unknown, doing: string): CheckpointStorageError {
  const quota = isQuotaExceeded(error);
  // Chromium's QuotaExceededError from IndexedDB has an empty message: show the name alone then.
  const detail =
    error instanceof Error ? (error.message ? `${error.name}: ${error.message}` : error.name) : String(error);
  const fix = quota
    ? 'the browser storage quota is exhausted; free space (delete old savepoints, log topics or ' +
      'tables) or retain fewer checkpoints'
    : 'the store refused the write; check that the state is structured-clone-able and that the ' +
      'database is not blocked by another tab';
  return new CheckpointStorageError(
    `Checkpoint storage: ${doing} failed (${detail}); ${fix}`,
    quota ? 'quota' : 'write',
    {
      cause: error,
    },
  );
}

/**
 * The error for a chunk that is not stored.
 *
 * @example
 * throw missing('job', 'count', 'kg:3', 2);
 */
export function missing(
  jobId: string,
  uid: string,
  part: string,
  checkpointId: number,
): CheckpointStorageError {
  return new CheckpointStorageError(
    `Checkpoint storage: chunk ${uid}/${part} of checkpoint ${checkpointId} of job "${jobId}" is not stored ` +
      '(deleted by retention, or the checkpoint was never completed); restore from latest() instead',
    'missing',
  );
}

/**
 * The error for a commit that refers to chunks that are not stored.
 *
 * @example
 * throw missingRefs(checkpoint, ['count/kg:3 (written by checkpoint 2)']);
 */
export function missingRefs(checkpoint: CompletedCheckpoint, lost: string[]): CheckpointStorageError {
  return new CheckpointStorageError(
    `Checkpoint storage: checkpoint ${checkpoint.checkpointId} of job "${checkpoint.jobId}" refers to chunks ` +
      `that are not stored: ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? `, … (${lost.length} in all)` : ''}; ` +
      'write every new chunk before commit and only refer to chunks of retained checkpoints',
    'missing',
  );
}

/**
 * The error for discarding a completed checkpoint.
 *
 * @example
 * throw discardCompleted('job', 4);
 */
export function discardCompleted(jobId: string, checkpointId: number): CheckpointStorageError {
  return new CheckpointStorageError(
    `Checkpoint storage: checkpoint ${checkpointId} of job "${jobId}" is completed and may be referenced by ` +
      'newer ones; discard() is only for declined checkpoints (retention removes completed ones)',
    'write',
  );
}

/**
 * The error for writing a chunk of a checkpoint that is already completed (its chunks are final).
 *
 * @example
 * throw chunkOfCompleted('job', 4);
 */
export function chunkOfCompleted(jobId: string, checkpointId: number): CheckpointStorageError {
  return new CheckpointStorageError(
    `Checkpoint storage: checkpoint ${checkpointId} of job "${jobId}" is already completed; its chunks cannot change`,
    'write',
  );
}
