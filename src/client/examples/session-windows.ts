/** Job module: clicks per user session, sessions closed by 5 s of inactivity. */
export const SESSION_WINDOWS = `import { EventTimeSessionWindows, Time, WatermarkStrategy } from 'rivulet';

// [user, event time in ms]
const clicks = [
  ['ann', 1000], ['bob', 1500], ['ann', 3000], ['ann', 6500], ['bob', 9000], ['ann', 13000],
  ['bob', 13500], ['ann', 14000], ['bob', 16000], ['ann', 25000],
];

// A session ends after a 5 s gap without clicks: emits [user, sessionStart, sessionEnd, clicks].
export default (env) =>
  env
    .fromElements(...clicks)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((c) => c[1]),
    )
    .keyBy((c) => c[0])
    .window(EventTimeSessionWindows.withGap(Time.seconds(5)))
    .process((user, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([user, ctx.window.start, ctx.window.end, n]);
    });
`;
