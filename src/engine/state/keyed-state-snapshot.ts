import type { HeapKeyedStateBackend } from './heap-keyed-state-backend.ts';
import { assignToKeyGroup } from './key-groups.ts';
import type { Namespace } from './keyed-state-backend.ts';
import { StateTable, toStateKey, type StateKind } from './state-table.ts';

/** One state entry: the key, the namespace and the stored value (map states as [key, value] pairs). */
export type KeyedStateEntry = [key: unknown, namespace: Namespace, value: unknown];

/**
 * Keyed state of one subtask as plain data (structured-clone-able: safe to post to a worker or store
 * in IndexedDB), grouped by key group so it can be restored into any parallelism (rescaling).
 * With TTL, stored values (list elements, map values) are `{ v, ts }` with ts the last access time.
 */
export interface KeyedStateSnapshot {
  /** Number of key groups the snapshot was taken with; restoring needs the same. */
  maxParallelism: number;
  /** Per state name: its kind and whether values carry TTL timestamps. */
  states: Record<string, { kind: StateKind; ttl: boolean }>;
  /** Key group → state name → entries. */
  keyGroups: Record<number, Record<string, KeyedStateEntry[]>>;
}

function deepCopy<T>(value: T, stateName: () => string): T {
  try {
    return structuredClone(value);
  } catch (e) {
    throw new Error(
      `Keyed state "${stateName()}" holds a value that cannot be copied into a snapshot (${(e as Error).message}); ` +
        'keep state values plain data: numbers, strings, arrays, plain objects, Maps, Sets, Dates, typed arrays',
      { cause: e },
    );
  }
}

/** Not a plain primitive: copied (objects) or refused with a clear error (functions, symbols). */
const isObject = (x: unknown): boolean =>
  (typeof x === 'object' && x !== null) || typeof x === 'function' || typeof x === 'symbol';

/** True when an entry's key or value (or a map state's pairs) is an object. */
function holdsObjects(entries: KeyedStateEntry[]): boolean {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (isObject(e[0]) || isObject(e[2])) return true;
  }
  return false;
}

/** Builds a deep copy of the backend's state grouped by key group (see HeapKeyedStateBackend.snapshot). */
export function snapshotKeyedState(
  backend: HeapKeyedStateBackend,
  includeGroup?: (keyGroup: number) => boolean,
): KeyedStateSnapshot {
  const states: KeyedStateSnapshot['states'] = {};
  const keyGroups: KeyedStateSnapshot['keyGroups'] = {};
  // Key groups of state keys, kept by the backend across snapshots: a Map lookup (the string's hash is
  // cached by the engine) instead of hashing every key again for every incremental checkpoint.
  const groupOf = backend.keyGroupCache;
  let entries = 0;
  for (const table of backend.tables.values()) {
    states[table.name] = { kind: table.kind, ttl: table.ttl };
    for (const [namespace, map] of table.namespaces) {
      for (const [stateKey, stored] of map) {
        const key = backend.keyOf(stateKey);
        entries++;
        let group = groupOf.get(stateKey);
        if (group === undefined) {
          group = assignToKeyGroup(key, backend.maxParallelism);
          groupOf.set(stateKey, group);
        }
        if (includeGroup !== undefined && !includeGroup(group)) continue;
        const byName = (keyGroups[group] ??= {});
        const value = table.kind === 'map' ? Array.from(stored as Map<unknown, unknown>) : stored;
        (byName[table.name] ??= []).push([key, namespace, value]);
      }
    }
  }
  // Keys that left the state would pile up in the cache: start over when it is much larger than the state.
  if (groupOf.size > 2 * entries + 1024) groupOf.clear();
  // Entries are fresh arrays already; only object keys or values need a deep copy (state may change
  // after the snapshot), and most states (counts, sums, strings) hold none.
  for (const byName of Object.values(keyGroups)) {
    for (const name of Object.keys(byName)) {
      if (holdsObjects(byName[name])) byName[name] = deepCopy(byName[name], () => name);
    }
  }
  return { maxParallelism: backend.maxParallelism, states, keyGroups };
}

/** Loads the key groups of `snapshots` that fall in the backend's range (see HeapKeyedStateBackend.restore). */
export function restoreKeyedState(
  backend: HeapKeyedStateBackend,
  snapshots: readonly KeyedStateSnapshot[],
): void {
  const { start, end } = backend.keyGroupRange;
  for (const snapshot of snapshots) {
    if (snapshot.maxParallelism !== backend.maxParallelism) {
      throw new Error(
        `${backend.operatorName}: cannot restore keyed state taken with max parallelism ${snapshot.maxParallelism} ` +
          `into max parallelism ${backend.maxParallelism}; as in Flink, the max parallelism (number of key ` +
          'groups) must stay the same across restores',
      );
    }
    for (const [groupText, byName] of Object.entries(snapshot.keyGroups)) {
      const group = Number(groupText);
      if (group < start || group > end) continue;
      for (const [name, entries] of Object.entries(byName)) {
        const meta = snapshot.states[name];
        let table = backend.tables.get(name);
        if (table === undefined) {
          table = new StateTable(name, meta.kind, meta.ttl);
          backend.tables.set(name, table);
        } else if (table.kind !== meta.kind || table.ttl !== meta.ttl) {
          throw new Error(
            `${backend.operatorName}: restored state "${name}" (${meta.kind}${meta.ttl ? ' with TTL' : ''}) does not ` +
              `match the registered ${table.kind} state; restore state before the operator opens`,
          );
        }
        for (const [key, namespace, value] of deepCopy(entries, () => name)) {
          const stateKey = toStateKey(key);
          if (typeof key === 'object' && key !== null) backend.compositeKeys.set(stateKey as string, key);
          const map = table.namespaces.get(namespace) ?? table.create(namespace);
          map.set(stateKey, meta.kind === 'map' ? new Map(value as [unknown, unknown][]) : value);
        }
      }
    }
  }
}
