import { describe, expect, it } from 'vitest';
import { OutputTag } from '../../../../src/engine/api/output-tag.ts';
import { SlidingEventTimeWindows } from '../../../../src/engine/windows/assigners/sliding-event-time-windows.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import { WindowOperator } from '../../../../src/engine/windows/operator/window-operator.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

const late = new OutputTag<KV>('late');

describe('late data', () => {
  it('drops elements whose window was already cleaned up (allowed lateness 0)', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: TumblingEventTimeWindows.of(10) }, (b) =>
      b.reduce(sumKV),
    );
    h.processElement(['a', 1], 5).processWatermark(10);
    expect(h.takeRecords()).toEqual([[['a', 1], 9]]);
    // ts 3 belongs to [0,10), whose cleanup time 9 <= watermark 10: dropped and counted.
    h.processElement(['a', 2], 3).finish();
    expect(h.records()).toEqual([]);
    expect((h.operator as WindowOperator<KV, unknown, KV, TimeWindow>).numLateRecordsDropped).toBe(1);
  });

  it('sends late elements to sideOutputLateData with their own timestamp', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: TumblingEventTimeWindows.of(10), lateTag: late },
      (b) => b.reduce(sumKV),
    );
    h.processElement(['a', 1], 5)
      .processWatermark(10)
      .processElement(['a', 2], 3)
      .processElement(['a', 4], 9);
    expect(h.side(late)).toEqual([
      [['a', 2], 3],
      [['a', 4], 9],
    ]);
    // An element of the next window is not late.
    h.processElement(['a', 8], 10).finish();
    expect(h.records()).toEqual([
      [['a', 1], 9],
      [['a', 8], 19],
    ]);
  });

  it('late firings within allowed lateness emit an updated result; past it, elements are late', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: TumblingEventTimeWindows.of(10), allowedLateness: 5, lateTag: late },
      (b) => b.reduce(sumKV),
    );
    h.processElement(['a', 1], 5).processWatermark(10);
    expect(h.takeRecords()).toEqual([[['a', 1], 9]]); // on-time firing
    // Watermark 10 < cleanup time 9 + 5 = 14: the window still exists; EventTimeTrigger fires at once.
    h.processElement(['a', 2], 3);
    expect(h.takeRecords()).toEqual([[['a', 3], 9]]); // updated: 1 + 2
    h.processElement(['a', 4], 1);
    expect(h.takeRecords()).toEqual([[['a', 7], 9]]);
    // Watermark 14 reaches the cleanup time: state dropped, nothing emitted.
    h.processWatermark(14);
    expect(h.takeRecords()).toEqual([]);
    expect(h.backend.numKeys()).toBe(0);
    // ts 4: window cleanup 14 <= 14 and 4 + 5 <= 14 → side output.
    h.processElement(['a', 8], 4);
    expect(h.side(late)).toEqual([[['a', 8], 4]]);
    expect(h.records()).toEqual([]);
  });

  it('an element is late only if all its windows are late (sliding)', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: SlidingEventTimeWindows.of(10, 5), lateTag: late },
      (b) => b.reduce(sumKV),
    );
    h.processWatermark(10);
    // ts 7: [0,10) is late (9 <= 10) but [5,15) is not → added to [5,15) only, nothing to the side output.
    h.processElement(['a', 1], 7).finish();
    expect(h.records()).toEqual([[['a', 1], 14]]);
    expect(h.side(late)).toEqual([]);
  });

  it('rejects negative allowed lateness', () => {
    expect(() =>
      windowHarness<KV, TimeWindow, KV>(
        { assigner: TumblingEventTimeWindows.of(10), allowedLateness: -1 },
        (b) => b.reduce(sumKV),
      ),
    ).toThrow('The allowed lateness cannot be negative, got -1');
  });
});
