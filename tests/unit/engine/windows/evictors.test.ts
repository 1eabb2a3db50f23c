import { describe, expect, it } from 'vitest';
import type { Collector } from '../../../../src/engine/api/functions/functions.ts';
import { GlobalWindows } from '../../../../src/engine/windows/assigners/global-windows.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import { CountEvictor } from '../../../../src/engine/windows/evictors/count-evictor.ts';
import { DeltaEvictor } from '../../../../src/engine/windows/evictors/delta-evictor.ts';
import { TimeEvictor } from '../../../../src/engine/windows/evictors/time-evictor.ts';
import type { GlobalWindow } from '../../../../src/engine/windows/global-window.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { CountTrigger } from '../../../../src/engine/windows/triggers/count-trigger.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

const values = (_k: string, _w: unknown, els: Iterable<KV>, out: Collector<string>) =>
  out.collect([...els].map((e) => e[1]).join(','));

describe('evictors', () => {
  it('TimeEvictor keeps elements within windowSize of the newest timestamp (before the function)', () => {
    const h = windowHarness<KV, TimeWindow, string>(
      { assigner: TumblingEventTimeWindows.of(10), evictor: TimeEvictor.of(3) },
      (b) => b.apply(values),
    );
    // Timestamps 1, 5, 9, 7: max 9, cutoff 9 - 3 = 6 → evict ts <= 6 (values 1 and 5).
    h.processElement(['a', 1], 1)
      .processElement(['a', 5], 5)
      .processElement(['a', 9], 9)
      .processElement(['a', 7], 7);
    h.finish();
    expect(h.values()).toEqual(['9,7']);
  });

  it('CountEvictor before the function keeps the last n; evictions persist across firings', () => {
    const h = windowHarness<KV, GlobalWindow, string>(
      { assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(3) },
      (b) => b.apply(values),
    );
    [1, 2, 3, 4, 5, 6].forEach((v) => h.processElement(['a', v]));
    // Firings after 2, 4 and 6 elements; the window is never purged, the evictor keeps at most 3.
    expect(h.values()).toEqual(['1,2', '2,3,4', '4,5,6']);
  });

  it('CountEvictor after the function evicts for the next firing', () => {
    const h = windowHarness<KV, GlobalWindow, string>(
      { assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(1, true) },
      (b) => b.apply(values),
    );
    [1, 2, 3, 4].forEach((v) => h.processElement(['a', v]));
    // First firing sees 1,2 then keeps 2; the second sees 2,3,4.
    expect(h.values()).toEqual(['1,2', '2,3,4']);
  });

  it('with an evictor, reduce runs over the kept elements at firing time', () => {
    const h = windowHarness<KV, GlobalWindow, KV>(
      { assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(2) },
      (b) => b.reduce(sumKV),
    );
    [1, 2, 4, 8].forEach((v) => h.processElement(['a', v]));
    expect(h.values()).toEqual([
      ['a', 3],
      ['a', 12],
    ]);
    // Global window results carry the end of time as timestamp (Flink: Long.MAX_VALUE).
    expect(h.records()[0][1]).toBe(Number.POSITIVE_INFINITY);
  });

  it('DeltaEvictor drops elements too far from the last one', () => {
    const h = windowHarness<KV, GlobalWindow, string>(
      {
        assigner: GlobalWindows.create(),
        trigger: CountTrigger.of(4),
        evictor: DeltaEvictor.of(5, (a: KV, b: KV) => Math.abs(a[1] - b[1])),
      },
      (b) => b.apply(values),
    );
    // Last element 10: |1-10| = 9 and |4-10| = 6 are >= 5 → evicted; |7-10| = 3 kept.
    [1, 7, 4, 10].forEach((v) => h.processElement(['a', v]));
    expect(h.values()).toEqual(['7,10']);
  });
});
