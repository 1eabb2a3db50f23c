/**
 * A failure while a checkpoint is still being stored (every ack in, the storage commit pending).
 * Flink serializes completion and restore under the coordinator lock, so the restore point is that
 * checkpoint once its commit succeeds. The records the collect sink sealed for it in the failed
 * attempt are covered by it (the restore resumes after them) and must be handed over, since the
 * failed attempt's notification never arrives. A second failure, before the next attempt completes
 * a checkpoint of its own, then restores the same checkpoint: nothing may be lost or repeated.
 * A keyed running count over 0..N-1 emits one row per record, so a lost or repeated record shows.
 */
import { describe, expect, it } from 'vitest';
import {
  InlineExecutor,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  type CompletedCheckpoint,
} from '../../../../src/engine/index.ts';
import { runningCountRows } from './failover-fixtures.ts';

const N = 10_000;
const KEYS = 7;
/** The checkpoint whose commit the first failure overtakes. */
const SLOW_COMMIT = 2;

/** What the storage and the failing map share. */
interface Faults {
  /** Set while checkpoint SLOW_COMMIT's commit waits; calling it lets the commit finish. */
  finishCommit: (() => void) | null;
  failures: string[];
}

/** Holds the commit of checkpoint SLOW_COMMIT until the failing map lets it go. */
class SlowCommitStorage extends MemoryCheckpointStorage {
  constructor(private readonly faults: Faults) {
    super();
  }
  override async commit(checkpoint: CompletedCheckpoint, retained: number): Promise<void> {
    if (checkpoint.checkpointId === SLOW_COMMIT) {
      await new Promise<void>((resolve) => (this.faults.finishCommit = resolve));
      this.faults.finishCommit = null;
    }
    return super.commit(checkpoint, retained);
  }
}

/**
 * Every 500 records moves the clock 50 ms (a periodic checkpoint). Attempt 0 fails at its first
 * record after checkpoint SLOW_COMMIT's commit began; the commit finishes 5 ms later, or at attempt
 * 1's 100th record if that comes first (an attempt that did not wait for the commit: it then
 * completes under that attempt). Attempt 1 fails at its 300th record, before a checkpoint of its own.
 */
class FailingMap extends RichMapFunction<number, [number, number]> {
  private seen = 0;
  constructor(
    private readonly clock: ManualProcessingTimeService,
    private readonly faults: Faults,
  ) {
    super();
  }
  map(i: number): [number, number] {
    if (i % 500 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    const attempt = this.getRuntimeContext().getAttemptNumber();
    const f = this.faults;
    this.seen++;
    if (attempt === 0 && f.finishCommit && f.failures.length === 0) {
      setTimeout(() => f.finishCommit?.(), 5);
      f.failures.push(`attempt 0 at ${i}`);
      throw new Error(`planned failure at record ${i} while checkpoint ${SLOW_COMMIT} is being stored`);
    }
    if (attempt === 1 && this.seen === 100) f.finishCommit?.();
    if (attempt === 1 && this.seen === 300) {
      f.failures.push(`attempt 1 at ${i}`);
      throw new Error(`planned failure at record ${i} before attempt 1 completes a checkpoint`);
    }
    return [i % KEYS, 1];
  }
}

describe('a failure while a checkpoint is being stored (inline)', () => {
  it('restores that checkpoint and releases what it covers: rows are exactly the failure-free ones', async () => {
    const clock = new ManualProcessingTimeService();
    const faults: Faults = { finishCommit: null, failures: [] };
    const env = StreamExecutionEnvironment.getExecutionEnvironment({
      parallelism: 2,
      processingTimeService: clock,
      executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
    });
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(new SlowCommitStorage(faults));
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 0));
    const rows = env
      .fromSequence(0, N - 1) // one replayable reader: its split (next number) is checkpointed
      .setParallelism(1)
      .uid('numbers')
      .map(new FailingMap(clock, faults))
      .setParallelism(1)
      .uid('failing-map')
      .keyBy((r) => r[0])
      .reduce((a, b) => [a[0], a[1] + b[1]] as [number, number])
      .uid('running-count')
      .collectAsync();
    const job = env.execute('failure during commit');
    await job.result;
    expect(faults.failures).toHaveLength(2);
    const history = job.getCheckpointHistory!();
    expect(history.find((h) => h.checkpointId === SLOW_COMMIT)?.status).toBe('COMPLETED');
    expect(rows.map((r) => r.join(',')).sort()).toEqual(runningCountRows(N, KEYS));
  });
});
