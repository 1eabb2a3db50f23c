import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

/**
 * Fires once the watermark passes the window's end (Flink's EventTimeTrigger), and fires again
 * at once for every element that arrives late but within the allowed lateness. The default
 * trigger of all event-time window assigners.
 *
 * @example
 * keyed.window(GlobalWindows.create()).trigger(EventTimeTrigger.create());
 */
export class EventTimeTrigger extends Trigger<unknown, Window> {
  private static readonly INSTANCE = new EventTimeTrigger();

  /** @example EventTimeTrigger.create() */
  static create(): EventTimeTrigger {
    return EventTimeTrigger.INSTANCE;
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const maxTimestamp = window.maxTimestamp();
    // The watermark already passed the window: this is a late firing (allowed lateness).
    if (maxTimestamp <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(maxTimestamp);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    // Only register a timer if the watermark is not yet past the merged window's end;
    // otherwise the merged window is late and fires on its next element (Flink's behaviour).
    const maxTimestamp = window.maxTimestamp();
    if (maxTimestamp > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(maxTimestamp);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  override toString(): string {
    return 'EventTimeTrigger()';
  }
}
