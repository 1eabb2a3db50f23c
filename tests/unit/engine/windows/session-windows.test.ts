import { describe, expect, it } from 'vitest';
import { OutputTag } from '../../../../src/engine/api/output-tag.ts';
import { ProcessWindowFunction } from '../../../../src/engine/api/functions/process-window-function.ts';
import type { ProcessWindowContext } from '../../../../src/engine/api/functions/process-window-function.ts';
import type { Collector } from '../../../../src/engine/api/functions/functions.ts';
import { EventTimeSessionWindows } from '../../../../src/engine/windows/assigners/event-time-session-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

/** Emits "key [start,end) v1,v2,…" with the elements in state order. */
class Describe extends ProcessWindowFunction<KV, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowContext<TimeWindow>,
    elements: Iterable<KV>,
    out: Collector<string>,
  ) {
    out.collect(`${key} [${ctx.window.start},${ctx.window.end}) ${[...elements].map((e) => e[1]).join(',')}`);
  }
}

describe('EventTimeSessionWindows', () => {
  it('merges elements closer than the gap into one session per key', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: EventTimeSessionWindows.withGap(3) }, (b) =>
      b.reduce(sumKV),
    );
    // a@1 → [1,4); a@2 → [2,5) overlaps → [1,5); a@10 → [10,13); b@1 → [1,4).
    h.processElement(['a', 1], 1)
      .processElement(['a', 2], 2)
      .processElement(['a', 4], 10)
      .processElement(['b', 8], 1);
    h.processWatermark(5);
    // b's session [1,4) ends first (max 3), then a's [1,5) (max 4).
    expect(h.takeRecords()).toEqual([
      [['b', 8], 3],
      [['a', 3], 4],
    ]);
    // a@6 → [6,9): 9 < 10, so it does not touch [10,13).
    h.processElement(['a', 16], 6).processWatermark(20);
    expect(h.takeRecords()).toEqual([
      [['a', 16], 8],
      [['a', 4], 12],
    ]);
    expect(h.backend.numKeys()).toBe(0); // contents, trigger state and the merging window set are gone
    expect(h.numEventTimeTimers()).toBe(0);
  });

  it('merges touching sessions (end == start), as TimeWindow.intersects is inclusive', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: EventTimeSessionWindows.withGap(3) }, (b) =>
      b.reduce(sumKV),
    );
    // [1,4) and [4,7) touch → [1,7).
    h.processElement(['a', 1], 1).processElement(['a', 2], 4).finish();
    expect(h.records()).toEqual([[['a', 3], 6]]);
  });

  it('merges two sessions bridged by an out-of-order element (state windows merged, then the element added)', () => {
    const h = windowHarness<KV, TimeWindow, string>({ assigner: EventTimeSessionWindows.withGap(3) }, (b) =>
      b.process(new Describe()),
    );
    h.processElement(['a', 1], 1).processElement(['a', 6], 6).processWatermark(2);
    expect(h.records()).toEqual([]);
    // a@3 → [3,6) touches [1,4) and [6,9): all three merge into [1,9). The state of [1,4) is the
    // target, [6,9)'s elements are appended, then the new element is added.
    h.processElement(['a', 3], 3).processWatermark(10);
    expect(h.records()).toEqual([['a [1,9) 1,6,3', 8]]);
  });

  it('late element within allowed lateness bridges two fired sessions and re-fires the merged session', () => {
    const late = new OutputTag<KV>('late');
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: EventTimeSessionWindows.withGap(3), allowedLateness: 10, lateTag: late },
      (b) => b.reduce(sumKV),
    );
    h.processElement(['a', 1], 1).processElement(['a', 6], 6).processWatermark(8);
    // Both sessions fired on their own: [1,4) = 1 at 3, [6,9) = 6 at 8.
    expect(h.takeRecords()).toEqual([
      [['a', 1], 3],
      [['a', 6], 8],
    ]);
    // a@3 is late (watermark 8) but within lateness: [3,6) bridges [1,4) and [6,9) → [1,9), whose max
    // timestamp 8 <= watermark, so EventTimeTrigger fires at once with the merged contents 1+6+3.
    h.processElement(['a', 3], 3);
    expect(h.takeRecords()).toEqual([[['a', 10], 8]]);
    // Cleanup of [1,9) at 8 + 10 = 18: no more output, state gone.
    h.processWatermark(18);
    expect(h.takeRecords()).toEqual([]);
    expect(h.backend.numKeys()).toBe(0);
    // Now a@0 opens [0,3), whose cleanup time 2 + 10 <= 18: late, and 0 + 10 <= 18: to the side output.
    h.processElement(['a', 100], 0);
    expect(h.side(late)).toEqual([[['a', 100], 0]]);
    expect(h.backend.numKeys()).toBe(0);
  });

  it('supports a dynamic gap per element', () => {
    // The gap is the element's value: a@0 with gap 5 → [0,5); a@4 with gap 1 → [4,5) inside it; a@7 gap 2 → [7,9).
    const h = windowHarness<KV, TimeWindow, string>(
      { assigner: EventTimeSessionWindows.withDynamicGap((e: KV) => e[1]) },
      (b) => b.process(new Describe()),
    );
    h.processElement(['a', 5], 0).processElement(['a', 1], 4).processElement(['a', 2], 7).finish();
    expect(h.values()).toEqual(['a [0,5) 5,1', 'a [7,9) 2']);
    const bad = windowHarness<KV, TimeWindow, KV>(
      { assigner: EventTimeSessionWindows.withDynamicGap((e: KV) => e[1]) },
      (b) => b.reduce(sumKV),
    );
    expect(() => bad.processElement(['a', 0], 1)).toThrow(
      'dynamic session time gap must satisfy 0 < gap, got 0',
    );
  });

  it('forbids per-window state in merging windows, as Flink', () => {
    const h = windowHarness<KV, TimeWindow, string>({ assigner: EventTimeSessionWindows.withGap(3) }, (b) =>
      b.process({
        process: (_k: string, ctx: ProcessWindowContext<TimeWindow>) =>
          void ctx.windowState().getListState(null as never),
      }),
    );
    h.processElement(['a', 1], 1);
    expect(() => h.finish()).toThrow('Per-window state is not allowed when using merging windows');
  });

  it('rejects a gap <= 0', () => {
    expect(() => EventTimeSessionWindows.withGap(0)).toThrow(
      'gap must be a finite number of milliseconds > 0, got 0',
    );
  });
});
