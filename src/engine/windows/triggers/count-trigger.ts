import { ReducingStateDescriptor } from '../../state/descriptors.ts';
import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

const sum = (a: number, b: number): number => a + b;

/**
 * Fires every time the window has received `maxCount` more elements (Flink's CountTrigger): the
 * count restarts after each firing. Combine with PurgingTrigger to drop the contents too, as
 * `countWindow(n)` does.
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(CountTrigger.of(100)).sum('amount');
 */
export class CountTrigger extends Trigger<unknown, Window> {
  private readonly countDescriptor = new ReducingStateDescriptor<number>('count', sum);

  private constructor(readonly maxCount: number) {
    super();
  }

  /** @example CountTrigger.of(3) */
  static of(maxCount: number): CountTrigger {
    if (!(Number.isInteger(maxCount) && maxCount > 0)) {
      throw new RangeError(`CountTrigger.of(maxCount): maxCount must be a positive integer, got ${maxCount}`);
    }
    return new CountTrigger(maxCount);
  }

  onElement(_element: unknown, _timestamp: number, _window: Window, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState(this.countDescriptor);
    count.add(1);
    if (count.get()! >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.countDescriptor);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.countDescriptor).clear();
  }

  override toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
