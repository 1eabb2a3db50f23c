// Bench job: keyBy + tumbling event-time window count; returns the [key, windowStart, count] results.
import {
  TumblingEventTimeWindows,
  Time,
  WatermarkStrategy,
  type DataStream,
  type SingleOutputStreamOperator,
  type StreamExecutionEnvironment,
} from '../../src/engine/index.ts';
import { benchEvents, GeneratedSource, type GenEvent } from './generated-source.ts';

const count = {
  createAccumulator: () => 0,
  add: (_e: GenEvent, acc: number) => acc + 1,
  getResult: (acc: number) => acc,
  merge: (a: number, b: number) => a + b,
};

/**
 * Counts the events per key in 10 s tumbling event-time windows: [key, windowStart, count] rows
 * (also the job of bench/checkpoint-jobs.ts, which checkpoints it).
 * @example
 * countPerKeyAndWindow(events).uid('window-count');
 */
export function countPerKeyAndWindow(
  events: DataStream<GenEvent>,
): SingleOutputStreamOperator<[number, number, number]> {
  return events
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .aggregate(count, (key: number, ctx, counts: Iterable<number>, out) => {
      for (const c of counts) out.collect([key, ctx.window.start, c] as [number, number, number]);
    });
}

export default (env: StreamExecutionEnvironment) =>
  countPerKeyAndWindow(
    env.fromSource(
      new GeneratedSource(benchEvents(import.meta.url)),
      WatermarkStrategy.forMonotonousTimestamps<GenEvent>().withTimestampAssigner((e) => e.ts),
      'events',
    ),
  );
