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

describe('SlidingEventTimeWindows with a size that is not a multiple of the slide', () => {
  /** Every window start ≡ offset (mod slide) with start <= ts < start + size, latest first (the definition). */
  const byDefinition = (size: number, slide: number, offset: number, ts: number): string[] => {
    const out: string[] = [];
    const last = ts - ((((ts - offset) % slide) + slide) % slide);
    for (let start = last; start > ts - size; start -= slide) out.push(`${start}|${start + size}`);
    return out;
  };

  it('gives each timestamp its own windows, even within one pane', () => {
    // size 10001, slide 10000: ts 0 is in [0, 10001) and [-10000, 1); ts 5000 only in [0, 10001).
    const assigner = SlidingEventTimeWindows.of(10001, 10000);
    const at = (ts: number) => assigner.assignWindows(null, ts, ctx).map((w) => w.namespace);
    expect(at(0)).toEqual(['0|10001', '-10000|1']);
    expect(at(5000)).toEqual(['0|10001']);
    expect(at(0)).toEqual(['0|10001', '-10000|1']);
  });

  it('matches the definition for seeded timestamps in any order (gaps when size < slide)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 8) % n;
    for (const [size, slide, offset] of [
      [10, 3, 0],
      [10, 4, 1],
      [7, 10, 2],
      [25, 10, 0],
      [10001, 10000, 0],
    ]) {
      const assigner = SlidingEventTimeWindows.of(size, slide, offset);
      for (let i = 0; i < 2000; i++) {
        // Mostly ascending with jitter, sometimes far back: exercises every cache transition.
        const ts = i % 50 === 0 ? rand(100) - 50 : i * 3 + rand(20) - 10;
        const got = assigner.assignWindows(null, ts, ctx).map((w) => w.namespace);
        expect(got, `size ${size} slide ${slide} offset ${offset} ts ${ts}`).toEqual(
          byDefinition(size, slide, offset, ts),
        );
      }
    }
  });
});
