// Job module: a KeyedProcessFunction with MapState and event-time timers: per key and minute bucket,
// count records and emit [key, bucketStart, count] when the watermark passes the bucket's end.
import {
  KeyedProcessFunction,
  MapStateDescriptor,
  WatermarkStrategy,
  type Collector,
  type KeyedOnTimerContext,
  type KeyedProcessContext,
  type MapState,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

type Ev = [key: number, ts: number];
const BUCKET = 60_000;

class BucketCounts extends KeyedProcessFunction<number, Ev, [number, number, number]> {
  private counts!: MapState<number, number>;
  override open(): void {
    this.counts = this.getRuntimeContext().getMapState(new MapStateDescriptor<number, number>('counts'));
  }
  processElement(e: Ev, ctx: KeyedProcessContext<number>): void {
    const bucket = Math.floor(e[1] / BUCKET) * BUCKET;
    this.counts.put(bucket, (this.counts.get(bucket) ?? 0) + 1);
    ctx.timerService().registerEventTimeTimer(bucket + BUCKET - 1);
  }
  override onTimer(
    ts: number,
    ctx: KeyedOnTimerContext<number>,
    out: Collector<[number, number, number]>,
  ): void {
    const bucket = ts + 1 - BUCKET;
    out.collect([ctx.getCurrentKey(), bucket, this.counts.get(bucket)!]);
    this.counts.remove(bucket);
  }
}

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(0, 9_999)
    .map((i): Ev => [i % 11, i * 37])
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e[1]),
    )
    .keyBy((e) => e[0])
    .process(new BucketCounts());
