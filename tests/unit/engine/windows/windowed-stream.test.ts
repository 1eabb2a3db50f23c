/**
 * End-to-end window jobs through the DataStream API and the inline runtime:
 * fromElements → assignTimestampsAndWatermarks (punctuated) → keyBy → window → … → executeAndCollect.
 */
import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  EventTimeSessionWindows,
  OutputTag,
  ProcessWindowFunction,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  Time,
  Trigger,
  TriggerResult,
  TumblingEventTimeWindows,
  Watermark,
  WatermarkStrategy,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
  type WatermarkOutput,
} from '../../../../src/engine/index.ts';

/** An event; `wm` makes the punctuated generator emit that watermark right after the event. */
interface Ev {
  k: string;
  v: number;
  ts: number;
  wm?: number;
}

/** Punctuated watermarks carried by the events themselves, so every test controls lateness exactly. */
const punctuated = WatermarkStrategy.forGenerator<Ev>(() => ({
  onEvent(e: Ev, _ts: number, out: WatermarkOutput) {
    if (e.wm !== undefined) out.emitWatermark(new Watermark(e.wm));
  },
  onPeriodicEmit() {},
})).withTimestampAssigner((e: Ev) => e.ts);

const env = (parallelism = 1) =>
  StreamExecutionEnvironment.getExecutionEnvironment({ parallelism, autoWatermarkInterval: 0 });

const source = (e: StreamExecutionEnvironment, ...events: Ev[]) =>
  e.fromElements(...events).assignTimestampsAndWatermarks(punctuated);

const byKeyThenV = (a: Ev, b: Ev) => a.k.localeCompare(b.k) || a.ts - b.ts || a.v - b.v;

describe('WindowedStream through the DataStream API', () => {
  it('tumbling event-time sum, parallel, out of order, with the final watermark firing the rest', async () => {
    const e = env(2);
    const out = await source(
      e,
      { k: 'a', v: 1, ts: 7 },
      { k: 'b', v: 10, ts: 3 },
      { k: 'a', v: 2, ts: 1 }, // out of order, same window
      { k: 'a', v: 100, ts: 12, wm: 10 },
      { k: 'b', v: 20, ts: 15 },
    )
      .keyBy((x) => x.k)
      .window(TumblingEventTimeWindows.of(Time.milliseconds(10)))
      .sum('v')
      .executeAndCollect();
    // [0,10): a = 1 + 2 (other fields from a's first element, ts 7), b = 10; [10,20): a = 100, b = 20.
    expect(out.sort(byKeyThenV)).toEqual([
      { k: 'a', v: 3, ts: 7 },
      { k: 'a', v: 100, ts: 12, wm: 10 },
      { k: 'b', v: 10, ts: 3 },
      { k: 'b', v: 20, ts: 15 },
    ]);
  });

  it('late data: dropped, sent to sideOutputLateData, or a late firing within allowedLateness', async () => {
    const late = new OutputTag<Ev>('late');
    const e = env();
    const result = source(
      e,
      { k: 'a', v: 1, ts: 5, wm: 10 }, // fires [0,10) = 1 (watermark 10 >= 9)
      { k: 'a', v: 2, ts: 3 }, // late, but 9 + 5 > 10: late firing, updated result 3
      { k: 'a', v: 4, ts: 8, wm: 14 }, // late firing 7, then watermark 14 = cleanup time 9 + 5
      { k: 'a', v: 8, ts: 2 }, // 2 + 5 <= 14: too late → side output
    )
      .keyBy((x) => x.k)
      .window(TumblingEventTimeWindows.of(10))
      .allowedLateness(Time.milliseconds(5))
      .sideOutputLateData(late)
      .reduce((x, y) => ({ k: x.k, v: x.v + y.v, ts: x.ts }));
    const lateOut = result.getSideOutput(late).map((x) => `late ${x.v}@${x.ts}`);
    const main = result.map((x) => `${x.k}=${x.v}`);
    const all = await main.union(lateOut).executeAndCollect();
    // One subtask, so the order is the processing order: firings, then the late element.
    expect(all).toEqual(['a=1', 'a=3', 'a=7', 'late 8@2']);
  });

  it('session windows merge, including an out-of-order element bridging two sessions', async () => {
    const e = env();
    const out = await source(
      e,
      { k: 'a', v: 1, ts: 1 },
      { k: 'a', v: 2, ts: 6, wm: 2 },
      { k: 'a', v: 4, ts: 3 }, // [3,6) touches [1,4) and [6,9) → one session [1,9)
      { k: 'a', v: 8, ts: 20 },
    )
      .keyBy((x) => x.k)
      .window(EventTimeSessionWindows.withGap(3))
      .process(
        (key: string, ctx: ProcessWindowContext<TimeWindow>, els: Iterable<Ev>, o: Collector<string>) =>
          o.collect(`${key} [${ctx.window.start},${ctx.window.end}) n=${[...els].length}`),
      )
      .executeAndCollect();
    expect(out).toEqual(['a [1,9) n=3', 'a [20,23) n=1']);
  });

  it('aggregate + ProcessWindowFunction sees the window and the aggregate; sliding windows overlap', async () => {
    class WithWindow extends ProcessWindowFunction<number, string, string, TimeWindow> {
      process(
        key: string,
        ctx: ProcessWindowContext<TimeWindow>,
        avg: Iterable<number>,
        out: Collector<string>,
      ) {
        out.collect(`${key} ${ctx.window.start}-${ctx.window.end} avg=${[...avg][0]}`);
      }
    }
    const e = env();
    const out = await source(e, { k: 'a', v: 2, ts: 1 }, { k: 'a', v: 4, ts: 6 }, { k: 'a', v: 9, ts: 11 })
      .keyBy((x) => x.k)
      .window(SlidingEventTimeWindows.of(10, 5))
      .aggregate(
        {
          createAccumulator: () => [0, 0] as [number, number],
          add: (x: Ev, acc: [number, number]) => [acc[0] + x.v, acc[1] + 1] as [number, number],
          getResult: (acc: [number, number]) => acc[0] / acc[1],
          merge: (a: [number, number], b: [number, number]) => [a[0] + b[0], a[1] + b[1]] as [number, number],
        },
        new WithWindow(),
      )
      .executeAndCollect();
    // Windows of size 10 every 5: [-5,5) {2}, [0,10) {2,4}, [5,15) {4,9}, [10,20) {9}.
    expect(out).toEqual(['a -5-5 avg=2', 'a 0-10 avg=3', 'a 5-15 avg=6.5', 'a 10-20 avg=9']);
  });

  it('countWindow: tumbling and sliding, as Flink builds them', async () => {
    const e = env();
    const events = [1, 2, 3, 4, 5, 6, 7].map((v) => ({ k: 'a', v, ts: v }));
    const tumbling = e
      .fromElements(...events)
      .keyBy((x) => x.k)
      .countWindow(3)
      .sum('v')
      .map((x) => `tumbling ${x.v}`);
    const sliding = e
      .fromElements(...events)
      .keyBy((x) => x.k)
      .countWindow(3, 2)
      .sum('v')
      .map((x) => `sliding ${x.v}`);
    const out = await tumbling.union(sliding).executeAndCollect();
    // Tumbling: 1+2+3, 4+5+6 (7 waits for two more). Sliding: every 2 elements the last ≤ 3:
    // 1+2, 2+3+4, 4+5+6.
    expect(out.sort()).toEqual(['sliding 15', 'sliding 3', 'sliding 9', 'tumbling 15', 'tumbling 6']);
  });

  it('custom trigger and evictor through the API; results carry window.maxTimestamp()', async () => {
    const e = env();
    const out = await source(e, { k: 'a', v: 1, ts: 1 }, { k: 'a', v: 2, ts: 2 }, { k: 'a', v: 3, ts: 3 })
      .keyBy((x) => x.k)
      .window(TumblingEventTimeWindows.of(10))
      .trigger(CountTrigger.of(2))
      .process({
        process: (
          _k: string,
          ctx: ProcessWindowContext<TimeWindow>,
          els: Iterable<Ev>,
          o: Collector<string>,
        ) => o.collect(`${[...els].map((x) => x.v).join('+')} wm=${ctx.currentWatermark()}`),
      })
      .executeAndCollect();
    // CountTrigger(2) replaces EventTimeTrigger: one firing after 2 elements; the 3rd is dropped at cleanup.
    expect(out).toEqual(['1+2 wm=-Infinity']);
  });

  it('misuse fails at graph-building time with a message that says what to do', () => {
    const e = env();
    const keyed = source(e, { k: 'a', v: 1, ts: 1 }).keyBy((x) => x.k);
    expect(() => keyed.window(TumblingEventTimeWindows.of(10)).allowedLateness(-1)).toThrow(
      'The allowed lateness cannot be negative',
    );
    expect(() => keyed.window(EventTimeSessionWindows.withGap(5)).trigger(new NoMergeTrigger())).toThrow(
      'cannot be used with a trigger that does not support merging',
    );
    expect(() => keyed.window(TumblingEventTimeWindows.of(10)).process(WithoutNew as never)).toThrow(
      'pass an instance, e.g. process(new WithoutNew())',
    );
    expect(() => keyed.window(TumblingEventTimeWindows.of(10)).sum(((x: Ev) => x.v) as never)).toThrow(
      'sum(fn)',
    );
  });

  it('a record without timestamp fails the job with Flink’s hint, naming the window operator', async () => {
    const e = env();
    const job = e
      .fromElements({ k: 'a', v: 1, ts: 1 })
      .keyBy((x) => x.k)
      .window(TumblingEventTimeWindows.of(10))
      .sum('v')
      .executeAndCollect();
    await expect(job).rejects.toThrow(
      /Window\(TumblingEventTimeWindows\(10\).*Did you forget to call assignTimestampsAndWatermarks/s,
    );
  });
});

/** A trigger without merge support (canMerge() stays false). */
class NoMergeTrigger extends Trigger<Ev, TimeWindow> {
  onElement() {
    return TriggerResult.FIRE;
  }
  onEventTime() {
    return TriggerResult.CONTINUE;
  }
  onProcessingTime() {
    return TriggerResult.CONTINUE;
  }
  clear() {}
}
class WithoutNew extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
  process() {}
}
