import type { Window } from '../windows/window.ts';
import type { WindowAssigner } from '../windows/window-assigner.ts';
import type { Evictor } from '../windows/evictors/evictor.ts';
import type { Trigger } from '../windows/triggers/trigger.ts';
import { WithWindow as CoGroupWithWindow, whereEqualTo, type TaggedUnion } from './co-grouped-streams.ts';
import type { Collector } from './functions/functions.ts';
import type { FlatJoinFunction, JoinFunction } from './functions/join-functions.ts';
import type { RuntimeContext } from './functions/rich-function.ts';
import { toCallable } from './functions/user-function.ts';
import { WrappingFunction } from './functions/wrapping-function.ts';
import type { KeySpec } from './key-selectors.ts';
import type { TimeLike } from './time.ts';
import type { DataStream, SingleOutputStreamOperator } from './data-stream.ts';

/**
 * An inner join of two streams in common windows (Flink's JoinedStreams): for every key and window,
 * the join function gets each pair of an element of the first and one of the second input. Runs as
 * a co-group whose function loops over the pairs, as in Flink.
 *
 * @example
 * orders.join(payments).where((o) => o.id).equalTo((p) => p.orderId)
 *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *   .apply((o, p) => ({ id: o.id, paid: p.amount }));
 */
export class JoinedStreams<T1, T2> {
  constructor(
    readonly input1: DataStream<T1>,
    readonly input2: DataStream<T2>,
  ) {}

  /** The key of the first input's elements. */
  where<K>(keySelector1: KeySpec<T1, K>): {
    equalTo(keySelector2: KeySpec<T2, K>): JoinWhereEqualTo<T1, T2, K>;
  } {
    return whereEqualTo('join', keySelector1, (key1, key2: (value: T2) => K) => {
      return new JoinWhereEqualTo(this.input1, this.input2, key1, key2);
    });
  }
}

/** A join with both keys set; `window` chooses the windows. */
export class JoinWhereEqualTo<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
    private readonly key2: (value: T2) => K,
  ) {}

  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<T1, T2>, W>): JoinWithWindow<T1, T2, K, W> {
    return new JoinWithWindow(
      new CoGroupWithWindow(this.input1, this.input2, this.key1, this.key2, assigner, 'join'),
    );
  }
}

/** A windowed join: optional trigger, evictor and lateness, then `apply`. */
export class JoinWithWindow<T1, T2, K, W extends Window> {
  constructor(private readonly coGroup: CoGroupWithWindow<T1, T2, K, W>) {}

  /** Replaces the assigner's default trigger. @example .trigger(CountTrigger.of(100)) */
  trigger(trigger: Trigger<TaggedUnion<T1, T2>, W>): this {
    this.coGroup.trigger(trigger);
    return this;
  }
  /** Removes elements before (or after) the join runs. @example .evictor(CountEvictor.of(10)) */
  evictor(evictor: Evictor<TaggedUnion<T1, T2>, W>): this {
    this.coGroup.evictor(evictor);
    return this;
  }
  /** Keeps windows this long after the watermark passed their end; late elements fire them again. */
  allowedLateness(lateness: TimeLike): this {
    this.coGroup.allowedLateness(lateness);
    return this;
  }

  /**
   * Joins every pair per key and window: a JoinFunction `(a, b) => joined`, or a FlatJoinFunction
   * `(a, b, out) => …` (a plain function with three parameters, or an object whose `join` has three).
   */
  apply<OUT>(fn: JoinFunction<T1, T2, OUT>): SingleOutputStreamOperator<OUT>;
  apply<OUT>(fn: FlatJoinFunction<T1, T2, OUT>): SingleOutputStreamOperator<OUT>;
  apply<OUT>(fn: JoinFunction<T1, T2, OUT> | FlatJoinFunction<T1, T2, OUT>): SingleOutputStreamOperator<OUT> {
    toCallable(fn, 'join', 'join().apply()');
    return this.coGroup.apply<OUT>(new JoinCoGroupFunction<T1, T2, OUT>(fn));
  }
}

/** Calls the join function for each pair of a window's two sides (Flink's JoinCoGroupFunction). */
class JoinCoGroupFunction<T1, T2, OUT> extends WrappingFunction<
  JoinFunction<T1, T2, OUT> | FlatJoinFunction<T1, T2, OUT>
> {
  /** The join as a callable, taken from this subtask's copy on first use. */
  private join: ((a: T1, b: T2, out?: Collector<OUT>) => OUT | void) | null = null;
  override setRuntimeContext(context: RuntimeContext): void {
    super.setRuntimeContext(context);
    this.join = null;
  }
  coGroup(first: Iterable<T1>, second: Iterable<T2>, out: Collector<OUT>): void {
    const join = (this.join ??= toCallable(this.wrapped, 'join', 'join().apply()'));
    if (join.length >= 3) {
      for (const a of first) for (const b of second) join(a, b, out);
    } else {
      for (const a of first) for (const b of second) out.collect(join(a, b) as OUT);
    }
  }
}
