import type { RuntimeContext } from '../api/functions/rich-function.ts';
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from '../state/descriptors.ts';
import { VOID_NAMESPACE } from '../state/keyed-state-backend.ts';
import type {
  AggregatingState,
  ListState,
  MapState,
  ReducingState,
  State,
  ValueState,
} from '../state/state.ts';
import type { OperatorContext } from './operator.ts';

/**
 * The RuntimeContext handed to rich functions: subtask facts and keyed state (VOID namespace,
 * scoped to the current key). State getters throw on non-keyed streams, naming the operator.
 *
 * @example
 * const ctx = new StreamingRuntimeContext(operatorContext);
 * const count = ctx.getState(new ValueStateDescriptor('count', 0));
 */
export class StreamingRuntimeContext implements RuntimeContext {
  constructor(private readonly context: OperatorContext) {}
  getTaskName(): string {
    return this.context.operatorName;
  }
  getIndexOfThisSubtask(): number {
    return this.context.subtaskIndex;
  }
  getNumberOfParallelSubtasks(): number {
    return this.context.parallelism;
  }
  getMaxNumberOfParallelSubtasks(): number {
    return this.context.maxParallelism;
  }
  getAttemptNumber(): number {
    return this.context.attemptNumber;
  }
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T> {
    return this.state(descriptor);
  }
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    return this.state(descriptor);
  }
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.state(descriptor);
  }
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.state(descriptor);
  }
  getAggregatingState<IN, ACC, OUT>(
    descriptor: AggregatingStateDescriptor<IN, ACC, OUT>,
  ): AggregatingState<IN, OUT> {
    return this.state(descriptor);
  }
  private state<S extends State>(descriptor: StateDescriptor): S {
    const backend = this.context.keyedStateBackend;
    if (!backend) {
      throw new Error(
        `Operator "${this.context.operatorName}": keyed state ("${descriptor.name}") is only available on a keyed stream; ` +
          'call keyBy(...) before this operator',
      );
    }
    return backend.getPartitionedState<S>(VOID_NAMESPACE, descriptor);
  }
}
