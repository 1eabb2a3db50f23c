import { expect, it } from 'vitest';
import { writeRows, writeSeededEvents } from '../../../../src/engine/connectors/log/log-writers.ts';
import { MemoryLogTopic } from '../../../../src/engine/connectors/log/memory-log-topic.ts';
import { generateEvents } from '../../../../src/engine/connectors/seeded-events.ts';
import { readAll } from './topic-contract.ts';

it('writeSeededEvents writes the seeded stream keyed by key with event-time stamps', async () => {
  const topic = new MemoryLogTopic<{ key: number; value: number; timestamp: number }>('seeded', {
    partitions: 3,
  });
  const options = { count: 1000, keys: 10, seed: 5 };
  expect(await writeSeededEvents(topic, options, { batchSize: 256 })).toBe(1000);
  const cols = generateEvents(options); // the independent reference: the generator itself
  const got = [];
  for (let p = 0; p < 3; p++) {
    for (const r of await topic.read(p, 0, 2000)) {
      expect(r.timestamp).toBe(r.value.timestamp);
      got.push(r.value);
    }
  }
  const key = (e: { key: number; value: number; timestamp: number }) => `${e.timestamp}/${e.key}/${e.value}`;
  const expected = Array.from(cols.keys, (k, i) => ({
    key: k,
    value: cols.values[i],
    timestamp: cols.timestamps[i],
  }));
  expect(got.map(key).sort()).toEqual(expected.map(key).sort());
});

it('writeRows routes by a key column and stamps from a time column (ms, Date or ISO string)', async () => {
  const topic = new MemoryLogTopic<Record<string, unknown>>('rows', { partitions: 2 });
  const rows = [
    { user: 'a', at: 1000 },
    { user: 'b', at: new Date(2000) },
    { user: 'a', at: '1970-01-01T00:00:03Z' },
  ];
  expect(await writeRows(topic, rows, { keyColumn: 'user', timestampColumn: 'at' })).toBe(3);
  const all = [...(await topic.read(0, 0, 9)), ...(await topic.read(1, 0, 9))];
  expect(all.map((r) => r.timestamp).sort()).toEqual([1000, 2000, 3000]);
  const partitionOfA = all.filter((r) => r.value.user === 'a').map((r) => r.partition);
  expect(new Set(partitionOfA).size).toBe(1);
});

it('writeRows checks every row before writing anything', async () => {
  const topic = new MemoryLogTopic<Record<string, unknown>>('bad-rows');
  await expect(writeRows(topic, [{ t: 1 }, { t: 'yesterday' }], { timestampColumn: 't' })).rejects.toThrow(
    /row 1, column "t" holds "yesterday", not a time/,
  );
  await expect(writeRows(topic, [{ t: 1 }], { keyColumn: 'user' })).rejects.toThrow(
    /row 0 has no key column "user"/,
  );
  expect(await readAll(topic, 0)).toEqual([]);
});
