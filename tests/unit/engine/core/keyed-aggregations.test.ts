import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  type DataStream,
  type KeyedStream,
} from '../../../../src/engine/index.ts';

type T3 = [string, number, number];
const input: T3[] = [
  ['a', 0, 5],
  ['a', 1, 3],
  ['b', 9, 1],
  ['a', 2, 3],
  ['a', 3, 7],
];
const run = async (build: (env: StreamExecutionEnvironment) => Promise<unknown[]>) =>
  build(StreamExecutionEnvironment.getExecutionEnvironment());
/** The rolling results of `aggregate` over `input` keyed by field 0. */
const rolling = (aggregate: (keyed: KeyedStream<T3, unknown>) => DataStream<T3>) =>
  run((env) => aggregate(env.fromElements<T3>(...input).keyBy(0)).executeAndCollect());

// Expected values follow Flink's SumAggregator / ComparableAggregator: sum/min/max replace only the
// aggregated field of the key's first record; minBy/maxBy return whole records, the first on ties
// unless first = false. Rolling: one output per input record.
describe('keyed rolling aggregations', () => {
  it('sum by tuple position', async () => {
    const out = await rolling((keyed) => keyed.sum(2));
    expect(out).toEqual([
      ['a', 0, 5],
      ['a', 0, 8],
      ['b', 9, 1],
      ['a', 0, 11],
      ['a', 0, 18],
    ]);
  });

  it('min keeps the first record and replaces the field', async () => {
    const out = await rolling((keyed) => keyed.min(2));
    expect(out).toEqual([
      ['a', 0, 5],
      ['a', 0, 3],
      ['b', 9, 1],
      ['a', 0, 3],
      ['a', 0, 3],
    ]);
  });

  it('max keeps the first record and replaces the field', async () => {
    const out = await rolling((keyed) => keyed.max(2));
    expect(out).toEqual([
      ['a', 0, 5],
      ['a', 0, 5],
      ['b', 9, 1],
      ['a', 0, 5],
      ['a', 0, 7],
    ]);
  });

  it('minBy returns the first minimal record on ties, or the last with first = false', async () => {
    const first = await rolling((keyed) => keyed.minBy(2));
    expect(first).toEqual([
      ['a', 0, 5],
      ['a', 1, 3],
      ['b', 9, 1],
      ['a', 1, 3],
      ['a', 1, 3],
    ]);
    const last = await rolling((keyed) => keyed.minBy(2, false));
    expect(last).toEqual([
      ['a', 0, 5],
      ['a', 1, 3],
      ['b', 9, 1],
      ['a', 2, 3],
      ['a', 2, 3],
    ]);
  });

  it('maxBy returns the whole maximal record', async () => {
    const out = await rolling((keyed) => keyed.maxBy(2));
    expect(out).toEqual([
      ['a', 0, 5],
      ['a', 0, 5],
      ['b', 9, 1],
      ['a', 0, 5],
      ['a', 3, 7],
    ]);
  });

  it('aggregates object fields by name and by accessor function (minBy)', async () => {
    type Reading = { sensor: string; temp: number; at: number };
    const readings: Reading[] = [
      { sensor: 's1', temp: 20, at: 1 },
      { sensor: 's1', temp: 18, at: 2 },
      { sensor: 's1', temp: 25, at: 3 },
    ];
    const sums = await run((env) =>
      env
        .fromElements(...readings)
        .keyBy('sensor')
        .sum('temp')
        .executeAndCollect(),
    );
    expect(sums).toEqual([
      { sensor: 's1', temp: 20, at: 1 },
      { sensor: 's1', temp: 38, at: 1 },
      { sensor: 's1', temp: 63, at: 1 },
    ]);
    const coldest = await run((env) =>
      env
        .fromElements(...readings)
        .keyBy((r) => r.sensor)
        .minBy((r) => r.temp)
        .executeAndCollect(),
    );
    expect(coldest.map((r) => (r as Reading).at)).toEqual([1, 2, 2]);
    // The input records are never mutated by aggregation.
    expect(readings[0]).toEqual({ sensor: 's1', temp: 20, at: 1 });
  });

  it("sum keeps each key's first-record shape when record shapes differ between keys and over time", async () => {
    const recs: Record<string, unknown>[] = [
      { k: 'a', v: 1, note: 'first' },
      { k: 'b', v: 10 },
      { k: 'a', v: 2, extra: true }, // other fields come from a's first record (Flink)
      { k: 'b', v: 20, note: 'ignored' },
      { k: 'a', v: 3 },
    ];
    const out = await run((env) =>
      env
        .fromElements(...recs)
        .keyBy('k')
        .sum('v')
        .executeAndCollect(),
    );
    expect(out).toEqual([
      { k: 'a', v: 1, note: 'first' },
      { k: 'b', v: 10 },
      { k: 'a', v: 3, note: 'first' },
      { k: 'b', v: 30 },
      { k: 'a', v: 6, note: 'first' },
    ]);
  });

  it('reduce emits the running result per key (word count)', async () => {
    const out = await run((env) =>
      env
        .fromElements('to', 'be', 'or', 'not', 'to', 'be')
        .map((w) => [w, 1] as [string, number])
        .keyBy((t) => t[0])
        .reduce((a, b) => [a[0], a[1] + b[1]])
        .executeAndCollect(),
    );
    expect(out).toEqual([
      ['to', 1],
      ['be', 1],
      ['or', 1],
      ['not', 1],
      ['to', 2],
      ['be', 2],
    ]);
  });
});
