import { describe, expect, it } from 'vitest';
import type { Collector } from '../../../../src/engine/api/functions/functions.ts';
import { EventTimeSessionWindows } from '../../../../src/engine/windows/assigners/event-time-session-windows.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { builder, sumKV, type KV } from './fixtures.ts';
import { KeyedOperatorHarness } from './harness.ts';

describe('window state survives snapshot → restore (Flink’s harness idea)', () => {
  it('tumbling windows: in-flight contents and timers are restored and fire as before', () => {
    const factory = builder<KV, TimeWindow>({ assigner: TumblingEventTimeWindows.of(10) }).reduce(sumKV);
    const first = new KeyedOperatorHarness<KV, KV>(factory, (v) => v[0]).open();
    first.processElement(['a', 1], 1).processElement(['b', 2], 2).processElement(['a', 4], 15);
    const snapshot = first.snapshot();

    const restored = new KeyedOperatorHarness<KV, KV>(factory, (v) => v[0]).open(snapshot);
    restored.processElement(['a', 8], 3).finish();
    // Same results as without the restart: [0,10): a = 1 + 8, b = 2; [10,20): a = 4.
    expect(restored.records().sort((x, y) => x[1] - y[1] || x[0][0].localeCompare(y[0][0]))).toEqual([
      [['a', 9], 9],
      [['b', 2], 9],
      [['a', 4], 19],
    ]);
  });

  it('session windows: the merging window set is keyed state and is restored', () => {
    const factory = builder<KV, TimeWindow>({ assigner: EventTimeSessionWindows.withGap(3) }).apply(
      (k: string, w: TimeWindow, els: Iterable<KV>, out: Collector<string>) =>
        out.collect(`${k} [${w.start},${w.end}) ${[...els].map((e) => e[1]).join(',')}`),
    );
    const first = new KeyedOperatorHarness<KV, string>(factory, (v) => v[0]).open();
    first.processElement(['a', 1], 1).processElement(['a', 2], 6);
    const restored = new KeyedOperatorHarness<KV, string>(factory, (v) => v[0]).open(first.snapshot());
    // a@3 bridges the two restored sessions.
    restored.processElement(['a', 3], 3).finish();
    expect(restored.values()).toEqual(['a [1,9) 1,2,3']);
  });
});
