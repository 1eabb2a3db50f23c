import { describe, expect, it } from 'vitest';
import { assignToKeyGroup } from '../../../../src/engine/state/key-groups.ts';
import { barrier, keyedTask, records, sentValues } from './task-helpers.ts';

// Expected values below are hand computations: CountPerKey emits [key, running count per key].
describe('StreamTask checkpointing: barrier alignment', () => {
  it('EXACTLY_ONCE blocks a channel after its barrier and snapshots the state before it', async () => {
    const { task, sent, acks } = keyedTask('EXACTLY_ONCE');
    task.open();
    task.onEvent(0, records(['a']));
    task.onEvent(0, barrier(1));
    task.onEvent(0, records(['a', 'b'])); // after the barrier: buffered until alignment ends
    task.onEvent(1, records(['a']));
    task.flush();
    expect(sentValues(sent)).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
    task.onEvent(1, barrier(1));
    task.flush();
    expect(sentValues(sent)).toEqual([['a', 1], ['a', 2], 'B1', ['a', 3], ['b', 1]]);
    expect(acks).toHaveLength(1);
    await acks[0].ready;
    const snap = acks[0].operators['count'];
    expect(snap.changedOnly).toBe(false);
    const groupA = assignToKeyGroup('a', 128);
    // Only 'a' (count 2) is in the snapshot: 'b' came after the barrier on channel 0.
    expect(Object.keys(snap.keyGroups!)).toEqual([String(groupA)]);
    expect(snap.keyGroups![groupA].entries['count']).toEqual({ keys: ['a'], namespaces: [''], values: [2] });
    expect(acks[0].alignmentMs).toBeGreaterThanOrEqual(0);
  });

  it('AT_LEAST_ONCE does not block: records after a barrier are in the snapshot', () => {
    const { task, sent, acks } = keyedTask('AT_LEAST_ONCE');
    task.open();
    task.onEvent(0, barrier(1));
    task.onEvent(0, records(['a', 'a']));
    task.onEvent(1, barrier(1));
    task.flush();
    expect(sentValues(sent)).toEqual([['a', 1], ['a', 2], 'B1']);
    const entries = Object.values(acks[0].operators['count'].keyGroups!).map((c) => c.entries['count']);
    expect(entries).toEqual([{ keys: ['a'], namespaces: [''], values: [2] }]);
  });

  it('an ended channel counts as aligned; the snapshot comes before the task finishes', () => {
    const { task, sent, acks } = keyedTask('EXACTLY_ONCE');
    task.open();
    task.onEvent(0, records(['x']));
    task.onEvent(0, barrier(1));
    task.onEvent(0, { kind: 'end-of-input' }); // buffered behind the barrier
    task.onEvent(1, records(['x']));
    task.onEvent(1, { kind: 'end-of-input' });
    expect(acks.map((a) => a.checkpointId)).toEqual([1]);
    expect(task.state).toBe('finished');
    expect(task.awaitingFinalCheckpoint).toBe(true);
    expect(sentValues(sent)).toEqual([['x', 1], ['x', 2], 'B1']);
    // Checkpoint 1 was taken before the end: its completion does not close the task.
    task.notifyCheckpointComplete(1);
    expect(task.awaitingFinalCheckpoint).toBe(true);
    // FLIP-147: the finished task acknowledges a later checkpoint itself, then closes when it completes.
    task.triggerCheckpoint(barrier(2));
    expect(acks.map((a) => a.checkpointId)).toEqual([1, 2]);
    task.notifyCheckpointComplete(2);
    expect(task.awaitingFinalCheckpoint).toBe(false);
  });

  it('a trigger whose barriers never come (all inputs end first) is acknowledged when the task finishes', () => {
    const { task, acks } = keyedTask('EXACTLY_ONCE');
    task.open();
    task.onEvent(0, records(['z']));
    task.triggerCheckpoint(barrier(5)); // running non-source: waits for barriers in-band
    expect(acks).toHaveLength(0);
    task.onEvent(0, { kind: 'end-of-input' });
    task.onEvent(1, { kind: 'end-of-input' });
    expect(acks.map((a) => a.checkpointId)).toEqual([5]);
    const entries = Object.values(acks[0].operators['count'].keyGroups!).map((c) => c.entries['count']);
    expect(entries).toEqual([{ keys: ['z'], namespaces: [''], values: [1] }]);
    task.notifyCheckpointComplete(5); // taken after the end: closes the task (FLIP-147)
    expect(task.awaitingFinalCheckpoint).toBe(false);
  });

  it('a newer barrier supersedes an unfinished alignment (declined) and late barriers are ignored', () => {
    const { task, sent, acks, declines } = keyedTask('EXACTLY_ONCE');
    task.open();
    task.onEvent(0, barrier(1));
    task.onEvent(0, records(['a'])); // buffered behind barrier 1
    task.onEvent(1, barrier(2)); // checkpoint 1 cannot complete any more: released, 'a' is processed
    task.onEvent(0, barrier(2));
    task.onEvent(1, barrier(1)); // late: ignored
    task.flush();
    expect(declines.map(([id]) => id)).toEqual([1]);
    expect(declines[0][1].message).toMatch(/superseded/);
    expect(acks.map((a) => a.checkpointId)).toEqual([2]);
    expect(sentValues(sent)).toEqual([['a', 1], 'B2']);
  });
});

describe('StreamTask checkpointing: restore and incremental snapshots', () => {
  it('restores keyed state and timers of its key groups before open()', () => {
    const first = keyedTask('EXACTLY_ONCE');
    first.task.open();
    first.task.onEvent(0, records(['a', 'b'], 10));
    first.task.onEvent(1, records(['a'], 20));
    first.task.onEvent(0, barrier(1));
    first.task.onEvent(1, barrier(1));
    const snap = first.acks[0].operators['count'];
    const timers = Object.values(snap.keyGroups!).flatMap((c) => {
      const t = c.timers['user-timers']?.eventTime;
      return t ? t.keys.map((k, n) => `${String(k)}@${t.timestamps[n]}`) : [];
    });
    // a: timers at 110 and 120; b: at 110 (event-time, per key group).
    expect(timers.sort()).toEqual(['a@110', 'a@120', 'b@110']);
    const second = keyedTask('EXACTLY_ONCE', { count: { keyGroups: snap.keyGroups!, operatorState: {} } });
    second.task.open();
    second.task.onEvent(0, records(['a']));
    second.task.onEvent(0, { kind: 'watermark', timestamp: 200 });
    second.task.onEvent(1, { kind: 'watermark', timestamp: 200 });
    second.task.flush();
    const out = sentValues(second.sent);
    // Timers fire in timestamp order; keys with the same timestamp in no defined order (as in Flink).
    expect(out[0]).toEqual(['a', 3]);
    expect(
      out
        .slice(1, 3)
        .map((x) => JSON.stringify(x))
        .sort(),
    ).toEqual([JSON.stringify(['timer:a@110', 3]), JSON.stringify(['timer:b@110', 1])]);
    expect(out.slice(3)).toEqual([['timer:a@120', 3]]);
  });

  it('after a completed checkpoint only the touched key groups are snapshotted', () => {
    const { task, acks } = keyedTask('EXACTLY_ONCE');
    task.open();
    task.onEvent(0, records(['a', 'b', 'c']));
    task.onEvent(0, barrier(1));
    task.onEvent(1, barrier(1));
    expect(acks[0].operators['count'].changedOnly).toBe(false);
    expect(Object.keys(acks[0].operators['count'].keyGroups!)).toHaveLength(3);
    task.notifyCheckpointComplete(1);
    task.onEvent(1, records(['b']));
    task.onEvent(0, barrier(2));
    task.onEvent(1, barrier(2));
    const snap2 = acks[1].operators['count'];
    expect(snap2.changedOnly).toBe(true);
    expect(snap2.keyGroups).toEqual({
      [assignToKeyGroup('b', 128)]: {
        states: { count: { kind: 'value', ttl: false } },
        entries: { count: { keys: ['b'], namespaces: [''], values: [2] } },
        timers: {},
      },
    });
    expect(snap2.keyGroupRange).toEqual({ start: 0, end: 127 });
    // Checkpoint 3 is aborted-in-flight (never completed): checkpoint 4 still carries its changes.
    task.onEvent(0, records(['c']));
    task.onEvent(0, barrier(3));
    task.onEvent(1, barrier(3));
    task.notifyCheckpointAborted(3);
    task.onEvent(0, barrier(4));
    task.onEvent(1, barrier(4));
    expect(
      Object.keys(acks[3].operators['count'].keyGroups!)
        .map(Number)
        .sort((x, y) => x - y),
    ).toEqual([assignToKeyGroup('b', 128), assignToKeyGroup('c', 128)].sort((x, y) => x - y));
  });
});
