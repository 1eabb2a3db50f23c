import type { TimeLike } from '../../api/time.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';
import { EventTimeTrigger } from '../triggers/event-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { MergingWindowAssigner, throwNoTimestamp, type WindowAssignerContext } from '../window-assigner.ts';
import { checkGap, gapFunction, mergeSessions, type SessionWindowTimeGapExtractor } from './session-gap.ts';

/**
 * Event-time session windows (Flink's EventTimeSessionWindows / DynamicEventTimeSessionWindows):
 * each element opens a window `[ts, ts + gap)`, and windows that overlap or touch merge, so a
 * session ends after `gap` of inactivity. A late element can bridge two sessions into one.
 *
 * @example
 * keyed.window(EventTimeSessionWindows.withGap(Time.minutes(30))).process(new SessionSummary());
 * keyed.window(EventTimeSessionWindows.withDynamicGap((e) => e.timeoutMs)).count();
 */
export class EventTimeSessionWindows<T = unknown> extends MergingWindowAssigner<T, TimeWindow> {
  private constructor(
    private readonly gapOf: (element: T) => number,
    private readonly description: string,
  ) {
    super();
  }

  /** Sessions that close after `gap` without elements. @example EventTimeSessionWindows.withGap(Time.seconds(5)) */
  static withGap(gap: TimeLike): EventTimeSessionWindows {
    const ms = checkGap('EventTimeSessionWindows.withGap(gap)', gap);
    return new EventTimeSessionWindows(() => ms, `EventTimeSessionWindows(${ms})`);
  }

  /** Sessions whose gap each element decides. @example EventTimeSessionWindows.withDynamicGap((e: E) => e.gap) */
  static withDynamicGap<T>(extractor: SessionWindowTimeGapExtractor<T>): EventTimeSessionWindows<T> {
    const where = 'EventTimeSessionWindows.withDynamicGap(extractor)';
    return new EventTimeSessionWindows(gapFunction(where, extractor), 'DynamicEventTimeSessionWindows()');
  }

  assignWindows(element: T, timestamp: number, _context: WindowAssignerContext): readonly TimeWindow[] {
    if (timestamp !== timestamp) throwNoTimestamp('EventTimeSessionWindows');
    return [new TimeWindow(timestamp, timestamp + this.gapOf(element))];
  }

  mergeWindows(
    windows: readonly TimeWindow[],
    callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void,
  ) {
    mergeSessions(windows, callback);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  windowFromNamespace(namespace: Namespace): TimeWindow {
    return TimeWindow.fromNamespace(namespace);
  }

  override toString(): string {
    return this.description;
  }
}
