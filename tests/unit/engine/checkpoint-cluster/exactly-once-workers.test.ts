/**
 * Exactly-once under failure in the worker runtime (issue 6), Node worker_threads: a keyed tumbling
 * window count over 200 000 replayable records with checkpoints every 50 ms; Flink's failing mapper
 * throws, or ends its worker thread, after a chosen number of records on attempts 0, 1, 2. The results must equal
 * the failure-free counts exactly: no record lost, none counted twice. Expected counts are computed
 * independently in the test from the job's definition (key of record i = k((i·7919) mod 97),
 * window = floor(i / 1000)·1000, since timestamp = i ms and windows are 1 s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runJob, submitJob, type RunJobOptions } from '../../../../src/engine/cluster/run-job.ts';
import { MemoryCheckpointStorage } from '../../../../src/engine/checkpoint/storage/memory-checkpoint-storage.ts';
import { failingStorage } from '../../../../src/engine/checkpoint/storage/failing-storage.ts';
import type { RecoverySuppressedError } from '../../../../src/engine/checkpoint/restart/restart-backoff.ts';
import { running, trackingFactory } from '../fixtures/tracking-workers.ts';
import { referenceCounts } from '../checkpoint/keyed-window-count-stage.ts';

const job = new URL('./jobs/keyed-window-count.ts', import.meta.url).href;
const N = 200_000;

/** [key, windowStart, count] rows of the failure-free run, as JSON, sorted. */
const expectedRows = (n: number) =>
  referenceCounts(n)
    .map((r) => r.split(','))
    .map(([key, start, count]) => JSON.stringify([key, Number(start), Number(count)]))
    .sort();
const canonical = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

const workers2: RunJobOptions = { parallelism: 2, runtime: 'workers', workers: 2 };
/** Submits the job at parallelism 2 on 2 worker threads that the test can count. */
async function submitTracked(options: RunJobOptions = {}) {
  const { spawn, threads } = trackingFactory();
  const client = await submitJob(job, { ...workers2, spawnWorker: spawn, ...options });
  return { client, threads };
}

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('RIVULET_CKPT_')) delete process.env[k];
});

describe('exactly-once in workers: keyed window count over 200k records, checkpoints every 50 ms', () => {
  const expected = expectedRows(N);

  it('a failure-free run gives the expected counts and completes checkpoints', async () => {
    const client = await submitJob(job, workers2);
    expect(canonical(await client.result)).toEqual(expected);
    const history = client.checkpoints();
    expect(history.some((c) => c.status === 'COMPLETED')).toBe(true);
    expect(client.status().attemptNumber).toBe(0);
  });

  it('AT_LEAST_ONCE (barriers counted, not aligned): checkpoints complete, counts exact without failures', async () => {
    process.env.RIVULET_CKPT_MODE = 'AT_LEAST_ONCE';
    const client = await submitJob(job, workers2);
    expect(canonical(await client.result)).toEqual(expected);
    const completed = client.checkpoints().filter((c) => c.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThan(0);
  });

  it('a mapper that throws after 30 000, 20 000 and 10 000 records (attempts 0, 1, 2)', async () => {
    process.env.RIVULET_CKPT_FAILAT = '30000,20000,10000';
    process.env.RIVULET_CKPT_FAULT = 'throw';
    const { client, threads } = await submitTracked();
    const rows = await client.result;
    expect(canonical(rows)).toEqual(expected);
    expect(client.status().attemptNumber).toBe(3);
    // A user function error does not kill its worker: both are reused by every attempt.
    expect(threads.length).toBe(2);
    expect(running(threads)).toBe(0);
  });

  it('worker threads that exit (after 40 000, then 25 000 records) are replaced; results are exact', async () => {
    // Mapper subtask 0 shares worker 0 with the collect sink: its death also loses uncommitted results.
    process.env.RIVULET_CKPT_FAILAT = '40000,25000';
    process.env.RIVULET_CKPT_FAULT = 'exit';
    const { client, threads } = await submitTracked();
    expect(canonical(await client.result)).toEqual(expected);
    expect(client.status().attemptNumber).toBe(2);
    // Two deaths: two fresh workers besides the first two; every one of them is gone now.
    expect(threads.length).toBe(4);
    expect(client.status().workersStarted).toBe(4);
    expect(running(threads)).toBe(0);
  });

  // Kill points drawn at random from fixed seeds (mulberry32), so a failure is reproducible: the
  // worker of mapper subtask 0 or 1 (by the draw) exits after a random number of records on attempt
  // 0 (1 000..90 000 of its 100 000) and on attempt 1 (fewer than the records left after the restore,
  // which resumes at or before the first kill point).
  it.each([7, 2026])('worker exits at seeded random points (seed %i); results are exact', async (seed) => {
    let t = seed;
    const random = () => {
      t = (t + 0x6d2b79f5) | 0;
      let r = Math.imul(t ^ (t >>> 15), 1 | t);
      r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
      return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
    };
    const first = 1_000 + Math.floor(random() * 89_000);
    const points = [first, 1_000 + Math.floor(random() * (99_000 - first))];
    process.env.RIVULET_CKPT_FAILAT = points.join(',');
    process.env.RIVULET_CKPT_FAILSUBTASK = String(Math.floor(random() * 2));
    process.env.RIVULET_CKPT_FAULT = 'exit';
    const { client, threads } = await submitTracked();
    expect(canonical(await client.result), `kill points ${points}`).toEqual(expected);
    expect(client.status().attemptNumber).toBe(2);
    expect(running(threads)).toBe(0);
  });

  it('a worker stuck in a loop misses heartbeats, is terminated and replaced; results are exact', async () => {
    process.env.RIVULET_CKPT_FAILAT = '30000';
    process.env.RIVULET_CKPT_FAULT = 'hang';
    const { client, threads } = await submitTracked({ cluster: { heartbeatTimeoutMs: 1000 } });
    expect(canonical(await client.result)).toEqual(expected);
    expect(client.status().attemptNumber).toBe(1);
    expect(threads.length).toBe(3);
    expect(running(threads)).toBe(0);
  });

  it('a storage out of quota declines checkpoint 1 (reason in the history, tolerated); the job still finishes exactly', async () => {
    // One failed checkpoint tolerated (Flink's default 0 would fail the job over at once).
    process.env.RIVULET_CKPT_TOLERABLE = '1';
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => w.checkpointId === 1,
    });
    const client = await submitJob(job, { ...workers2, checkpointStorage: storage });
    expect(canonical(await client.result)).toEqual(expected);
    expect(client.status().attemptNumber).toBe(0);
    const history = client.checkpoints();
    const failed = history.filter(
      (c) => c.status === 'FAILED' && /QuotaExceededError|quota/i.test(c.reason ?? ''),
    );
    expect(failed.map((c) => c.checkpointId)).toEqual([1]);
    expect(storage.failures).toBeGreaterThanOrEqual(1);
    // Later checkpoints (at least the final one) complete: the job went on after the decline.
    expect(history.some((c) => c.status === 'COMPLETED' && c.checkpointId > 1)).toBe(true);
    // A finished job deletes its checkpoints (nothing is left to resume).
    expect(await storage.latest(client.jobId)).toBeNull();
  });

  it('a final checkpoint that cannot be stored fails the job once the restarts run out', async () => {
    // Every commit fails (a full storage): the periodic ones are declined, and the final one, which a
    // job whose sources ended needs before it can finish, fails the attempt (inline does the same).
    // Failed checkpoints are tolerated here, so only the final one fails the attempts.
    process.env.RIVULET_CKPT_RESTARTS = '1';
    process.env.RIVULET_CKPT_TOLERABLE = 'Infinity';
    const storage = failingStorage(new MemoryCheckpointStorage(), { failOnCommit: () => true });
    const { spawn, threads } = trackingFactory();
    const client = await submitJob(job, { ...workers2, spawnWorker: spawn, checkpointStorage: storage });
    await expect(client.result).rejects.toThrow(/^The final checkpoint failed: .*quota/i);
    expect(client.status().attemptNumber).toBe(1);
    expect(running(threads)).toBe(0);
  });

  it("more consecutive checkpoint failures than tolerated (Flink's default 0) fail the job over", async () => {
    // No restart, a full storage: the first checkpoint that cannot be stored (a periodic one, or the
    // final one of a run that ends first) fails the job with the threshold, naming the quota error.
    process.env.RIVULET_CKPT_RESTARTS = '0';
    const storage = failingStorage(new MemoryCheckpointStorage(), { failOnChunk: () => true });
    const { spawn, threads } = trackingFactory();
    const client = await submitJob(job, { ...workers2, spawnWorker: spawn, checkpointStorage: storage });
    const error = (await client.result.catch((e: unknown) => e)) as RecoverySuppressedError;
    expect(error.message).toMatch(
      /^Exceeded checkpoint tolerable failure threshold\. The latest checkpoint failed due to: Checkpoint \d+ could not be stored: .*QuotaExceededError/,
    );
    expect(error.recoverySuppressedBy).toBe('fixedDelayRestart(0, 0): all 0 restarts used');
    expect(running(threads)).toBe(0);
  });

  it('the failover of a failed checkpoint follows the restart strategy: attempt 1 restores and finishes exactly', async () => {
    process.env.RIVULET_CKPT_RESTARTS = '1';
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => w.checkpointId === 1,
    });
    const client = await submitJob(job, { ...workers2, checkpointStorage: storage });
    expect(canonical(await client.result)).toEqual(expected);
    expect(client.status().attemptNumber).toBe(1);
    const first = client.checkpoints()[0];
    expect([first.checkpointId, first.status, first.reason]).toEqual([
      1,
      'FAILED',
      expect.stringMatching(/quota/i),
    ]);
  });

  it('when the restarts run out the job fails with the last error and stops its workers', async () => {
    // Fails on attempts 0, 1 and 2 with 1 restart allowed: attempt 1's failure is final.
    process.env.RIVULET_CKPT_FAILAT = '1000,2000,3000';
    process.env.RIVULET_CKPT_FAULT = 'throw';
    process.env.RIVULET_CKPT_RESTARTS = '1';
    const { spawn, threads } = trackingFactory();
    await expect(runJob(job, { ...workers2, spawnWorker: spawn })).rejects.toThrow(
      /failing mapper: planned failure at record \d+ on attempt 1/,
    );
    expect(running(threads)).toBe(0);
  });
});
