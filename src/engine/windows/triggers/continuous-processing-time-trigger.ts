import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import { ReducingStateDescriptor } from '../../state/descriptors.ts';
import type { ReducingState } from '../../state/state.ts';
import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

/**
 * Fires repeatedly every `interval` of processing time, aligned to multiples of the interval
 * (Flink's ContinuousProcessingTimeTrigger).
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(ContinuousProcessingTimeTrigger.of(Time.seconds(1)));
 */
export class ContinuousProcessingTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTimeDescriptor = new ReducingStateDescriptor<number>('fire-time', Math.min);

  private constructor(readonly interval: number) {
    super();
  }

  /** @example ContinuousProcessingTimeTrigger.of(Time.seconds(5)) */
  static of(interval: TimeLike): ContinuousProcessingTimeTrigger {
    const ms = toMilliseconds(interval, 'ContinuousProcessingTimeTrigger.of(interval)');
    if (!(ms > 0)) {
      throw new RangeError(`ContinuousProcessingTimeTrigger.of(interval): interval must be > 0, got ${ms}`);
    }
    return new ContinuousProcessingTimeTrigger(ms);
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    const now = ctx.getCurrentProcessingTime();
    if (fireTime.get() === null) this.registerNext(now - (now % this.interval), window, ctx, fireTime);
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    if (fireTime.get() === time) {
      fireTime.clear();
      this.registerNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTimeDescriptor);
    const next = ctx.getPartitionedState(this.fireTimeDescriptor).get();
    if (next !== null) ctx.registerProcessingTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const fireTime = ctx.getPartitionedState(this.fireTimeDescriptor);
    const next = fireTime.get();
    if (next !== null) {
      ctx.deleteProcessingTimeTimer(next);
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
    ctx.registerProcessingTimeTimer(next);
  }

  override toString(): string {
    return `ContinuousProcessingTimeTrigger(${this.interval})`;
  }
}
