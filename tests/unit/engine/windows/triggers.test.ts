import { describe, expect, it } from 'vitest';
import { ReducingStateDescriptor } from '../../../../src/engine/state/descriptors.ts';
import { EventTimeSessionWindows } from '../../../../src/engine/windows/assigners/event-time-session-windows.ts';
import { TumblingEventTimeWindows } from '../../../../src/engine/windows/assigners/tumbling-event-time-windows.ts';
import type { TimeWindow } from '../../../../src/engine/windows/time-window.ts';
import { ContinuousEventTimeTrigger } from '../../../../src/engine/windows/triggers/continuous-event-time-trigger.ts';
import { CountTrigger } from '../../../../src/engine/windows/triggers/count-trigger.ts';
import { PurgingTrigger } from '../../../../src/engine/windows/triggers/purging-trigger.ts';
import { Trigger, type TriggerContext } from '../../../../src/engine/windows/triggers/trigger.ts';
import { TriggerResult } from '../../../../src/engine/windows/triggers/trigger-result.ts';
import { sumKV, windowHarness, type KV } from './fixtures.ts';

/** Fires early when an element of value >= 100 arrives and after every 3rd element; purges nothing. */
class EarlyTrigger extends Trigger<KV, TimeWindow> {
  private readonly count = new ReducingStateDescriptor<number>('seen', (a, b) => a + b);
  onElement(e: KV, _ts: number, w: TimeWindow, ctx: TriggerContext): TriggerResult {
    ctx.registerEventTimeTimer(w.maxTimestamp());
    const seen = ctx.getPartitionedState(this.count);
    seen.add(1);
    return e[1] >= 100 || seen.get()! % 3 === 0 ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }
  onEventTime(time: number, w: TimeWindow): TriggerResult {
    return time === w.maxTimestamp() ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  clear(w: TimeWindow, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(w.maxTimestamp());
    ctx.getPartitionedState(this.count).clear();
  }
}

const tumbling = TumblingEventTimeWindows.of(10);

describe('triggers', () => {
  it('CountTrigger fires every n elements, keeping the contents (no purge)', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: tumbling, trigger: CountTrigger.of(2) }, (b) =>
      b.reduce(sumKV),
    );
    [1, 2, 4, 8, 16].forEach((v, i) => h.processElement(['a', v], i));
    h.finish();
    // After 2 elements: 1 + 2; after 4: 1 + 2 + 4 + 8. The 5th never fires: CountTrigger ignores
    // time, and the cleanup at the window end drops the window silently.
    expect(h.records()).toEqual([
      [['a', 3], 9],
      [['a', 15], 9],
    ]);
    expect(h.backend.numKeys()).toBe(0);
  });

  it('PurgingTrigger turns FIRE into FIRE_AND_PURGE', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: tumbling, trigger: PurgingTrigger.of(CountTrigger.of(2)) },
      (b) => b.reduce(sumKV),
    );
    [1, 2, 4, 8, 16].forEach((v, i) => h.processElement(['a', v], i));
    h.finish();
    expect(h.values()).toEqual([
      ['a', 3],
      ['a', 12],
    ]);
  });

  it('a custom trigger with per-window state and timers', () => {
    const h = windowHarness<KV, TimeWindow, KV>({ assigner: tumbling, trigger: new EarlyTrigger() }, (b) =>
      b.reduce(sumKV),
    );
    h.processElement(['a', 1], 1).processElement(['a', 100], 2); // value 100 → early fire: 101
    h.processElement(['a', 2], 3); // 3rd element → fire: 103
    h.processElement(['a', 4], 4).processWatermark(9); // end of window: FIRE_AND_PURGE: 107
    h.processElement(['a', 8], 15).finish(); // next window: 8 at its end
    expect(h.records()).toEqual([
      [['a', 101], 9],
      [['a', 103], 9],
      [['a', 107], 9],
      [['a', 8], 19],
    ]);
    expect(h.numEventTimeTimers()).toBe(0);
  });

  it('ContinuousEventTimeTrigger fires every interval (aligned) and at the window end', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: TumblingEventTimeWindows.of(100), trigger: ContinuousEventTimeTrigger.of(30) },
      (b) => b.reduce(sumKV),
    );
    // First element at 5: next fire time = 5 - 5 % 30 + 30 = 30.
    h.processElement(['a', 1], 5).processWatermark(29);
    expect(h.takeRecords()).toEqual([]);
    h.processElement(['a', 2], 20).processWatermark(30);
    expect(h.takeRecords()).toEqual([[['a', 3], 99]]);
    // Next at 60 (contents unchanged), then 90, then the window end 99 (min(120, 99)).
    h.processWatermark(60);
    expect(h.takeRecords()).toEqual([[['a', 3], 99]]);
    h.processElement(['a', 4], 70).processWatermark(99);
    expect(h.takeRecords()).toEqual([
      [['a', 7], 99], // at 90
      [['a', 7], 99], // at 99 (end of window)
    ]);
  });

  it('merging windows need a trigger that can merge', () => {
    const h = windowHarness<KV, TimeWindow, KV>(
      { assigner: EventTimeSessionWindows.withGap(5), trigger: PurgingTrigger.of(CountTrigger.of(3)) },
      (b) => b.reduce(sumKV),
    );
    // Three elements in two sessions that merge: the count state of both merges (1 + 1, then + 1) → fire.
    h.processElement(['a', 1], 0).processElement(['a', 2], 10).processElement(['a', 4], 5);
    expect(h.takeRecords()).toEqual([[['a', 7], 14]]);
  });

  it('TriggerResult values', () => {
    expect([TriggerResult.FIRE_AND_PURGE.isFire(), TriggerResult.FIRE_AND_PURGE.isPurge()]).toEqual([
      true,
      true,
    ]);
    expect([TriggerResult.CONTINUE.isFire(), TriggerResult.PURGE.isPurge()]).toEqual([false, true]);
    expect(() => CountTrigger.of(0)).toThrow('maxCount must be a positive integer, got 0');
  });
});
