import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { IndexedDbCheckpointStorage } from '../../../../../src/engine/checkpoint/storage/indexed-db-checkpoint-storage.ts';
import { describeStorageContract, meta } from './storage-contract.ts';

let n = 0;
const opened: IndexedDbCheckpointStorage[] = [];
const fresh = () => {
  const s = new IndexedDbCheckpointStorage({ dbName: `ckpt-test-${n++}` });
  opened.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describeStorageContract('IndexedDbCheckpointStorage', fresh);

it('IndexedDbCheckpointStorage: a second connection (a reloaded tab) sees the committed checkpoint', async () => {
  const dbName = `ckpt-test-reload-${n++}`;
  const first = new IndexedDbCheckpointStorage({ dbName });
  const ref = await first.writeChunk('job', 7, 'count', 'kg:5', new Map([[1n, 'one']]));
  await first.commit(meta('job', 7, { 'kg:5': ref }), 1);
  await first.writeChunk('job', 8, 'count', 'kg:5', 'never committed');
  await first.close();
  const second = new IndexedDbCheckpointStorage({ dbName });
  const latest = await second.latest('job');
  expect(latest?.checkpointId).toBe(7);
  expect(await second.readChunk('job', 'count', 'kg:5', latest!.operators.count.chunks['kg:5'])).toEqual(
    new Map([[1n, 'one']]),
  );
  await second.close();
});

it('IndexedDbCheckpointStorage: a rejected metadata write (uncloneable) leaves the previous latest', async () => {
  const storage = fresh();
  const r1 = await storage.writeChunk('job', 1, 'count', 'op:0', 1);
  await storage.commit(meta('job', 1, { 'op:0': r1 }), 1);
  const r2 = await storage.writeChunk('job', 2, 'count', 'op:0', 2);
  const bad = { ...meta('job', 2, { 'op:0': r2 }), jobName: (() => 'x') as unknown as string };
  await expect(storage.commit(bad, 1)).rejects.toThrow(/committing checkpoint 2 of job "job" failed/);
  expect((await storage.list('job')).map((c) => c.checkpointId)).toEqual([1]);
  // Retention of the failed commit was not applied either: checkpoint 1's chunk is still there.
  expect(await storage.readChunk('job', 'count', 'op:0', r1)).toBe(1);
});
