import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import type { Window } from '../window.ts';
import type { Evictor, TimestampedValue } from './evictor.ts';

/**
 * Keeps only elements whose timestamp is within `windowSize` of the newest element's timestamp,
 * i.e. evicts elements with `timestamp <= max - windowSize` (Flink's TimeEvictor). Does nothing when
 * the first element has no timestamp.
 *
 * @example
 * keyed.window(TumblingEventTimeWindows.of(Time.minutes(1))).evictor(TimeEvictor.of(Time.seconds(10))).process(f);
 */
export class TimeEvictor implements Evictor<unknown, Window> {
  private constructor(
    readonly windowSize: number,
    readonly doEvictAfter: boolean,
  ) {}

  /** @example TimeEvictor.of(Time.seconds(10), true) */
  static of(windowSize: TimeLike, doEvictAfter = false): TimeEvictor {
    const ms = toMilliseconds(windowSize, 'TimeEvictor.of(windowSize)');
    if (!(ms >= 0)) throw new RangeError(`TimeEvictor.of(windowSize): windowSize must be >= 0, got ${ms}`);
    return new TimeEvictor(ms, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }

  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }

  private evict(elements: TimestampedValue<unknown>[]): void {
    if (elements.length === 0 || !elements[0].hasTimestamp()) return;
    let max = Number.NEGATIVE_INFINITY;
    for (const e of elements) if (e.timestamp > max) max = e.timestamp;
    const cutoff = max - this.windowSize;
    let kept = 0;
    for (const e of elements) if (!(e.timestamp <= cutoff)) elements[kept++] = e;
    elements.length = kept;
  }

  toString(): string {
    return `TimeEvictor(${this.windowSize})`;
  }
}
