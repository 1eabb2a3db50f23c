import type { Window } from '../window.ts';
import type { Evictor, TimestampedValue } from './evictor.ts';

/**
 * Keeps at most `maxCount` elements, evicting the oldest (Flink's CountEvictor); before the window
 * function by default, after it when `doEvictAfter` is true.
 *
 * @example
 * keyed.window(GlobalWindows.create()).evictor(CountEvictor.of(100)).trigger(CountTrigger.of(10)).sum('v');
 */
export class CountEvictor implements Evictor<unknown, Window> {
  private constructor(
    readonly maxCount: number,
    readonly doEvictAfter: boolean,
  ) {}

  /** @example CountEvictor.of(5) */
  static of(maxCount: number, doEvictAfter = false): CountEvictor {
    if (!(Number.isInteger(maxCount) && maxCount >= 0)) {
      throw new RangeError(`CountEvictor.of(maxCount): maxCount must be an integer >= 0, got ${maxCount}`);
    }
    return new CountEvictor(maxCount, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[], size: number): void {
    if (!this.doEvictAfter) this.evict(elements, size);
  }

  evictAfter(elements: TimestampedValue<unknown>[], size: number): void {
    if (this.doEvictAfter) this.evict(elements, size);
  }

  private evict(elements: TimestampedValue<unknown>[], size: number): void {
    if (size > this.maxCount) elements.splice(0, size - this.maxCount);
  }

  toString(): string {
    return `CountEvictor(${this.maxCount})`;
  }
}
