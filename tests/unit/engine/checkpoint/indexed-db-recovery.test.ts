import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbCheckpointStorage } from '../../../../src/engine/index.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

const N = 20_000;

describe('recovery with IndexedDB checkpoint storage (fake-indexeddb in Node)', () => {
  it('restarts from checkpoints stored in IndexedDB and ends with exactly the failure-free counts', async () => {
    const storage = new IndexedDbCheckpointStorage({ dbName: 'inline-recovery-test' });
    const failAt = [6_000, 13_000];
    const { job, rows } = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      restarts: failAt.length,
      run: { jobId: 'idb-recovery' },
      hook: (i, attempt) => {
        if (attempt < failAt.length && i >= failAt[attempt])
          throw new Error(`planned failure at ${i} on attempt ${attempt}`);
      },
    });
    await job.result;
    expect(rows.sort()).toEqual(referenceCounts(N));
    const latest = await storage.latest('idb-recovery');
    expect(latest!.checkpointId).toBeGreaterThan(1);
  }, 60_000);
});
