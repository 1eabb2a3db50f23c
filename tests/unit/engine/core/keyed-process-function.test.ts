import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  ManualProcessingTimeService,
  OneInputStreamOperatorTestHarness,
  ProcessOperator,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  Watermark,
  WatermarkStrategy,
  type Collector,
  type KeyedOnTimerContext,
  type KeyedProcessContext,
  type ValueState,
} from '../../../../src/engine/index.ts';

type Event = [key: string, payload: string, ts: number];
interface CountWithTimestamp {
  key: string;
  count: number;
  lastModified: number;
}

/** Flink docs, "Process Function" → the CountWithTimeoutFunction example, ported line by line. */
class CountWithTimeoutFunction extends KeyedProcessFunction<string, Event, [string, number]> {
  private state!: ValueState<CountWithTimestamp>;
  override open(): void {
    this.state = this.getRuntimeContext().getState(new ValueStateDescriptor<CountWithTimestamp>('myState'));
  }
  processElement(value: Event, ctx: KeyedProcessContext<string>): void {
    let current = this.state.value();
    if (current === null) current = { key: value[0], count: 0, lastModified: 0 };
    current = { ...current, count: current.count + 1, lastModified: ctx.timestamp()! };
    this.state.update(current);
    ctx.timerService().registerEventTimeTimer(current.lastModified + 60_000);
  }
  override onTimer(
    timestamp: number,
    _ctx: KeyedOnTimerContext<string>,
    out: Collector<[string, number]>,
  ): void {
    const result = this.state.value()!;
    if (timestamp === result.lastModified + 60_000) out.collect([result.key, result.count]);
  }
}

const events: Event[] = [
  ['a', 'x', 0],
  ['a', 'x', 10_000],
  ['b', 'x', 20_000],
  ['a', 'x', 100_000],
  ['b', 'x', 200_000],
];

/** A punctuated generator: watermark = each event's timestamp, right after the event. */
const punctuated = WatermarkStrategy.forGenerator<Event>(() => ({
  onEvent: (_e, ts, out) => out.emitWatermark(new Watermark(ts)),
  onPeriodicEmit: () => {},
})).withTimestampAssigner((e) => e[2]);

describe('KeyedProcessFunction with state and event-time timers', () => {
  it('count-with-timeout emits (key, count) after 60 s without updates', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements(...events)
      .assignTimestampsAndWatermarks(punctuated)
      .keyBy((e) => e[0])
      .process(new CountWithTimeoutFunction())
      .executeAndCollect();
    // Hand computation: wm 100000 (after a's 3rd record) fires a@60000, a@70000 (stale: a was
    // modified at 100000) and b@80000 → (b,1); wm 200000 fires a@160000 → (a,3); the final
    // +Infinity watermark fires b@260000 → (b,2). If the watermark overtook its record, a@70000
    // would wrongly emit (a,2).
    expect(out).toEqual([
      ['b', 1],
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('the final +Infinity watermark of a bounded source fires all pending timers', async () => {
    // A manual clock that never moves: no periodic watermark is emitted, only the final one.
    const env = StreamExecutionEnvironment.getExecutionEnvironment({
      processingTimeService: new ManualProcessingTimeService(),
    });
    const out = await env
      .fromElements(...events)
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner((e) => e[2]),
      )
      .keyBy((e) => e[0])
      .process(new CountWithTimeoutFunction())
      .executeAndCollect();
    // Only +Infinity arrives: timers fire in timestamp order a@60000.. → only the latest per key emits.
    expect(out).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('gives results of event-time timers the timer timestamp and ctx.timeDomain()', async () => {
    class Echo extends KeyedProcessFunction<string, Event, string> {
      processElement(v: Event, ctx: KeyedProcessContext<string>, out: Collector<string>): void {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + 5);
        out.collect(
          `element ${ctx.getCurrentKey()} ts=${ctx.timestamp()} wm=${ctx.timerService().currentWatermark()}`,
        );
      }
      override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
        out.collect(
          `timer ${ctx.getCurrentKey()} ${ctx.timeDomain()} ts=${ctx.timestamp()} wm=${ctx.timerService().currentWatermark()}`,
        );
      }
    }
    const h = new OneInputStreamOperatorTestHarness(new ProcessOperator<Event, string>(new Echo()), {
      keySelector: (e: Event) => e[0],
    });
    h.open();
    h.processElement(['k', '', 10], 10);
    h.processWatermark(15);
    // Flink: currentWatermark() inside onTimer already returns the new watermark; the result carries
    // the timer's timestamp; the watermark is forwarded after the timers fired.
    expect(h.extractOutputRecords()).toEqual([
      ['element k ts=10 wm=-Infinity', 10],
      ['timer k EVENT_TIME ts=15 wm=15', 15],
    ]);
    expect(h.extractWatermarks()).toEqual([15]);
  });

  it('processing-time timers fire on the manual clock, deleted ones do not', () => {
    class Reminder extends KeyedProcessFunction<string, string, string> {
      processElement(v: string, ctx: KeyedProcessContext<string>): void {
        const t = ctx.timerService();
        t.registerProcessingTimeTimer(t.currentProcessingTime() + 100);
        if (v === 'cancel') t.deleteProcessingTimeTimer(t.currentProcessingTime() + 100);
      }
      override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
        out.collect(`${ctx.getCurrentKey()}@${ts} ${ctx.timeDomain()}`);
      }
    }
    const h = new OneInputStreamOperatorTestHarness(new ProcessOperator<string, string>(new Reminder()), {
      keySelector: (s: string) => s,
    });
    h.open();
    h.processElement('x');
    h.setProcessingTime(50);
    h.processElement('y');
    h.processElement('cancel');
    expect(h.numProcessingTimeTimers()).toBe(2);
    h.setProcessingTime(99);
    expect(h.extractOutputValues()).toEqual([]);
    h.setProcessingTime(150);
    // x registered at 0 → fires at 100; y at 50 → 150; 'cancel' deleted its own timer.
    expect(h.extractOutputRecords()).toEqual([
      ['x@100 PROCESSING_TIME', Number.NaN],
      ['y@150 PROCESSING_TIME', Number.NaN],
    ]);
  });

  it('a processing-time timer re-registered in onTimer does not delay an earlier timer of another key', () => {
    class Heartbeat extends KeyedProcessFunction<string, string, string> {
      processElement(_v: string, ctx: KeyedProcessContext<string>): void {
        const t = ctx.timerService();
        t.registerProcessingTimeTimer(t.currentProcessingTime() + 100);
      }
      override onTimer(ts: number, ctx: KeyedOnTimerContext<string>, out: Collector<string>): void {
        out.collect(`${ctx.getCurrentKey()}@${ts}`);
        ctx.timerService().registerProcessingTimeTimer(ts + 100);
      }
    }
    const h = new OneInputStreamOperatorTestHarness(new ProcessOperator<string, string>(new Heartbeat()), {
      keySelector: (s: string) => s,
    });
    h.open();
    h.processElement('x'); // x@100
    h.setProcessingTime(50);
    h.processElement('y'); // y@150
    h.setProcessingTime(160);
    // Flink (InternalTimerServiceImpl.onProcessingTime): x@100 re-registers x@200, later than the queue
    // head y@150, which keeps its physical timer: both fire by 160.
    expect(h.extractOutputValues()).toEqual(['x@100', 'y@150']);
    h.setProcessingTime(250);
    expect(h.extractOutputValues()).toEqual(['x@100', 'y@150', 'x@200', 'y@250']);
  });

  it('keyed state survives snapshot and restore into a new operator instance', () => {
    const make = () =>
      new OneInputStreamOperatorTestHarness(
        new ProcessOperator<Event, [string, number]>(new CountWithTimeoutFunction()),
        {
          keySelector: (e: Event) => e[0],
        },
      );
    const h1 = make().open();
    h1.processElement(['a', '', 1000], 1000);
    h1.processElement(['a', '', 2000], 2000);
    const snap = h1.snapshot();
    const h2 = make();
    h2.initializeState([snap]);
    h2.open();
    expect(h2.numEventTimeTimers()).toBe(2);
    h2.processWatermark(62_000);
    expect(h2.extractOutputValues()).toEqual([['a', 2]]);
  });
});
