import { copyUserFunction } from '../../api/functions/user-function.ts';
import type {
  ProcessWindowFunctionArg,
  ProcessWindowFunctionLike,
} from '../../api/functions/process-window-function.ts';
import {
  checkAggregate,
  toReduce,
  type AggregateFunction,
  type ReduceFunction,
} from '../../api/functions/reduce-aggregate.ts';
import type { WindowFunction } from '../../api/functions/window-function.ts';
import type { OutputTag } from '../../api/output-tag.ts';
import type { OperatorFactory } from '../../runtime/operator.ts';
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  ReducingStateDescriptor,
  type StateDescriptor,
} from '../../state/descriptors.ts';
import type { Evictor } from '../evictors/evictor.ts';
import type { Trigger } from '../triggers/trigger.ts';
import type { WindowAssigner } from '../window-assigner.ts';
import type { Window } from '../window.ts';
import { EvictingWindowOperator } from './evicting-window-operator.ts';
import {
  applyIterable,
  emitValue,
  foldAggregate,
  foldReduce,
  processIterable,
  processSingle,
  type InternalWindowFunction,
} from './internal-window-function.ts';
import { WindowOperator } from './window-operator.ts';

/** Flink's name for the window contents state. */
const CONTENTS = 'window-contents';

/** Settings of a windowed stream, collected by WindowedStream / AllWindowedStream. */
export interface WindowSettings<T, W extends Window> {
  assigner: WindowAssigner<T, W>;
  trigger: Trigger<T, W>;
  evictor: Evictor<T, W> | null;
  allowedLateness: number;
  lateDataOutputTag: OutputTag<T> | null;
}

/**
 * Builds window operator factories from the settings and the window function (Flink's
 * WindowOperatorBuilder): incremental state for reduce/aggregate, a list of all elements for
 * process/apply and whenever an evictor is set. Every factory call gives a fresh operator with its
 * own copy of the user functions (one per parallel subtask).
 *
 * @example
 * const factory = new WindowOperatorBuilder(settings).reduce((a, b) => a + b);
 * keyed.transform('Window(reduce)', factory);
 */
export class WindowOperatorBuilder<T, W extends Window> {
  constructor(private readonly settings: WindowSettings<T, W>) {}

  /** Incremental reduce, optionally followed by a ProcessWindowFunction on the reduced value. */
  reduce<R = T>(
    reduceFunction: ReduceFunction<T>,
    windowFunction?: ProcessWindowFunctionArg<T, R, unknown, W>,
    where = 'reduce()',
  ): OperatorFactory<WindowOperator<T, unknown, R, W>> {
    toReduce(reduceFunction, where); // fail at graph-building time, not in the job
    const pwf = windowFunction === undefined ? undefined : checkProcess(windowFunction, where);
    return () => {
      const reduce = toReduce(copyUserFunction(reduceFunction), where);
      const inner = (pwf ? processSingle(copyUserFunction(pwf)) : emitValue<T>()) as InternalWindowFunction<
        T,
        R,
        unknown,
        W
      >;
      if (this.settings.evictor) return this.evicting(foldReduce(reduce, inner));
      return this.operator(new ReducingStateDescriptor<T>(CONTENTS, reduce), inner);
    };
  }

  /** Incremental aggregation, optionally followed by a ProcessWindowFunction on the result. */
  aggregate<ACC, V, R = V>(
    aggregateFunction: AggregateFunction<T, ACC, V>,
    windowFunction?: ProcessWindowFunctionArg<V, R, unknown, W>,
    where = 'aggregate()',
  ): OperatorFactory<WindowOperator<T, unknown, R, W>> {
    checkAggregate(aggregateFunction, where);
    const pwf = windowFunction === undefined ? undefined : checkProcess(windowFunction, where);
    return () => {
      const agg = copyUserFunction(aggregateFunction);
      const inner = (pwf ? processSingle(copyUserFunction(pwf)) : emitValue<V>()) as InternalWindowFunction<
        V,
        R,
        unknown,
        W
      >;
      if (this.settings.evictor) return this.evicting(foldAggregate(agg, inner));
      return this.operator(new AggregatingStateDescriptor<T, ACC, V>(CONTENTS, agg), inner);
    };
  }

  /** A ProcessWindowFunction over all elements of the window. */
  process<R>(
    windowFunction: ProcessWindowFunctionArg<T, R, unknown, W>,
    where = 'process()',
  ): OperatorFactory<WindowOperator<T, unknown, R, W>> {
    const fn = checkProcess(windowFunction, where);
    return () => this.allElements(processIterable(copyUserFunction(fn)));
  }

  /** A WindowFunction (`apply`) over all elements of the window. */
  apply<R>(
    windowFunction: WindowFunction<T, R, unknown, W>,
    where = 'apply()',
  ): OperatorFactory<WindowOperator<T, unknown, R, W>> {
    applyIterable(windowFunction, where);
    return () => this.allElements(applyIterable(copyUserFunction(windowFunction), where));
  }

  private allElements<R>(
    fn: InternalWindowFunction<Iterable<T>, R, unknown, W>,
  ): WindowOperator<T, unknown, R, W> {
    if (this.settings.evictor) return this.evicting(fn);
    return this.operator(
      new ListStateDescriptor<T>(CONTENTS),
      fn as InternalWindowFunction<unknown, R, unknown, W>,
    );
  }

  private operator<R>(
    stateDescriptor: StateDescriptor,
    fn: InternalWindowFunction<any, R, unknown, W>,
  ): WindowOperator<T, unknown, R, W> {
    const s = this.settings;
    return new WindowOperator<T, unknown, R, W>({
      assigner: s.assigner,
      trigger: s.trigger,
      stateDescriptor,
      windowFunction: fn,
      allowedLateness: s.allowedLateness,
      lateDataOutputTag: s.lateDataOutputTag,
    });
  }

  private evicting<R>(
    fn: InternalWindowFunction<Iterable<T>, R, unknown, W>,
  ): WindowOperator<T, unknown, R, W> {
    const s = this.settings;
    const op = new EvictingWindowOperator<T, R, W>(
      {
        assigner: s.assigner,
        trigger: s.trigger,
        stateDescriptor: new ListStateDescriptor<[T, number]>(CONTENTS),
        windowFunction: fn,
        allowedLateness: s.allowedLateness,
        lateDataOutputTag: s.lateDataOutputTag,
      },
      s.evictor!,
    );
    return op as unknown as WindowOperator<T, unknown, R, W>;
  }
}

/**
 * Accepts a ProcessWindowFunction instance, an object with `process`, or a plain function
 * `(key, context, elements, out) => void`; a class passed without `new` gets a precise hint.
 */
function checkProcess<IN, OUT, W>(
  fn: ProcessWindowFunctionArg<IN, OUT, unknown, W>,
  where: string,
): ProcessWindowFunctionLike<IN, OUT, unknown, W> {
  if (typeof fn === 'function') {
    if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) {
      throw new TypeError(
        `${where}: got the class ${fn.name}; pass an instance, e.g. process(new ${fn.name}())`,
      );
    }
    return { process: fn };
  }
  if (!fn || typeof fn.process !== 'function') {
    throw new TypeError(
      `${where}: expected a ProcessWindowFunction (a class with process(key, context, elements, out))`,
    );
  }
  return fn;
}
