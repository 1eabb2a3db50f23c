import { HeapState } from './heap-state.ts';
import type { MapState } from './state.ts';
import type { TtlValue } from './state-table.ts';

const EMPTY = new Map<never, never>();

/**
 * MapState on the heap: a JS Map per (key, namespace), so user keys compare as Map keys do
 * (primitives by value, objects by identity: use primitive user keys). With TTL each entry expires
 * on its own, as in Flink.
 *
 * @example const perUser = backend.getPartitionedState<MapState<string, number>>(VOID_NAMESPACE, new MapStateDescriptor('perUser'));
 */
export class HeapMapState<K, V> extends HeapState implements MapState<K, V> {
  private stored(): Map<K, unknown> | undefined {
    return this.getRaw() as Map<K, unknown> | undefined;
  }

  private storedForWrite(): Map<K, unknown> {
    let m = this.stored();
    if (m === undefined) {
      m = new Map();
      this.setRaw(m);
    }
    return m;
  }

  /** Unwraps a TTL entry: undefined (and removed) once expired, refreshed on read if configured. */
  private live(m: Map<K, unknown>, key: K, w: TtlValue<V>, now: number): V | undefined {
    if (this.isExpired(w, now)) {
      m.delete(key);
      if (m.size === 0) this.deleteRaw();
      return this.ttl!.returnExpired ? w.v : undefined;
    }
    if (this.ttl!.updateOnRead) w.ts = now;
    return w.v;
  }

  get(key: K): V | undefined {
    const m = this.stored();
    if (m === undefined) return undefined;
    const w = m.get(key);
    if (this.ttl === null || w === undefined) return w as V | undefined;
    return this.live(m, key, w as TtlValue<V>, this.ctx.now());
  }

  put(key: K, value: V): void {
    this.storedForWrite().set(key, this.ttl === null ? value : { v: value, ts: this.ctx.now() });
  }

  putAll(entries: Map<K, V> | Iterable<[K, V]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }

  remove(key: K): void {
    const m = this.stored();
    if (m !== undefined && m.delete(key) && m.size === 0) this.deleteRaw();
  }

  contains(key: K): boolean {
    return this.get(key) !== undefined;
  }

  entries(): Iterable<[K, V]> {
    const m = this.stored();
    if (m === undefined) return EMPTY;
    if (this.ttl === null) return m as Map<K, V>;
    const now = this.ctx.now();
    const out: [K, V][] = [];
    for (const [k, w] of Array.from(m)) {
      const v = this.live(m, k, w as TtlValue<V>, now);
      if (v !== undefined) out.push([k, v]);
    }
    return out;
  }

  keys(): Iterable<K> {
    const m = this.stored();
    if (this.ttl === null) return m === undefined ? EMPTY.keys() : m.keys();
    return Array.from(this.entries(), (e) => e[0]);
  }

  values(): Iterable<V> {
    const m = this.stored();
    if (this.ttl === null) return m === undefined ? EMPTY.values() : (m.values() as Iterable<V>);
    return Array.from(this.entries(), (e) => e[1]);
  }

  isEmpty(): boolean {
    for (const _ of this.entries()) return false;
    return true;
  }
}
