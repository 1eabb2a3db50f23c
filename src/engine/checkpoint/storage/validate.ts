import type { CompletedCheckpoint } from './checkpoint-storage.ts';

/** Argument checks shared by the checkpoint stores: a bad call fails loudly, naming the fix. */

const PART = /^(kg|op):\d+$/;

/**
 * Throws unless jobId / checkpointId / uid / part are well formed.
 *
 * @example
 * checkChunkAddress('job', 3, 'count', 'kg:12');
 */
export function checkChunkAddress(jobId: string, checkpointId: number, uid: string, part: string): void {
  checkJobId(jobId);
  if (!Number.isSafeInteger(checkpointId) || checkpointId < 0) {
    throw new RangeError(
      `Checkpoint storage: checkpointId must be a non-negative integer, got ${checkpointId}`,
    );
  }
  if (typeof uid !== 'string' || uid === '') {
    throw new TypeError(
      'Checkpoint storage: operator uid must be a non-empty string (set it with .uid(...))',
    );
  }
  if (!PART.test(part)) {
    throw new TypeError(
      `Checkpoint storage: chunk part must be 'kg:<keyGroup>' or 'op:<subtaskIndex>', got '${part}'`,
    );
  }
}

/**
 * Throws unless `jobId` is a non-empty string.
 *
 * @example
 * checkJobId('wordcount');
 */
export function checkJobId(jobId: string): void {
  if (typeof jobId !== 'string' || jobId === '') {
    throw new TypeError('Checkpoint storage: jobId must be a non-empty string');
  }
}

/**
 * Throws unless `checkpoint` is committable after `latestId` (ids strictly increase per job).
 *
 * @example
 * checkCommit(cp, latest?.checkpointId ?? null);
 */
export function checkCommit(checkpoint: CompletedCheckpoint, latestId: number | null): void {
  checkJobId(checkpoint.jobId);
  if (!Number.isSafeInteger(checkpoint.checkpointId) || checkpoint.checkpointId < 0) {
    throw new RangeError(
      `Checkpoint storage: checkpointId must be a non-negative integer, got ${checkpoint.checkpointId}`,
    );
  }
  if (latestId !== null && checkpoint.checkpointId <= latestId) {
    throw new RangeError(
      `Checkpoint storage: checkpoint ${checkpoint.checkpointId} of job "${checkpoint.jobId}" is not newer ` +
        `than the latest completed one (${latestId}); after a restore, continue numbering from ${latestId + 1}`,
    );
  }
}
