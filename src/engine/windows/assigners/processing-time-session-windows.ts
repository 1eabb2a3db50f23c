import type { TimeLike } from '../../api/time.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { MergingWindowAssigner, type WindowAssignerContext } from '../window-assigner.ts';
import { checkGap, gapFunction, mergeSessions, type SessionWindowTimeGapExtractor } from './session-gap.ts';

/**
 * Processing-time session windows (Flink's ProcessingTimeSessionWindows and its dynamic variant):
 * each element opens `[now, now + gap)` in processing time; overlapping windows merge.
 *
 * @example
 * keyed.window(ProcessingTimeSessionWindows.withGap(Time.seconds(30))).reduce((a, b) => a + b);
 */
export class ProcessingTimeSessionWindows<T = unknown> extends MergingWindowAssigner<T, TimeWindow> {
  private constructor(
    private readonly gapOf: (element: T) => number,
    private readonly description: string,
  ) {
    super();
  }

  /** @example ProcessingTimeSessionWindows.withGap(Time.seconds(5)) */
  static withGap(gap: TimeLike): ProcessingTimeSessionWindows {
    const ms = checkGap('ProcessingTimeSessionWindows.withGap(gap)', gap);
    return new ProcessingTimeSessionWindows(() => ms, `ProcessingTimeSessionWindows(${ms})`);
  }

  /** @example ProcessingTimeSessionWindows.withDynamicGap((e: E) => e.gap) */
  static withDynamicGap<T>(extractor: SessionWindowTimeGapExtractor<T>): ProcessingTimeSessionWindows<T> {
    const where = 'ProcessingTimeSessionWindows.withDynamicGap(extractor)';
    return new ProcessingTimeSessionWindows(
      gapFunction(where, extractor),
      'DynamicProcessingTimeSessionWindows()',
    );
  }

  assignWindows(element: T, _timestamp: number, context: WindowAssignerContext): readonly TimeWindow[] {
    const now = context.getCurrentProcessingTime();
    return [new TimeWindow(now, now + this.gapOf(element))];
  }

  mergeWindows(
    windows: readonly TimeWindow[],
    callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void,
  ) {
    mergeSessions(windows, callback);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  windowFromNamespace(namespace: Namespace): TimeWindow {
    return TimeWindow.fromNamespace(namespace);
  }

  override toString(): string {
    return this.description;
  }
}
