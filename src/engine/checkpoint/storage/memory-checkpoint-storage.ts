import type { CheckpointStorage, CompletedCheckpoint, StateChunkRef } from './checkpoint-storage.ts';
import { estimateBytes } from './estimate-bytes.ts';
import {
  chunkKey,
  isGarbage,
  missingChunks,
  planRetention,
  referencedChunks,
  type ChunkId,
} from './retention.ts';
import {
  chunkOfCompleted,
  discardCompleted,
  missing,
  missingRefs,
  storageFailure,
} from './storage-errors.ts';
import { checkChunkAddress, checkCommit, checkJobId } from './validate.ts';

interface StoredChunk {
  readonly id: ChunkId;
  readonly data: unknown;
}

/** Options of {@link MemoryCheckpointStorage}. */
export interface MemoryCheckpointStorageOptions {
  /**
   * Copy each chunk on write (structuredClone), so a caller that mutates `data` afterwards cannot
   * change the stored checkpoint. Default false: the store takes ownership of `data`, as the
   * checkpoint coordinator hands it private copies; copying them again was the largest cost of an
   * in-memory checkpoint.
   */
  copyOnWrite?: boolean;
}

/**
 * Checkpoint storage in memory (Flink's JobManagerCheckpointStorage): for tests, Node and jobs
 * that need no durability. It follows the IndexedDB store's rules (metadata last, retention with
 * chunk garbage collection, the same errors) so tests written against it hold for the browser;
 * `readChunk` returns a structured clone, so a restore gets plain data exactly as from IndexedDB
 * (class prototypes dropped) and never aliases stored state. `writeChunk` takes ownership of
 * `data` unless `copyOnWrite` is set; either way it rejects what structured clone cannot store
 * (functions, symbols). Sizes come from {@link estimateBytes}.
 *
 * @example
 * const storage = new MemoryCheckpointStorage();
 * const ref = await storage.writeChunk('job', 1, 'count', 'kg:0', { a: 1 });
 * await storage.commit({ ...meta, operators: { count: { parallelism: 1, maxParallelism: 128, chunks: { 'kg:0': ref } } } }, 2);
 * (await storage.latest('job'))?.checkpointId; // 1
 */
export class MemoryCheckpointStorage implements CheckpointStorage {
  private readonly checkpoints = new Map<string, Map<number, CompletedCheckpoint>>();
  private readonly chunks = new Map<string, Map<string, StoredChunk>>();
  private readonly copyOnWrite: boolean;

  constructor(options: MemoryCheckpointStorageOptions = {}) {
    this.copyOnWrite = options.copyOnWrite ?? false;
  }

  async writeChunk(
    jobId: string,
    checkpointId: number,
    uid: string,
    part: string,
    data: unknown,
  ): Promise<StateChunkRef> {
    checkChunkAddress(jobId, checkpointId, uid, part);
    if (this.checkpoints.get(jobId)?.has(checkpointId)) {
      throw chunkOfCompleted(jobId, checkpointId);
    }
    let copy: unknown;
    let bytes: number;
    try {
      bytes = estimateBytes(data); // also rejects functions and symbols, as IndexedDB would
      copy = this.copyOnWrite ? structuredClone(data) : data;
    } catch (e) {
      throw storageFailure(e, `writing chunk ${uid}/${part} of checkpoint ${checkpointId} of job "${jobId}"`);
    }
    const id = { checkpointId, uid, part };
    mapOf(this.chunks, jobId).set(chunkKey(id), { id, data: copy });
    return { checkpointId, bytes };
  }

  async readChunk(jobId: string, uid: string, part: string, ref: StateChunkRef): Promise<unknown> {
    checkChunkAddress(jobId, ref.checkpointId, uid, part);
    const chunk = this.chunks.get(jobId)?.get(chunkKey({ checkpointId: ref.checkpointId, uid, part }));
    if (!chunk) throw missing(jobId, uid, part, ref.checkpointId);
    return structuredClone(chunk.data);
  }

  async commit(checkpoint: CompletedCheckpoint, retained: number): Promise<void> {
    const { jobId, checkpointId } = checkpoint;
    const all = [...(this.checkpoints.get(jobId)?.values() ?? [])];
    checkCommit(checkpoint, all.length ? Math.max(...all.map((c) => c.checkpointId)) : null);
    const stored = this.chunks.get(jobId);
    const lost = missingChunks(checkpoint, (id) => stored?.has(chunkKey(id)) ?? false);
    if (lost.length) throw missingRefs(checkpoint, lost);
    const { keep, drop } = planRetention([...all, checkpoint], retained);
    const metas = mapOf(this.checkpoints, jobId);
    metas.set(checkpointId, structuredClone(checkpoint));
    for (const cp of drop) metas.delete(cp.checkpointId);
    const refs = referencedChunks(keep);
    for (const [key, chunk] of stored ?? []) {
      if (isGarbage(chunk.id, refs, checkpointId)) stored?.delete(key);
    }
  }

  async discard(jobId: string, checkpointId: number): Promise<void> {
    checkJobId(jobId);
    if (this.checkpoints.get(jobId)?.has(checkpointId)) throw discardCompleted(jobId, checkpointId);
    const stored = this.chunks.get(jobId);
    for (const [key, chunk] of stored ?? []) {
      if (chunk.id.checkpointId === checkpointId) stored?.delete(key);
    }
  }

  async latest(jobId: string): Promise<CompletedCheckpoint | null> {
    const all = await this.list(jobId);
    return all.at(-1) ?? null;
  }

  async list(jobId: string): Promise<CompletedCheckpoint[]> {
    checkJobId(jobId);
    const all = [...(this.checkpoints.get(jobId)?.values() ?? [])];
    return structuredClone(all.sort((a, b) => a.checkpointId - b.checkpointId));
  }

  async clear(jobId: string): Promise<void> {
    checkJobId(jobId);
    this.checkpoints.delete(jobId);
    this.chunks.delete(jobId);
  }

  /** Number of chunks stored for the job (completed and in-flight), for tests of garbage collection. */
  chunkCount(jobId: string): number {
    return this.chunks.get(jobId)?.size ?? 0;
  }
}

function mapOf<K, V>(outer: Map<string, Map<K, V>>, jobId: string): Map<K, V> {
  let inner = outer.get(jobId);
  if (!inner) outer.set(jobId, (inner = new Map()));
  return inner;
}
