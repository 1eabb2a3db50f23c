import { beforeEach, describe, expect, it } from 'vitest';
import type {
  CheckpointStorage,
  CompletedCheckpoint,
  StateChunkRef,
} from '../../../../../src/engine/checkpoint/storage/checkpoint-storage.ts';
import { failingStorage } from '../../../../../src/engine/checkpoint/storage/failing-storage.ts';
import {
  CheckpointStorageError,
  isQuotaExceeded,
} from '../../../../../src/engine/checkpoint/storage/storage-errors.ts';

/** Metadata of checkpoint `id` of `jobId` for one operator 'count' with the given chunks. */
export function meta(
  jobId: string,
  id: number,
  chunks: Record<string, StateChunkRef>,
  incremental = false,
): CompletedCheckpoint {
  const bytes = Object.values(chunks).reduce((s, r) => s + r.bytes, 0);
  return {
    jobId,
    jobName: 'test job',
    checkpointId: id,
    triggerTimestamp: 1000 * id,
    completedTimestamp: 1000 * id + 5,
    alignmentMs: 0,
    bytesWritten: Object.values(chunks)
      .filter((r) => r.checkpointId === id)
      .reduce((s, r) => s + r.bytes, 0),
    totalBytes: bytes,
    incremental,
    operators: { count: { parallelism: 2, maxParallelism: 128, chunks } },
  };
}

/**
 * The CheckpointStorage contract, run against every implementation (memory, IndexedDB), the way
 * tfjs runs one test on every backend.
 */
export function describeStorageContract(name: string, create: () => CheckpointStorage): void {
  describe(`${name}: CheckpointStorage contract`, () => {
    let storage: CheckpointStorage;
    beforeEach(() => {
      storage = create();
    });

    it('round-trips chunks with Maps, typed arrays and odd numbers as copies', async () => {
      const state = { counts: new Map([['a', 1]]), vec: new Float64Array([1.5, NaN]), neg: -0 };
      const ref = await storage.writeChunk('job', 1, 'count', 'kg:3', state);
      expect(ref.checkpointId).toBe(1);
      expect(ref.bytes).toBeGreaterThan(0);
      await storage.commit(meta('job', 1, { 'kg:3': ref }), 2);
      const back = (await storage.readChunk('job', 'count', 'kg:3', ref)) as typeof state;
      expect(back.counts).toEqual(new Map([['a', 1]]));
      expect([...back.vec]).toEqual([1.5, NaN]);
      expect(Object.is(back.neg, -0)).toBe(true);
      back.counts.set('a', 99); // what a restore does with its copy must not reach the store
      const again = (await storage.readChunk('job', 'count', 'kg:3', ref)) as typeof state;
      expect(again.counts.get('a')).toBe(1);
    });

    it('a checkpoint without committed metadata does not exist', async () => {
      await storage.writeChunk('job', 1, 'count', 'kg:0', [1]);
      expect(await storage.latest('job')).toBeNull();
      expect(await storage.list('job')).toEqual([]);
    });

    it('keeps the newest `retained` checkpoints and collects chunks only they no longer share', async () => {
      const a1 = await storage.writeChunk('job', 1, 'count', 'kg:0', 'g0 v1');
      const b1 = await storage.writeChunk('job', 1, 'count', 'kg:1', 'g1 v1');
      await storage.commit(meta('job', 1, { 'kg:0': a1, 'kg:1': b1 }), 1);
      // Incremental: only group 1 changed; group 0 is referenced from checkpoint 1.
      const b2 = await storage.writeChunk('job', 2, 'count', 'kg:1', 'g1 v2');
      await storage.commit(meta('job', 2, { 'kg:0': a1, 'kg:1': b2 }, true), 1);
      expect((await storage.list('job')).map((c) => c.checkpointId)).toEqual([2]);
      expect(await storage.readChunk('job', 'count', 'kg:0', a1)).toBe('g0 v1');
      expect(await storage.readChunk('job', 'count', 'kg:1', b2)).toBe('g1 v2');
      await expect(storage.readChunk('job', 'count', 'kg:1', b1)).rejects.toThrow(/not stored/);
      // Checkpoint 3 rewrites group 0: checkpoint 1's chunk of group 0 is garbage now.
      const a3 = await storage.writeChunk('job', 3, 'count', 'kg:0', 'g0 v3');
      await storage.commit(meta('job', 3, { 'kg:0': a3, 'kg:1': b2 }, true), 1);
      await expect(storage.readChunk('job', 'count', 'kg:0', a1)).rejects.toThrow(/not stored/);
      expect(await storage.readChunk('job', 'count', 'kg:1', b2)).toBe('g1 v2');
    });

    it('retains several checkpoints oldest first', async () => {
      for (let id = 1; id <= 4; id++) {
        const ref = await storage.writeChunk('job', id, 'count', 'op:0', id);
        await storage.commit(meta('job', id, { 'op:0': ref }), 2);
      }
      expect((await storage.list('job')).map((c) => c.checkpointId)).toEqual([3, 4]);
      expect((await storage.latest('job'))?.checkpointId).toBe(4);
      expect(await storage.readChunk('job', 'count', 'op:0', { checkpointId: 3, bytes: 8 })).toBe(3);
    });

    it('does not collect chunks of a newer checkpoint still being written', async () => {
      const r1 = await storage.writeChunk('job', 1, 'count', 'op:0', 'one');
      const r2 = await storage.writeChunk('job', 2, 'count', 'op:0', 'two (in flight)');
      await storage.commit(meta('job', 1, { 'op:0': r1 }), 1);
      expect(await storage.readChunk('job', 'count', 'op:0', r2)).toBe('two (in flight)');
    });

    it('discard deletes a declined checkpoint and refuses a completed one', async () => {
      const r1 = await storage.writeChunk('job', 1, 'count', 'op:0', 'one');
      await storage.commit(meta('job', 1, { 'op:0': r1 }), 3);
      const r2 = await storage.writeChunk('job', 2, 'count', 'op:0', 'declined');
      await storage.discard('job', 2);
      await expect(storage.readChunk('job', 'count', 'op:0', r2)).rejects.toThrow(CheckpointStorageError);
      await expect(storage.discard('job', 1)).rejects.toThrow(/only for declined/);
      expect(await storage.readChunk('job', 'count', 'op:0', r1)).toBe('one');
    });

    it('refuses a commit that refers to a chunk that is not stored, keeping the previous latest', async () => {
      const r1 = await storage.writeChunk('job', 1, 'count', 'op:0', 'one');
      await storage.commit(meta('job', 1, { 'op:0': r1 }), 3);
      const bad = meta('job', 2, { 'op:0': r1, 'op:1': { checkpointId: 2, bytes: 4 } });
      await expect(storage.commit(bad, 3)).rejects.toThrow(/count\/op:1 \(written by checkpoint 2\)/);
      expect((await storage.latest('job'))?.checkpointId).toBe(1);
    });

    it('refuses ids that do not increase and bad arguments', async () => {
      const r = await storage.writeChunk('job', 5, 'count', 'op:0', 5);
      await storage.commit(meta('job', 5, { 'op:0': r }), 3);
      await expect(storage.commit(meta('job', 5, { 'op:0': r }), 3)).rejects.toThrow(
        /continue numbering from 6/,
      );
      await expect(storage.writeChunk('job', 5, 'count', 'op:0', 1)).rejects.toThrow(/already completed/);
      await expect(storage.writeChunk('job', 6, 'count', 'state', 1)).rejects.toThrow(/'kg:<keyGroup>'/);
      await expect(storage.writeChunk('', 6, 'count', 'op:0', 1)).rejects.toThrow(/jobId/);
      const r6 = await storage.writeChunk('job', 6, 'count', 'op:0', 6);
      await expect(storage.commit(meta('job', 6, { 'op:0': r6 }), 0)).rejects.toThrow(/retained/);
      await expect(storage.writeChunk('job', 7, 'count', 'op:0', () => 1)).rejects.toThrow(
        CheckpointStorageError,
      );
    });

    it('keeps jobs apart and clear() removes one job only', async () => {
      const a = await storage.writeChunk('a', 1, 'count', 'op:0', 'A');
      const b = await storage.writeChunk('b', 1, 'count', 'op:0', 'B');
      await storage.commit(meta('a', 1, { 'op:0': a }), 1);
      await storage.commit(meta('b', 1, { 'op:0': b }), 1);
      await storage.clear('a');
      expect(await storage.latest('a')).toBeNull();
      await expect(storage.readChunk('a', 'count', 'op:0', a)).rejects.toThrow(/not stored/);
      expect(await storage.readChunk('b', 'count', 'op:0', b)).toBe('B');
    });

    it('a quota failure rejects clearly and leaves nothing latest() would return', async () => {
      const failing = failingStorage(storage, {
        failOnChunk: (w) => w.checkpointId === 2 && w.part === 'kg:1',
        failOnCommit: 3,
      });
      const r1 = await failing.writeChunk('job', 1, 'count', 'kg:0', 'ok');
      await failing.commit(meta('job', 1, { 'kg:0': r1 }), 2);
      await failing.writeChunk('job', 2, 'count', 'kg:0', 'partial');
      const err = await failing.writeChunk('job', 2, 'count', 'kg:1', 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckpointStorageError);
      expect((err as CheckpointStorageError).failure).toBe('quota');
      expect(isQuotaExceeded(err)).toBe(true);
      expect(((err as Error).cause as DOMException).name).toBe('QuotaExceededError');
      expect((err as Error).message).toMatch(/chunk count\/kg:1 of checkpoint 2 .*quota is exhausted/);
      await failing.discard('job', 2);
      const r3 = await failing.writeChunk('job', 3, 'count', 'kg:0', 'three');
      await expect(failing.commit(meta('job', 3, { 'kg:0': r3 }), 2)).rejects.toThrow(
        /committing checkpoint 3/,
      );
      expect((await failing.latest('job'))?.checkpointId).toBe(1);
      expect(failing.failures).toBe(2);
      expect(await failing.readChunk('job', 'count', 'kg:0', r1)).toBe('ok');
    });
  });
}
