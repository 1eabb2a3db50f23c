import { describe, expect, it } from 'vitest';
import {
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  StreamExecutionEnvironment,
  type SourceContext,
  type SourceFunction,
} from '../../../../src/engine/index.ts';

/** An unbounded source the test feeds by hand (it cannot replay: position null). */
class QueueSource<T> implements SourceFunction<T> {
  private ctx: SourceContext<T> | null = null;
  private stop: (() => void) | null = null;
  run(ctx: SourceContext<T>): Promise<void> {
    this.ctx = ctx;
    return new Promise((r) => (this.stop = r));
  }
  push(...values: T[]): void {
    for (const v of values) this.ctx!.collect(v);
  }
  end(): void {
    this.stop?.();
  }
  cancel(): void {
    this.end();
  }
}

describe('exactly-once collect in a running job', () => {
  it('releases records only when the checkpoint after them completes; the rest at the final checkpoint', async () => {
    const clock = new ManualProcessingTimeService();
    const env = StreamExecutionEnvironment.getExecutionEnvironment({ processingTimeService: clock });
    env.enableCheckpointing(100);
    env.getCheckpointConfig().setCheckpointStorage(new MemoryCheckpointStorage());
    const source = new QueueSource<string>();
    const rows = env
      .addSource(source)
      .map((s) => s.toUpperCase())
      .collectAsync();
    const job = env.execute('unbounded', { jobId: 'unbounded-collect' });
    await job.whenIdle!();
    source.push('a', 'b');
    await job.whenIdle!();
    expect(rows).toEqual([]); // held: no checkpoint yet
    clock.advanceTo(100); // checkpoint 1
    await job.whenIdle!();
    expect(rows).toEqual(['A', 'B']);
    source.push('c');
    await job.whenIdle!();
    expect(rows).toEqual(['A', 'B']);
    source.end(); // end of input: the final checkpoint (FLIP-147) releases 'C'
    await job.result;
    expect(rows).toEqual(['A', 'B', 'C']);
    expect(job.getCheckpointHistory!().map((h) => [h.checkpointId, h.status])).toEqual([
      [1, 'COMPLETED'],
      [2, 'COMPLETED'],
    ]);
  });
});
