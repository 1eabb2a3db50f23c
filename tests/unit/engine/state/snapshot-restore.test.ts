import { describe, expect, it } from 'vitest';
import {
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from '../../../../src/engine/state/descriptors.ts';
import { HeapKeyedStateBackend } from '../../../../src/engine/state/heap-keyed-state-backend.ts';
import {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
} from '../../../../src/engine/state/key-groups.ts';
import { VOID_NAMESPACE } from '../../../../src/engine/state/keyed-state-backend.ts';
import type { ListState, MapState, ReducingState, ValueState } from '../../../../src/engine/state/state.ts';
import { InternalTimerServiceImpl } from '../../../../src/engine/time/internal-timer-service.ts';
import { ManualProcessingTimeService } from '../../../../src/engine/time/processing-time.ts';
import type { InternalTimer, Triggerable } from '../../../../src/engine/time/timer-service.ts';

// Rescaling as in Flink: state is snapshotted per key group, and a subtask restores exactly the key
// groups of its new range (computeKeyGroupRangeForOperatorIndex), so every key ends up in the subtask
// that keyBy routes it to (assignKeyToParallelOperator; both checked against Java in key-groups.test.ts).

const MAX = 128;
const KEYS: unknown[] = [
  ...Array.from({ length: 40 }, (_, i) => i),
  'alice',
  'bob',
  ['t', 1],
  { user: 'u', id: 2 },
];
const value = new ValueStateDescriptor<number>('value');
const list = new ListStateDescriptor<string>('list');
const map = new MapStateDescriptor<string, number>('map');
const windowSum = new ReducingStateDescriptor<number>('windowSum', (a, b) => a + b);

class Fired implements Triggerable {
  keys: string[] = [];
  onEventTime(t: InternalTimer): void {
    this.keys.push(`${JSON.stringify(t.key)}@${t.timestamp}`);
  }
  onProcessingTime(t: InternalTimer): void {
    this.keys.push(`proc ${JSON.stringify(t.key)}@${t.timestamp}`);
  }
}

function subtask(parallelism: number, index: number) {
  const clock = new ManualProcessingTimeService(0);
  const backend = new HeapKeyedStateBackend({
    maxParallelism: MAX,
    keyGroupRange: computeKeyGroupRangeForOperatorIndex(MAX, parallelism, index),
    processingTimeService: clock,
  });
  const fired = new Fired();
  const timers = new InternalTimerServiceImpl('t', backend, clock, fired);
  return { clock, backend, timers, fired };
}

/** Writes known state and timers for every key routed to this subtask. */
function fill(s: ReturnType<typeof subtask>, parallelism: number, index: number): void {
  for (const [i, key] of KEYS.entries()) {
    if (assignKeyToParallelOperator(key, MAX, parallelism) !== index) continue;
    s.backend.setCurrentKey(key);
    s.backend.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, value).update(i * 10);
    s.backend.getPartitionedState<ListState<string>>(VOID_NAMESPACE, list).addAll([`a${i}`, `b${i}`]);
    s.backend.getPartitionedState<MapState<string, number>>(VOID_NAMESPACE, map).put('i', i);
    s.backend.getPartitionedState<ReducingState<number>>(999, windowSum).add(i);
    s.timers.registerEventTimeTimer(999, 1000 + i);
    s.timers.registerProcessingTimeTimer(VOID_NAMESPACE, 5000 + i);
  }
}

/** Reads back, per key this subtask holds, what fill() wrote. */
function readAll(s: ReturnType<typeof subtask>): string[] {
  const out: string[] = [];
  s.backend.forEachKey('value', VOID_NAMESPACE, (key) => {
    s.backend.setCurrentKey(key);
    const v = s.backend.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, value).value();
    const l = [...s.backend.getPartitionedState<ListState<string>>(VOID_NAMESPACE, list).get()];
    const m = s.backend.getPartitionedState<MapState<string, number>>(VOID_NAMESPACE, map).get('i');
    const w = s.backend.getPartitionedState<ReducingState<number>>(999, windowSum).get();
    out.push(`${JSON.stringify(key)} v=${v} l=${l.join('+')} m=${m} w=${w}`);
  });
  return out.sort();
}

function expected(parallelism: number, index: number): string[] {
  return KEYS.flatMap((key, i) =>
    assignKeyToParallelOperator(key, MAX, parallelism) === index
      ? [`${JSON.stringify(key)} v=${i * 10} l=a${i}+b${i} m=${i} w=${i}`]
      : [],
  ).sort();
}

function oldJob() {
  const subtasks = [subtask(2, 0), subtask(2, 1)];
  subtasks.forEach((s, i) => fill(s, 2, i));
  return subtasks;
}

describe('snapshot and restore by key group', () => {
  it('round-trips state and timers through a structured clone', () => {
    const [s0, s1] = oldJob();
    expect(readAll(s0)).toEqual(expected(2, 0));
    const snap = structuredClone(s0.backend.snapshot());
    const timerSnap = structuredClone(s0.timers.snapshot());
    // Later writes must not leak into the snapshot taken before them.
    s0.backend.setCurrentKey(KEYS.find((k) => assignKeyToParallelOperator(k, MAX, 2) === 0));
    s0.backend.getPartitionedState<ListState<string>>(VOID_NAMESPACE, list).add('late');
    const r = subtask(2, 0);
    r.backend.restore([snap, s1.backend.snapshot()]); // only key groups in [0, 63] are kept
    r.timers.restore([timerSnap]);
    expect(readAll(r)).toEqual(expected(2, 0));
    expect(r.timers.numEventTimeTimers()).toBe(s0.timers.numEventTimeTimers());
    expect(r.timers.numProcessingTimeTimers()).toBe(s0.timers.numProcessingTimeTimers());
  });

  it('rescales 2 → 1: the single subtask holds every key', () => {
    const old = oldJob();
    const r = subtask(1, 0);
    r.backend.restore(old.map((s) => s.backend.snapshot()));
    r.timers.restore(old.map((s) => s.timers.snapshot()));
    expect(readAll(r)).toEqual(expected(1, 0));
    expect(readAll(r)).toHaveLength(KEYS.length);
    r.timers.advanceWatermark(1000 + 2);
    // Keys 0, 1, 2 have timers at 1000, 1001, 1002 (timestamp order).
    expect(r.fired.keys).toEqual(['0@1000', '1@1001', '2@1002']);
    r.clock.advanceTo(5001);
    expect(r.fired.keys.slice(3)).toEqual(['proc 0@5000', 'proc 1@5001']);
  });

  it('rescales 2 → 3: each new subtask holds exactly the keys keyBy routes to it', () => {
    const old = oldJob();
    const snaps = old.map((s) => s.backend.snapshot());
    const timerSnaps = old.map((s) => s.timers.snapshot());
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const r = subtask(3, i);
      r.backend.restore(snaps);
      r.timers.restore(timerSnaps);
      expect(readAll(r)).toEqual(expected(3, i));
      total += readAll(r).length;
      r.timers.advanceWatermark(Number.POSITIVE_INFINITY);
      const timerKeys = r.fired.keys.map((k) => k.slice(0, k.lastIndexOf('@'))).sort();
      expect(timerKeys).toEqual(
        KEYS.filter((k) => assignKeyToParallelOperator(k, MAX, 3) === i)
          .map((k) => JSON.stringify(k))
          .sort(),
      );
    }
    expect(total).toBe(KEYS.length);
  });

  it('keeps TTL timestamps and refuses a different max parallelism', () => {
    const clock = new ManualProcessingTimeService(100);
    const d = new ValueStateDescriptor<number>('ttl').enableTimeToLive({ ttlMs: 50 });
    const b = new HeapKeyedStateBackend({ processingTimeService: clock });
    b.setCurrentKey('k');
    b.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, d).update(1); // expires at 150
    const snap = b.snapshot();
    expect(snap.keyGroups[assignToKeyGroup('k', 128)].ttl).toEqual([['k', '', { v: 1, ts: 100 }]]);
    const r = new HeapKeyedStateBackend({ processingTimeService: clock });
    r.restore([snap]);
    r.setCurrentKey('k');
    clock.advanceTo(149);
    expect(r.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, d).value()).toBe(1);
    clock.advanceTo(150);
    expect(r.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, d).value()).toBeNull();
    expect(() => new HeapKeyedStateBackend({ maxParallelism: 64 }).restore([snap])).toThrow(
      /taken with max parallelism 128 into max parallelism 64/,
    );
  });

  it('names the state whose value cannot be copied', () => {
    const b = new HeapKeyedStateBackend();
    b.setCurrentKey('k');
    b.getPartitionedState<ValueState<unknown>>(VOID_NAMESPACE, new ValueStateDescriptor('fn')).update(
      () => 1,
    );
    expect(() => b.snapshot()).toThrow(/Keyed state "fn" holds a value that cannot be copied/);
  });
});
