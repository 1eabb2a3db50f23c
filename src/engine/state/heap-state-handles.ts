import type { StateDescriptor } from './descriptors.ts';
import type { HeapState } from './heap-state.ts';
import { HeapListState } from './heap-list-state.ts';
import { HeapMapState } from './heap-map-state.ts';
import { HeapAggregatingState, HeapReducingState, HeapValueState } from './heap-value-states.ts';
import type { Namespace } from './keyed-state-backend.ts';
import type { StateContext, StateTable } from './state-table.ts';

type HandleClass = new (
  ctx: StateContext,
  table: StateTable,
  namespace: Namespace,
  descriptor: StateDescriptor,
) => HeapState;

const HANDLES: Record<StateTable['kind'], HandleClass> = {
  value: HeapValueState,
  list: HeapListState,
  map: HeapMapState,
  reducing: HeapReducingState,
  aggregating: HeapAggregatingState,
};

/**
 * A new heap state handle of the table's kind, bound to `namespace`.
 *
 * @example const h = createStateHandle(backend, table, VOID_NAMESPACE, descriptor);
 */
export function createStateHandle(
  ctx: StateContext,
  table: StateTable,
  namespace: Namespace,
  descriptor: StateDescriptor,
): HeapState {
  return new HANDLES[table.kind](ctx, table, namespace, descriptor);
}
