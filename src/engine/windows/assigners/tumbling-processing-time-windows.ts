import type { TimeLike } from '../../api/time.ts';
import { checkTumbling } from './check-window-params.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import type { TimeWindow } from '../time-window.ts';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { WindowAssigner, type WindowAssignerContext } from '../window-assigner.ts';
import { TumblingWindowCache } from './tumbling-window-cache.ts';

/**
 * Non-overlapping windows of processing time (Flink's TumblingProcessingTimeWindows): an element
 * goes into the window holding the operator's clock when it arrives.
 *
 * @example
 * keyed.window(TumblingProcessingTimeWindows.of(Time.seconds(1))).sum('bytes');
 */
export class TumblingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private readonly cache: TumblingWindowCache;

  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    this.cache = new TumblingWindowCache(size, offset);
  }

  /** @example TumblingProcessingTimeWindows.of(Time.minutes(1), Time.seconds(15)) */
  static of(size: TimeLike, offset: TimeLike = 0): TumblingProcessingTimeWindows {
    const where = 'TumblingProcessingTimeWindows.of(size, offset)';
    const [sizeMs, offsetMs] = checkTumbling(where, size, offset);
    return new TumblingProcessingTimeWindows(sizeMs, offsetMs);
  }

  assignWindows(
    _element: unknown,
    _timestamp: number,
    context: WindowAssignerContext,
  ): readonly TimeWindow[] {
    return this.cache.windowsFor(context.getCurrentProcessingTime());
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  windowFromNamespace(namespace: Namespace): TimeWindow {
    return this.cache.fromNamespace(namespace);
  }

  override toString(): string {
    return `TumblingProcessingTimeWindows(${this.size})`;
  }
}
