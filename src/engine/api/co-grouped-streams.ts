import type { Evictor } from '../windows/evictors/evictor.ts';
import type { Trigger } from '../windows/triggers/trigger.ts';
import type { WindowAssigner } from '../windows/window-assigner.ts';
import type { Window } from '../windows/window.ts';
import type { Collector } from './functions/functions.ts';
import type { CoGroupFunction } from './functions/join-functions.ts';
import { toCallable } from './functions/user-function.ts';
import { WrappingFunction } from './functions/wrapping-function.ts';
import { toKeySelector, type KeySpec } from './key-selectors.ts';
import { toMilliseconds, type TimeLike } from './time.ts';
import type { DataStream, SingleOutputStreamOperator } from './data-stream.ts';

/** An element of either input, as the co-group's window holds it (Flink's TaggedUnion). */
export type TaggedUnion<T1, T2> = { readonly one: T1 } | { readonly two: T2 };

/**
 * Two streams grouped by key in common windows (Flink's CoGroupedStreams): for every key and window,
 * the CoGroupFunction gets all elements of both inputs (one side may be empty). Built as Flink does:
 * both inputs tagged, unioned, keyed and windowed, so triggers, evictors and allowed lateness work
 * as on any window.
 *
 * @example
 * orders.coGroup(payments).where((o) => o.id).equalTo((p) => p.orderId)
 *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *   .apply((os, ps, out) => out.collect([...os].length - [...ps].length));
 */
export class CoGroupedStreams<T1, T2> {
  constructor(
    readonly input1: DataStream<T1>,
    readonly input2: DataStream<T2>,
  ) {}

  /** The key of the first input's elements. */
  where<K>(keySelector1: KeySpec<T1, K>): {
    equalTo(keySelector2: KeySpec<T2, K>): CoGroupWhereEqualTo<T1, T2, K>;
  } {
    return whereEqualTo('coGroup', keySelector1, (key1, key2: (value: T2) => K) => {
      return new CoGroupWhereEqualTo(this.input1, this.input2, key1, key2);
    });
  }
}

/**
 * `where(k1).equalTo(k2)` of a co-group or join: both key selectors, checked and named after `api`
 * in errors, handed to `next`.
 */
export function whereEqualTo<T1, T2, K, R>(
  api: 'coGroup' | 'join',
  keySelector1: KeySpec<T1, K>,
  next: (key1: (value: T1) => K, key2: (value: T2) => K) => R,
): { equalTo(keySelector2: KeySpec<T2, K>): R } {
  const key1 = toKeySelector(keySelector1, `${api}().where`);
  return { equalTo: (keySelector2) => next(key1, toKeySelector(keySelector2, `${api}().equalTo`)) };
}

/** A co-group with both keys set; `window` chooses the windows. */
export class CoGroupWhereEqualTo<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
    private readonly key2: (value: T2) => K,
  ) {}

  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<T1, T2>, W>): WithWindow<T1, T2, K, W> {
    return new WithWindow(this.input1, this.input2, this.key1, this.key2, assigner, 'coGroup');
  }
}

/** A windowed co-group (or join): optional trigger, evictor and lateness, then `apply`. */
export class WithWindow<T1, T2, K, W extends Window> {
  private windowTrigger: Trigger<TaggedUnion<T1, T2>, W> | null = null;
  private windowEvictor: Evictor<TaggedUnion<T1, T2>, W> | null = null;
  private lateness: TimeLike | null = null;

  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
    private readonly key2: (value: T2) => K,
    private readonly assigner: WindowAssigner<TaggedUnion<T1, T2>, W>,
    private readonly apiName: 'coGroup' | 'join',
  ) {}

  /** Replaces the assigner's default trigger. @example .trigger(CountTrigger.of(100)) */
  trigger(trigger: Trigger<TaggedUnion<T1, T2>, W>): this {
    this.windowTrigger = trigger;
    return this;
  }
  /** Removes elements before (or after) the function runs. @example .evictor(CountEvictor.of(10)) */
  evictor(evictor: Evictor<TaggedUnion<T1, T2>, W>): this {
    this.windowEvictor = evictor;
    return this;
  }
  /** Keeps windows this long after the watermark passed their end; late elements fire them again. */
  allowedLateness(lateness: TimeLike): this {
    const ms = toMilliseconds(lateness, `${this.apiName}().allowedLateness(lateness)`);
    if (!(ms >= 0)) throw new RangeError(`The allowed lateness cannot be negative, got ${ms}: use 0 or more`);
    this.lateness = ms;
    return this;
  }

  /** Runs `fn` per key and window with the elements of both inputs. */
  apply<OUT>(fn: CoGroupFunction<T1, T2, OUT>): SingleOutputStreamOperator<OUT> {
    toCallable(fn, 'coGroup', `${this.apiName}().apply()`);
    const { key1, key2 } = this;
    const one = this.input1
      .map((v: T1): TaggedUnion<T1, T2> => ({ one: v }))
      .name(`${this.apiName}: first input`);
    const two = this.input2
      .map((v: T2): TaggedUnion<T1, T2> => ({ two: v }))
      .name(`${this.apiName}: second input`);
    let windowed = one
      .union(two)
      .keyBy((u) => ('one' in u ? key1(u.one) : key2(u.two)))
      .window(this.assigner);
    if (this.windowTrigger) windowed = windowed.trigger(this.windowTrigger);
    if (this.windowEvictor) windowed = windowed.evictor(this.windowEvictor);
    if (this.lateness !== null) windowed = windowed.allowedLateness(this.lateness);
    return windowed.apply<OUT>(new CoGroupWindowFunction<T1, T2, K, W, OUT>(fn));
  }
}

/**
 * Splits a window's tagged elements by input and calls the co-group function (Flink's
 * CoGroupWindowFunction); a rich user function gets its lifecycle and runtime context through it.
 */
class CoGroupWindowFunction<T1, T2, K, W, OUT> extends WrappingFunction<CoGroupFunction<T1, T2, OUT>> {
  apply(_key: K, _window: W, values: Iterable<TaggedUnion<T1, T2>>, out: Collector<OUT>): void {
    const first: T1[] = [];
    const second: T2[] = [];
    for (const u of values) {
      if ('one' in u) first.push(u.one);
      else second.push(u.two);
    }
    const fn = this.wrapped;
    if (typeof fn === 'function') fn(first, second, out);
    else fn.coGroup(first, second, out);
  }
}
