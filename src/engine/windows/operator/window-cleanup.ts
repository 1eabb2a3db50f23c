import type { InternalTimerService } from '../../time/timer-service.ts';
import type { Window } from '../window.ts';
import type { WindowTriggerContext } from './window-trigger-context.ts';

/**
 * Lateness and cleanup rules of the window operator, exactly as Flink's WindowOperator: a window's
 * state lives until `maxTimestamp + allowedLateness` in event time (its end in processing time);
 * a window past that is late, and so is an element with `timestamp + allowedLateness <= watermark`.
 */
export class WindowCleanup<W extends Window> {
  constructor(
    private readonly isEventTime: boolean,
    private readonly allowedLateness: number,
    private readonly timers: InternalTimerService,
    private readonly ctx: WindowTriggerContext<unknown, W>,
  ) {}

  cleanupTime(window: W): number {
    return this.isEventTime ? window.maxTimestamp() + this.allowedLateness : window.maxTimestamp();
  }

  /** Flink's isWindowLate: event time only, cleanup time at or before the watermark. */
  isWindowLate(window: W): boolean {
    return this.isEventTime && this.cleanupTime(window) <= this.timers.currentWatermark();
  }

  /** Flink's isElementLate: event time only, `timestamp + allowedLateness <= watermark`. */
  isElementLate(timestamp: number): boolean {
    return this.isEventTime && timestamp + this.allowedLateness <= this.timers.currentWatermark();
  }

  /** Registers the cleanup timer of the trigger context's current window. */
  register(window: W): void {
    const time = this.cleanupTime(window);
    // No cleanup timer at the end of time (global windows), as Flink skips Long.MAX_VALUE.
    if (time === Number.POSITIVE_INFINITY) return;
    if (this.isEventTime) this.ctx.registerEventTimeTimer(time);
    else this.ctx.registerProcessingTimeTimer(time);
  }

  delete(window: W): void {
    const time = this.cleanupTime(window);
    if (time === Number.POSITIVE_INFINITY) return;
    if (this.isEventTime) this.ctx.deleteEventTimeTimer(time);
    else this.ctx.deleteProcessingTimeTimer(time);
  }

  /** Merging must not produce a window that is already past cleanup (Flink throws the same). */
  checkMergeNotLate(mergeResult: W): void {
    if (this.isEventTime) {
      const wm = this.timers.currentWatermark();
      if (mergeResult.maxTimestamp() + this.allowedLateness <= wm) {
        throw new Error(
          'The end timestamp of an event-time window cannot become earlier than the current watermark by merging. ' +
            `Current watermark: ${wm} window: ${String(mergeResult)}`,
        );
      }
      return;
    }
    const now = this.timers.currentProcessingTime();
    if (mergeResult.maxTimestamp() <= now) {
      throw new Error(
        'The end timestamp of a processing-time window cannot become earlier than the current processing time ' +
          `by merging. Current processing time: ${now} window: ${String(mergeResult)}`,
      );
    }
  }
}
