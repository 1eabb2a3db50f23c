import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  MemoryCheckpointStorage,
  OneInputStreamOperatorTestHarness,
  ProcessOperator,
  restoreAssignment,
  SOURCE_POSITION_STATE,
  ValueStateDescriptor,
  type Savepoint,
  type ValueState,
} from '../../../../src/engine/index.ts';
import {
  savepointOfCheckpoint,
  writeCheckpointChunks,
} from '../../../../src/engine/checkpoint/coordinator/checkpoint-writer.ts';
import {
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
} from '../../../../src/engine/state/key-groups.ts';
import { CountPerKey } from './task-helpers.ts';

const target = (uid: string, parallelism: number) => ({ uid, name: uid, parallelism, maxParallelism: 128 });

/** A savepoint of operator `uid` whose 3 subtasks held these operator-state lists. */
function savepointWithLists(
  uid: string,
  perSubtask: Record<string, { mode: 'split' | 'union'; items: unknown[] }>[],
): Savepoint {
  const parts: Record<string, unknown> = {};
  perSubtask.forEach((lists, s) => (parts[`op:${s}`] = lists));
  return {
    format: 'rivulet-savepoint',
    version: 1,
    name: 'lists',
    jobName: 'job',
    createdTimestamp: 0,
    operators: { [uid]: { parallelism: perSubtask.length, maxParallelism: 128, parts } },
  };
}

describe('restoreAssignment (Flink StateAssignmentOperation rules)', () => {
  const lists = [
    { offsets: { mode: 'split' as const, items: [1] }, seen: { mode: 'union' as const, items: ['x'] } },
    { offsets: { mode: 'split' as const, items: [2, 3] }, seen: { mode: 'union' as const, items: ['y'] } },
    { offsets: { mode: 'split' as const, items: [4] }, seen: { mode: 'union' as const, items: [] } },
  ];

  it('keeps split lists per subtask at the same parallelism', async () => {
    const a = await restoreAssignment(savepointWithLists('op', lists), [target('op', 3)]);
    expect(a.byUid['op'].map((s) => s.operatorState['offsets'].items)).toEqual([[1], [2, 3], [4]]);
  });

  it('deals split lists round-robin and gives union lists whole when rescaling', async () => {
    const a = await restoreAssignment(savepointWithLists('op', lists), [target('op', 2)]);
    // Concatenation in subtask order [1, 2, 3, 4], dealt round-robin over 2 subtasks.
    expect(a.byUid['op'].map((s) => s.operatorState['offsets'].items)).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(a.byUid['op'].map((s) => s.operatorState['seen'].items)).toEqual([
      ['x', 'y'],
      ['x', 'y'],
    ]);
  });

  it('refuses to rescale a source (reader positions are per subtask)', async () => {
    const sp = savepointWithLists('src', [
      { [SOURCE_POSITION_STATE]: { mode: 'split', items: [10] } },
      { [SOURCE_POSITION_STATE]: { mode: 'split', items: [20] } },
    ]);
    await expect(restoreAssignment(sp, [target('src', 3)])).rejects.toThrow(
      /source "src" \(uid "src"\) ran with parallelism 2 and now has 3/,
    );
  });

  it('refuses keyed state taken with another max parallelism', async () => {
    const sp = savepointWithLists('op', []);
    const withKeys: Savepoint = {
      ...sp,
      operators: {
        op: {
          parallelism: 1,
          maxParallelism: 64,
          parts: { 'kg:3': { states: {}, entries: {}, timers: {} } },
        },
      },
    };
    await expect(restoreAssignment(withKeys, [target('op', 1)])).rejects.toThrow(
      /max parallelism 64 but runs with 128/,
    );
  });
});

describe('restoring a damaged savepoint or checkpoint', () => {
  /** A savepoint of keyed operator "count" (2 keys in one key group) and source "src" (one position). */
  const good = (): Savepoint => ({
    format: 'rivulet-savepoint',
    version: 1,
    name: 'nightly',
    jobName: 'job',
    createdTimestamp: 0,
    operators: {
      count: {
        parallelism: 1,
        maxParallelism: 128,
        parts: {
          'kg:3': {
            states: { n: { kind: 'value', ttl: false } },
            entries: { n: { keys: ['a', 'b'], namespaces: [0, 0], values: [1, 2] } },
            timers: {
              user: {
                eventTime: { keys: ['a'], namespaces: [0], timestamps: [10] },
                processingTime: { keys: [], namespaces: [], timestamps: [] },
              },
            },
          },
        },
      },
      src: {
        parallelism: 1,
        maxParallelism: 128,
        parts: { 'op:0': { [SOURCE_POSITION_STATE]: { mode: 'split', items: [7] } } },
      },
    },
  });
  const targets = [target('count', 2), target('src', 1)];
  /** Each operator's parts (by uid), as a change sees them. */
  type Parts = Record<string, Record<string, unknown>>;
  /** A copy of the good savepoint, changed by `f`. */
  const damaged = (f: (parts: Parts, sp: Record<string, unknown>) => void) => {
    const sp = structuredClone(good()) as unknown as Record<string, unknown>;
    const ops = sp.operators as Record<string, { parts: Record<string, unknown> }>;
    f({ count: ops.count.parts, src: ops.src.parts }, sp);
    return sp as unknown as Savepoint;
  };

  it('the intact savepoint restores', async () => {
    const a = await restoreAssignment(good(), targets);
    expect(Object.keys(a.byUid)).toEqual(['count', 'src']);
  });

  // Before: these hung in a restart loop (TypeError in every attempt's tasks), failed with a bare
  // TypeError, or restored partial state without a word.
  it.each([
    [
      'a truncated key-group chunk',
      (p: Parts) => (p.count['kg:3'] = {}),
      /part kg:3\) is damaged: a key-group chunk needs/,
    ],
    ['a null chunk', (p: Parts) => (p.count['kg:3'] = null), /part kg:3\) is damaged: its content is null/],
    [
      'columns of different lengths',
      (p: Parts) => ((p.count['kg:3'] as { entries: { n: { values: unknown[] } } }).entries.n.values = []),
      /keyed state "n": its columns keys\/namespaces\/values have different lengths \(2\/2\/0\)/,
    ],
    [
      'timers without timestamps',
      (p: Parts) =>
        delete (p.count['kg:3'] as { timers: { user: { eventTime: { timestamps?: unknown } } } }).timers.user
          .eventTime.timestamps,
      /eventTime timers of "user": "timestamps" is not a list/,
    ],
    [
      'an operator-state list without items',
      (p: Parts) => (p.src['op:0'] = { [SOURCE_POSITION_STATE]: { mode: 'split' } }),
      /uid "src" \(part op:0\) is damaged: operator state "__rivulet_source_position" is not a/,
    ],
  ])('%s fails with the savepoint and the part named', async (_what, change, message) => {
    const sp = damaged(change);
    await expect(restoreAssignment(sp, targets)).rejects.toThrow(
      /^Cannot restore from savepoint "nightly": the state of operator uid/,
    );
    await expect(restoreAssignment(sp, targets)).rejects.toThrow(message);
  });

  it.each([
    [
      'without operators',
      (_p: unknown, sp: Record<string, unknown>) => delete sp.operators,
      /operators must be an object/,
    ],
    [
      'of another format',
      (_p: unknown, sp: Record<string, unknown>) => (sp.format = 'other'),
      /format is 'other'/,
    ],
    ['of another version', (_p: unknown, sp: Record<string, unknown>) => (sp.version = 2), /version is 2/],
  ])('a savepoint %s is refused, not restored', async (_what, change, message) => {
    const sp = damaged(change);
    await expect(restoreAssignment(sp, targets)).rejects.toThrow(
      /^Cannot restore from savepoint "nightly": savepoint /,
    );
    await expect(restoreAssignment(sp, targets)).rejects.toThrow(message);
  });

  it('a damaged chunk of a stored checkpoint is named with the checkpoint', async () => {
    const storage = new MemoryCheckpointStorage();
    const ref = await storage.writeChunk('job', 4, 'count', 'kg:3', {
      states: {},
      entries: { n: {} },
      timers: {},
    });
    const checkpoint = {
      jobId: 'job',
      jobName: 'job',
      checkpointId: 4,
      triggerTimestamp: 0,
      completedTimestamp: 0,
      alignmentMs: 0,
      bytesWritten: 0,
      totalBytes: 0,
      incremental: false,
      operators: { count: { parallelism: 1, maxParallelism: 128, chunks: { 'kg:3': ref } } },
    };
    await expect(restoreAssignment(checkpoint, targets, { storage })).rejects.toThrow(
      /^Cannot restore from checkpoint 4: the state of operator uid "count" \(part kg:3\) is damaged: keyed state "n" has no kind/,
    );
  });
});

describe('operator test harness with checkpoints', () => {
  it('snapshots keyed state and timers by key group and restores them split over 2 subtasks', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const h = new OneInputStreamOperatorTestHarness(new ProcessOperator(new CountPerKey()), {
      keySelector: (s: string) => s,
      operatorName: 'count',
    });
    h.initializeCheckpointState();
    h.open();
    for (const k of keys) h.processElement(k, 50);
    h.processElement('a', 60);
    const snap = h.snapshotCheckpoint(7)!;
    expect(snap.changedOnly).toBe(false);
    const ack = { checkpointId: 7, alignmentMs: 0, operators: { count: snap } };
    // As the coordinator makes one: the checkpoint's chunks written, then the self-contained savepoint.
    const storage = new MemoryCheckpointStorage();
    const request = {
      jobId: 'job',
      jobName: 'job',
      checkpointId: 7,
      triggerTimestamp: 0,
      acks: [ack],
      base: null,
    };
    const meta = await writeCheckpointChunks(storage, request, 0);
    const savepoint = await savepointOfCheckpoint('harness', 'job', meta, [ack], storage, 0);
    const assignment = await restoreAssignment(savepoint, [target('count', 2)]);
    const restored = [0, 1].map((subtaskIndex) => {
      const r = new OneInputStreamOperatorTestHarness(new ProcessOperator(new CountPerKey()), {
        keySelector: (s: string) => s,
        operatorName: 'count',
        parallelism: 2,
        subtaskIndex,
      });
      r.initializeCheckpointState(assignment.byUid['count'][subtaskIndex]);
      r.open();
      return r;
    });
    // Every key lands in the subtask whose key-group range holds it (hand-checked via the ranges).
    const owner = (k: string) => {
      const g = assignToKeyGroup(k, 128);
      return [0, 1].find((s) => {
        const r = computeKeyGroupRangeForOperatorIndex(128, 2, s);
        return g >= r.start && g <= r.end;
      })!;
    };
    expect(restored[0].numKeyedStateEntries() + restored[1].numKeyedStateEntries()).toBe(8);
    restored[owner('a')].processElement('a', 70);
    expect(restored[owner('a')].extractOutputValues()).toEqual([['a', 3]]);
    // Timers came along (a at 150 and 160, the others at 150) plus a at 170 just registered.
    expect(restored[0].numEventTimeTimers() + restored[1].numEventTimeTimers()).toBe(10);
    restored[owner('b')].processWatermark(150);
    expect(restored[owner('b')].extractOutputValues()).toContainEqual(['timer:b@150', 1]);
  });
});

describe('state that cannot be checkpointed', () => {
  it('fails the snapshot with the state named (the task then declines the checkpoint)', () => {
    class KeepsFunctions extends KeyedProcessFunction<string, string, never> {
      private state!: ValueState<unknown>;
      override open(): void {
        this.state = this.getRuntimeContext().getState(new ValueStateDescriptor<unknown>('callbacks'));
      }
      processElement(): void {
        this.state.update(() => 1);
      }
    }
    const h = new OneInputStreamOperatorTestHarness(new ProcessOperator(new KeepsFunctions()), {
      keySelector: (s: string) => s,
      operatorName: 'keeps-functions',
    });
    h.initializeCheckpointState();
    h.open();
    h.processElement('a');
    expect(() => h.snapshotCheckpoint(1)).toThrow(
      /keeps-functions: keyed state "callbacks" holds a value that cannot be copied into a checkpoint/,
    );
  });
});
