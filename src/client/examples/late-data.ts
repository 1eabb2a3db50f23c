/** Job module: tumbling windows whose late events go to a side output instead of being dropped. */
export const LATE_DATA = `import { OutputTag, Time, TumblingEventTimeWindows, Watermark, WatermarkStrategy } from 'rivulet';

// [key, event time in ms], out of order
const events = [
  ['a', 1000], ['b', 4000], ['a', 8000], ['a', 12500], ['b', 6000], ['a', 14000],
  ['b', 9500], ['a', 23000], ['b', 15000], ['a', 18000], ['b', 26000], ['a', 3000],
];

// Punctuated watermarks, 2 s behind the newest event, emitted after every event: which events
// are late does not depend on timing.
const behindByTwoSeconds = () => {
  let max = -Infinity;
  return {
    onEvent: (e, ts, out) => {
      max = Math.max(max, ts);
      out.emitWatermark(new Watermark(max - 2000 - 1));
    },
    onPeriodicEmit: () => {},
  };
};

const late = new OutputTag('late');

// Emits [key, windowStart, count] per 10 s window, and ['late', key, time] per late event.
export default (env) => {
  const counts = env
    .fromElements(...events)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forGenerator(behindByTwoSeconds).withTimestampAssigner((e) => e[1]),
    )
    // One generator, chained to the source: the watermark follows the events in order.
    .setParallelism(1)
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sideOutputLateData(late)
    .process((key, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([key, ctx.window.start, n]);
    });
  return counts.union(counts.getSideOutput(late).map((e) => ['late', e[0], e[1]]));
};
`;
