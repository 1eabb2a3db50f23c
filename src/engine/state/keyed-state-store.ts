import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from './descriptors.ts';
import { VOID_NAMESPACE, type KeyedStateBackend, type Namespace } from './keyed-state-backend.ts';
import type {
  AggregatingState,
  KeyedStateStore,
  ListState,
  MapState,
  ReducingState,
  State,
  ValueState,
} from './state.ts';

/**
 * Binds a keyed state backend and a namespace into the user-facing store: VOID_NAMESPACE for
 * RuntimeContext (getRuntimeContext().getState(...)), a window's namespace for
 * ProcessWindowFunction's windowState(). With no backend (a non-keyed operator) every getter throws,
 * telling the user to keyBy first.
 *
 * @example
 * const store = new BackendKeyedStateStore(backend, 'Count per user');
 * const count = store.getState(new ValueStateDescriptor<number>('count', 0));
 */
export class BackendKeyedStateStore implements KeyedStateStore {
  constructor(
    private readonly backend: KeyedStateBackend | null,
    private readonly operatorName: string,
    private readonly namespace: Namespace = VOID_NAMESPACE,
  ) {}

  private get<S extends State>(
    descriptor: StateDescriptor,
    kind: StateDescriptor['kind'],
    getter: string,
  ): S {
    if (this.backend === null) {
      throw new Error(
        `Operator "${this.operatorName}": ${getter}("${descriptor?.name}") needs keyed state, which exists only on ` +
          'a keyed stream: use keyBy(...) before this operator, e.g. stream.keyBy((e) => e.id).process(...)',
      );
    }
    if (descriptor?.kind !== kind) {
      throw new TypeError(
        `Operator "${this.operatorName}": ${getter}() needs a ${kind} state descriptor, got ` +
          `${descriptor?.kind ?? String(descriptor)} ("${descriptor?.name}")`,
      );
    }
    return this.backend.getPartitionedState<S>(this.namespace, descriptor);
  }

  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T> {
    return this.get(descriptor, 'value', 'getState');
  }

  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    return this.get(descriptor, 'list', 'getListState');
  }

  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.get(descriptor, 'map', 'getMapState');
  }

  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.get(descriptor, 'reducing', 'getReducingState');
  }

  getAggregatingState<IN, ACC, OUT>(
    descriptor: AggregatingStateDescriptor<IN, ACC, OUT>,
  ): AggregatingState<IN, OUT> {
    return this.get(descriptor, 'aggregating', 'getAggregatingState');
  }
}
