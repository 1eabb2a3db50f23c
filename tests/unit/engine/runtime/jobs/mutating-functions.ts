// Job module: user functions that mutate and return the object their state holds, a common Flink
// idiom (Flink hands them a copy and serializes every emitted record, so what was emitted never
// changes afterwards): a rolling reduce, and window reduce/aggregate results fired again by late
// elements within the allowed lateness; a window reduce that mutates a record another consumer reads.
import {
  Time,
  TumblingEventTimeWindows,
  Watermark,
  WatermarkStrategy,
  type StreamExecutionEnvironment,
  type WatermarkOutput,
} from '../../../../../src/engine/index.ts';

type Ev = { key: string; ts: number; n: number };
type Out = { what: string; key: string; n: number };

// Per key: two on-time elements of window [0, 10 s), one of [10 s, 20 s) that closes it, then two
// late ones: [0, 10 s) fires three times (2, 3 and 4 elements) and [10 s, 20 s) once.
const events: Ev[] = [];
for (const ts of [1_000, 2_000, 12_000, 3_000, 4_000]) {
  for (const key of ['a', 'b', 'c']) events.push({ key, ts, n: 1 });
}

export default (env: StreamExecutionEnvironment) => {
  // Non-parallel up to keyBy: every key sees its elements and watermarks in this order.
  const input = env
    .fromCollection(events)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forGenerator<Ev>(() => ({
        onEvent: (_e: Ev, ts: number, out: WatermarkOutput) => out.emitWatermark(new Watermark(ts - 1)),
        onPeriodicEmit: () => {},
      })).withTimestampAssigner((e) => e.ts),
    )
    .setParallelism(1);
  // Records stay objects up to the collect sink: converted earlier, they would be copies already.
  const tagged = (what: string) => input.map((e): Out => ({ what, key: e.key, n: e.n })).setParallelism(1);
  const mutatingReduce = (a: Out, b: Out) => {
    a.n += b.n;
    return a;
  };
  const rolling = tagged('rolling')
    .keyBy((e) => e.key)
    .reduce(mutatingReduce);
  const windowed = (what: string) =>
    tagged(what)
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(10)))
      .allowedLateness(Time.minutes(1));
  const reduced = windowed('reduce').reduce(mutatingReduce);
  const aggregated = windowed('aggregate').aggregate({
    createAccumulator: (): Out => ({ what: 'aggregate', key: '', n: 0 }),
    add: (e: Out, acc: Out) => {
      acc.key = e.key;
      acc.n += e.n;
      return acc;
    },
    getResult: (acc: Out) => acc,
    merge: (a: Out, b: Out) => ({ what: a.what, key: a.key, n: a.n + b.n }),
  });
  // The source's own records go to two consumers: a window reduce that mutates its first argument
  // (the first record it stored) must not change what the other one reads.
  const ofInput = () =>
    input
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(10)))
      .allowedLateness(Time.minutes(1));
  const firstStored = ofInput()
    .reduce((a, b) => {
      a.n += b.n;
      return a;
    })
    .map((e): Out => ({ what: 'first-stored', key: e.key, n: e.n }));
  const sharedReader = ofInput().aggregate({
    createAccumulator: (): Out => ({ what: 'shared-reader', key: '', n: 0 }),
    add: (e: Ev, acc: Out) => ({ what: acc.what, key: e.key, n: acc.n + e.n }),
    getResult: (acc: Out) => acc,
    merge: (a: Out, b: Out) => ({ what: a.what, key: a.key, n: a.n + b.n }),
  });
  return rolling.union(reduced, aggregated, firstStored, sharedReader);
};
