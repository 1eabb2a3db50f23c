import type { FlatMapFunction } from '../api/functions/functions.ts';
import { copyUserFunction, toCallable } from '../api/functions/user-function.ts';
import type { OneInputStreamOperator, OperatorContext, Output } from '../runtime/operator.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';
import { TimestampedCollector } from './timestamped-collector.ts';

/**
 * Calls a FlatMapFunction per record with a collector that emits at the record's timestamp
 * (Flink's StreamFlatMap).
 *
 * @example const factory = () => new StreamFlatMap((s: string, out) => s.split(' ').forEach((w) => out.collect(w)));
 */
export class StreamFlatMap<IN, OUT>
  extends AbstractUdfStreamOperator<OUT, FlatMapFunction<IN, OUT>>
  implements OneInputStreamOperator<IN, OUT>
{
  private readonly fn: (value: IN, out: TimestampedCollector<OUT>) => void;
  private collector!: TimestampedCollector<OUT>;
  constructor(fn: FlatMapFunction<IN, OUT>) {
    const copy = copyUserFunction(fn);
    super(copy);
    this.fn = toCallable(copy, 'flatMap', 'flatMap()');
  }
  override setup(context: OperatorContext, output: Output<OUT>): void {
    super.setup(context, output);
    this.collector = new TimestampedCollector(output);
  }
  processElement(value: IN, timestamp: number): void {
    this.collector.timestamp = timestamp;
    try {
      this.fn(value, this.collector);
    } catch (e) {
      throw this.fail('flatMap()', e, { value });
    }
  }
}
