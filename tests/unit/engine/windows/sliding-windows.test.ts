import { describe, expect, it } from 'vitest';
import { Time } from '../../../../src/engine/api/time.ts';
import { SlidingEventTimeWindows } from '../../../../src/engine/windows/assigners/sliding-event-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

const ctx = { getCurrentProcessingTime: () => 0 };

describe('SlidingEventTimeWindows', () => {
  it('assigns every window that contains the timestamp, latest first (Flink’s order)', () => {
    // size 10, slide 5: ts 7 lies in [5, 15) and [0, 10).
    expect(
      SlidingEventTimeWindows.of(10, 5)
        .assignWindows(null, 7, ctx)
        .map((w) => w.namespace),
    ).toEqual(['5|15', '0|10']);
    // size 10, slide 3: ts 7 lies in [6, 16), [3, 13), [0, 10) (start > 7 - 10 = -3).
    expect(
      SlidingEventTimeWindows.of(10, 3)
        .assignWindows(null, 7, ctx)
        .map((w) => w.namespace),
    ).toEqual(['6|16', '3|13', '0|10']);
    // Negative timestamps: ts -1 with size 10, slide 5 → last start getWindowStartWithOffset(-1, 0, 5) = -5.
    expect(
      SlidingEventTimeWindows.of(10, 5)
        .assignWindows(null, -1, ctx)
        .map((w) => w.namespace),
    ).toEqual(['-5|5', '-10|0']);
    // With offset 2 (size 10, slide 5): starts at 2 + 5k; ts 7 → [7, 17) and [2, 12).
    expect(
      SlidingEventTimeWindows.of(10, 5, 2)
        .assignWindows(null, 7, ctx)
        .map((w) => w.namespace),
    ).toEqual(['7|17', '2|12']);
  });

  it('emits one result per window, in window-end order, as watermarks pass', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: SlidingEventTimeWindows.of(Time.milliseconds(10), Time.milliseconds(5)) },
      (b) => b.reduce(sumKV),
    );
    // 1@7 → [0,10),[5,15); 2@3 → [-5,5),[0,10); 4@12 → [5,15),[10,20).
    h.processElement(['a', 1], 7).processElement(['a', 2], 3).processElement(['a', 4], 12);
    h.processWatermark(9);
    // [-5,5): 2 (max 4); [0,10): 1 + 2 = 3 (max 9).
    expect(h.takeRecords()).toEqual([
      [['a', 2], 4],
      [['a', 3], 9],
    ]);
    h.processWatermark(20);
    // [5,15): 1 + 4 = 5 (max 14); [10,20): 4 (max 19).
    expect(h.takeRecords()).toEqual([
      [['a', 5], 14],
      [['a', 4], 19],
    ]);
  });

  it('rejects invalid parameters as Flink does', () => {
    expect(() => SlidingEventTimeWindows.of(10, 0)).toThrow(
      'slide must be a finite number of milliseconds > 0',
    );
    expect(() => SlidingEventTimeWindows.of(0, 5)).toThrow(
      'size must be a finite number of milliseconds > 0',
    );
    expect(() => SlidingEventTimeWindows.of(10, 5, 5)).toThrow('must satisfy abs(offset) < slide');
  });
});
