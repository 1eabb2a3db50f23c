import {
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type AggregateFunction,
  type DataStream,
  type SingleOutputStreamOperator,
} from '../../../../src/engine/index.ts';

// The keyed window count shared by the exactly-once tests (inline and worker runtimes): record i
// has timestamp i ms and key k((i·7919) mod 97), counted in 1 s tumbling event-time windows, so
// every window holds 1000 records.

/** Keys k0..k96. */
export const KEYS = 97;
/** Window size in ms (timestamps are i ms). */
export const WINDOW_MS = 1000;

/**
 * Counts the records of a window (Flink's AggregateFunction).
 * @example
 * keyed.window(TumblingEventTimeWindows.of(Time.days(1))).aggregate(countAggregate, emitCounts);
 */
export const countAggregate: AggregateFunction<unknown, number, number> = {
  createAccumulator: () => 0,
  add: (_: unknown, n: number) => n + 1,
  getResult: (n: number) => n,
  merge: (a: number, b: number) => a + b,
};

/**
 * The count per key and window of the numbers i (timestamps i ms), one `row(key, windowStart, count)`
 * per window and key; the caller sets the operator's uid.
 * @example
 * countPerKeyAndWindow(env.fromSequence(0, 9_999), (k, start, n) => `${k},${start},${n}`).uid('window-count');
 */
export function countPerKeyAndWindow<R>(
  numbers: DataStream<number>,
  row: (key: string, windowStart: number, count: number) => R,
): SingleOutputStreamOperator<R> {
  return numbers
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((i) => i),
    )
    .keyBy((i) => `k${(i * 7919) % KEYS}`)
    .window(TumblingEventTimeWindows.of(Time.milliseconds(WINDOW_MS)))
    .aggregate(countAggregate, (key: string, ctx, counts, out) => {
      for (const n of counts) out.collect(row(key, ctx.window.start, n));
    });
}

/**
 * Independent reference: the counts of records 0..n-1 computed directly, as sorted "key,windowStart,count".
 * @example
 * expect(rows.sort()).toEqual(referenceCounts(200_000));
 */
export function referenceCounts(n: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = `k${(i * 7919) % KEYS},${Math.floor(i / WINDOW_MS) * WINDOW_MS}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, c]) => `${k},${c}`).sort();
}
