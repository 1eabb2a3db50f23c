import { describe, expect, it } from 'vitest';
import {
  InlineExecutor,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
} from '../../../../src/engine/index.ts';
import { countPerKeyAndWindow, referenceCounts } from './keyed-window-count-stage.ts';

const N = 200_000;

/**
 * Flink's failing-mapper pattern: on attempt k it throws at the first record >= failAt[k] it sees (a
 * restore may resume past failAt[k] itself, so every planned failure happens). Every 1000 records it
 * moves the job's manual clock by 50 ms, so checkpoints (every 50 ms of that clock) come at fixed
 * points of the stream: deterministic, no wall-clock timing.
 */
class FailingMapper extends RichMapFunction<number, number> {
  constructor(
    private readonly failAt: readonly number[],
    private readonly clock: ManualProcessingTimeService,
    /** Shared by the subtask copies: records mapped per attempt. */
    private readonly mapped: number[],
  ) {
    super();
  }
  map(i: number): number {
    const attempt = this.getRuntimeContext().getAttemptNumber();
    this.mapped[attempt] = (this.mapped[attempt] ?? 0) + 1;
    if (attempt < this.failAt.length && i >= this.failAt[attempt])
      throw new Error(`planned failure at record ${i} on attempt ${attempt}`);
    if (i % 1000 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    return i;
  }
}

/** Keyed tumbling 1 s event-time window count over ts = i ms; sorted rows "key,windowStart,count". */
async function windowedCount(options: { failAt?: number[]; checkpointing: boolean; parallelism?: number }) {
  const clock = new ManualProcessingTimeService();
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism: options.parallelism ?? 2,
    processingTimeService: clock,
    // A macrotask after every round: in-memory checkpoint writes complete at fixed points of the
    // stream, so the run is the same every time.
    executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
  });
  const storage = new MemoryCheckpointStorage();
  const mapped: number[] = [];
  if (options.checkpointing) {
    env.setRunOptions({ jobId: 'exactly-once-test' });
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(storage);
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart((options.failAt ?? []).length, 0));
  }
  const numbers = env
    .fromSequence(0, N - 1)
    .setParallelism(1) // one ordered stream: failure points are positions in it
    .uid('numbers')
    .map(new FailingMapper(options.failAt ?? [], clock, mapped))
    .setParallelism(1)
    .uid('failing-mapper');
  const rows = await countPerKeyAndWindow(numbers, (key, start, n) => `${key},${start},${n}`)
    .uid('window-count')
    .executeAndCollect();
  return { rows: rows.sort(), storage, mapped };
}

describe('exactly-once under failure in the inline runtime (issue 6)', () => {
  it('a keyed windowed count with planned failures equals the failure-free run', async () => {
    const reference = referenceCounts(N);
    const clean = await windowedCount({ checkpointing: false });
    expect(clean.rows).toEqual(reference);
    const failAt = [12_345, 87_001, 150_000, 199_999];
    const failed = await windowedCount({ checkpointing: true, failAt });
    expect(failed.rows.length).toBe(reference.length);
    expect(failed.rows).toEqual(reference);
    // Every planned failure happened: 5 attempts, the last one ran to the end.
    expect(failed.mapped).toHaveLength(failAt.length + 1);
    // Restarts resumed from checkpoints, not from the start: a restart from scratch would map the
    // records before every failure point again (about 450k more than N); with a checkpoint about
    // every 1000 records (once its write completed) each restart replays a few thousand at most.
    const total = failed.mapped.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(N + 4 * 5_000);
    const retained = await failed.storage.list('exactly-once-test');
    expect(retained).toHaveLength(1);
    expect(retained[0].checkpointId).toBeGreaterThan(10);
  }, 120_000);
});
