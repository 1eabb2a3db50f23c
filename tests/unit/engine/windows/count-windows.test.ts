import { describe, expect, it } from 'vitest';
import { GlobalWindows } from '../../../../src/engine/windows/assigners/global-windows.ts';
import { CountEvictor } from '../../../../src/engine/windows/evictors/count-evictor.ts';
import type { GlobalWindow } from '../../../../src/engine/windows/global-window.ts';
import { CountTrigger } from '../../../../src/engine/windows/triggers/count-trigger.ts';
import { PurgingTrigger } from '../../../../src/engine/windows/triggers/purging-trigger.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

describe('global and count windows (operator level; countWindow builds exactly these)', () => {
  it('GlobalWindows with its default NeverTrigger emits nothing, even at the end', () => {
    const h = windowHarness<KV, GlobalWindow, KV>({ assigner: GlobalWindows.create() }, (b) =>
      b.reduce(sumKV),
    );
    h.processElement(['a', 1]).processElement(['a', 2]).finish();
    expect(h.records()).toEqual([]);
  });

  it('tumbling countWindow(3) = GlobalWindows + PurgingTrigger(CountTrigger(3)): per key, partial windows never fire', () => {
    const h = windowHarness<KV, GlobalWindow, KV>(
      { assigner: GlobalWindows.create(), trigger: PurgingTrigger.of(CountTrigger.of(3)) },
      (b) => b.reduce(sumKV),
    );
    [1, 2, 3, 4, 5, 6, 7].forEach((v) => h.processElement(['a', v]));
    h.processElement(['b', 100]).finish();
    // a: 1+2+3, 4+5+6; 7 and b's single element are left in unfinished windows.
    expect(h.values()).toEqual([
      ['a', 6],
      ['a', 15],
    ]);
  });

  it('sliding countWindow(3, 2) = GlobalWindows + CountEvictor(3) + CountTrigger(2)', () => {
    const h = windowHarness<KV, GlobalWindow, KV>(
      { assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(3) },
      (b) => b.reduce(sumKV),
    );
    [1, 2, 3, 4, 5, 6].forEach((v) => h.processElement(['a', v]));
    // Every 2 elements, the sum of the last (up to) 3: 1+2, 2+3+4, 4+5+6.
    expect(h.values()).toEqual([
      ['a', 3],
      ['a', 9],
      ['a', 15],
    ]);
  });
});
