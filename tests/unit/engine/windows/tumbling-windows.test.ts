import { describe, expect, it } from 'vitest';
import { Time } from '../../../../src/engine/api/time.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

describe('TumblingEventTimeWindows', () => {
  it('assigns [start, start + size) using Flink’s getWindowStartWithOffset', () => {
    const w = TumblingEventTimeWindows.of(Time.seconds(10));
    const ctx = { getCurrentProcessingTime: () => 0 };
    // 12_345 ms lies in [10_000, 20_000): start = ts - ts % size.
    expect(w.assignWindows(null, 12_345, ctx).map(String)).toEqual(['TimeWindow{start=10000, end=20000}']);
    // Window end is exclusive: 20_000 starts the next window.
    expect(w.assignWindows(null, 20_000, ctx)[0].start).toBe(20_000);
  });

  it('handles negative timestamps (remainder shifted into [0, size))', () => {
    // Flink: getWindowStartWithOffset(-1, 0, 10) = -1 - (-1 % 10 + 10) = -10.
    expect(TimeWindow.getWindowStartWithOffset(-1, 0, 10)).toBe(-10);
    expect(TimeWindow.getWindowStartWithOffset(-10, 0, 10)).toBe(-10);
    expect(TimeWindow.getWindowStartWithOffset(-11, 0, 10)).toBe(-20);
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: TumblingEventTimeWindows.of(10) }, (b) =>
      b.reduce(sumKV),
    );
    h.processElement(['a', 1], -1)
      .processElement(['a', 2], -10)
      .processElement(['a', 4], -11)
      .processElement(['a', 8], 0);
    h.processWatermark(-1);
    // Watermark -1 passes window [-20,-10) (max -11) and [-10, 0) (max -1); fired in timestamp order.
    expect(h.takeRecords()).toEqual([
      [['a', 4], -11],
      [['a', 3], -1],
    ]);
    h.finish();
    // [0, 10) fires on the final watermark.
    expect(h.records()).toEqual([[['a', 8], 9]]);
  });

  it('shifts windows by the offset (size 10, offset 3: [-7, 3), [3, 13), …)', () => {
    const w = TumblingEventTimeWindows.of(10, 3);
    const ctx = { getCurrentProcessingTime: () => 0 };
    expect(w.assignWindows(null, 2, ctx)[0].namespace).toBe('-7|3');
    expect(w.assignWindows(null, 3, ctx)[0].namespace).toBe('3|13');
    // Negative offsets shift the other way: size 10, offset -3 gives [7, 17) for ts 7.
    expect(TumblingEventTimeWindows.of(10, -3).assignWindows(null, 7, ctx)[0].namespace).toBe('7|17');
  });

  it('fires per key when the watermark passes the window end, with timestamp end - 1, before forwarding the watermark', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: TumblingEventTimeWindows.of(10) }, (b) =>
      b.reduce(sumKV),
    );
    // Out of order within the window: order does not matter for the sum.
    h.processElement(['a', 1], 7)
      .processElement(['b', 10], 3)
      .processElement(['a', 2], 1)
      .processElement(['a', 100], 12);
    h.processWatermark(8);
    expect(h.emitted).toEqual([{ kind: 'watermark', watermark: 8 }]); // window [0,10) needs watermark >= 9
    h.emitted.length = 0;
    h.processWatermark(9);
    // a: 1 + 2 = 3; b: 10. Both at window.maxTimestamp() = 9; the watermark follows the results.
    // Same-timestamp timers fire in registration order (a's timer was registered first).
    expect(h.emitted).toEqual([
      { kind: 'record', value: ['a', 3], timestamp: 9 },
      { kind: 'record', value: ['b', 10], timestamp: 9 },
      { kind: 'watermark', watermark: 9 },
    ]);
    h.emitted.length = 0;
    h.finish();
    // [10, 20) for a: 100, fired by the final +Infinity watermark.
    expect(h.records()).toEqual([[['a', 100], 19]]);
    // Every window's state and timers are cleaned up.
    expect(h.backend.numKeys()).toBe(0);
    expect(h.numEventTimeTimers()).toBe(0);
  });

  it('fails with Flink’s hint when a record has no timestamp', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: TumblingEventTimeWindows.of(10) }, (b) =>
      b.reduce(sumKV),
    );
    expect(() => h.processElement(['a', 1])).toThrow(
      'TumblingEventTimeWindows: Record has no timestamp. Did you forget to call assignTimestampsAndWatermarks(...)?',
    );
  });

  it('rejects invalid sizes and offsets at graph-building time', () => {
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(
      'size must be a finite number of milliseconds > 0, got 0',
    );
    expect(() => TumblingEventTimeWindows.of(-5)).toThrow('got -5');
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow('must satisfy abs(offset) < size');
    expect(() => TumblingEventTimeWindows.of(10, -11)).toThrow('must satisfy abs(offset) < size');
    expect(() => TumblingEventTimeWindows.of('10s' as never)).toThrow(
      'expected milliseconds as a number or a Time',
    );
  });
});
