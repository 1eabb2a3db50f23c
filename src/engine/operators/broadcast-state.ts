import type { BroadcastState, ReadOnlyBroadcastState } from '../api/functions/broadcast-process-function.ts';

/**
 * Broadcast state of one subtask: a Map. Every subtask receives the same broadcast records, so all
 * copies stay equal as long as processBroadcastElement is deterministic (as Flink requires).
 *
 * @example const s = new HeapBroadcastState<string, number>('rules'); s.put('a', 1); s.readOnly().get('a');
 */
export class HeapBroadcastState<K, V> implements BroadcastState<K, V> {
  readonly map = new Map<K, V>();
  private readonly view: ReadOnlyBroadcastState<K, V>;
  constructor(readonly name: string) {
    const map = this.map;
    this.view = {
      get: (k) => map.get(k),
      contains: (k) => map.has(k),
      immutableEntries: () => map.entries(),
      entries: () => map.entries(),
      keys: () => map.keys(),
      values: () => map.values(),
      isEmpty: () => map.size === 0,
    };
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  contains(key: K): boolean {
    return this.map.has(key);
  }
  immutableEntries(): Iterable<[K, V]> {
    return this.map.entries();
  }
  entries(): Iterable<[K, V]> {
    return this.map.entries();
  }
  keys(): Iterable<K> {
    return this.map.keys();
  }
  values(): Iterable<V> {
    return this.map.values();
  }
  isEmpty(): boolean {
    return this.map.size === 0;
  }
  put(key: K, value: V): void {
    this.map.set(key, value);
  }
  putAll(entries: Map<K, V> | Iterable<[K, V]>): void {
    for (const [k, v] of entries) this.map.set(k, v);
  }
  remove(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  /** The read-only view handed to processElement. */
  readOnly(): ReadOnlyBroadcastState<K, V> {
    return this.view;
  }
}
