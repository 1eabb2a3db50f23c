import type { CheckpointStorage, CompletedCheckpoint, StateChunkRef } from './checkpoint-storage.ts';
import {
  CHECKPOINT_DB,
  jobRange,
  openCheckpointDb,
  type CheckpointDb,
  type ChunkRecord,
} from './checkpoint-db.ts';
import { estimateBytes } from './estimate-bytes.ts';
import { isGarbage, missingChunks, planRetention, referencedChunks, chunkKey } from './retention.ts';
import {
  CheckpointStorageError,
  chunkOfCompleted,
  discardCompleted,
  missing,
  missingRefs,
  storageFailure,
} from './storage-errors.ts';
import { ReopeningConnection } from './reopening-connection.ts';
import { checkChunkAddress, checkCommit, checkJobId } from './validate.ts';

/** Options of {@link IndexedDbCheckpointStorage}. */
export interface IndexedDbCheckpointStorageOptions {
  /** Database name (default `rivulet-checkpoints`); tests use one per case. */
  dbName?: string;
}

/**
 * Checkpoint storage in IndexedDB (the browser's durable store): an object store of checkpoint
 * metadata keyed [jobId, checkpointId] and one of state chunks keyed [jobId, checkpointId, uid,
 * part]. Each chunk is written in its own transaction as it arrives (off the task's hot path); the
 * metadata is written last, in one transaction that also drops checkpoints beyond the retained
 * count and deletes the chunks none of the retained ones refers to. If that transaction fails
 * (QuotaExceededError, a closed tab), nothing of it is applied and `latest()` still returns the
 * previous checkpoint. Sizes are {@link estimateBytes} estimates (IndexedDB reports none).
 * Works in windows, in workers and in Node with `fake-indexeddb/auto`.
 *
 * @example
 * const storage = new IndexedDbCheckpointStorage();
 * const ref = await storage.writeChunk('job', 1, 'count', 'kg:0', state);
 * await storage.commit(checkpoint, 3);
 * const resume = await storage.latest('job');
 */
export class IndexedDbCheckpointStorage implements CheckpointStorage {
  readonly dbName: string;
  private readonly connection = new ReopeningConnection((onClosed) =>
    openCheckpointDb(this.dbName, onClosed),
  );

  constructor(options: IndexedDbCheckpointStorageOptions = {}) {
    this.dbName = options.dbName ?? CHECKPOINT_DB;
  }

  async writeChunk(
    jobId: string,
    checkpointId: number,
    uid: string,
    part: string,
    data: unknown,
  ): Promise<StateChunkRef> {
    checkChunkAddress(jobId, checkpointId, uid, part);
    const db = await this.open();
    const bytes = await putChunk(db, { jobId, checkpointId, uid, part, data }).catch((e: unknown) => {
      throw storageFailure(e, `writing chunk ${uid}/${part} of checkpoint ${checkpointId} of job "${jobId}"`);
    });
    if (bytes === null) {
      throw chunkOfCompleted(jobId, checkpointId);
    }
    return { checkpointId, bytes };
  }

  async readChunk(jobId: string, uid: string, part: string, ref: StateChunkRef): Promise<unknown> {
    checkChunkAddress(jobId, ref.checkpointId, uid, part);
    const db = await this.open();
    const record = await db.get('chunks', [jobId, ref.checkpointId, uid, part]);
    if (!record) throw missing(jobId, uid, part, ref.checkpointId);
    return record.data;
  }

  async commit(checkpoint: CompletedCheckpoint, retained: number): Promise<void> {
    const { jobId, checkpointId } = checkpoint;
    checkJobId(jobId);
    const db = await this.open();
    const tx = db.transaction(['checkpoints', 'chunks'], 'readwrite');
    const done = tx.done;
    const metas = tx.objectStore('checkpoints');
    const chunks = tx.objectStore('chunks');
    try {
      const all = await metas.getAll(jobRange(jobId));
      checkCommit(checkpoint, all.length ? all[all.length - 1].checkpointId : null);
      const keys = await chunks.getAllKeys(jobRange(jobId));
      const stored = new Set(keys.map((k) => chunkKey({ checkpointId: k[1], uid: k[2], part: k[3] })));
      const lost = missingChunks(checkpoint, (id) => stored.has(chunkKey(id)));
      if (lost.length) throw missingRefs(checkpoint, lost);
      const { keep, drop } = planRetention([...all, checkpoint], retained);
      const refs = referencedChunks(keep);
      const writes: Promise<unknown>[] = [metas.put(checkpoint)];
      for (const cp of drop) writes.push(metas.delete([jobId, cp.checkpointId]));
      for (const key of keys) {
        if (isGarbage({ checkpointId: key[1], uid: key[2], part: key[3] }, refs, checkpointId)) {
          writes.push(chunks.delete(key));
        }
      }
      await Promise.all(writes);
      await done;
    } catch (e) {
      abortQuietly(tx, done);
      if (e instanceof CheckpointStorageError || e instanceof RangeError || e instanceof TypeError) throw e;
      throw storageFailure(e, `committing checkpoint ${checkpointId} of job "${jobId}"`);
    }
  }

  async discard(jobId: string, checkpointId: number): Promise<void> {
    checkJobId(jobId);
    const db = await this.open();
    const tx = db.transaction(['checkpoints', 'chunks'], 'readwrite');
    const done = tx.done;
    if ((await tx.objectStore('checkpoints').getKey([jobId, checkpointId])) !== undefined) {
      abortQuietly(tx, done);
      throw discardCompleted(jobId, checkpointId);
    }
    await tx.objectStore('chunks').delete(jobRange(jobId, checkpointId));
    await done;
  }

  async latest(jobId: string): Promise<CompletedCheckpoint | null> {
    return (await this.list(jobId)).at(-1) ?? null;
  }

  async list(jobId: string): Promise<CompletedCheckpoint[]> {
    checkJobId(jobId);
    const db = await this.open();
    return db.getAll('checkpoints', jobRange(jobId));
  }

  async clear(jobId: string): Promise<void> {
    checkJobId(jobId);
    const db = await this.open();
    const tx = db.transaction(['checkpoints', 'chunks'], 'readwrite');
    await Promise.all([
      tx.objectStore('checkpoints').delete(jobRange(jobId)),
      tx.objectStore('chunks').delete(jobRange(jobId)),
      tx.done,
    ]);
  }

  /** Closes the connection (a later call reopens it). */
  async close(): Promise<void> {
    await this.connection.close();
  }

  private open(): Promise<CheckpointDb> {
    return this.connection.get();
  }
}

function abortQuietly(tx: { abort(): void }, done: Promise<void>): void {
  done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already finished or aborted (e.g. by the failing request itself): nothing was committed.
  }
}

/** Writes one chunk in its own transaction; null when its checkpoint is already completed. */
async function putChunk(db: CheckpointDb, chunk: Omit<ChunkRecord, 'bytes'>): Promise<number | null> {
  const bytes = estimateBytes(chunk.data);
  const tx = db.transaction(['checkpoints', 'chunks'], 'readwrite');
  const done = tx.done;
  if ((await tx.objectStore('checkpoints').getKey([chunk.jobId, chunk.checkpointId])) !== undefined) {
    abortQuietly(tx, done);
    return null;
  }
  await tx.objectStore('chunks').put({ ...chunk, bytes });
  await done;
  return bytes;
}
