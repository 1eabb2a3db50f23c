/** Job module: a KeyedProcessFunction with keyed state and event-time timers (silence alerts). */
export const PROCESS_TIMERS = `import { KeyedProcessFunction, ValueStateDescriptor, WatermarkStrategy } from 'rivulet';

// [device, event time in ms] of heartbeats
const heartbeats = [
  ['d1', 1000], ['d2', 1200], ['d1', 3000], ['d2', 4000], ['d2', 8500], ['d1', 9000],
  ['d2', 10000], ['d1', 11000], ['d1', 15500], ['d2', 17000],
];

const SILENCE = 5000;

// Emits [device, lastHeartbeat, alertTime] when a device stays silent for 5 s of event time.
class SilenceAlert extends KeyedProcessFunction {
  open() {
    this.last = this.getRuntimeContext().getState(new ValueStateDescriptor('last', null));
  }
  processElement(beat, ctx) {
    const last = this.last.value();
    // In time: the previous heartbeat's alert is cancelled; too late: it stays and fires.
    if (last !== null && beat[1] < last + SILENCE) ctx.timerService().deleteEventTimeTimer(last + SILENCE);
    this.last.update(beat[1]);
    ctx.timerService().registerEventTimeTimer(beat[1] + SILENCE);
  }
  onTimer(time, ctx, out) {
    out.collect([ctx.getCurrentKey(), time - SILENCE, time]);
  }
}

export default (env) =>
  env
    .fromElements(...heartbeats)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((h) => h[1]),
    )
    // One generator, chained to the source: each device's heartbeats stay in order.
    .setParallelism(1)
    .keyBy((h) => h[0])
    .process(new SilenceAlert());
`;
