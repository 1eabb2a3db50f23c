// Bench job: keyBy + tumbling event-time window count; returns the [key, windowStart, count] results.
import {
  TumblingEventTimeWindows,
  Time,
  WatermarkStrategy,
  type StreamExecutionEnvironment,
} from '../../src/engine/index.ts';
import { benchEvents, GeneratedSource, type GenEvent } from './generated-source.ts';

const count = {
  createAccumulator: () => 0,
  add: (_e: GenEvent, acc: number) => acc + 1,
  getResult: (acc: number) => acc,
  merge: (a: number, b: number) => a + b,
};

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSource(
      new GeneratedSource(benchEvents(import.meta.url)),
      WatermarkStrategy.forMonotonousTimestamps<GenEvent>().withTimestampAssigner((e) => e.ts),
      'events',
    )
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .aggregate(count, (key: number, ctx, counts: Iterable<number>, out) => {
      for (const c of counts) out.collect([key, ctx.window.start, c] as [number, number, number]);
    });
