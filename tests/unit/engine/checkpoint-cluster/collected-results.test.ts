/**
 * The JobManager's exactly-once result buffer: records of epoch e (between the barriers of
 * checkpoints e and e + 1) are released by checkpoint e + 1, dropped by a restore of checkpoint
 * c <= e, released at the end of the job. Expected values are worked out by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { CollectedResults } from '../../../../src/engine/cluster/collected-results.ts';
import { SubtaskResults } from '../../../../src/engine/cluster/subtask-results.ts';
import type { TaskManagerEvent } from '../../../../src/engine/cluster/protocol.ts';
import { BatchDecoder } from '../../../../src/engine/net/codec/batch-decoder.ts';

describe('CollectedResults', () => {
  it('releases an epoch only when the next checkpoint completes', () => {
    const r = new CollectedResults();
    r.add(0, 0, ['a', 'b']);
    r.add(0, 1, ['c']);
    r.add(0, 2, ['d']);
    expect(r.committedCount()).toBe(0);
    r.commit(1); // covers epoch 0
    expect(r.committedCount()).toBe(2);
    r.commit(2); // covers epoch 1
    expect(r.committedCount()).toBe(3);
    expect(r.finish().get(0)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a restore of checkpoint c drops epochs >= c, the replay sends them again', () => {
    const r = new CollectedResults();
    r.add(0, 0, ['a']);
    r.commit(1);
    r.add(0, 1, ['b']); // after barrier 1: lost with the failed attempt
    r.add(0, 2, ['c']);
    r.rollback(1);
    r.add(0, 1, ['b']); // the new attempt restored checkpoint 1 and emits b, c again
    r.add(0, 1, ['c']);
    expect(r.finish().get(0)).toEqual(['a', 'b', 'c']);
  });

  it('without a completed checkpoint a restart drops everything (restart from scratch)', () => {
    const r = new CollectedResults();
    r.add(0, 0, [1, 2, 3]);
    r.add(1, 0, ['x']);
    r.rollback(0);
    r.add(0, 0, [1, 2, 3]);
    const out = r.finish();
    expect(out.get(0)).toEqual([1, 2, 3]);
    expect(out.get(1)).toBeUndefined();
  });
});

describe('SubtaskResults', () => {
  it('sends what came before a barrier with the old epoch, later records with the new one', () => {
    const posted: { epoch: number; values: unknown[] }[] = [];
    const decoder = new BatchDecoder();
    const r = new SubtaskResults((e: TaskManagerEvent) => {
      if (e.type === 'results') posted.push({ epoch: e.epoch, values: decoder.decode(e.batch).values });
    }, 3);
    r.add(0, 'a');
    r.add(0, 'b');
    r.advance(4);
    r.add(0, 'c');
    r.flush();
    expect(posted).toEqual([
      { epoch: 3, values: ['a', 'b'] },
      { epoch: 4, values: ['c'] },
    ]);
    expect(r.count).toBe(3);
  });
});
