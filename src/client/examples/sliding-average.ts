/** Job module: average per sensor over sliding event-time windows (incremental aggregate). */
export const SLIDING_AVERAGE = `import { SlidingEventTimeWindows, Time, WatermarkStrategy } from 'rivulet';

// [sensor, event time in ms, temperature]
const readings = [
  ['s1', 1000, 20], ['s2', 2000, 30], ['s1', 4000, 22], ['s1', 6000, 27], ['s2', 7000, 31],
  ['s2', 11000, 35], ['s1', 12000, 21], ['s2', 14000, 33], ['s1', 18000, 25], ['s2', 19000, 36],
];

// Keeps [sum, count] per window instead of the readings (Flink's AggregateFunction).
const average = {
  createAccumulator: () => [0, 0],
  add: (r, [sum, n]) => [sum + r[2], n + 1],
  getResult: ([sum, n]) => sum / n,
  merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
};

// Average temperature per sensor over the last 10 s, every 5 s: emits [sensor, windowStart, average].
export default (env) =>
  env
    .fromElements(...readings)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((r) => r[1]),
    )
    .keyBy((r) => r[0])
    .window(SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(5)))
    .aggregate(average, (sensor, ctx, averages, out) => {
      for (const avg of averages) out.collect([sensor, ctx.window.start, avg]);
    });
`;
