import type { CompletedCheckpoint } from './checkpoint-storage.ts';

/**
 * The retention and garbage-collection rules both checkpoint stores apply on commit, as pure
 * functions so the in-memory and IndexedDB stores cannot drift apart.
 */

/** Identity of one stored chunk: the checkpoint that wrote it, the operator uid and the part. */
export interface ChunkId {
  readonly checkpointId: number;
  readonly uid: string;
  readonly part: string;
}

/**
 * A string key for a chunk (within one job), used for set membership.
 *
 * @example
 * chunkKey({ checkpointId: 3, uid: 'count', part: 'kg:7' }); // '3\u0000count\u0000kg:7'
 */
export const chunkKey = (c: ChunkId): string => `${c.checkpointId}\u0000${c.uid}\u0000${c.part}`;

/**
 * Every chunk the given checkpoints refer to (incremental checkpoints share older chunks).
 *
 * @example
 * referencedChunks(storage.list(jobId)).has(chunkKey({ checkpointId: 1, uid: 'u', part: 'kg:0' }));
 */
export function referencedChunks(checkpoints: readonly CompletedCheckpoint[]): Set<string> {
  const refs = new Set<string>();
  for (const cp of checkpoints) {
    for (const [uid, op] of Object.entries(cp.operators)) {
      for (const [part, ref] of Object.entries(op.chunks)) {
        refs.add(chunkKey({ checkpointId: ref.checkpointId, uid, part }));
      }
    }
  }
  return refs;
}

/**
 * Splits a job's checkpoints (any order) into the newest `retained` ones, oldest first, and the
 * rest. `retained` must be a positive integer: the newest checkpoint is always kept.
 *
 * @example
 * planRetention(all, 2); // { keep: [cp4, cp5], drop: [cp1, cp2, cp3] }
 */
export function planRetention(
  checkpoints: readonly CompletedCheckpoint[],
  retained: number,
): { keep: CompletedCheckpoint[]; drop: CompletedCheckpoint[] } {
  if (!Number.isInteger(retained) || retained < 1) {
    throw new RangeError(
      `Checkpoint storage: retained checkpoints must be an integer >= 1, got ${retained}; ` +
        'the latest checkpoint is always needed for recovery',
    );
  }
  const sorted = [...checkpoints].sort((a, b) => a.checkpointId - b.checkpointId);
  const cut = Math.max(0, sorted.length - retained);
  return { keep: sorted.slice(cut), drop: sorted.slice(0, cut) };
}

/**
 * Whether a stored chunk may be deleted after `committed` was made durable: no retained
 * checkpoint refers to it and it is not newer than `committed` (a newer one may belong to a
 * checkpoint still being written).
 *
 * @example
 * isGarbage({ checkpointId: 1, uid: 'u', part: 'kg:0' }, refs, 5);
 */
export const isGarbage = (chunk: ChunkId, refs: ReadonlySet<string>, committed: number): boolean =>
  chunk.checkpointId <= committed && !refs.has(chunkKey(chunk));

/**
 * Every chunk reference of `checkpoint` that `exists` says is missing, as readable names; a
 * commit with missing chunks is refused so a checkpoint that cannot be restored is never stored.
 *
 * @example
 * missingChunks(cp, (id) => stored.has(chunkKey(id))); // ['count/kg:3 (written by checkpoint 2)']
 */
export function missingChunks(
  checkpoint: CompletedCheckpoint,
  exists: (chunk: ChunkId) => boolean,
): string[] {
  const missing: string[] = [];
  for (const [uid, op] of Object.entries(checkpoint.operators)) {
    for (const [part, ref] of Object.entries(op.chunks)) {
      if (!exists({ checkpointId: ref.checkpointId, uid, part })) {
        missing.push(`${uid}/${part} (written by checkpoint ${ref.checkpointId})`);
      }
    }
  }
  return missing;
}
