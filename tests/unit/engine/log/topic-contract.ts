import { beforeEach, describe, expect, it } from 'vitest';
import type { LogTopic, TopicOptions } from '../../../../src/engine/connectors/log/log-topic.ts';
import { SEGMENT_RECORDS } from '../../../../src/engine/connectors/log/segments.ts';

/** Every record of a partition from its start offset, as [offset, value] pairs. */
export async function readAll<T>(topic: LogTopic<T>, partition: number): Promise<[number, T][]> {
  const start = (await topic.startOffsets())[partition];
  return (await topic.read(partition, start, Number.MAX_SAFE_INTEGER)).map((r) => [r.offset, r.value]);
}

/** The LogTopic contract, run against the memory and the IndexedDB topic. */
export function describeTopicContract(
  name: string,
  create: <T>(topic: string, options: TopicOptions) => Promise<LogTopic<T>>,
): void {
  describe(`${name}: LogTopic contract`, () => {
    let n = 0;
    let topicName = '';
    beforeEach(() => {
      topicName = `t${n++}`;
    });

    it('appends round-robin with per-partition offsets and reads from any offset', async () => {
      const topic = await create<number>(topicName, { partitions: 3 });
      const r = await topic.append([0, 1, 2, 3, 4, 5, 6], { now: 100 });
      // Round-robin from partition 0: 0,3,6 → p0; 1,4 → p1; 2,5 → p2 (hand computation).
      expect(r).toEqual([
        { partition: 0, baseOffset: 0, count: 3 },
        { partition: 1, baseOffset: 0, count: 2 },
        { partition: 2, baseOffset: 0, count: 2 },
      ]);
      await topic.append([7, 8], { now: 200 }); // cursor continues at partition 1
      expect(await topic.endOffsets()).toEqual([3, 3, 3]);
      expect(await readAll(topic, 1)).toEqual([
        [0, 1],
        [1, 4],
        [2, 7],
      ]);
      const tail = await topic.read(0, 1, 10);
      expect(tail.map((x) => [x.offset, x.value, x.timestamp])).toEqual([
        [1, 3, 100],
        [2, 6, 100],
      ]);
      expect(await topic.read(0, 3, 10)).toEqual([]);
      await expect(topic.read(0, 4, 10)).rejects.toThrow(/offset 4 is past the end \(3\)/);
      await expect(topic.read(3, 0, 10)).rejects.toThrow(/partition 3 does not exist/);
    });

    it('routes by key (same key, same partition) and stamps CreateTime', async () => {
      const topic = await create<{ k: string; t: number }>(topicName, { partitions: 4 });
      const rows = Array.from({ length: 40 }, (_, i) => ({ k: `key${i % 5}`, t: 1000 + i }));
      await topic.append(rows, { key: (r) => r.k, timestamp: (r) => r.t });
      const seen = new Map<string, number>();
      let total = 0;
      for (let p = 0; p < 4; p++) {
        for (const r of await topic.read(p, 0, 100)) {
          expect(r.timestamp).toBe(r.value.t);
          expect(seen.get(r.value.k) ?? p).toBe(p);
          seen.set(r.value.k, p);
          total++;
        }
      }
      expect(total).toBe(40);
      expect(seen.size).toBe(5);
    });

    it('a failing append writes nothing', async () => {
      const topic = await create<number>(topicName, { partitions: 2 });
      await topic.append([1, 2]);
      await expect(topic.append([3, 4], { timestamp: (v) => (v === 4 ? NaN : 0) })).rejects.toThrow(
        /timestamp of record 1 is NaN/,
      );
      expect(await topic.endOffsets()).toEqual([1, 1]);
    });

    it('spans segments: a read across several appends and a long append', async () => {
      const topic = await create<number>(topicName, { partitions: 1 });
      const big = Array.from({ length: SEGMENT_RECORDS + 10 }, (_, i) => i);
      await topic.append([-3, -2, -1]);
      await topic.append(big);
      const got = await topic.read(0, 2, SEGMENT_RECORDS);
      expect(got.length).toBe(SEGMENT_RECORDS);
      expect(got[0].value).toBe(-1);
      expect(got.at(-1)!.value).toBe(SEGMENT_RECORDS - 2);
      expect(got.every((r, i) => r.offset === 2 + i)).toBe(true);
    });

    it('count retention keeps exactly the newest maxRecords per partition', async () => {
      const topic = await create<number>(topicName, { partitions: 1, retention: { maxRecords: 5 } });
      for (let b = 0; b < 4; b++) await topic.append([3 * b, 3 * b + 1, 3 * b + 2]);
      // 12 records, keep 5: offsets 7..11 (hand computation).
      expect(await topic.startOffsets()).toEqual([7]);
      expect(await readAll(topic, 0)).toEqual([7, 8, 9, 10, 11].map((o) => [o, o]));
      await expect(topic.read(0, 6, 10)).rejects.toThrow(
        /offset 6 was removed by retention \(the log starts at 7\)/,
      );
    });

    it('age retention drops whole leading segments older than maxAgeMs', async () => {
      const topic = await create<number>(topicName, { partitions: 1, retention: { maxAgeMs: 1000 } });
      await topic.append([1, 2], { now: 0 });
      await topic.append([3], { now: 900 });
      await topic.append([4, 5], { now: 1800 });
      // At 1800 the cut-off is 800: the first segment (newest 0) goes, the second (900) stays;
      // at 2600 (cut-off 1600) the second goes too. Hand computation of Kafka's segment rule.
      expect(await topic.startOffsets()).toEqual([2]);
      await topic.enforceRetention(2600);
      expect(await readAll(topic, 0)).toEqual([
        [3, 4],
        [4, 5],
      ]);
    });

    it('nextAppend resolves on the next append and on abort', async () => {
      const topic = await create<number>(topicName, { partitions: 1 });
      const order: string[] = [];
      const waiting = topic.nextAppend().then(() => order.push('woke'));
      await topic.append([1]);
      await waiting;
      expect(order).toEqual(['woke']);
      const ctl = new AbortController();
      const aborted = topic.nextAppend(ctl.signal);
      ctl.abort();
      await aborted;
    });
  });
}
