import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

const purgeOnFire = (r: TriggerResult): TriggerResult => (r.fire ? TriggerResult.FIRE_AND_PURGE : r);

/**
 * Wraps a trigger so that every FIRE becomes FIRE_AND_PURGE (Flink's PurgingTrigger): the window's
 * contents are dropped after each evaluation.
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(10)));
 */
export class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
  private constructor(readonly nestedTrigger: Trigger<T, W>) {
    super();
  }

  /** @example PurgingTrigger.of(ProcessingTimeTrigger.create()) */
  static of<T, W extends Window>(nestedTrigger: Trigger<T, W>): PurgingTrigger<T, W> {
    if (!(nestedTrigger instanceof Trigger)) {
      throw new TypeError(
        'PurgingTrigger.of(trigger): expected a Trigger, e.g. PurgingTrigger.of(CountTrigger.of(5))',
      );
    }
    return new PurgingTrigger(nestedTrigger);
  }

  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult {
    return purgeOnFire(this.nestedTrigger.onElement(element, timestamp, window, ctx));
  }

  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purgeOnFire(this.nestedTrigger.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purgeOnFire(this.nestedTrigger.onProcessingTime(time, window, ctx));
  }

  override canMerge(): boolean {
    return this.nestedTrigger.canMerge();
  }

  override onMerge(window: W, ctx: OnMergeContext): void {
    this.nestedTrigger.onMerge(window, ctx);
  }

  clear(window: W, ctx: TriggerContext): void {
    this.nestedTrigger.clear(window, ctx);
  }

  override toString(): string {
    return `PurgingTrigger(${this.nestedTrigger.toString()})`;
  }
}
