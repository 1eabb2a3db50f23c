import type { FilterFunction, MapFunction } from '../api/functions/functions.ts';
import { copyUserFunction, toCallable } from '../api/functions/user-function.ts';
import type { OneInputStreamOperator } from '../runtime/operator.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';

/**
 * Applies a MapFunction to every record, keeping its timestamp (Flink's StreamMap).
 *
 * @example const factory = () => new StreamMap((x: number) => x * 2);
 */
export class StreamMap<IN, OUT>
  extends AbstractUdfStreamOperator<OUT, MapFunction<IN, OUT>>
  implements OneInputStreamOperator<IN, OUT>
{
  private readonly fn: (value: IN) => OUT;
  constructor(fn: MapFunction<IN, OUT>) {
    const copy = copyUserFunction(fn);
    super(copy);
    this.fn = toCallable(copy, 'map', 'map()');
  }
  processElement(value: IN, timestamp: number): void {
    let result: OUT;
    try {
      result = this.fn(value);
    } catch (e) {
      throw this.fail('map()', e, { value });
    }
    this.output.collect(result, timestamp);
  }
}

/**
 * Keeps the records for which a FilterFunction returns true (Flink's StreamFilter).
 *
 * @example const factory = () => new StreamFilter((x: number) => x > 0);
 */
export class StreamFilter<T>
  extends AbstractUdfStreamOperator<T, FilterFunction<T>>
  implements OneInputStreamOperator<T, T>
{
  private readonly fn: (value: T) => boolean;
  constructor(fn: FilterFunction<T>) {
    const copy = copyUserFunction(fn);
    super(copy);
    this.fn = toCallable(copy, 'filter', 'filter()');
  }
  processElement(value: T, timestamp: number): void {
    let keep: boolean;
    try {
      keep = this.fn(value);
    } catch (e) {
      throw this.fail('filter()', e, { value });
    }
    if (keep) this.output.collect(value, timestamp);
  }
}
