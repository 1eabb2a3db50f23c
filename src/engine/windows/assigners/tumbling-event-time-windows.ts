import type { TimeLike } from '../../api/time.ts';
import { checkTumbling } from './check-window-params.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';
import { EventTimeTrigger } from '../triggers/event-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { throwNoTimestamp, WindowAssigner, type WindowAssignerContext } from '../window-assigner.ts';
import { TumblingWindowCache } from './tumbling-window-cache.ts';

/**
 * Non-overlapping event-time windows of a fixed size (Flink's TumblingEventTimeWindows). Window
 * starts are aligned to the epoch plus `offset`, e.g. size 1 hour and offset 15 minutes gives
 * windows [0:15, 1:15), [1:15, 2:15), …
 *
 * @example
 * keyed.window(TumblingEventTimeWindows.of(Time.seconds(10))).sum('count');
 */
export class TumblingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private readonly cache: TumblingWindowCache;

  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    this.cache = new TumblingWindowCache(size, offset);
  }

  /**
   * Windows of `size`, shifted by `offset` (|offset| < size).
   * @example TumblingEventTimeWindows.of(Time.hours(1), Time.minutes(15))
   */
  static of(size: TimeLike, offset: TimeLike = 0): TumblingEventTimeWindows {
    const where = 'TumblingEventTimeWindows.of(size, offset)';
    const [sizeMs, offsetMs] = checkTumbling(where, size, offset);
    return new TumblingEventTimeWindows(sizeMs, offsetMs);
  }

  assignWindows(
    _element: unknown,
    timestamp: number,
    _context: WindowAssignerContext,
  ): readonly TimeWindow[] {
    if (timestamp !== timestamp) throwNoTimestamp('TumblingEventTimeWindows');
    return this.cache.windowsFor(timestamp);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  windowFromNamespace(namespace: Namespace): TimeWindow {
    return this.cache.fromNamespace(namespace);
  }

  override toString(): string {
    return `TumblingEventTimeWindows(${this.size})`;
  }
}
