import type { TimeLike } from '../../api/time.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import type { TimeWindow } from '../time-window.ts';
import { EventTimeTrigger } from '../triggers/event-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { throwNoTimestamp, WindowAssigner, type WindowAssignerContext } from '../window-assigner.ts';
import { SlidingWindowCache } from './sliding-window-cache.ts';
import { checkSliding } from './check-window-params.ts';

/**
 * Overlapping event-time windows of `size`, one starting every `slide` (Flink's
 * SlidingEventTimeWindows): each element belongs to about size / slide windows.
 *
 * @example
 * keyed.window(SlidingEventTimeWindows.of(Time.minutes(10), Time.minutes(5))).max('temperature');
 */
export class SlidingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private readonly cache: SlidingWindowCache;

  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    this.cache = new SlidingWindowCache(size, slide, offset);
  }

  /** @example SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(5)) */
  static of(size: TimeLike, slide: TimeLike, offset: TimeLike = 0): SlidingEventTimeWindows {
    const [s, sl, o] = checkSliding('SlidingEventTimeWindows.of(size, slide, offset)', size, slide, offset);
    return new SlidingEventTimeWindows(s, sl, o);
  }

  assignWindows(
    _element: unknown,
    timestamp: number,
    _context: WindowAssignerContext,
  ): readonly TimeWindow[] {
    if (timestamp !== timestamp) throwNoTimestamp('SlidingEventTimeWindows');
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
    return `SlidingEventTimeWindows(${this.size}, ${this.slide})`;
  }
}
