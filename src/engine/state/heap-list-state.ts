import { HeapState } from './heap-state.ts';
import type { ListState } from './state.ts';
import type { TtlValue } from './state-table.ts';

const EMPTY: readonly never[] = Object.freeze([]);

function nullElement(name: string): Error {
  return new TypeError(
    `ListState "${name}": null and undefined cannot be added to a list state (as in Flink)`,
  );
}

/**
 * ListState on the heap: stores an array per (key, namespace). `get()` returns the stored array
 * itself (do not mutate it; use add/update). With TTL each element expires on its own, as in Flink.
 *
 * @example const seen = backend.getPartitionedState<ListState<string>>(VOID_NAMESPACE, new ListStateDescriptor('seen'));
 */
export class HeapListState<T> extends HeapState implements ListState<T> {
  get(): Iterable<T> {
    if (this.ttl === null) return (this.getRaw() as T[] | undefined) ?? EMPTY;
    const live = this.readLive();
    return live === undefined ? EMPTY : live.map((w) => w.v);
  }

  add(value: T): void {
    if (value === null || value === undefined) throw nullElement(this.table.name);
    const stored = this.getRaw() as unknown[] | undefined;
    const element = this.ttl === null ? value : { v: value, ts: this.ctx.now() };
    if (stored === undefined) this.setRaw([element]);
    else stored.push(element);
  }

  addAll(values: T[]): void {
    for (const v of values) this.add(v);
  }

  update(values: T[]): void {
    if (values === null || values === undefined || values.length === 0) return this.deleteRaw();
    for (const v of values) if (v === null || v === undefined) throw nullElement(this.table.name);
    if (this.ttl === null) this.setRaw(values.slice());
    else {
      const now = this.ctx.now();
      this.setRaw(values.map((v) => ({ v, ts: now })));
    }
  }

  /** Live (unexpired) wrapped elements; drops expired ones and refreshes on read if configured. */
  private readLive(): TtlValue<T>[] | undefined {
    const stored = this.getRaw() as TtlValue<T>[] | undefined;
    if (stored === undefined) return undefined;
    const now = this.ctx.now();
    const live = stored.filter((w) => !this.isExpired(w, now));
    const visible = this.ttl!.returnExpired ? stored : live;
    if (live.length === 0) this.deleteRaw();
    else if (live.length !== stored.length) this.setRaw(live);
    if (this.ttl!.updateOnRead) for (const w of live) w.ts = now;
    return visible.length === 0 ? undefined : visible;
  }

  protected override liveStored(stored: unknown): unknown {
    if (stored === undefined || this.ttl === null) return stored;
    const now = this.ctx.now();
    const live = (stored as TtlValue[]).filter((w) => !this.isExpired(w, now));
    return live.length === 0 ? undefined : live;
  }

  protected override combineStored(a: unknown, b: unknown): unknown {
    return (a as unknown[]).concat(b as unknown[]);
  }
}
