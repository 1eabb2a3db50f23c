import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { LogSource } from '../../../../src/engine/connectors/log/log-source.ts';
import { writeRecords } from '../../../../src/engine/connectors/log/log-writers.ts';
import { MemoryLogTopic } from '../../../../src/engine/connectors/log/memory-log-topic.ts';
import {
  InlineExecutor,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from '../../../../src/engine/index.ts';
import { IndexedDbTableSink } from '../../../../src/engine/sinks/indexed-db-table-sink.ts';
import { readCommittedTable } from '../../../../src/engine/sinks/read-committed-table.ts';

const N = 20_000;
const KEYS = 13;

/**
 * Flink's failing-mapper pattern: on attempt k it throws after mapping failAfter[k] records in that
 * attempt. Every 500 records it moves the manual clock by 50 ms, so checkpoints (every 50 ms of
 * that clock) come at fixed points of the stream.
 */
class FailingMapper extends RichMapFunction<number, [number, number]> {
  private seen = 0;
  constructor(
    private readonly failAfter: readonly number[],
    private readonly clock: ManualProcessingTimeService,
    /** Shared by the copies: records mapped per attempt. */
    private readonly mapped: number[],
  ) {
    super();
  }
  override open(): void {
    this.seen = 0;
  }
  map(i: number): [number, number] {
    const attempt = this.getRuntimeContext().getAttemptNumber();
    this.mapped[attempt] = (this.mapped[attempt] ?? 0) + 1;
    if (++this.seen % 500 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    if (attempt < this.failAfter.length && this.seen > this.failAfter[attempt]) {
      throw new Error(`planned failure after ${this.failAfter[attempt]} records on attempt ${attempt}`);
    }
    return [i % KEYS, 1];
  }
}

/** Log topic → failing mapper → keyed running count → IndexedDbTableSink; returns the committed rows. */
async function run(table: string, failAfter: number[]) {
  const topic = new MemoryLogTopic<number>('numbers', { partitions: 3 });
  await writeRecords(
    topic,
    Array.from({ length: N }, (_, i) => i),
    { batchSize: 1000 },
  );
  const clock = new ManualProcessingTimeService();
  const storage = new MemoryCheckpointStorage();
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism: 2,
    processingTimeService: clock,
    executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
  });
  env.setRunOptions({ jobId: `table-job-${table}` });
  env.enableCheckpointing(50);
  env.getCheckpointConfig().setCheckpointStorage(storage);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failAfter.length, 0));
  const mapped: number[] = [];
  env
    .fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.noWatermarks(), 'numbers')
    .setParallelism(1) // chained with the mapper: checkpoints fall at fixed points of the stream
    .uid('numbers')
    .map(new FailingMapper(failAfter, clock, mapped))
    .setParallelism(1)
    .uid('failing-mapper')
    .keyBy((r) => r[0])
    .reduce((a, b) => [a[0], a[1] + b[1]] as [number, number])
    .uid('running-count')
    .addSink(new IndexedDbTableSink<[number, number]>(table, { dbName: 'exactly-once-job' }))
    .uid('table-sink');
  await env.execute('exactly-once table job').result;
  const rows = await readCommittedTable<[number, number]>(table, { dbName: 'exactly-once-job' });
  const latest = await storage.latest(`table-job-${table}`);
  return { rows: rows.map((r) => r.join(',')).sort(), mapped, latest };
}

/**
 * Independent reference: a keyed running count emits (k, 1), (k, 2), …, (k, n_k) for key k with
 * n_k records, whatever order the records arrive in.
 */
function reference(): string[] {
  const out: string[] = [];
  for (let k = 0; k < KEYS; k++) {
    const nk = Math.floor(N / KEYS) + (k < N % KEYS ? 1 : 0);
    for (let c = 1; c <= nk; c++) out.push(`${k},${c}`);
  }
  return out.sort();
}

it('an IndexedDB table sink behind planned failures holds exactly the failure-free rows', async () => {
  const expected = reference();
  const clean = await run('clean', []);
  expect(clean.rows).toEqual(expected);
  const failed = await run('failed', [6_000, 4_000, 9_500]);
  expect(failed.mapped).toHaveLength(4); // all three planned failures happened
  // The last attempt resumed from a checkpointed log position: it mapped fewer than all N records.
  expect(failed.mapped[3]).toBeLessThan(N);
  expect(failed.latest!.checkpointId).toBeGreaterThan(0);
  expect(failed.rows.length).toBe(N);
  expect(failed.rows).toEqual(expected);
}, 60_000);
