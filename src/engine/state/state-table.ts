import type { StateDescriptor } from './descriptors.ts';
import type { Namespace } from './keyed-state-backend.ts';
import { stableKeyString } from './key-hash.ts';

/**
 * The primitive form of a key used to index state Maps: primitives stand for themselves; arrays and
 * plain objects map once (per setCurrentKey) to a stable string, so equal tuples share state.
 */
export type StateKey = string | number | boolean | bigint;

/** Prefix of composite keys' string form, so a tuple ['a'] never collides with the string '["a"]'. */
const COMPOSITE = '\u0000';

/**
 * The state key of a key: itself when primitive, else a prefixed stable string.
 *
 * @example toStateKey(['a', 1]) // '\u0000["a",1]'
 */
export function toStateKey(key: unknown): StateKey {
  return typeof key === 'object' && key !== null ? COMPOSITE + stableKeyString(key) : (key as StateKey);
}

/** The five kinds of keyed state: 'value' | 'list' | 'map' | 'reducing' | 'aggregating'. */
export type StateKind = StateDescriptor['kind'];

/** A stored value with the processing time of its last write (or read, with OnReadAndWrite). */
export interface TtlValue<T = unknown> {
  v: T;
  ts: number;
}

/** What state handles need from their backend: the current key and processing time for TTL. */
export interface StateContext {
  readonly hasCurrentKey: boolean;
  readonly currentStateKey: StateKey;
  now(): number;
}

/**
 * All entries of one named state: namespace → (state key → stored value). Stored values are the
 * user value (value/reducing), the accumulator (aggregating), an array (list) or a Map (map); with
 * TTL each value, list element or map value is wrapped in a {@link TtlValue}.
 */
export class StateTable {
  readonly namespaces = new Map<Namespace, Map<StateKey, unknown>>();
  /** Bumped whenever a namespace map is added or removed, so handles re-resolve their cached map. */
  version = 0;
  /** The descriptor that defined this state (null for a restored state not yet registered). */
  descriptor: StateDescriptor | null = null;

  constructor(
    readonly name: string,
    readonly kind: StateKind,
    public ttl: boolean,
  ) {}

  create(namespace: Namespace): Map<StateKey, unknown> {
    const map = new Map<StateKey, unknown>();
    this.namespaces.set(namespace, map);
    this.version++;
    return map;
  }

  /** Drops an empty namespace so that finished windows leave nothing behind. */
  drop(namespace: Namespace): void {
    this.namespaces.delete(namespace);
    this.version++;
  }

  /** Wraps or unwraps every stored value when a restored state meets a descriptor with other TTL settings. */
  convertTtl(toTtl: boolean, now: number): void {
    if (toTtl === this.ttl) return;
    const conv = toTtl
      ? (v: unknown): unknown => ({ v, ts: now })
      : (w: unknown): unknown => (w as TtlValue).v;
    for (const map of this.namespaces.values()) {
      for (const [k, stored] of map) {
        if (this.kind === 'list') map.set(k, (stored as unknown[]).map(conv));
        else if (this.kind === 'map') {
          const m = stored as Map<unknown, unknown>;
          for (const [uk, uv] of m) m.set(uk, conv(uv));
        } else map.set(k, conv(stored));
      }
    }
    this.ttl = toTtl;
  }
}
