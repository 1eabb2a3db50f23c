import type { Window } from '../window.ts';
import { Trigger } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

/**
 * Never fires: the default trigger of `GlobalWindows.create()` (Flink's GlobalWindows.NeverTrigger),
 * so a global window needs an explicit trigger such as CountTrigger to emit anything.
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(NeverTrigger.create()); // emits nothing
 */
export class NeverTrigger extends Trigger<unknown, Window> {
  private static readonly INSTANCE = new NeverTrigger();

  /** @example NeverTrigger.create() */
  static create(): NeverTrigger {
    return NeverTrigger.INSTANCE;
  }
  onElement(): TriggerResult {
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
  override onMerge(): void {}
  clear(): void {}
  override toString(): string {
    return 'NeverTrigger()';
  }
}
