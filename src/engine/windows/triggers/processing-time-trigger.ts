import type { Window } from '../window.ts';
import { Trigger, type OnMergeContext, type TriggerContext } from './trigger.ts';
import { TriggerResult } from './trigger-result.ts';

/**
 * Fires when processing time passes the window's end (Flink's ProcessingTimeTrigger). The
 * default trigger of the processing-time window assigners.
 *
 * @example
 * keyed.window(TumblingProcessingTimeWindows.of(Time.seconds(1))).trigger(ProcessingTimeTrigger.create());
 */
export class ProcessingTimeTrigger extends Trigger<unknown, Window> {
  private static readonly INSTANCE = new ProcessingTimeTrigger();

  /** @example ProcessingTimeTrigger.create() */
  static create(): ProcessingTimeTrigger {
    return ProcessingTimeTrigger.INSTANCE;
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.FIRE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    const maxTimestamp = window.maxTimestamp();
    if (maxTimestamp > ctx.getCurrentProcessingTime()) ctx.registerProcessingTimeTimer(maxTimestamp);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  override toString(): string {
    return 'ProcessingTimeTrigger()';
  }
}
