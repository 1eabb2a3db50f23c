// Job module: keyed tumbling event-time window count. Each source subtask reads an ascending range,
// so no record is ever late and the result does not depend on scheduling (any runtime, any parallelism).
import {
  TumblingEventTimeWindows,
  Time,
  WatermarkStrategy,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

export const N = Number(globalThis.process?.env?.RIVULET_N ?? 20_000);
type Ev = { key: string; ts: number };

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(0, N - 1)
    .map((i): Ev => ({ key: `k${(i * 7919) % 13}`, ts: i * 10 }))
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts),
    )
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .process((key: string, ctx, elements, out) => {
      let n = 0;
      for (const _ of elements) n++;
      out.collect([key, ctx.window.start, n] as [string, number, number]);
    });
