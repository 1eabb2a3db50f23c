import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import { ReducingStateDescriptor } from '../../state/descriptors.ts';
import type { ReducingState } from '../../state/state.ts';
import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

/**
 * Fires repeatedly every `interval` of event time, aligned to multiples of the interval, and once
 * more at the end of the window (Flink's ContinuousEventTimeTrigger): early results of a long window.
 *
 * @example
 * keyed.window(TumblingEventTimeWindows.of(Time.hours(1))).trigger(ContinuousEventTimeTrigger.of(Time.minutes(1)));
 */
export class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTimeDescriptor = new ReducingStateDescriptor<number>('fire-time', Math.min);

  private constructor(readonly interval: number) {
    super();
  }

  /** @example ContinuousEventTimeTrigger.of(Time.seconds(5)) */
  static of(interval: TimeLike): ContinuousEventTimeTrigger {
    const ms = toMilliseconds(interval, 'ContinuousEventTimeTrigger.of(interval)');
    if (!(ms > 0))
      throw new RangeError(`ContinuousEventTimeTrigger.of(interval): interval must be > 0, got ${ms}`);
    return new ContinuousEventTimeTrigger(ms);
  }

  onElement(_element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(window.maxTimestamp());
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    if (fireTime.get() === null)
      this.registerNext(timestamp - (timestamp % this.interval), window, ctx, fireTime);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    if (fireTime.get() === time) {
      fireTime.clear();
      this.registerNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTimeDescriptor);
    const next = ctx.getPartitionedState(this.fireTimeDescriptor).get();
    if (next !== null) ctx.registerEventTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    const next = fireTime.get();
    if (next !== null) {
      ctx.deleteEventTimeTimer(next);
      fireTime.clear();
    }
  }

  private registerNext(
    time: number,
    window: Window,
    ctx: TriggerContext,
    state: ReducingState<number>,
  ): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    state.add(next);
    ctx.registerEventTimeTimer(next);
  }

  override toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }
}
