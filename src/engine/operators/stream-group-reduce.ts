import { toReduce, type ReduceFunction } from '../api/functions/reduce-aggregate.ts';
import { copyUserFunction } from '../api/functions/user-function.ts';
import { copyRecord } from '../state/copy-record.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import { VOID_NAMESPACE } from '../state/keyed-state-backend.ts';
import type { ValueState } from '../state/state.ts';
import type { OneInputStreamOperator } from '../runtime/operator.ts';
import type { InternalTimer, InternalTimerService, Triggerable } from '../time/timer-service.ts';
import { MAX_WATERMARK } from '../time/watermark.ts';
import { AbstractUdfStreamOperator } from './abstract-stream-operator.ts';

/**
 * Rolling reduce per key (Flink's StreamGroupedReduceOperator): emits the running result after every
 * record, at that record's timestamp. In BATCH mode (`emitFinalOnly`), emits only the final result
 * per key when input ends (Flink's BatchGroupedReduceOperator). With `copyState`, the state keeps a
 * copy of what is emitted: a reduce function that mutates and returns its first argument (the state)
 * would otherwise change records already emitted (built-in aggregations never mutate: no copy).
 *
 * @example const factory = () => new StreamGroupedReduce((a: number, b: number) => a + b, false);
 */
export class StreamGroupedReduce<T>
  extends AbstractUdfStreamOperator<T, ReduceFunction<T>>
  implements OneInputStreamOperator<T, T>, Triggerable
{
  private readonly reduce: (a: T, b: T) => T;
  private values!: ValueState<T>;
  private timestamps!: ValueState<number>;
  private timers: InternalTimerService | null = null;
  constructor(
    fn: ReduceFunction<T>,
    private readonly emitFinalOnly: boolean,
    private readonly copyState = true,
  ) {
    const copy = copyUserFunction(fn);
    super(copy);
    this.reduce = toReduce(copy, 'reduce()');
  }
  override open(): void {
    super.open();
    const backend = this.getKeyedStateBackend();
    this.values = backend.getPartitionedState(VOID_NAMESPACE, new ValueStateDescriptor<T>('_op_state'));
    if (this.emitFinalOnly) {
      this.timestamps = backend.getPartitionedState(
        VOID_NAMESPACE,
        new ValueStateDescriptor<number>('_op_ts'),
      );
      this.timers = this.getInternalTimerService('_batch_reduce', this);
    }
  }
  processElement(value: T, timestamp: number): void {
    const current = this.values.value();
    let result = value;
    if (current !== null) {
      try {
        result = this.reduce(current, value);
      } catch (e) {
        throw this.fail('reduce()', e, { value });
      }
    }
    this.values.update(this.copyState && this.timers === null ? copyRecord(result) : result);
    if (this.timers === null) this.output.collect(result, timestamp);
    else {
      this.timestamps.update(timestamp);
      this.timers.registerEventTimeTimer(VOID_NAMESPACE, MAX_WATERMARK);
    }
  }
  onEventTime(_timer: InternalTimer): void {
    this.output.collect(this.values.value()!, this.timestamps.value() ?? Number.NaN);
  }
  onProcessingTime(): void {}
}
