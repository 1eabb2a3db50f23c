import { describe, expect, it } from 'vitest';
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
  type StateTtlConfig,
} from '../../../../src/engine/state/descriptors.ts';
import { HeapKeyedStateBackend } from '../../../../src/engine/state/heap-keyed-state-backend.ts';
import { VOID_NAMESPACE } from '../../../../src/engine/state/keyed-state-backend.ts';
import type {
  AggregatingState,
  ListState,
  MapState,
  ReducingState,
  ValueState,
} from '../../../../src/engine/state/state.ts';
import { ManualProcessingTimeService } from '../../../../src/engine/time/processing-time.ts';

// Flink's state TTL (StateTtlConfig, processing time): an entry written at t expires once the clock
// reaches t + ttl (TtlUtils.expired: lastAccess + ttl <= now). OnCreateAndWrite refreshes on writes only,
// OnReadAndWrite also on reads; NeverReturnExpired hides expired entries, ReturnExpiredIfNotCleanedUp
// returns one once and cleans it up. Expected values are hand computations on the manual clock.

function setup() {
  const clock = new ManualProcessingTimeService(1000);
  const backend = new HeapKeyedStateBackend({ processingTimeService: clock });
  backend.setCurrentKey('k');
  return { clock, backend };
}
const ttl = (cfg: Partial<StateTtlConfig> = {}): StateTtlConfig => ({ ttlMs: 100, ...cfg });

describe('state TTL', () => {
  it('hides a value once last write + ttl is reached (OnCreateAndWrite, NeverReturnExpired)', () => {
    const { clock, backend } = setup();
    const v = backend.getPartitionedState<ValueState<number>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor<number>('v').enableTimeToLive(ttl()),
    );
    v.update(1); // written at 1000, expires at 1100
    clock.advanceTo(1099);
    expect(v.value()).toBe(1); // a read does not refresh under OnCreateAndWrite
    clock.advanceTo(1100);
    expect(v.value()).toBeNull();
    expect(backend.numKeys()).toBe(0); // expired entry removed on read
    v.update(2); // written at 1100
    clock.advanceTo(1150);
    v.update(3); // rewritten at 1150: expires at 1250
    clock.advanceTo(1249);
    expect(v.value()).toBe(3);
  });

  it('refreshes on read with OnReadAndWrite', () => {
    const { clock, backend } = setup();
    const v = backend.getPartitionedState<ValueState<string>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor<string>('v').enableTimeToLive(ttl({ updateType: 'OnReadAndWrite' })),
    );
    v.update('x'); // 1000
    clock.advanceTo(1090);
    expect(v.value()).toBe('x'); // read at 1090: now expires at 1190
    clock.advanceTo(1189);
    expect(v.value()).toBe('x'); // read at 1189: expires at 1289
    clock.advanceTo(1289);
    expect(v.value()).toBeNull();
  });

  it('returns an expired value once with ReturnExpiredIfNotCleanedUp', () => {
    const { clock, backend } = setup();
    const v = backend.getPartitionedState<ValueState<number>>(
      VOID_NAMESPACE,
      new ValueStateDescriptor<number>('v').enableTimeToLive(
        ttl({ stateVisibility: 'ReturnExpiredIfNotCleanedUp' }),
      ),
    );
    v.update(7);
    clock.advanceTo(2000);
    expect(v.value()).toBe(7); // not cleaned up yet: returned, and cleaned up by this read
    expect(v.value()).toBeNull();
  });

  it('expires list elements and map entries one by one', () => {
    const { clock, backend } = setup();
    const list = backend.getPartitionedState<ListState<number>>(
      VOID_NAMESPACE,
      new ListStateDescriptor<number>('l').enableTimeToLive(ttl()),
    );
    const map = backend.getPartitionedState<MapState<string, number>>(
      VOID_NAMESPACE,
      new MapStateDescriptor<string, number>('m').enableTimeToLive(ttl()),
    );
    list.add(1); // 1000 → expires 1100
    map.put('a', 1);
    clock.advanceTo(1050);
    list.add(2); // 1050 → expires 1150
    map.put('b', 2);
    clock.advanceTo(1100);
    expect([...list.get()]).toEqual([2]);
    expect([...map.entries()]).toEqual([['b', 2]]);
    expect(map.get('a')).toBeUndefined();
    expect(map.contains('b')).toBe(true);
    clock.advanceTo(1150);
    expect([...list.get()]).toEqual([]);
    expect(map.isEmpty()).toBe(true);
    expect(backend.numKeys()).toBe(0);
  });

  it('applies TTL to reducing and aggregating states', () => {
    const { clock, backend } = setup();
    const sum = backend.getPartitionedState<ReducingState<number>>(
      VOID_NAMESPACE,
      new ReducingStateDescriptor<number>('s', (a, b) => a + b).enableTimeToLive(ttl()),
    );
    const count = backend.getPartitionedState<AggregatingState<number, number>>(
      VOID_NAMESPACE,
      new AggregatingStateDescriptor('c', {
        createAccumulator: () => 0,
        add: (_v: number, acc: number) => acc + 1,
        getResult: (acc: number) => acc,
        merge: (a: number, b: number) => a + b,
      }).enableTimeToLive(ttl()),
    );
    sum.add(5);
    count.add(5);
    clock.advanceTo(1099);
    sum.add(1); // 5 + 1, rewritten at 1099
    count.add(1);
    expect(sum.get()).toBe(6);
    expect(count.get()).toBe(2);
    clock.advanceTo(1199);
    expect(sum.get()).toBeNull();
    sum.add(4); // starts afresh: the expired 6 is not folded in
    expect(sum.get()).toBe(4);
    expect(count.get()).toBeNull();
  });

  it('rejects a TTL that is not positive', () => {
    expect(() => new ListStateDescriptor('l').enableTimeToLive({ ttlMs: -5 })).toThrow(
      /State "l": ttlMs must be > 0, got -5/,
    );
  });
});
