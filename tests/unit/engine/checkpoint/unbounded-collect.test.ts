import { describe, expect, it } from 'vitest';
import {
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  StreamExecutionEnvironment,
} from '../../../../src/engine/index.ts';
import { QueueSource } from '../fixtures/queue-source.ts';

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
