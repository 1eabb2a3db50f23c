import type { OneInputStreamOperator, OperatorFactory } from '../runtime/operator.ts';
import type { Evictor } from '../windows/evictors/evictor.ts';
import { aggregator, type AggregationType } from '../operators/aggregators.ts';
import type { FieldExpression } from '../operators/field-accessor.ts';
import { WindowOperatorBuilder } from '../windows/operator/window-operator-builder.ts';
import type { Trigger } from '../windows/triggers/trigger.ts';
import { MergingWindowAssigner, type WindowAssigner } from '../windows/window-assigner.ts';
import type { Window } from '../windows/window.ts';
import type { ProcessWindowFunctionArg } from './functions/process-window-function.ts';
import type { AggregateFunction, ReduceFunction } from './functions/reduce-aggregate.ts';
import type { WindowFunction } from './functions/window-function.ts';
import { isOutputTag, type OutputTag } from './output-tag.ts';
import { toMilliseconds, type TimeLike } from './time.ts';
import type { SingleOutputStreamOperator } from './data-stream.ts';

/** What a windowed stream needs of its keyed input (seam 4); CORE's KeyedStream provides it. */
export interface WindowInput<T> {
  transform<R>(
    operatorName: string,
    factory: OperatorFactory<OneInputStreamOperator<T, R>>,
  ): SingleOutputStreamOperator<R>;
}

/**
 * The settings shared by WindowedStream and AllWindowedStream: trigger, evictor, lateness, late tag.
 * Misuse (negative lateness, a non-merging trigger on session windows) throws at graph-building time.
 */
export abstract class WindowedStreamBase<T, W extends Window> {
  protected windowTrigger: Trigger<T, W>;
  protected windowEvictor: Evictor<T, W> | null = null;
  protected lateness = 0;
  protected lateTag: OutputTag<T> | null = null;

  constructor(
    protected readonly input: WindowInput<T>,
    protected readonly assigner: WindowAssigner<T, W>,
    protected readonly apiName: string,
  ) {
    if (!(assigner instanceof Object) || typeof assigner.assignWindows !== 'function') {
      throw new TypeError(
        `${apiName}(assigner): expected a WindowAssigner such as TumblingEventTimeWindows.of(Time.seconds(10))`,
      );
    }
    this.windowTrigger = assigner.getDefaultTrigger();
  }

  /** Replaces the assigner's default trigger. @example .trigger(CountTrigger.of(100)) */
  trigger(trigger: Trigger<T, W>): this {
    if (!trigger || typeof trigger.onElement !== 'function') {
      throw new TypeError(
        'trigger(t): expected a Trigger such as CountTrigger.of(10) or EventTimeTrigger.create()',
      );
    }
    if (this.assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
      throw new Error(
        `A merging window assigner (${String(this.assigner)}) cannot be used with a trigger that does not support ` +
          `merging (${String(trigger)}); implement canMerge() and onMerge() in the trigger`,
      );
    }
    this.windowTrigger = trigger;
    return this;
  }

  /** Removes elements before/after the window function; disables pre-aggregation. @example .evictor(CountEvictor.of(5)) */
  evictor(evictor: Evictor<T, W>): this {
    if (!evictor || typeof evictor.evictBefore !== 'function' || typeof evictor.evictAfter !== 'function') {
      throw new TypeError(
        'evictor(e): expected an Evictor such as CountEvictor.of(5) or TimeEvictor.of(Time.seconds(1))',
      );
    }
    this.windowEvictor = evictor;
    return this;
  }

  /**
   * Keeps windows `lateness` past their end so late elements update the result (event time only).
   * @example .allowedLateness(Time.minutes(1))
   */
  allowedLateness(lateness: TimeLike): this {
    const ms = toMilliseconds(lateness, 'allowedLateness(lateness)');
    if (!(ms >= 0)) throw new RangeError(`The allowed lateness cannot be negative, got ${ms}: use 0 or more`);
    this.lateness = ms;
    return this;
  }

  /**
   * Sends elements that arrive after their windows were cleaned up to a side output instead of
   * dropping them; read it with `result.getSideOutput(tag)`.
   * @example const late = new OutputTag<Event>('late'); keyed.window(w).sideOutputLateData(late).sum('v');
   */
  sideOutputLateData(tag: OutputTag<T>): this {
    if (!isOutputTag(tag)) throw new TypeError('sideOutputLateData(tag): expected an OutputTag');
    this.lateTag = tag;
    return this;
  }

  protected builder(): WindowOperatorBuilder<T, W> {
    return new WindowOperatorBuilder<T, W>({
      assigner: this.assigner,
      trigger: this.windowTrigger,
      evictor: this.windowEvictor,
      allowedLateness: this.lateness,
      lateDataOutputTag: this.lateTag,
    });
  }

  /** Flink-style operator name, e.g. `Window(TumblingEventTimeWindows(10000), EventTimeTrigger(), reduce)`. */
  protected operatorName(fn: string): string {
    const evictor = this.windowEvictor ? `, ${String(this.windowEvictor)}` : '';
    const prefix = this.apiName === 'windowAll' ? 'AllWindow' : 'Window';
    return `${prefix}(${String(this.assigner)}, ${String(this.windowTrigger)}${evictor}, ${fn})`;
  }

  /** The keyed rolling aggregations' reduce functions, applied per window (same semantics). */
  protected fieldAggregation(
    type: AggregationType,
    name: string,
    field: FieldExpression<T> | ((value: T) => unknown),
    first = true,
  ): SingleOutputStreamOperator<T> {
    const label = `${name}(${typeof field === 'function' ? 'fn' : typeof field === 'object' ? 'accessor' : String(field)})`;
    return this.build(label, this.builder().reduce<T>(aggregator<T>(type, field, first), undefined, label));
  }

  protected build<R>(
    fn: string,
    factory: OperatorFactory<OneInputStreamOperator<T, R>>,
  ): SingleOutputStreamOperator<R> {
    return this.input.transform<R>(this.operatorName(fn), factory);
  }
}

/**
 * A keyed stream split into windows (Flink's WindowedStream): choose the trigger, evictor and
 * lateness, then a window function. Results carry the window's max timestamp.
 *
 * @example
 * clicks
 *   .keyBy((c) => c.user)
 *   .window(TumblingEventTimeWindows.of(Time.minutes(1)))
 *   .aggregate(countClicks, new AddWindowInfo());
 */
export class WindowedStream<T, K, W extends Window> extends WindowedStreamBase<T, W> {
  declare readonly _key?: K;

  constructor(input: WindowInput<T>, assigner: WindowAssigner<T, W>) {
    super(input, assigner, 'window');
  }

  /** Incremental reduce, optionally followed by a ProcessWindowFunction. @example .reduce((a, b) => ({ ...a, n: a.n + b.n })) */
  reduce(reduceFunction: ReduceFunction<T>): SingleOutputStreamOperator<T>;
  reduce<R>(
    reduceFunction: ReduceFunction<T>,
    windowFunction: ProcessWindowFunctionArg<T, R, K, W>,
  ): SingleOutputStreamOperator<R>;
  reduce<R>(
    reduceFunction: ReduceFunction<T>,
    windowFunction?: ProcessWindowFunctionArg<T, R, K, W>,
  ): SingleOutputStreamOperator<R> {
    const factory = this.builder().reduce<R>(
      reduceFunction,
      windowFunction as ProcessWindowFunctionArg<T, R, unknown, W>,
    );
    return this.build(windowFunction ? 'reduce, process' : 'reduce', factory);
  }

  /** Incremental aggregation, optionally followed by a ProcessWindowFunction. @example .aggregate(average) */
  aggregate<ACC, V>(aggregateFunction: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(
    aggregateFunction: AggregateFunction<T, ACC, V>,
    windowFunction: ProcessWindowFunctionArg<V, R, K, W>,
  ): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(
    aggregateFunction: AggregateFunction<T, ACC, V>,
    windowFunction?: ProcessWindowFunctionArg<V, R, K, W>,
  ): SingleOutputStreamOperator<R> {
    const factory = this.builder().aggregate<ACC, V, R>(
      aggregateFunction,
      windowFunction as ProcessWindowFunctionArg<V, R, unknown, W>,
    );
    return this.build(windowFunction ? 'aggregate, process' : 'aggregate', factory);
  }

  /** All elements of the window at once. @example .process(new TopN(3)) */
  process<R>(processWindowFunction: ProcessWindowFunctionArg<T, R, K, W>): SingleOutputStreamOperator<R> {
    return this.build(
      'process',
      this.builder().process<R>(processWindowFunction as ProcessWindowFunctionArg<T, R, unknown, W>),
    );
  }

  /** A WindowFunction over all elements. @example .apply((key, window, values, out) => out.collect(key)) */
  apply<R>(windowFunction: WindowFunction<T, R, K, W>): SingleOutputStreamOperator<R> {
    return this.build('apply', this.builder().apply<R>(windowFunction as WindowFunction<T, R, unknown, W>));
  }

  /** Per window: the first element with `field` summed (Flink's sum). @example .sum('clicks') or .sum(1) on tuples */
  sum(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation('SUM', 'sum', field);
  }
  /** Per window: the first element with `field` set to the minimum. @example .min('temperature') */
  min(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation('MIN', 'min', field);
  }
  /** Per window: the first element with `field` set to the maximum. @example .max('temperature') */
  max(field: FieldExpression<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation('MAX', 'max', field);
  }
  /** Per window: the element with the smallest `field` (the first on ties unless first = false). @example .minBy('price') */
  minBy(field: FieldExpression<T> | ((value: T) => unknown), first = true): SingleOutputStreamOperator<T> {
    return this.fieldAggregation('MIN_BY', 'minBy', field, first);
  }
  /** Per window: the element with the largest `field` (the first on ties unless first = false). @example .maxBy((t) => t.price) */
  maxBy(field: FieldExpression<T> | ((value: T) => unknown), first = true): SingleOutputStreamOperator<T> {
    return this.fieldAggregation('MAX_BY', 'maxBy', field, first);
  }
}
