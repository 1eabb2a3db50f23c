import { describe, expect, it } from 'vitest';
import {
  CheckpointCoordinator,
  MemoryCheckpointStorage,
  type CheckpointStorage,
} from '../../../../src/engine/index.ts';
import type { CheckpointBarrierEvent } from '../../../../src/engine/runtime/stream-event.ts';
import { assignToKeyGroup } from '../../../../src/engine/state/key-groups.ts';
import { keyedTask, records } from './task-helpers.ts';

/** A memory store that logs every chunk write as `uid/part@checkpoint`. */
function loggingStorage(): { storage: CheckpointStorage; writes: string[] } {
  const inner = new MemoryCheckpointStorage();
  const writes: string[] = [];
  const storage: CheckpointStorage = {
    writeChunk: (jobId, id, uid, part, data) => {
      writes.push(`${uid}/${part}@${id}`);
      return inner.writeChunk(jobId, id, uid, part, data);
    },
    readChunk: (...a) => inner.readChunk(...a),
    commit: (...a) => inner.commit(...a),
    discard: (...a) => inner.discard(...a),
    latest: (...a) => inner.latest(...a),
    list: (...a) => inner.list(...a),
    clear: (...a) => inner.clear(...a),
  };
  return { storage, writes };
}

/** A coordinator over one hand-wired keyed task; barriers go to both of its input channels. */
function setup() {
  const { storage, writes } = loggingStorage();
  const { task, acks } = keyedTask('EXACTLY_ONCE');
  const coordinator: CheckpointCoordinator = new CheckpointCoordinator({
    jobId: 'incremental',
    jobName: 'incremental',
    storage,
    config: {
      intervalMs: 1000,
      mode: 'EXACTLY_ONCE',
      timeoutMs: 60_000,
      minPauseMs: 0,
      maxConcurrent: 1,
      retained: 2,
    },
    taskKeys: ['task'],
    clock: { now: () => 0, schedule: () => () => {} },
    hooks: {
      triggerTasks: (b) => queueMicrotask(() => deliverBarrier(b)),
      notifyComplete: (id) => void task.notifyCheckpointComplete(id),
      notifyAborted: (id) => void task.notifyCheckpointAborted(id),
    },
  });
  // Barriers reach both input channels; the ack goes back once its async part is done.
  function deliverBarrier(b: CheckpointBarrierEvent): void {
    task.onEvent(0, b);
    task.onEvent(1, b);
    const ack = acks.at(-1)!;
    void ack.ready.then(() => coordinator.acknowledge('task', ack));
  }
  task.open();
  return { task, coordinator, writes, storage };
}

describe('incremental checkpoints (issue 6)', () => {
  it('after touching one key group only that chunk is written; the rest refer to the previous checkpoint', async () => {
    const { task, coordinator, writes } = setup();
    task.onEvent(0, records(['a', 'b', 'c', 'd']));
    const first = await coordinator.triggerCheckpoint();
    const groups = ['a', 'b', 'c', 'd'].map((k) => assignToKeyGroup(k, 128));
    expect(new Set(groups).size).toBe(4); // four different key groups (hand-checked)
    expect(writes.sort()).toEqual(groups.map((g) => `count/kg:${g}@1`).sort());
    expect(first.incremental).toBe(false);

    writes.length = 0;
    task.onEvent(1, records(['c']));
    const second = await coordinator.triggerCheckpoint();
    const gc = assignToKeyGroup('c', 128);
    expect(writes).toEqual([`count/kg:${gc}@2`]);
    expect(second.incremental).toBe(true);
    const chunks = second.operators['count'].chunks;
    for (const g of groups) expect(chunks[`kg:${g}`].checkpointId).toBe(g === gc ? 2 : 1);
    expect(second.bytesWritten).toBe(chunks[`kg:${gc}`].bytes);
    expect(second.totalBytes).toBe(Object.values(chunks).reduce((a, r) => a + r.bytes, 0));
    const history = coordinator.history.map((h) => [h.checkpointId, h.status, h.incremental]);
    expect(history).toEqual([
      [1, 'COMPLETED', false],
      [2, 'COMPLETED', true],
    ]);
  });

  it('a checkpoint with no changes writes nothing and refers to the previous chunks', async () => {
    const { task, coordinator } = setup();
    task.onEvent(0, records(['a']));
    await coordinator.triggerCheckpoint();
    const again = await coordinator.triggerCheckpoint();
    expect(again.bytesWritten).toBe(0);
    expect(Object.keys(again.operators['count'].chunks)).toEqual([`kg:${assignToKeyGroup('a', 128)}`]);
  });
});
