import type { HeapKeyedStateBackend } from '../../state/heap-keyed-state-backend.ts';
import type { KeyedStateSnapshot } from '../../state/keyed-state-snapshot.ts';
import type { InternalTimeServiceManager } from '../../state/timer-service-manager.ts';
import type { TimerServiceSnapshot } from '../../time/internal-timer-service.ts';
import { emptyKeyGroupChunk, type KeyGroupChunk } from './task-snapshot.ts';

/**
 * Snapshots an operator's keyed state and timers as one chunk per key group (Flink writes keyed
 * state per key group too, so a restore at another parallelism takes whole groups). With `groups`,
 * only those groups are taken and each of them is present (empty when it holds nothing now).
 *
 * @example const chunks = snapshotKeyGroups(backend, timers); // { 17: { states, entries, timers } }
 */
export function snapshotKeyGroups(
  backend: HeapKeyedStateBackend,
  timers: InternalTimeServiceManager | null,
  groups?: readonly number[],
): Record<number, KeyGroupChunk> {
  const wanted = groups === undefined ? undefined : new Set(groups);
  const include = wanted === undefined ? undefined : (g: number) => wanted.has(g);
  const out: Record<number, KeyGroupChunk> = {};
  if (wanted !== undefined) for (const g of wanted) out[g] = emptyKeyGroupChunk();
  const chunk = (g: number): KeyGroupChunk => (out[g] ??= emptyKeyGroupChunk());
  const keyed = backend.snapshot(include);
  for (const [groupText, byName] of Object.entries(keyed.keyGroups)) {
    const c = chunk(Number(groupText));
    for (const [name, entries] of Object.entries(byName)) {
      c.states[name] = keyed.states[name];
      c.entries[name] = entries;
    }
  }
  for (const service of timers?.snapshot(include) ?? []) {
    for (const [groupText, t] of Object.entries(service.keyGroups)) {
      if (t.eventTime.length === 0 && t.processingTime.length === 0) continue;
      chunk(Number(groupText)).timers[service.name] = t;
    }
  }
  return out;
}

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
    if (Object.keys(c.entries).length > 0) keyed.keyGroups[g] = c.entries;
    Object.assign(keyed.states, c.states);
    for (const [name, t] of Object.entries(c.timers)) {
      let snap = byService.get(name);
      if (snap === undefined) byService.set(name, (snap = { name, keyGroups: {} }));
      snap.keyGroups[g] = t;
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
