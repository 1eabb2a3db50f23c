import { describe, expect, it } from 'vitest';
import { ProcessingTimeSessionWindows } from '../../../../src/engine/windows/assigners/processing-time-session-windows.ts';
import { SlidingProcessingTimeWindows } from '../../../../src/engine/windows/assigners/sliding-processing-time-windows.ts';
import { TumblingProcessingTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-processing-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

describe('processing-time windows (manual clock)', () => {
  it('tumbling: elements go to the window of the clock at arrival; fires when the clock reaches end - 1', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: TumblingProcessingTimeWindows.of(10) }, (b) =>
      b.reduce(sumKV),
    );
    // Event timestamps are ignored: arrival time decides.
    h.processElement(['a', 1], 500)
      .setProcessingTime(5)
      .processElement(['a', 2], -3)
      .processElement(['b', 7]);
    h.setProcessingTime(8);
    expect(h.records()).toEqual([]);
    h.setProcessingTime(9);
    expect(h.takeRecords()).toEqual([
      [['a', 3], 9],
      [['b', 7], 9],
    ]);
    h.setProcessingTime(12).processElement(['a', 4]).setProcessingTime(25);
    expect(h.takeRecords()).toEqual([[['a', 4], 19]]);
    // Watermarks do not fire processing-time windows, and nothing is late.
    h.setProcessingTime(30).processElement(['a', 8]).processWatermark(1000);
    expect(h.takeRecords()).toEqual([]);
    expect(h.numProcessingTimeTimers()).toBe(1);
  });

  it('sliding: size 10, slide 5', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: SlidingProcessingTimeWindows.of(10, 5) }, (b) =>
      b.reduce(sumKV),
    );
    h.setProcessingTime(7).processElement(['a', 1]); // [5,15), [0,10)
    h.setProcessingTime(12).processElement(['a', 2]); // [10,20), [5,15) — [0,10) fired at 9 already
    h.setProcessingTime(20);
    expect(h.records()).toEqual([
      [['a', 1], 9],
      [['a', 3], 14],
      [['a', 2], 19],
    ]);
  });

  it('session: windows [now, now + gap) merge while elements keep arriving', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: ProcessingTimeSessionWindows.withGap(5) }, (b) =>
      b.reduce(sumKV),
    );
    h.processElement(['a', 1]).setProcessingTime(3).processElement(['a', 2]); // [0,5) + [3,8) → [0,8)
    h.setProcessingTime(6);
    expect(h.records()).toEqual([]); // the merged session ends at 8, not 5
    h.setProcessingTime(7);
    expect(h.takeRecords()).toEqual([[['a', 3], 7]]);
    h.setProcessingTime(10).processElement(['a', 4]).setProcessingTime(14);
    expect(h.takeRecords()).toEqual([[['a', 4], 14]]);
  });
});
