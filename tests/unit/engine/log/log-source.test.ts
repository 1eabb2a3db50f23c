import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbLogTopic } from '../../../../src/engine/connectors/log/indexed-db-log-topic.ts';
import {
  assignedPartitions,
  LogSource,
  type LogPosition,
  type LogSplit,
  type LogSourceOptions,
} from '../../../../src/engine/connectors/log/log-source.ts';
import type { LogTopic } from '../../../../src/engine/connectors/log/log-topic.ts';
import { writeRecords } from '../../../../src/engine/connectors/log/log-writers.ts';
import { MemoryLogTopic } from '../../../../src/engine/connectors/log/memory-log-topic.ts';
import type { ReaderOutput, SourceReader } from '../../../../src/engine/connectors/source.ts';
import { StreamExecutionEnvironment, WatermarkStrategy } from '../../../../src/engine/index.ts';

const context = (subtaskIndex: number, parallelism: number, batchSize = 7) => ({
  subtaskIndex,
  parallelism,
  batchSize,
  currentProcessingTime: () => 0,
});

/** Collects what a reader emits. */
function sink<T>() {
  const out: { values: T[]; timestamps: number[]; idle: boolean } = {
    values: [],
    timestamps: [],
    idle: false,
  };
  const output: ReaderOutput<T> = {
    collect: (v, t) => {
      out.values.push(v);
      out.timestamps.push(t);
    },
    emitWatermark: () => undefined,
    markIdle: () => (out.idle = true),
    markActive: () => (out.idle = false),
  };
  return { out, output };
}

/** Polls until END_OF_INPUT (or until `limit` records), waiting on isAvailable like the runtime. */
async function drain<T>(
  reader: SourceReader<T, LogSplit[]>,
  output: ReaderOutput<T>,
  count: () => number,
  limit = Infinity,
) {
  for (;;) {
    const status = reader.pollNext(output);
    if (status === 'END_OF_INPUT' || count() >= limit) return status;
    if (status === 'NOTHING_AVAILABLE') await reader.isAvailable!();
  }
}

async function filled(kind: 'memory' | 'indexeddb', name: string, partitions: number, n: number) {
  let topic: LogTopic<number>;
  if (kind === 'memory') topic = new MemoryLogTopic<number>(name, { partitions });
  else {
    const t = new IndexedDbLogTopic<number>(name, { dbName: `src-${name}` });
    await t.create({ partitions });
    topic = t;
  }
  await writeRecords(
    topic,
    Array.from({ length: n }, (_, i) => i),
    { batchSize: 50, key: (v) => v % 13 },
  );
  return topic;
}

describe.each(['memory', 'indexeddb'] as const)('LogSource over a %s topic', (kind) => {
  it('replays from a checkpointed position exactly the remaining records', async () => {
    const topic = await filled(kind, `${kind}-replay`, 4, 1000);
    const source = new LogSource(topic, { bounded: true });
    const first = sink<number>();
    const reader = source.createReader(context(0, 1));
    await drain(reader, first.output, () => first.out.values.length, 300);
    const position = structuredClone(reader.snapshotState()!); // as the checkpoint stores it
    reader.close();
    const second = sink<number>();
    const resumed = source.createReader(context(0, 1), position);
    expect(await drain(resumed, second.output, () => second.out.values.length)).toBe('END_OF_INPUT');
    // No loss, no duplicates: both runs together are 0..999 once each.
    expect([...first.out.values, ...second.out.values].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i),
    );
    expect(first.out.values.length).toBeGreaterThanOrEqual(300);
    // One split per partition with its next offset; the offsets sum to the number of records emitted.
    expect(position.map((s) => ('partition' in s ? s.partition : -1))).toEqual([0, 1, 2, 3]);
    const next = position.reduce((a, s) => a + ('next' in s ? s.next : 0), 0);
    expect(next).toBe(first.out.values.length);
  });

  it('at parallelism 1..4 every partition is read by exactly one subtask', async () => {
    const topic = await filled(kind, `${kind}-assign`, 5, 500);
    for (let parallelism = 1; parallelism <= 4; parallelism++) {
      const parts = Array.from({ length: parallelism }, (_, i) =>
        assignedPartitions(5, i, parallelism),
      ).flat();
      expect(parts.sort()).toEqual([0, 1, 2, 3, 4]);
      const all: number[] = [];
      for (let i = 0; i < parallelism; i++) {
        const s = sink<number>();
        await drain(
          new LogSource(topic, { bounded: true }).createReader(context(i, parallelism)),
          s.output,
          () => 0,
        );
        all.push(...s.out.values);
      }
      expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    }
  });
});

describe('LogSource', () => {
  it('bounded: stops at the end offsets seen at start, also after a restore', async () => {
    const topic = new MemoryLogTopic<number>('bounded', { partitions: 2 });
    await topic.append([0, 1, 2, 3]);
    const source = new LogSource(topic, { bounded: true });
    const a = sink<number>();
    const reader = source.createReader(context(0, 1, 1));
    reader.pollNext(a.output); // starts the first fetch (end offsets [2, 2] fixed now)
    await reader.isAvailable!();
    await topic.append([4, 5]);
    reader.pollNext(a.output);
    const position = reader.snapshotState()!;
    expect(position.map((s) => ('stop' in s ? s.stop : undefined))).toEqual([2, 2]);
    const b = sink<number>();
    await drain(source.createReader(context(0, 1), position), b.output, () => 0);
    expect([...a.out.values, ...b.out.values].sort()).toEqual([0, 1, 2, 3]);
  });

  it('unbounded: tails appends made after it caught up', async () => {
    const topic = new MemoryLogTopic<string>('tail', { partitions: 2 });
    await topic.append(['a']);
    const s = sink<string>();
    const reader = new LogSource(topic).createReader(context(0, 1));
    await drain(reader, s.output, () => s.out.values.length, 1);
    expect(reader.pollNext(s.output)).toBe('NOTHING_AVAILABLE');
    const available = reader.isAvailable!();
    await topic.append(['b', 'c'], { now: 42 });
    await available;
    await drain(reader, s.output, () => s.out.values.length, 3);
    expect(s.out.values).toEqual(['a', 'b', 'c']);
    expect(s.out.timestamps.slice(1)).toEqual([42, 42]);
    reader.close();
  });

  it("startingOffsets 'latest' skips what is already there", async () => {
    const topic = new MemoryLogTopic<number>('latest');
    await topic.append([1, 2]);
    const s = sink<number>();
    const reader = new LogSource(topic, { startingOffsets: 'latest' }).createReader(context(0, 1));
    expect(reader.pollNext(s.output)).toBe('NOTHING_AVAILABLE');
    // Let the reader fix its start (the end offsets when it initializes) before appending.
    while ('share' in reader.snapshotState()![0]) await new Promise((r) => setTimeout(r, 0));
    expect(reader.snapshotState()).toEqual([{ partition: 0, next: 2 }]);
    await topic.append([3]);
    await drain(reader, s.output, () => s.out.values.length, 1);
    expect(s.out.values).toEqual([3]);
    reader.close();
  });

  it('a subtask without partitions marks itself idle (bounded: ends)', async () => {
    const topic = new MemoryLogTopic<number>('few', { partitions: 1 });
    await topic.append([1]);
    const s = sink<number>();
    const reader = new LogSource(topic, { bounded: true }).createReader(context(1, 2));
    expect(await drain(reader, s.output, () => 0)).toBe('END_OF_INPUT');
    expect(s.out).toMatchObject({ values: [], idle: true });
  });

  const failure = async (
    options: LogSourceOptions,
    topic: LogTopic<number>,
    position?: LogSplit[] | LogPosition,
  ) => {
    const reader = new LogSource(topic, options).createReader(context(0, 2), position);
    const s = sink<number>();
    return drain(reader, s.output, () => 0).catch((e: Error) => e.message);
  };

  it('rescales: splits of 2 readers dealt round robin to 3 readers give every record once', async () => {
    const topic = await filled('memory', 'rescale', 5, 600);
    const source = new LogSource(topic, { bounded: true });
    const before: number[] = [];
    const splits: LogSplit[] = [];
    for (let i = 0; i < 2; i++) {
      const s = sink<number>();
      const reader = source.createReader(context(i, 2));
      await drain(reader, s.output, () => s.out.values.length, 100 + 50 * i);
      before.push(...s.out.values);
      splits.push(...structuredClone(reader.snapshotState()!));
      reader.close();
    }
    expect(splits.map((s) => ('partition' in s ? s.partition : -1))).toEqual([0, 2, 4, 1, 3]);
    const after: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = sink<number>();
      const share = splits.filter((_, k) => k % 3 === i);
      await drain(source.createReader(context(i, 3), share), s.output, () => 0);
      after.push(...s.out.values);
    }
    expect(before.length).toBeGreaterThanOrEqual(250);
    expect([...before, ...after].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });

  it('a checkpoint before the reader looked its partitions up stores its share, resolved on restore', async () => {
    const topic = await filled('memory', 'early', 3, 90);
    const source = new LogSource(topic, { bounded: true });
    const early = source.createReader(context(1, 2)).snapshotState();
    expect(early).toEqual([{ share: { subtask: 1, of: 2 } }]);
    const s = sink<number>();
    await drain(source.createReader(context(0, 1), structuredClone(early)), s.output, () => 0);
    const fresh = sink<number>();
    await drain(source.createReader(context(1, 2)), fresh.output, () => 0);
    expect(s.out.values.length).toBeGreaterThan(0);
    expect(s.out.values.sort()).toEqual(fresh.out.values.sort());
  });

  it('restores a position stored before the source had splits', async () => {
    const topic = new MemoryLogTopic<number>('legacy', { partitions: 2 });
    await topic.append([1, 2, 3, 4]); // round robin: partition 0 gets 1, 3; partition 1 gets 2, 4
    const s = sink<number>();
    const legacy: LogPosition = { next: { 0: 1, 1: 2 }, stop: { 0: 2, 1: 2 } };
    await drain(
      new LogSource(topic, { bounded: true }).createReader(context(0, 1), legacy),
      s.output,
      () => 0,
    );
    expect(s.out.values).toEqual([3]);
  });

  it('refuses a restored split that does not fit the topic, naming it and the fix', async () => {
    const topic = new MemoryLogTopic<number>('foreign', { partitions: 2 });
    await topic.append([1, 2]);
    expect(await failure({ bounded: true }, topic, [{ partition: 7, next: 0 }])).toMatch(
      /restored split \{"partition":7,"next":0\} is not a \{ partition, next, stop\? \} of this topic's 2 partitions.*give this one a new uid/,
    );
  });

  it('refuses a bounded read of an empty memory topic (filled in another thread) unless allowed', async () => {
    const topic = new MemoryLogTopic<number>('elsewhere', { partitions: 2 });
    expect(await failure({ bounded: true }, topic)).toMatch(
      /memory topic "elsewhere" is empty in this thread/,
    );
    expect(await failure({ bounded: true, allowEmpty: true }, topic)).toBe('END_OF_INPUT');
  });

  it('fails when the records of its position were removed by retention', async () => {
    const topic = new MemoryLogTopic<number>('short', { partitions: 1, retention: { maxRecords: 2 } });
    await topic.append([1, 2, 3, 4]);
    expect(await failure({ bounded: true }, topic, { next: { 0: 1 } })).toMatch(
      /offset 1 was removed by retention/,
    );
  });

  it('feeds an inline job at parallelism 3 (keyed sums equal a plain-loop reference)', async () => {
    const topic = new MemoryLogTopic<{ k: number; v: number }>('job', { partitions: 4 });
    const rows = Array.from({ length: 2000 }, (_, i) => ({ k: i % 7, v: i }));
    await writeRecords(topic, rows, { key: (r) => r.k, batchSize: 300 });
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 3 });
    const out = await env
      .fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.noWatermarks(), 'log')
      .keyBy((r) => r.k)
      .reduce((a, b) => ({ k: a.k, v: a.v + b.v }))
      .executeAndCollect();
    const finals = new Map<number, number>();
    for (const r of out) finals.set(r.k, Math.max(finals.get(r.k) ?? 0, r.v));
    const expected = new Map<number, number>();
    for (const r of rows) expected.set(r.k, (expected.get(r.k) ?? 0) + r.v);
    expect(finals).toEqual(expected);
    expect(out.length).toBe(2000);
  });
});
