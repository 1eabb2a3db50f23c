import type { OneInputStreamOperator, OperatorFactory } from '../runtime/operator.ts';
import type { FieldExpression } from '../operators/field-accessor.ts';
import { fromAllApply, fromProcessAll } from '../windows/operator/internal-window-function.ts';
import type { WindowAssigner } from '../windows/window-assigner.ts';
import type { Window } from '../windows/window.ts';
import type {
  ProcessAllWindowFunctionLike,
  ProcessWindowFunctionLike,
} from './functions/process-window-function.ts';
import type { AggregateFunction, ReduceFunction } from './functions/reduce-aggregate.ts';
import type { AllWindowFunction } from './functions/window-function.ts';
import type { SingleOutputStreamOperator } from './data-stream.ts';
import { WindowedStreamBase, type WindowInput } from './windowed-stream.ts';

/** What windowAll needs of its (non-keyed) input; CORE's DataStream provides it. */
export interface AllWindowInput<T> {
  keyBy<K>(keySelector: (value: T) => K): WindowInput<T>;
}

/** Flink's NullByteKeySelector: every element gets the same key, so one subtask sees all. */
const ALL = (): number => 0;

/**
 * Windows over a whole, non-keyed stream (Flink's AllWindowedStream): every element goes to one
 * operator instance with parallelism 1, so use it for global summaries, not for heavy work.
 *
 * @example
 * temperatures.windowAll(TumblingEventTimeWindows.of(Time.minutes(1))).max('celsius');
 */
export class AllWindowedStream<T, W extends Window> extends WindowedStreamBase<T, W> {
  constructor(input: AllWindowInput<T>, assigner: WindowAssigner<T, W>) {
    super(input.keyBy(ALL), assigner, 'windowAll');
  }

  protected override build<R>(
    fn: string,
    factory: OperatorFactory<OneInputStreamOperator<T, R>>,
  ): SingleOutputStreamOperator<R> {
    const result = super.build<R>(fn, factory);
    // One instance sees all elements; setParallelism(n > 1) then throws.
    return result.forceNonParallel();
  }

  /** @example .reduce((a, b) => a + b) */
  reduce(reduceFunction: ReduceFunction<T>): SingleOutputStreamOperator<T>;
  reduce<R>(
    reduceFunction: ReduceFunction<T>,
    windowFunction: ProcessAllWindowFunctionLike<T, R, W>,
  ): SingleOutputStreamOperator<R>;
  reduce<R>(
    reduceFunction: ReduceFunction<T>,
    windowFunction?: ProcessAllWindowFunctionLike<T, R, W>,
  ): SingleOutputStreamOperator<R> {
    const fn = windowFunction ? fromProcessAll(checkProcessAll(windowFunction)) : undefined;
    const factory = this.builder().reduce<R>(reduceFunction, fn);
    return this.build(windowFunction ? 'reduce, process' : 'reduce', factory);
  }

  /** @example .aggregate(average) */
  aggregate<ACC, V>(aggregateFunction: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(
    aggregateFunction: AggregateFunction<T, ACC, V>,
    windowFunction: ProcessAllWindowFunctionLike<V, R, W>,
  ): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(
    aggregateFunction: AggregateFunction<T, ACC, V>,
    windowFunction?: ProcessAllWindowFunctionLike<V, R, W>,
  ): SingleOutputStreamOperator<R> {
    const fn = windowFunction ? fromProcessAll(checkProcessAll(windowFunction)) : undefined;
    const factory = this.builder().aggregate<ACC, V, R>(aggregateFunction, fn);
    return this.build(windowFunction ? 'aggregate, process' : 'aggregate', factory);
  }

  /** @example .process(new Top3()) */
  process<R>(processAllWindowFunction: ProcessAllWindowFunctionLike<T, R, W>): SingleOutputStreamOperator<R> {
    const fn = fromProcessAll(checkProcessAll(processAllWindowFunction)) as ProcessWindowFunctionLike<
      T,
      R,
      unknown,
      W
    >;
    return this.build('process', this.builder().process<R>(fn));
  }

  /** @example .apply((window, values, out) => out.collect([...values].length)) */
  apply<R>(allWindowFunction: AllWindowFunction<T, R, W>): SingleOutputStreamOperator<R> {
    return this.build(
      'apply',
      this.builder().apply<R>(fromAllApply(allWindowFunction, 'windowAll(...).apply()')),
    );
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

function checkProcessAll<IN, OUT, W>(
  fn: ProcessAllWindowFunctionLike<IN, OUT, W>,
): ProcessAllWindowFunctionLike<IN, OUT, W> {
  if (!fn || typeof fn.process !== 'function') {
    throw new TypeError(
      'windowAll(...).process(fn): expected a ProcessAllWindowFunction (a class with process(context, elements, out)), ' +
        'e.g. .process(new MyFunction())',
    );
  }
  return fn;
}
