import type { Window } from '../window.ts';
import type { Evictor, TimestampedValue } from './evictor.ts';

/**
 * Distance between two elements (Flink's DeltaFunction): a function or an object with `getDelta`.
 *
 * @example
 * const priceMove: DeltaFunction<Tick> = (a, b) => Math.abs(a.price - b.price);
 */
export type DeltaFunction<T> =
  ((oldPoint: T, newPoint: T) => number) | { getDelta(oldPoint: T, newPoint: T): number };

/**
 * Evicts every element whose delta to the last element is >= `threshold` (Flink's DeltaEvictor).
 *
 * @example
 * keyed.window(GlobalWindows.create()).evictor(DeltaEvictor.of(5, (a, b) => Math.abs(a - b))).trigger(CountTrigger.of(3));
 */
export class DeltaEvictor<T> implements Evictor<T, Window> {
  private constructor(
    readonly threshold: number,
    private readonly delta: (oldPoint: T, newPoint: T) => number,
    readonly doEvictAfter: boolean,
  ) {}

  /** @example DeltaEvictor.of(10, (a: number, b: number) => Math.abs(a - b)) */
  static of<T>(threshold: number, deltaFunction: DeltaFunction<T>, doEvictAfter = false): DeltaEvictor<T> {
    const fn =
      typeof deltaFunction === 'function'
        ? deltaFunction
        : deltaFunction && typeof deltaFunction.getDelta === 'function'
          ? (a: T, b: T) => deltaFunction.getDelta(a, b)
          : null;
    if (fn === null) {
      throw new TypeError('DeltaEvictor.of(threshold, deltaFunction): expected a function (a, b) => number');
    }
    return new DeltaEvictor(threshold, fn, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<T>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }

  evictAfter(elements: TimestampedValue<T>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }

  private evict(elements: TimestampedValue<T>[]): void {
    if (elements.length === 0) return;
    const last = elements[elements.length - 1].value;
    let kept = 0;
    for (const e of elements) if (!(this.delta(e.value, last) >= this.threshold)) elements[kept++] = e;
    elements.length = kept;
  }

  toString(): string {
    return `DeltaEvictor(${this.threshold})`;
  }
}
