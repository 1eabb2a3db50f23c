import { hasTimestamp } from '../../time/watermark.ts';
import type { Window } from '../window.ts';

/**
 * An element of a window together with its timestamp (Flink's TimestampedValue), as evictors see it.
 *
 * @example
 * const oldest = elements[0].getTimestamp();
 */
export class TimestampedValue<T> {
  constructor(
    readonly value: T,
    /** NO_TIMESTAMP (NaN) when the element has none. */
    readonly timestamp: number,
  ) {}
  getValue(): T {
    return this.value;
  }
  getTimestamp(): number {
    return this.timestamp;
  }
  hasTimestamp(): boolean {
    return hasTimestamp(this.timestamp);
  }
}

/** What an evictor may ask (Flink's Evictor.EvictorContext). */
export interface EvictorContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
}

/**
 * Removes elements from a window before and/or after the window function runs (Flink's Evictor).
 * `elements` is the window's contents in arrival order; remove evicted ones from the array in place
 * (e.g. with `splice`). Evicted elements are gone from the window's state for later firings too.
 * Windows with an evictor keep every element (no incremental pre-aggregation).
 *
 * @example
 * // Keeps only elements whose value is positive, before the window function.
 * const positives: Evictor<number, Window> = {
 *   evictBefore(elements) { for (let i = elements.length - 1; i >= 0; i--) if (elements[i].value <= 0) elements.splice(i, 1); },
 *   evictAfter() {},
 * };
 */
export interface Evictor<T, W extends Window = Window> {
  evictBefore(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  evictAfter(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
}
