// The page of the Chromium storage test: runs the checks in a Web Worker (no DOM) while this window
// holds a second handle on the same log topic, to see the worker's append through BroadcastChannel.
import type { CompletedCheckpoint } from '../../../../../../src/engine/checkpoint/storage/checkpoint-storage.ts';
import { IndexedDbCheckpointStorage } from '../../../../../../src/engine/checkpoint/storage/indexed-db-checkpoint-storage.ts';
import { CheckpointStorageError } from '../../../../../../src/engine/checkpoint/storage/storage-errors.ts';
import { IndexedDbLogTopic } from '../../../../../../src/engine/connectors/log/indexed-db-log-topic.ts';

async function runChecks(): Promise<Record<string, unknown>> {
  const worker = new Worker(new URL('./storage-worker.ts', import.meta.url), { type: 'module' });
  const fromWorker = new Promise<Record<string, unknown>>((resolve, reject) => {
    worker.onmessage = (e) => (e.data.ready ? undefined : resolve(e.data));
    worker.onerror = (e) => reject(new Error(e.message));
  });
  const topic = new IndexedDbLogTopic<number>('shared', { dbName: 'chromium-log' });
  await topic.create({ partitions: 2 });
  const woke = topic.nextAppend().then(() => 'woken by the worker');
  worker.postMessage('go');
  const result = await fromWorker;
  worker.terminate();
  return { ...result, windowSawAppend: await woke, windowEndOffsets: await topic.endOffsets() };
}

/** With the origin's quota set to 1 MB (by the test, over CDP): a 32 MB chunk write fails. */
async function runQuotaCheck(): Promise<Record<string, unknown>> {
  const storage = new IndexedDbCheckpointStorage({ dbName: 'chromium-quota' });
  const meta = (id: number, ref: { checkpointId: number; bytes: number }): CompletedCheckpoint => ({
    jobId: 'job',
    jobName: 'quota',
    checkpointId: id,
    triggerTimestamp: id,
    completedTimestamp: id,
    alignmentMs: 0,
    bytesWritten: ref.bytes,
    totalBytes: ref.bytes,
    incremental: false,
    operators: { op: { parallelism: 1, maxParallelism: 1, chunks: { 'op:0': ref } } },
  });
  await storage.commit(meta(1, await storage.writeChunk('job', 1, 'op', 'op:0', 'small')), 2);
  const big = new Float64Array(4_000_000).map((_, i) => i * 1.5);
  const error = await storage.writeChunk('job', 2, 'op', 'op:0', { big }).then(
    () => null,
    (e: unknown) => e,
  );
  const refused = await storage.commit(meta(2, { checkpointId: 2, bytes: 32_000_000 }), 2).then(
    () => 'committed',
    (e: Error) => e.message.includes('not stored'),
  );
  return {
    failure: error instanceof CheckpointStorageError ? error.failure : String(error),
    causeName:
      (error as Error | null)?.cause instanceof DOMException
        ? ((error as Error).cause as DOMException).name
        : null,
    message: (error as Error | null)?.message,
    commitOfFailedChunkRefused: refused,
    latest: (await storage.latest('job'))?.checkpointId,
  };
}

Object.assign(window, { runChecks, runQuotaCheck });
