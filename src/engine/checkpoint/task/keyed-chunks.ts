import type { HeapKeyedStateBackend } from '../../state/heap-keyed-state-backend.ts';
import { assignToKeyGroup } from '../../state/key-groups.ts';
import type { KeyedStateEntry, KeyedStateSnapshot } from '../../state/keyed-state-snapshot.ts';
import type { InternalTimeServiceManager } from '../../state/timer-service-manager.ts';
import type { TimerEntry, TimerServiceSnapshot } from '../../time/internal-timer-service.ts';
import { emptyKeyGroupChunk, type KeyGroupChunk, type TimerColumns } from './task-snapshot.ts';

const notPrimitive = (x: unknown): boolean =>
  (typeof x === 'object' && x !== null) || typeof x === 'function' || typeof x === 'symbol';
const anyNotPrimitive = (xs: unknown[]): boolean => xs.some(notPrimitive);

/** A copy that later state changes cannot reach; a clear error for values that cannot be copied. */
function copyColumn<T>(values: T[], what: () => string): T[] {
  if (!anyNotPrimitive(values)) return values; // fresh array of primitives: nothing shared
  try {
    return structuredClone(values);
  } catch (e) {
    throw new Error(
      `${what()} holds a value that cannot be copied into a checkpoint (${(e as Error).message}); keep state ` +
        'values plain data: numbers, strings, arrays, plain objects, Maps, Sets, Dates, typed arrays',
      { cause: e },
    );
  }
}

const timerColumns = (): TimerColumns => ({ keys: [], namespaces: [], timestamps: [] });

/**
 * Snapshots an operator's keyed state and timers as one chunk per key group (Flink writes keyed
 * state per key group too, so a restore at another parallelism takes whole groups), in columns.
 * With `groups`, only those groups are taken and each of them is present (empty when it holds
 * nothing now).
 *
 * @example const chunks = snapshotKeyGroups(backend, timers); // { 17: { states, entries, timers } }
 */
export function snapshotKeyGroups(
  backend: HeapKeyedStateBackend,
  timers: InternalTimeServiceManager | null,
  groups?: readonly number[],
): Record<number, KeyGroupChunk> {
  const wanted = groups === undefined ? null : new Set(groups);
  const out: Record<number, KeyGroupChunk> = {};
  if (wanted !== null) for (const g of wanted) out[g] = emptyKeyGroupChunk();
  const chunk = (g: number): KeyGroupChunk => (out[g] ??= emptyKeyGroupChunk());
  // Key groups of state keys are kept across snapshots: a Map lookup instead of a hash per key.
  const groupOf = backend.keyGroupCache;
  let entries = 0;
  for (const table of backend.tables.values()) {
    const isMap = table.kind === 'map';
    for (const [namespace, map] of table.namespaces) {
      for (const [stateKey, stored] of map) {
        entries++;
        let g = groupOf.get(stateKey);
        if (g === undefined) {
          g = assignToKeyGroup(backend.keyOf(stateKey), backend.maxParallelism);
          groupOf.set(stateKey, g);
        }
        if (wanted !== null && !wanted.has(g)) continue;
        const c = chunk(g);
        let cols = c.entries[table.name];
        if (cols === undefined) {
          c.states[table.name] = { kind: table.kind, ttl: table.ttl };
          cols = c.entries[table.name] = { keys: [], namespaces: [], values: [] };
        }
        cols.keys.push(backend.keyOf(stateKey));
        cols.namespaces.push(namespace);
        cols.values.push(isMap ? Array.from(stored as Map<unknown, unknown>) : stored);
      }
    }
  }
  // Keys that left the state would pile up in the cache: start over when it is much larger.
  if (groupOf.size > 2 * entries + 1024) groupOf.clear();
  for (const c of Object.values(out)) {
    for (const [name, cols] of Object.entries(c.entries)) {
      const what = () => `${backend.operatorName}: keyed state "${name}"`;
      c.entries[name] = {
        keys: copyColumn(cols.keys, what),
        namespaces: cols.namespaces,
        values: copyColumn(cols.values, what),
      };
    }
  }
  if (timers !== null) snapshotTimers(timers, wanted, chunk);
  return out;
}

function snapshotTimers(
  timers: InternalTimeServiceManager,
  wanted: Set<number> | null,
  chunk: (g: number) => KeyGroupChunk,
): void {
  const { services, pending } = timers.allServices();
  const add = (
    service: string,
    g: number,
    eventTime: boolean,
    key: unknown,
    ns: string | number,
    ts: number,
  ) => {
    if (wanted !== null && !wanted.has(g)) return;
    const t = (chunk(g).timers[service] ??= { eventTime: timerColumns(), processingTime: timerColumns() });
    const cols = eventTime ? t.eventTime : t.processingTime;
    cols.keys.push(key);
    cols.namespaces.push(ns);
    cols.timestamps.push(ts);
  };
  for (const s of services)
    s.forEachTimer((t, ev) => add(s.name, t.keyGroup, ev, t.key, t.namespace, t.timestamp));
  for (const snap of pending) {
    for (const [g, t] of Object.entries(snap.keyGroups)) {
      for (const [k, ns, ts] of t.eventTime) add(snap.name, Number(g), true, k, ns, ts);
      for (const [k, ns, ts] of t.processingTime) add(snap.name, Number(g), false, k, ns, ts);
    }
  }
}

const toTimerEntries = (cols: TimerColumns): TimerEntry[] =>
  cols.keys.map((k, i) => [k, cols.namespaces[i], cols.timestamps[i]] as TimerEntry);

/**
 * Loads key-group chunks (those in the backend's range) into an operator's backend and timer
 * services, before the operator opens.
 *
 * @example restoreKeyGroups(backend, timers, restoreState.keyGroups);
 */
export function restoreKeyGroups(
  backend: HeapKeyedStateBackend,
  timers: InternalTimeServiceManager | null,
  chunks: Readonly<Record<number, KeyGroupChunk>>,
): void {
  const keyed: KeyedStateSnapshot = { maxParallelism: backend.maxParallelism, states: {}, keyGroups: {} };
  const byService = new Map<string, TimerServiceSnapshot>();
  for (const [groupText, c] of Object.entries(chunks)) {
    const g = Number(groupText);
    const byName: Record<string, KeyedStateEntry[]> = {};
    for (const [name, cols] of Object.entries(c.entries)) {
      byName[name] = cols.keys.map((k, i) => [k, cols.namespaces[i], cols.values[i]] as KeyedStateEntry);
    }
    if (Object.keys(byName).length > 0) keyed.keyGroups[g] = byName;
    Object.assign(keyed.states, c.states);
    for (const [name, t] of Object.entries(c.timers)) {
      let snap = byService.get(name);
      if (snap === undefined) byService.set(name, (snap = { name, keyGroups: {} }));
      snap.keyGroups[g] = {
        eventTime: toTimerEntries(t.eventTime),
        processingTime: toTimerEntries(t.processingTime),
      };
    }
  }
  backend.restore([keyed]);
  if (byService.size === 0) return;
  if (timers === null) {
    throw new Error(
      `${backend.operatorName}: the restored state has timers but the operator has no timer services`,
    );
  }
  timers.restore([...byService.values()]);
}
