import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { IndexedDbLogTopic } from '../../../../src/engine/connectors/log/indexed-db-log-topic.ts';
import type { TopicOptions } from '../../../../src/engine/connectors/log/log-topic.ts';
import { listLogTopics } from '../../../../src/engine/connectors/log/list-log-topics.ts';
import { estimateBytes } from '../../../../src/engine/checkpoint/storage/estimate-bytes.ts';
import { MemoryLogTopic } from '../../../../src/engine/connectors/log/memory-log-topic.ts';
import { describeTopicContract } from './topic-contract.ts';

describeTopicContract(
  'MemoryLogTopic',
  async <T>(name: string, options: TopicOptions) => new MemoryLogTopic<T>(name, options),
);

let db = 0;
describeTopicContract('IndexedDbLogTopic', async <T>(name: string, options: TopicOptions) => {
  const topic = new IndexedDbLogTopic<T>(name, { dbName: `log-test-${db++}` });
  await topic.create(options);
  return topic;
});

it('IndexedDbLogTopic: survives a reopen, refuses a missing topic and a different partition count', async () => {
  const a = new IndexedDbLogTopic<string>('orders', { dbName: 'log-reopen' });
  await expect(a.append(['x'])).rejects.toThrow(/"orders" does not exist .* create it first/);
  await a.create({ partitions: 2 });
  await a.create({ partitions: 2 }); // idempotent
  await expect(a.create({ partitions: 3 })).rejects.toThrow(/already exists with 2 partitions/);
  await a.append(['x', 'y']);
  await a.close();
  const b = new IndexedDbLogTopic<string>('orders', { dbName: 'log-reopen' });
  expect(await b.endOffsets()).toEqual([1, 1]);
  expect((await b.read(1, 0, 5)).map((r) => r.value)).toEqual(['y']);
  expect(await listLogTopics({ dbName: 'log-reopen' })).toMatchObject([
    { name: 'orders', partitions: 2, startOffsets: [0, 0], endOffsets: [1, 1], records: 2 },
  ]);
  const [listed] = await listLogTopics({ dbName: 'log-reopen' });
  expect(listed.bytes).toBeUndefined(); // sizes only when asked: they walk every segment
  // Each partition holds one segment with one string: the sum of the segments' estimated sizes.
  const [sized] = await listLogTopics({ dbName: 'log-reopen', withSizes: true });
  expect(sized.bytes).toBe(estimateBytes(['x']) + estimateBytes(['y']));
  await b.delete();
  expect(await b.exists()).toBe(false);
  await b.close();
});

it('MemoryLogTopic stores copies: editing an appended or read record changes nothing', async () => {
  const topic = new MemoryLogTopic<{ v: number }>('copies');
  const row = { v: 1 };
  await topic.append([row]);
  row.v = 2;
  const [read] = await topic.read(0, 0, 1);
  read.value.v = 3;
  expect((await topic.read(0, 0, 1))[0].value).toEqual({ v: 1 });
});

it('topic options are checked', () => {
  expect(() => new MemoryLogTopic('x', { partitions: 0 })).toThrow(
    /partitions must be an integer in 1..1024/,
  );
  expect(() => new MemoryLogTopic('x', { retention: { maxRecords: 0 } })).toThrow(/maxRecords/);
  expect(() => new MemoryLogTopic('')).toThrow(/name/);
});
