/** User-facing keyed state handles, as in Flink. Each is scoped to the current key (and namespace). */
export interface State {
  clear(): void;
}
export interface ValueState<T> extends State {
  value(): T | null;
  update(value: T | null): void;
}
export interface ListState<T> extends State {
  get(): Iterable<T>;
  add(value: T): void;
  addAll(values: T[]): void;
  update(values: T[]): void;
}
export interface MapState<K, V> extends State {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Map<K, V> | Iterable<[K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): Iterable<[K, V]>;
  keys(): Iterable<K>;
  values(): Iterable<V>;
  isEmpty(): boolean;
}
/** Appending state: `add` folds the value in; `get` returns the folded result (null when empty). */
export interface AppendingState<IN, OUT> extends State {
  get(): OUT | null;
  add(value: IN): void;
}
export type ReducingState<T> = AppendingState<T, T>;
export type AggregatingState<IN, OUT> = AppendingState<IN, OUT>;

/** Access to keyed state, as offered by RuntimeContext and by ProcessWindowFunction's windowState/globalState. */
export interface KeyedStateStore {
  getState<T>(descriptor: import('./descriptors.ts').ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: import('./descriptors.ts').ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: import('./descriptors.ts').MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: import('./descriptors.ts').ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(
    descriptor: import('./descriptors.ts').AggregatingStateDescriptor<IN, ACC, OUT>,
  ): AggregatingState<IN, OUT>;
}
