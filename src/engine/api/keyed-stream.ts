import { OneInputTransformation, PartitionTransformation } from '../graph/transformations.ts';
import { aggregator, type AggregationType } from '../operators/aggregators.ts';
import type { FieldExpression } from '../operators/field-accessor.ts';
import { ProcessOperator } from '../operators/process-operator.ts';
import { StreamGroupedReduce } from '../operators/stream-group-reduce.ts';
import { keyGroupPartitioner } from '../runtime/partitioners.ts';
import { GlobalWindows } from '../windows/assigners/global-windows.ts';
import { CountEvictor } from '../windows/evictors/count-evictor.ts';
import { CountTrigger } from '../windows/triggers/count-trigger.ts';
import { PurgingTrigger } from '../windows/triggers/purging-trigger.ts';
import type { GlobalWindow } from '../windows/global-window.ts';
import type { WindowAssigner } from '../windows/window-assigner.ts';
import type { Window } from '../windows/window.ts';
import { DataStream, lateBound, type SingleOutputStreamOperator } from './data-stream.ts';
import type { KeyedProcessFunction, ProcessFunction } from './functions/process-function.ts';
import { toReduce, type ReduceFunction } from './functions/reduce-aggregate.ts';
import { toCallable } from './functions/user-function.ts';
import { IntervalJoin } from './interval-join.ts';
import { WindowedStream } from './windowed-stream.ts';

/**
 * A stream partitioned by key (Flink's KeyedStream): operators on it are keyed, with per-key state
 * and timers; rolling aggregations and windows live here.
 *
 * @example
 * env.fromElements(['a', 1], ['b', 2], ['a', 3]).keyBy((t) => t[0]).sum(1) // (a,1) (b,2) (a,4)
 */
export class KeyedStream<T, K> extends DataStream<T> {
  private readonly keySelector: (value: T) => K;
  constructor(input: DataStream<T>, keySelector: (value: T) => K) {
    const env = input.getExecutionEnvironment();
    super(env, new PartitionTransformation(env, input.getTransformation(), keyGroupPartitioner(keySelector)));
    this.keySelector = keySelector;
  }

  /** The key function (seam for window operators and connect). */
  getKeySelector(): (value: T) => K {
    return this.keySelector;
  }

  protected override configureOneInput(t: OneInputTransformation<T, unknown>): void {
    t.stateKeySelector = this.keySelector;
  }

  /** A KeyedProcessFunction with keyed state and timers. @example keyed.process(new CountWithTimeout()) */
  override process<R>(
    fn: KeyedProcessFunction<K, T, R> | ProcessFunction<T, R>,
  ): SingleOutputStreamOperator<R> {
    toCallable(fn, 'processElement', 'process()');
    return this.transform('KeyedProcess', () => new ProcessOperator<T, R>(fn));
  }

  /** Rolling reduce: emits the running result per key after each record. @example keyed.reduce((a, b) => ({ ...a, n: a.n + b.n })) */
  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T> {
    toReduce(fn, 'reduce()');
    return this.rolling('Keyed Reduce', fn);
  }
  /** Rolling sum of a field (other fields from the key's first record). @example keyed.sum(1) or keyed.sum('amount') */
  sum(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.aggregate('SUM', field);
  }
  /** Rolling minimum of a field (other fields from the key's first record; use minBy for the whole record). @example keyed.min('temp') */
  min(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.aggregate('MIN', field);
  }
  /** Rolling maximum of a field. @example keyed.max('temp') */
  max(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.aggregate('MAX', field);
  }
  /** The record with the smallest field value so far (first such record on ties unless first=false). @example keyed.minBy('temp') */
  minBy(field: FieldExpression<T> | ((value: T) => unknown), first = true): SingleOutputStreamOperator<T> {
    return this.aggregate('MIN_BY', field, first);
  }
  /** The record with the largest field value so far. @example keyed.maxBy('temp') */
  maxBy(field: FieldExpression<T> | ((value: T) => unknown), first = true): SingleOutputStreamOperator<T> {
    return this.aggregate('MAX_BY', field, first);
  }
  private aggregate(
    type: AggregationType,
    field: FieldExpression<T> | ((value: T) => unknown),
    first = true,
  ): SingleOutputStreamOperator<T> {
    // Aggregations copy the records they change: their state needs no copy.
    return this.rolling('Keyed Aggregation', aggregator<T>(type, field, first), false);
  }
  private rolling(name: string, fn: ReduceFunction<T>, copyState = true): SingleOutputStreamOperator<T> {
    const env = this.environment;
    return this.transform(
      name,
      () => new StreamGroupedReduce<T>(fn, env.getRuntimeMode() === 'BATCH', copyState),
    );
  }

  /**
   * Joins with another keyed stream on an event-time interval (Flink's intervalJoin): set the bounds
   * with between(lower, upper), then process(fn).
   *
   * @example orders.keyBy((o) => o.id).intervalJoin(payments.keyBy((p) => p.orderId)).between(-5_000, 5_000).process(fn)
   */
  intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K> {
    return new IntervalJoin<T, T2, K>(this, other);
  }

  /** Windows per key. @example keyed.window(TumblingEventTimeWindows.of(Time.seconds(10))).sum('n') */
  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }
  /**
   * Count windows per key: tumbling (every `size` records) or sliding (the last `size` records,
   * every `slide` records), as Flink's countWindow.
   *
   * @example keyed.countWindow(100).sum('n')
   */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    checkCount(size, 'countWindow size');
    const w = this.window(GlobalWindows.create() as WindowAssigner<T, GlobalWindow>);
    if (slide === undefined) return w.trigger(PurgingTrigger.of(CountTrigger.of(size)) as any);
    checkCount(slide, 'countWindow slide');
    return w.evictor(CountEvictor.of(size) as any).trigger(CountTrigger.of(slide) as any);
  }
}

/** Positive integer check for count windows. */
export function checkCount(n: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${what} must be an integer >= 1, got ${n}`);
}

lateBound.keyedStream = (input, key) => new KeyedStream(input, key);
