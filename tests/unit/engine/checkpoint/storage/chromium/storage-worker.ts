// Runs in a Web Worker: checkpoint storage, savepoints and the log over Chromium's real IndexedDB.
import type {
  CompletedCheckpoint,
  StateChunkRef,
} from '../../../../../../src/engine/checkpoint/storage/checkpoint-storage.ts';
import { IndexedDbCheckpointStorage } from '../../../../../../src/engine/checkpoint/storage/indexed-db-checkpoint-storage.ts';
import { IndexedDbSavepointStore } from '../../../../../../src/engine/checkpoint/storage/indexed-db-savepoint-store.ts';
import {
  exportSavepoint,
  importSavepoint,
} from '../../../../../../src/engine/checkpoint/storage/savepoint-file.ts';
import { IndexedDbLogTopic } from '../../../../../../src/engine/connectors/log/indexed-db-log-topic.ts';
import { LogSource } from '../../../../../../src/engine/connectors/log/log-source.ts';
import { writeRecords } from '../../../../../../src/engine/connectors/log/log-writers.ts';

const meta = (id: number, chunks: Record<string, StateChunkRef>): CompletedCheckpoint => ({
  jobId: 'job',
  jobName: 'chromium',
  checkpointId: id,
  triggerTimestamp: id,
  completedTimestamp: id + 1,
  alignmentMs: 0,
  bytesWritten: 0,
  totalBytes: 0,
  incremental: id > 1,
  operators: { count: { parallelism: 1, maxParallelism: 2, chunks } },
});

async function checks(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { hasDocument: typeof document !== 'undefined' };
  const storage = new IndexedDbCheckpointStorage({ dbName: 'chromium-ckpt' });
  const g0 = await storage.writeChunk('job', 1, 'count', 'kg:0', { m: new Map([[1n, -0]]) });
  const g1 = await storage.writeChunk('job', 1, 'count', 'kg:1', 'one');
  await storage.commit(meta(1, { 'kg:0': g0, 'kg:1': g1 }), 1);
  const g1b = await storage.writeChunk('job', 2, 'count', 'kg:1', 'two');
  await storage.commit(meta(2, { 'kg:0': g0, 'kg:1': g1b }), 1);
  const back = (await storage.readChunk('job', 'count', 'kg:0', g0)) as { m: Map<bigint, number> };
  out.sharedChunkKept = Object.is(back.m.get(1n), -0);
  out.oldChunkCollected = await storage.readChunk('job', 'count', 'kg:1', g1).then(
    () => false,
    () => true,
  );
  const g1c = await storage.writeChunk('job', 3, 'count', 'kg:1', 'three');
  const bad = { ...meta(3, { 'kg:0': g0, 'kg:1': g1c }), jobName: (() => 'x') as unknown as string };
  out.failedCommit = await storage.commit(bad, 1).then(
    () => 'committed',
    (e: Error) => e.name,
  );
  out.latestAfterFailure = (await storage.latest('job'))?.checkpointId;

  const savepoints = new IndexedDbSavepointStore({ dbName: 'chromium-ckpt' });
  await savepoints.save({
    format: 'rivulet-savepoint',
    version: 1,
    name: 'sp',
    jobName: 'chromium',
    createdTimestamp: 1,
    operators: {
      count: { parallelism: 1, maxParallelism: 2, parts: { 'kg:0': { when: new Date(7), n: NaN } } },
    },
  });
  const file = await exportSavepoint(await savepoints.load('sp'));
  const imported = await importSavepoint(new Blob([file]));
  const part = imported.operators.count.parts['kg:0'] as { when: Date; n: number };
  out.savepointRoundTrip = [part.when.getTime(), Number.isNaN(part.n)];

  const topic = new IndexedDbLogTopic<number>('shared', { dbName: 'chromium-log' });
  await writeRecords(
    topic,
    Array.from({ length: 10_000 }, (_, i) => i),
    { batchSize: 1000 },
  );
  const reader = new LogSource(topic, { bounded: true }).createReader({
    subtaskIndex: 0,
    parallelism: 1,
    batchSize: 512,
    currentProcessingTime: () => 0,
  });
  let sum = 0;
  const output = { collect: (v: number) => (sum += v), emitWatermark() {}, markIdle() {}, markActive() {} };
  for (;;) {
    const status = reader.pollNext(output);
    if (status === 'END_OF_INPUT') break;
    if (status === 'NOTHING_AVAILABLE') await reader.isAvailable!();
  }
  out.logSum = sum;
  return out;
}

self.onmessage = () => {
  checks().then(
    (r) => self.postMessage(r),
    (e: Error) => self.postMessage({ error: `${e.name}: ${e.message}` }),
  );
};
