import type { StateDescriptor, StateTtlConfig } from './descriptors.ts';
import type { Namespace } from './keyed-state-backend.ts';
import type { State } from './state.ts';
import type { StateContext, StateKey, StateTable, TtlValue } from './state-table.ts';

/** TTL settings resolved once per handle, so hot paths test one field. */
export interface TtlSettings {
  readonly ttlMs: number;
  readonly updateOnRead: boolean;
  readonly returnExpired: boolean;
}

/**
 * Resolves a descriptor's StateTtlConfig with Flink's defaults (OnCreateAndWrite, NeverReturnExpired).
 *
 * @example ttlSettings({ ttlMs: 60_000 }) // { ttlMs: 60000, updateOnRead: false, returnExpired: false }
 */
export function ttlSettings(config: StateTtlConfig | null): TtlSettings | null {
  if (config === null) return null;
  return {
    ttlMs: config.ttlMs,
    updateOnRead: config.updateType === 'OnReadAndWrite',
    returnExpired: config.stateVisibility === 'ReturnExpiredIfNotCleanedUp',
  };
}

function noCurrentKey(name: string): Error {
  return new Error(
    `Keyed state "${name}" was used with no current key: keyed state belongs to the key of the record or ` +
      'timer being processed, so use it in processElement/onTimer (after keyBy(...)), not in open() or close()',
  );
}

/**
 * Base of the heap state handles: one handle per (state name, namespace), bound to the backend's
 * current key. It caches its namespace's Map and re-resolves it only when the table's version moves.
 */
export abstract class HeapState implements State {
  private map: Map<StateKey, unknown> | undefined = undefined;
  private version = -1;
  protected readonly ttl: TtlSettings | null;

  constructor(
    protected readonly ctx: StateContext,
    readonly table: StateTable,
    readonly namespace: Namespace,
    readonly descriptor: StateDescriptor,
  ) {
    this.ttl = ttlSettings(descriptor.ttl);
  }

  protected key(): StateKey {
    if (!this.ctx.hasCurrentKey) throw noCurrentKey(this.table.name);
    return this.ctx.currentStateKey;
  }

  private readMap(): Map<StateKey, unknown> | undefined {
    if (this.version !== this.table.version) {
      this.map = this.table.namespaces.get(this.namespace);
      this.version = this.table.version;
    }
    return this.map;
  }

  /** The stored value for the current key (raw: wrapped when TTL is on), or undefined. */
  protected getRaw(): unknown {
    const k = this.key();
    const m = this.readMap();
    return m === undefined ? undefined : m.get(k);
  }

  protected setRaw(stored: unknown): void {
    this.writeMap().set(this.key(), stored);
  }

  /** This handle's namespace Map, created if missing (for read-modify-write paths). */
  protected writeMap(): Map<StateKey, unknown> {
    let m = this.readMap();
    if (m === undefined) {
      m = this.table.create(this.namespace);
      this.map = m;
      this.version = this.table.version;
    }
    return m;
  }

  protected deleteRaw(): void {
    const k = this.key();
    const m = this.readMap();
    if (m !== undefined && m.delete(k) && m.size === 0) this.table.drop(this.namespace);
  }

  clear(): void {
    this.deleteRaw();
  }

  protected isExpired(w: TtlValue, now: number): boolean {
    // Flink's TtlUtils.expired: the expiration timestamp (last access + ttl) has been reached.
    return w.ts + this.ttl!.ttlMs <= now;
  }

  /**
   * Reads a TTL-wrapped single value as Flink's AbstractTtlDecorator: an expired value is removed and
   * hidden (unless ReturnExpiredIfNotCleanedUp, which returns it once); OnReadAndWrite refreshes it.
   */
  protected readTtl(): unknown {
    const w = this.getRaw() as TtlValue | undefined;
    if (w === undefined) return undefined;
    const now = this.ctx.now();
    if (this.isExpired(w, now)) {
      this.deleteRaw();
      return this.ttl!.returnExpired ? w.v : undefined;
    }
    if (this.ttl!.updateOnRead) w.ts = now;
    return w.v;
  }

  protected writeTtl(value: unknown): void {
    this.setRaw({ v: value, ts: this.ctx.now() });
  }

  /** The live stored value of another namespace for the current key, removed from it (for merging). */
  protected takeFrom(source: Namespace): unknown {
    const k = this.key();
    const m = this.table.namespaces.get(source);
    if (m === undefined) return undefined;
    const stored = m.get(k);
    if (stored !== undefined && m.delete(k) && m.size === 0) this.table.drop(source);
    return stored;
  }

  /**
   * Merges the current key's state of `sources` into this handle's namespace, as Flink's
   * AbstractHeapMergingState: sources are combined in order, then folded into the target's value.
   */
  mergeNamespaces(sources: readonly Namespace[]): void {
    let merged: unknown = undefined;
    for (const source of sources) {
      const stored = this.liveStored(this.takeFrom(source));
      if (stored === undefined) continue;
      merged = merged === undefined ? stored : this.combineStored(merged, stored);
    }
    if (merged === undefined) return;
    const target = this.liveStored(this.getRaw());
    this.setRaw(target === undefined ? merged : this.combineStored(target, merged));
  }

  /** The stored value with expired TTL parts removed (undefined if nothing is left). */
  protected liveStored(stored: unknown): unknown {
    if (stored === undefined || this.ttl === null) return stored;
    return this.isExpired(stored as TtlValue, this.ctx.now()) ? undefined : stored;
  }

  /** Combines two stored values of the same key (merging states override this). */
  protected combineStored(_a: unknown, _b: unknown): unknown {
    throw new Error(
      `State "${this.table.name}" is a ${this.table.kind} state, which cannot merge namespaces: only list, ` +
        'reducing and aggregating states can (use one of those for merging windows such as session windows)',
    );
  }
}
