import { describe, expect, it } from 'vitest';
import type { Collector } from '../../../../src/engine/api/functions/functions.ts';
import {
  ProcessWindowFunction,
  type ProcessWindowContext,
} from '../../../../src/engine/api/functions/process-window-function.ts';
import type { AggregateFunction } from '../../../../src/engine/api/functions/reduce-aggregate.ts';
import { OutputTag } from '../../../../src/engine/api/output-tag.ts';
import { ValueStateDescriptor } from '../../../../src/engine/state/descriptors.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

/** Average of the values: accumulator [sum, count]. */
const average: AggregateFunction<KV, [number, number], number> = {
  createAccumulator: () => [0, 0],
  add: (v, acc) => [acc[0] + v[1], acc[1] + 1],
  getResult: (acc) => acc[0] / acc[1],
  merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
};

/** "key@start-end: values" */
class Describe<V> extends ProcessWindowFunction<V, string, string, TimeWindow> {
  process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<V>, out: Collector<string>) {
    out.collect(`${key}@${ctx.window.start}-${ctx.window.end}: ${JSON.stringify([...elements])}`);
  }
}

const input = (h: { processElement(v: KV, ts: number): unknown }) => {
  h.processElement(['a', 1], 1);
  h.processElement(['b', 10], 2);
  h.processElement(['a', 3], 4);
  h.processElement(['a', 5], 12);
};
const tumbling = { assigner: TumblingEventTimeWindows.of(10) };

describe('window functions', () => {
  it('reduce emits the reduced value with timestamp window.maxTimestamp()', () => {
    const h = windowHarness<KV, TimeWindow, KV>(tumbling, (b) => b.reduce(sumKV));
    input(h);
    h.finish();
    // [0,10): a = 1 + 3, b = 10; [10,20): a = 5.
    expect(h.records()).toEqual([
      [['a', 4], 9],
      [['b', 10], 9],
      [['a', 5], 19],
    ]);
  });

  it('aggregate emits getResult of the accumulator', () => {
    const h = windowHarness<KV, TimeWindow, number>(tumbling, (b) => b.aggregate(average));
    input(h);
    h.finish();
    expect(h.records()).toEqual([
      [2, 9], // (1 + 3) / 2
      [10, 9],
      [5, 19],
    ]);
  });

  it('process sees all elements in arrival order plus the window', () => {
    const h = windowHarness<KV, TimeWindow, string>(tumbling, (b) => b.process(new Describe<KV>()));
    input(h);
    h.finish();
    expect(h.values()).toEqual(['a@0-10: [["a",1],["a",3]]', 'b@0-10: [["b",10]]', 'a@10-20: [["a",5]]']);
  });

  it('reduce + process and aggregate + process hand the single pre-aggregated value to the function', () => {
    const r = windowHarness<KV, TimeWindow, string>(tumbling, (b) => b.reduce(sumKV, new Describe<KV>()));
    input(r);
    r.finish();
    expect(r.values()).toEqual(['a@0-10: [["a",4]]', 'b@0-10: [["b",10]]', 'a@10-20: [["a",5]]']);
    const a = windowHarness<KV, TimeWindow, string>(tumbling, (b) =>
      b.aggregate(average, new Describe<number>()),
    );
    input(a);
    a.finish();
    expect(a.values()).toEqual(['a@0-10: [2]', 'b@0-10: [10]', 'a@10-20: [5]']);
  });

  it('apply gives key, window and elements to a WindowFunction', () => {
    const h = windowHarness<KV, TimeWindow, string>(tumbling, (b) =>
      b.apply((key: string, w: TimeWindow, values: Iterable<KV>, out: Collector<string>) =>
        out.collect(`${key} ${w.maxTimestamp()} ${[...values].length}`),
      ),
    );
    input(h);
    h.finish();
    expect(h.values()).toEqual(['a 9 2', 'b 9 1', 'a 19 1']);
  });

  it('context offers watermark, per-window and global state, side outputs; clear() runs at cleanup', () => {
    const fired = new OutputTag<string>('fired');
    const cleared: string[] = [];
    class Stateful extends ProcessWindowFunction<KV, string, string, TimeWindow> {
      process(
        key: string,
        ctx: ProcessWindowContext<TimeWindow>,
        elements: Iterable<KV>,
        out: Collector<string>,
      ) {
        const perWindow = ctx.windowState().getState(new ValueStateDescriptor<number>('firings', 0));
        const global = ctx.globalState().getState(new ValueStateDescriptor<number>('total', 0));
        perWindow.update(perWindow.value()! + 1);
        global.update(global.value()! + [...elements].length);
        out.collect(
          `${key} wm=${ctx.currentWatermark()} firing=${perWindow.value()} total=${global.value()}`,
        );
        ctx.output(fired, `${key}@${ctx.window.start}`);
      }
      override clear(ctx: ProcessWindowContext<TimeWindow>) {
        cleared.push(
          `${ctx.window.start}:${ctx.windowState().getState(new ValueStateDescriptor<number>('firings', 0)).value()}`,
        );
        ctx.windowState().getState(new ValueStateDescriptor<number>('firings', 0)).clear();
      }
    }
    const h = windowHarness<KV, TimeWindow, string>({ ...tumbling, allowedLateness: 5 }, (b) =>
      b.process(new Stateful()),
    );
    h.processElement(['a', 1], 1).processWatermark(9); // on-time firing of [0,10)
    h.processElement(['a', 2], 2); // late firing: per-window count 2, global total 1 + 2 elements
    h.processElement(['a', 3], 11).processWatermark(14); // cleanup of [0,10) at 9 + 5
    h.finish();
    // currentWatermark() inside a timer firing is already the new watermark (9), inside a late
    // firing it is the current one (still 9), and +Infinity for the final watermark.
    expect(h.values()).toEqual([
      'a wm=9 firing=1 total=1',
      'a wm=9 firing=2 total=3',
      'a wm=Infinity firing=1 total=4',
    ]);
    expect(h.side(fired)).toEqual([
      ['a@0', 9],
      ['a@0', 9],
      ['a@10', 19],
    ]);
    expect(cleared).toEqual(['0:2', '10:1']);
    // Only the global state remains.
    expect(h.backend.numKeys()).toBe(1);
  });

  it('opens and closes rich window functions with a runtime context', () => {
    const events: string[] = [];
    class Rich extends ProcessWindowFunction<KV, string, string, TimeWindow> {
      override open() {
        events.push(
          `open ${this.getRuntimeContext().getTaskName()} ${this.getRuntimeContext().getIndexOfThisSubtask()}`,
        );
      }
      process(key: string, _c: ProcessWindowContext<TimeWindow>, _e: Iterable<KV>, out: Collector<string>) {
        out.collect(key);
      }
      override close() {
        events.push('close');
      }
    }
    const h = windowHarness<KV, TimeWindow, string>(tumbling, (b) => b.process(new Rich()));
    h.processElement(['a', 1], 1).finish();
    expect(events).toEqual(['open Window(test) 0', 'close']);
  });
});
