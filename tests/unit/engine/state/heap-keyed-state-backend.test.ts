import { describe, expect, it } from 'vitest';
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from '../../../../src/engine/state/descriptors.ts';
import { HeapKeyedStateBackend } from '../../../../src/engine/state/heap-keyed-state-backend.ts';
import { VOID_NAMESPACE } from '../../../../src/engine/state/keyed-state-backend.ts';
import { BackendKeyedStateStore } from '../../../../src/engine/state/keyed-state-store.ts';
import type {
  AggregatingState,
  ListState,
  MapState,
  ReducingState,
  ValueState,
} from '../../../../src/engine/state/state.ts';
import type { AggregateFunction } from '../../../../src/engine/api/functions/reduce-aggregate.ts';

// Expected values are hand computations of Flink's documented state semantics.

const average: AggregateFunction<number, [number, number], number> = {
  createAccumulator: () => [0, 0],
  add: (v, acc) => [acc[0] + v, acc[1] + 1],
  getResult: (acc) => acc[0] / acc[1],
  merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
};

describe('HeapKeyedStateBackend', () => {
  it('keeps ValueState per key, with the default when unset and update(null) clearing', () => {
    const b = new HeapKeyedStateBackend();
    const count = b.getPartitionedState<ValueState<number>>(VOID_NAMESPACE, new ValueStateDescriptor('n', 0));
    for (const k of ['a', 'b', 'a', 'a']) {
      b.setCurrentKey(k);
      count.update(count.value()! + 1);
    }
    b.setCurrentKey('a');
    expect(count.value()).toBe(3);
    b.setCurrentKey('b');
    expect(count.value()).toBe(1);
    count.update(null);
    expect(count.value()).toBe(0);
    expect(b.numKeys()).toBe(1);
  });

  it('copies object default values so keys never share them', () => {
    const b = new HeapKeyedStateBackend();
    const s = b.getPartitionedState<ValueState<{ n: number }>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor('o', { n: 0 }),
    );
    b.setCurrentKey(1);
    s.value()!.n = 5;
    expect(s.value()).toEqual({ n: 0 });
  });

  it('keeps ListState, MapState, ReducingState and AggregatingState per key', () => {
    const b = new HeapKeyedStateBackend();
    const list = b.getPartitionedState<ListState<string>>(
      VOID_NAMESPACE,
      new ListStateDescriptor<string>('l'),
    );
    const map = b.getPartitionedState<MapState<string, number>>(
      VOID_NAMESPACE,
      new MapStateDescriptor<string, number>('m'),
    );
    const sum = b.getPartitionedState<ReducingState<number>>(
      VOID_NAMESPACE,
      new ReducingStateDescriptor<number>('s', (x, y) => x + y),
    );
    const avg = b.getPartitionedState<AggregatingState<number, number>>(
      VOID_NAMESPACE,
      new AggregatingStateDescriptor('avg', average),
    );
    b.setCurrentKey('k1');
    expect([...list.get()]).toEqual([]);
    expect(sum.get()).toBeNull();
    expect(avg.get()).toBeNull();
    expect(map.isEmpty()).toBe(true);
    list.add('x');
    list.addAll(['y', 'z']);
    map.put('a', 1);
    map.putAll([['b', 2]]);
    sum.add(3);
    sum.add(4);
    avg.add(1);
    avg.add(4);
    b.setCurrentKey('k2');
    list.update(['only']);
    sum.add(10);
    b.setCurrentKey('k1');
    expect([...list.get()]).toEqual(['x', 'y', 'z']);
    expect([...map.entries()]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect([...map.values()]).toEqual([1, 2]);
    expect(map.contains('b')).toBe(true);
    map.remove('a');
    expect(map.get('a')).toBeUndefined();
    expect(sum.get()).toBe(7);
    expect(avg.get()).toBe(2.5);
    b.setCurrentKey('k2');
    expect([...list.get()]).toEqual(['only']);
    expect(sum.get()).toBe(10);
    list.clear();
    expect([...list.get()]).toEqual([]);
    expect(() => list.add(null as unknown as string)).toThrow(/null and undefined cannot be added/);
  });

  it('separates namespaces and drops emptied ones', () => {
    const b = new HeapKeyedStateBackend();
    const d = new ListStateDescriptor<number>('w');
    b.setCurrentKey('k');
    b.getPartitionedState<ListState<number>>(1000, d).add(1);
    b.getPartitionedState<ListState<number>>(2000, d).add(2);
    expect([...b.getPartitionedState<ListState<number>>(1000, d).get()]).toEqual([1]);
    expect([...b.getPartitionedState<ListState<number>>(2000, d).get()]).toEqual([2]);
    b.getPartitionedState<ListState<number>>(1000, d).clear();
    expect(b.tables.get('w')!.namespaces.has(1000)).toBe(false);
    // The same handle object keeps working after its namespace map was dropped and recreated.
    const h = b.getPartitionedState<ListState<number>>(1000, d);
    h.add(5);
    h.clear();
    h.add(6);
    expect([...h.get()]).toEqual([6]);
  });

  it('merges namespaces for list, reducing and aggregating states (target ⊕ sources, sources cleared)', () => {
    const b = new HeapKeyedStateBackend();
    const l = new ListStateDescriptor<number>('l');
    const r = new ReducingStateDescriptor<number>('r', (x, y) => x + y);
    const a = new AggregatingStateDescriptor('a', average);
    b.setCurrentKey('k');
    for (const [ns, v] of [
      ['w1', 1],
      ['w2', 2],
      ['w3', 3],
    ] as const) {
      b.getPartitionedState<ListState<number>>(ns, l).add(v);
      b.getPartitionedState<ReducingState<number>>(ns, r).add(v);
      b.getPartitionedState<AggregatingState<number, number>>(ns, a).add(v);
    }
    for (const d of [l, r, a]) b.mergeNamespaces('w1', ['w2', 'w3'], d);
    expect([...b.getPartitionedState<ListState<number>>('w1', l).get()]).toEqual([1, 2, 3]);
    expect(b.getPartitionedState<ReducingState<number>>('w1', r).get()).toBe(6);
    expect(b.getPartitionedState<AggregatingState<number, number>>('w1', a).get()).toBe(2);
    expect([...b.getPartitionedState<ListState<number>>('w2', l).get()]).toEqual([]);
    expect(b.getPartitionedState<ReducingState<number>>('w3', r).get()).toBeNull();
    // Merging into an empty target moves the merged sources there.
    b.mergeNamespaces('w9', ['w1'], r);
    expect(b.getPartitionedState<ReducingState<number>>('w9', r).get()).toBe(6);
    expect(() => b.mergeNamespaces('w1', ['w2'], new ValueStateDescriptor('v'))).toThrow(
      /cannot merge namespaces/,
    );
  });

  it('stores tuple and object keys by value and gives back the original key', () => {
    const b = new HeapKeyedStateBackend();
    const v = b.getPartitionedState<ValueState<number>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor<number>('v'),
    );
    b.setCurrentKey(['a', 1]);
    v.update(1);
    b.setCurrentKey(['a', 1]);
    expect(v.value()).toBe(1);
    b.setCurrentKey({ y: 2, x: 1 });
    v.update(2);
    b.setCurrentKey({ x: 1, y: 2 });
    expect(v.value()).toBe(2);
    const keys: unknown[] = [];
    b.forEachKey('v', VOID_NAMESPACE, (k) => keys.push(k));
    expect(keys).toEqual([['a', 1], { y: 2, x: 1 }]);
  });

  it('reports misuse with messages that say what to do', () => {
    const b = new HeapKeyedStateBackend({ operatorName: 'Count' });
    const v = b.getPartitionedState<ValueState<number>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor<number>('n'),
    );
    expect(() => v.value()).toThrow(/"n" was used with no current key.*processElement/);
    expect(() => b.getPartitionedState(VOID_NAMESPACE, new ListStateDescriptor('n'))).toThrow(
      /Count: state "n" is already registered as a value state, so it cannot be used as a list state/,
    );
    const sub = new HeapKeyedStateBackend({ keyGroupRange: { start: 0, end: 63 } });
    expect(() => sub.setCurrentKey('a')).toThrow(/key a is in key group 81, outside .*\[0, 63\]/);
    const nonKeyed = new BackendKeyedStateStore(null, 'My Map');
    expect(() => nonKeyed.getState(new ValueStateDescriptor('x'))).toThrow(
      /Operator "My Map": getState\("x"\) needs keyed state.*use keyBy\(\.\.\.\) before this operator/,
    );
    expect(() => new ValueStateDescriptor('t').enableTimeToLive({ ttlMs: 0 })).toThrow(/ttlMs must be > 0/);
  });

  it('binds a namespace in the KeyedStateStore adapter', () => {
    const b = new HeapKeyedStateBackend();
    const global = new BackendKeyedStateStore(b, 'op');
    const perWindow = new BackendKeyedStateStore(b, 'op', 'window-1');
    const d = new ValueStateDescriptor<number>('x');
    b.setCurrentKey('k');
    global.getState(d).update(1);
    perWindow.getState(d).update(2);
    expect(global.getState(d).value()).toBe(1);
    expect(perWindow.getState(d).value()).toBe(2);
    expect(() => global.getListState(d as never)).toThrow(
      /getListState\(\) needs a list state descriptor, got value/,
    );
  });
});
