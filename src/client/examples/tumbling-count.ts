/** Job module: events counted per key in 10 s tumbling event-time windows. */
export const TUMBLING_COUNT = `import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'rivulet';

// [key, event time in ms]
const events = [
  ['a', 1000], ['b', 2000], ['a', 3000], ['a', 9999], ['b', 10000], ['a', 12000],
  ['c', 15000], ['b', 19999], ['a', 20000], ['c', 25000], ['a', 29000], ['b', 31000],
];

// Counts events per key in 10 s tumbling event-time windows: emits [key, windowStart, count].
export default (env) =>
  env
    .fromElements(...events)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e[1]),
    )
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .process((key, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([key, ctx.window.start, n]);
    });
`;
