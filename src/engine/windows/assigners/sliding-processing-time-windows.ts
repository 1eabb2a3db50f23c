import type { TimeLike } from '../../api/time.ts';
import type { Namespace } from '../../state/keyed-state-backend.ts';
import type { TimeWindow } from '../time-window.ts';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger.ts';
import type { Trigger } from '../triggers/trigger.ts';
import { WindowAssigner, type WindowAssignerContext } from '../window-assigner.ts';
import { checkSliding } from './check-window-params.ts';
import { SlidingWindowCache } from './sliding-window-cache.ts';

/**
 * Overlapping windows of processing time (Flink's SlidingProcessingTimeWindows).
 *
 * @example
 * keyed.window(SlidingProcessingTimeWindows.of(Time.seconds(10), Time.seconds(1))).count();
 */
export class SlidingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private readonly cache: SlidingWindowCache;

  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    this.cache = new SlidingWindowCache(size, slide, offset);
  }

  /** @example SlidingProcessingTimeWindows.of(Time.seconds(10), Time.seconds(5)) */
  static of(size: TimeLike, slide: TimeLike, offset: TimeLike = 0): SlidingProcessingTimeWindows {
    const [s, sl, o] = checkSliding(
      'SlidingProcessingTimeWindows.of(size, slide, offset)',
      size,
      slide,
      offset,
    );
    return new SlidingProcessingTimeWindows(s, sl, o);
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
    return `SlidingProcessingTimeWindows(${this.size}, ${this.slide})`;
  }
}
