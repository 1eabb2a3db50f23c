import { describe, expect, it } from 'vitest';
import { failingStorage, MemoryCheckpointStorage } from '../../../../src/engine/index.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

const N = 30_000;

describe('a checkpoint the storage refuses (issue 6: quota)', () => {
  it('is declined with the reason in the history (tolerated); the job recovers from the previous one and finishes exactly-once', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => w.checkpointId === 3,
    });
    let failedOnce = false;
    const { job, rows } = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      restarts: 1,
      // The failed checkpoint is tolerated (Flink's default 0 would fail the job over at once).
      tolerableFailures: 1,
      hook: (i, attempt) => {
        // Fails after checkpoint 3 was declined: the restart must use a checkpoint that completed.
        if (attempt === 0 && i === 9_500) {
          failedOnce = true;
          throw new Error('planned failure after the declined checkpoint');
        }
      },
    });
    await job.result;
    expect(failedOnce).toBe(true);
    expect(rows.sort()).toEqual(referenceCounts(N));
    const history = job.getCheckpointHistory!();
    const third = history.find((h) => h.checkpointId === 3)!;
    expect(third.status).toBe('FAILED');
    expect(third.reason).toMatch(/Checkpoint 3 could not be stored: .*quota/i);
    expect(storage.failures).toBeGreaterThan(0);
    expect(history.filter((h) => h.status === 'COMPLETED').length).toBeGreaterThan(3);
  }, 60_000);
});
