import type { StateDescriptor } from './descriptors.ts';
import type { State } from './state.ts';

/**
 * A state namespace as a primitive, so it can key a Map without allocation.
 * Keyed functions use VOID_NAMESPACE; window operators use one primitive id per window.
 */
export type Namespace = string | number;
export const VOID_NAMESPACE: Namespace = '';

/** Default number of key groups (Flink's default max parallelism for small jobs). */
export const DEFAULT_MAX_PARALLELISM = 128;

/**
 * Where keyed state lives while a subtask runs, partitioned by key group so later work can
 * snapshot, restore and rescale it. All access is relative to the current key set by the runtime.
 */
export interface KeyedStateBackend {
  readonly maxParallelism: number;
  /** Key groups owned by this subtask: [start, end] inclusive (Flink's KeyGroupRange). */
  readonly keyGroupRange: { start: number; end: number };
  setCurrentKey(key: unknown): void;
  /**
   * Fast path of setCurrentKey for callers that already computed the key's group (the runtime does,
   * to route the record; timers store it).
   */
  setCurrentKeyWithGroup(key: unknown, keyGroup: number): void;
  getCurrentKey(): unknown;
  /** The key group of the current key (computed once per setCurrentKey). */
  getCurrentKeyGroup(): number;
  /**
   * A state handle bound to the current key and to `namespace`. Handles are cached per
   * (descriptor name, namespace) kind, so calling this per record is cheap. Asking for the same
   * name with a different kind of descriptor throws, naming the state.
   */
  getPartitionedState<S extends State>(namespace: Namespace, descriptor: StateDescriptor): S;
  /**
   * Merges the state of `sources` namespaces into `target` for the current key (session window
   * merging): list states concatenate, reducing/aggregating states combine; sources are cleared.
   */
  mergeNamespaces(target: Namespace, sources: Namespace[], descriptor: StateDescriptor): void;
  /** Calls fn for every key that has state under the given descriptor name and namespace. */
  forEachKey(stateName: string, namespace: Namespace, fn: (key: unknown) => void): void;
  /** Number of keys with any state (for metrics and tests). */
  numKeys(): number;
}
