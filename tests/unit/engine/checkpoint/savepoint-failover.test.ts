/**
 * A savepoint's completion reaches the tasks (sinks commit up to it, collected records are released),
 * so a failure after it must restore the savepoint's state, not the older checkpoint before it:
 * otherwise the source replays records whose results were already committed (duplicates). A keyed
 * running count over 0..N-1 emits one row per record, so every record after the restore point that
 * was committed twice shows up as a duplicate row. The coordinator therefore stores a savepoint as a
 * checkpoint too, and builds it whole even from incremental acks (a finished task's last snapshot).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  CheckpointCoordinator,
  failingStorage,
  InlineExecutor,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  type InputStatus,
  type JobHandle,
  type ReaderOutput,
  type SingleOutputStreamOperator,
  type CheckpointStorage,
  type Source,
  type SourceReader,
} from '../../../../src/engine/index.ts';
import { manualCoordinatorConfig, runningCountRows, whenOpen } from './failover-fixtures.ts';
import type { OperatorSnapshot } from '../../../../src/engine/checkpoint/task/task-snapshot.ts';
import { IndexedDbTableSink } from '../../../../src/engine/sinks/indexed-db-table-sink.ts';
import { readCommittedTable } from '../../../../src/engine/sinks/read-committed-table.ts';

const N = 10_000;
const KEYS = 7;
const SAVEPOINT_AT = 5_500;

/** What happened on attempt 0 (shared by the job's function copies). */
interface Seen {
  savepointDone: boolean;
  failedAt: number;
}

/**
 * 0..N-1 in one reader (position = next number). On attempt 0 it stops before SAVEPOINT_AT until
 * the savepoint completed, so nothing is read between the savepoint and the failure.
 */
class GatedSequence implements Source<number, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = false;
  constructor(private readonly seen: Seen) {}
  createReader(context: { batchSize: number }, restored?: number | null): SourceReader<number, number> {
    let next = restored ?? 0;
    const seen = this.seen;
    const gated = () => next === SAVEPOINT_AT && !seen.savepointDone;
    return {
      pollNext(out: ReaderOutput<number>): InputStatus {
        const stop = Math.min(N, next + context.batchSize, next < SAVEPOINT_AT ? SAVEPOINT_AT : N);
        for (; next < stop && !gated(); next++) out.collect(next, next);
        if (next >= N) return 'END_OF_INPUT';
        return gated() ? 'NOTHING_AVAILABLE' : 'MORE_AVAILABLE';
      },
      isAvailable: () => whenOpen(gated),
      snapshotState: () => next,
      close() {},
    };
  }
}

/**
 * Every 1000 records moves the clock 50 ms (a periodic checkpoint). On attempt 0 it triggers a
 * savepoint at the last record before the source's gate and throws at the first record after it.
 */
class SavepointThenFail extends RichMapFunction<number, [number, number]> {
  constructor(
    private readonly clock: ManualProcessingTimeService,
    private readonly job: () => JobHandle,
    private readonly seen: Seen,
  ) {
    super();
  }
  map(i: number): [number, number] {
    if (i % 1000 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    if (this.getRuntimeContext().getAttemptNumber() === 0) {
      if (i === SAVEPOINT_AT - 1)
        void this.job().triggerSavepoint!('before-failure').then(() => (this.seen.savepointDone = true));
      if (i >= SAVEPOINT_AT) {
        this.seen.failedAt = i;
        throw new Error(`planned failure at record ${i}, after the savepoint`);
      }
    }
    return [i % KEYS, 1];
  }
}

/** Runs the job; `sink` adds its sink to the running counts (collectAsync or a table sink). */
async function run<R>(sink: (counts: SingleOutputStreamOperator<[number, number]>) => R) {
  const clock = new ManualProcessingTimeService();
  const storage = new MemoryCheckpointStorage();
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism: 2,
    processingTimeService: clock,
    executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
  });
  env.enableCheckpointing(50);
  env.getCheckpointConfig().setCheckpointStorage(storage);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
  const seen: Seen = { savepointDone: false, failedAt: -1 };
  let job: JobHandle | null = null;
  const counts = env
    .fromSource(new GatedSequence(seen), WatermarkStrategy.noWatermarks(), 'numbers')
    .uid('numbers')
    .map(new SavepointThenFail(clock, () => job!, seen))
    .setParallelism(1)
    .uid('savepoint-then-fail')
    .keyBy((r) => r[0])
    .reduce((a, b) => [a[0], a[1] + b[1]] as [number, number])
    .uid('running-count');
  const out = sink(counts);
  job = env.execute('savepoint then failure');
  await job.result;
  return { out, seen, history: job.getCheckpointHistory!() };
}

describe('a failure after a savepoint (its completion was notified)', () => {
  it('restores the savepoint: collected rows are exactly the failure-free ones', async () => {
    const { out, seen, history } = await run((counts) => counts.collectAsync());
    expect(seen.failedAt).toBe(SAVEPOINT_AT); // the failure came right after the savepoint
    expect(history.find((h) => h.savepoint)?.status).toBe('COMPLETED');
    expect(out.map((r) => r.join(',')).sort()).toEqual(runningCountRows(N, KEYS));
  });

  it('restores the savepoint: a two-phase-commit table holds no row twice', async () => {
    const table = 'savepoint-failover';
    const { seen } = await run((counts) =>
      counts
        .addSink(new IndexedDbTableSink<[number, number]>(table, { dbName: 'savepoint-failover' }))
        .uid('table-sink'),
    );
    expect(seen.failedAt).toBe(SAVEPOINT_AT);
    const rows = await readCommittedTable<[number, number]>(table, { dbName: 'savepoint-failover' });
    expect(rows.map((r) => r.join(',')).sort()).toEqual(runningCountRows(N, KEYS));
  });
});

describe('CheckpointCoordinator: a savepoint is also the restore point', () => {
  /** The one task's snapshot of checkpoint `id` by default: a source at position `id`. */
  const sourceAt = (id: number): Record<string, OperatorSnapshot> => ({
    src: {
      subtaskIndex: 0,
      parallelism: 1,
      maxParallelism: 128,
      changedOnly: false,
      operatorState: { offsets: { mode: 'split', items: [id] } },
    },
  });

  /** A coordinator of one task on `storage` that acknowledges with `operators(id)`; records the notifications. */
  function coordinator(storage: CheckpointStorage, operators = sourceAt) {
    const notified: string[] = [];
    const c = new CheckpointCoordinator({
      jobId: 'j',
      jobName: 'j',
      storage,
      config: manualCoordinatorConfig(),
      taskKeys: ['t'],
      clock: { now: () => 0, schedule: () => () => {} },
      hooks: {
        triggerTasks: ({ checkpointId }) =>
          queueMicrotask(() =>
            c.acknowledge('t', { checkpointId, alignmentMs: 0, operators: operators(checkpointId) }),
          ),
        notifyComplete: (id) => notified.push(`complete ${id}`),
        notifyAborted: (id) => notified.push(`aborted ${id}`),
      },
    });
    return { c, notified };
  }

  it('is stored as a checkpoint before the tasks hear of its completion', async () => {
    const storage = new MemoryCheckpointStorage();
    const { c, notified } = coordinator(storage);
    await c.triggerCheckpoint();
    const savepoint = await c.triggerSavepoint('sp');
    expect(savepoint.operators.src.parts['op:0']).toEqual({ offsets: { mode: 'split', items: [2] } });
    expect(notified).toEqual(['complete 1', 'complete 2']);
    expect(c.latestCompleted?.checkpointId).toBe(2);
    expect((await storage.latest('j'))?.checkpointId).toBe(2);
    // The caller owns its savepoint: changing it leaves the stored checkpoint alone.
    (savepoint.operators.src.parts['op:0'] as { offsets: { items: number[] } }).offsets.items.push(99);
    const stored = await storage.readChunk(
      'j',
      'src',
      'op:0',
      c.latestCompleted!.operators.src.chunks['op:0'],
    );
    expect(stored).toEqual({ offsets: { mode: 'split', items: [2] } });
  });

  it('that the storage refuses fails, naming the savepoint; no task hears of a completion', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), { failOnCommit: 1 });
    const { c, notified } = coordinator(storage);
    await expect(c.triggerSavepoint('sp')).rejects.toThrow(
      /^Savepoint "sp" \(checkpoint 1\) could not be stored: .*quota/i,
    );
    expect(notified).toEqual(['aborted 1']);
    expect(c.latestCompleted).toBeNull();
  });

  it('holds the whole state when an ack is incremental (the last snapshot of a task that finished)', async () => {
    const chunk = (n: number) => ({
      states: { n: { kind: 'value' as const, ttl: false } },
      entries: { n: { keys: [`k${n}`], namespaces: [0], values: [n] } },
      timers: {},
    });
    const op = {
      subtaskIndex: 0,
      parallelism: 1,
      maxParallelism: 128,
      keyGroupRange: { start: 0, end: 127 },
    };
    const snapshots: Record<string, OperatorSnapshot>[] = [
      { count: { ...op, keyGroups: { 1: chunk(1), 2: chunk(2) }, changedOnly: false } },
      // Incremental after checkpoint 1: only group 2 changed (the worker runtime sends a finished
      // task's last ack again, as it is, for every later checkpoint and savepoint).
      { count: { ...op, keyGroups: { 2: chunk(20) }, changedOnly: true } },
    ];
    const { c } = coordinator(new MemoryCheckpointStorage(), (id) => snapshots[id - 1]);
    await c.triggerCheckpoint();
    const savepoint = await c.triggerSavepoint('after-finish');
    expect(savepoint.operators.count.parts).toEqual({ 'kg:1': chunk(1), 'kg:2': chunk(20) });
  });
});
