/**
 * Savepoints and resuming in the worker runtime (issue 6), Node worker_threads. The job counts per
 * key over records 0..N-1 in one window that fires at the end of input; a first run stops its source
 * at record PAUSE, takes a savepoint (or lets checkpoints complete) and is cancelled; a second run
 * restores it, at another parallelism, and finishes. Its counts must equal the per-key counts of all N
 * records, computed in the test from the job's definition (key of i = k((i·7919) mod 97)): restored
 * state + replay from the restored source position, nothing lost or counted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runJob, submitJob, type RunJobOptions } from '../../../../src/engine/cluster/run-job.ts';
import type { JobClient } from '../../../../src/engine/cluster/job-manager.ts';
import { MemoryCheckpointStorage } from '../../../../src/engine/checkpoint/storage/memory-checkpoint-storage.ts';
import { SOURCE_SPLITS_STATE } from '../../../../src/engine/index.ts';

const job = new URL('./jobs/keyed-total.ts', import.meta.url).href;
const N = 100_000;

function expectedTotals(n: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = `k${(i * 7919) % 97}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map((e) => JSON.stringify(e)).sort();
}
const canonical = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

/** Resolves once the job has completed a checkpoint (so its attempt runs and holds state). */
const checkpointed = (start: (onCheckpoint: (h: { status: string }[]) => void) => Promise<JobClient>) =>
  new Promise<JobClient>((resolve, reject) => {
    let client: JobClient | null = null;
    let done = false;
    start((h) => {
      if (!done && client && h.some((c) => c.status === 'COMPLETED')) {
        done = true;
        resolve(client);
      }
    }).then((c) => (client = c), reject);
  });

/** A run at `parallelism` on 2 worker threads. */
const onWorkers = (parallelism: number, more: RunJobOptions = {}): RunJobOptions => ({
  parallelism,
  runtime: 'workers',
  workers: 2,
  ...more,
});

/** Cancels a job and waits until it has stopped (its result rejects as cancelled). */
async function cancelled(client: JobClient): Promise<void> {
  await client.cancel();
  await expect(client.result).rejects.toThrow(/cancel/i);
}

/** Runs the job with its source paused at record `pause`; once a checkpoint completed, takes a savepoint and cancels. */
async function savepointWhilePaused(pause: number, parallelism: number, name: string) {
  process.env.RIVULET_CKPT_PAUSE = String(pause);
  const first = await checkpointed((onCheckpoint) =>
    submitJob(job, onWorkers(parallelism, { onCheckpoint })),
  );
  const savepoint = await first.triggerSavepoint(name);
  await cancelled(first);
  delete process.env.RIVULET_CKPT_PAUSE;
  return savepoint;
}

afterEach(() => {
  delete process.env.RIVULET_CKPT_PAUSE;
  delete process.env.RIVULET_CKPT_N;
  delete process.env.RIVULET_CKPT_PARALLEL;
});

describe('savepoints and resume in workers', () => {
  const expected = expectedTotals(N);

  it('the unscaled run gives the per-key counts', async () => {
    expect(canonical(await runJob(job, onWorkers(3)))).toEqual(expected);
  });

  it('a savepoint taken at parallelism 3 restores at 2 and at 4 with the same counts', async () => {
    const savepoint = await savepointWhilePaused(60_000, 3, 'at-p3');
    expect(savepoint.format).toBe('rivulet-savepoint');
    expect(savepoint.operators['total-count'].parallelism).toBe(3);
    // Self-contained: its parts hold the state itself, and the source stopped at record 60 000.
    // The source's position (operator state of its one subtask) is among the parts.
    expect(Object.values(savepoint.operators).some((o) => o.parts['op:0'] !== undefined)).toBe(true);
    for (const parallelism of [2, 4]) {
      const rows = await runJob(job, onWorkers(parallelism, { restoreFrom: savepoint }));
      expect(canonical(rows), `restored at parallelism ${parallelism}`).toEqual(expected);
    }
  });

  it('a rescalable parallel source taken at parallelism 3 restores at 2 and at 4 with the same counts', async () => {
    process.env.RIVULET_CKPT_PARALLEL = '1';
    const savepoint = await savepointWhilePaused(60_000, 3, 'parallel-source-at-p3');
    // The readers' ranges left (three of 33 334 numbers at the start), as splits of the source's
    // list state; none read past 59 999, so the ranges left hold all of 60 000..99 999.
    const ranges = Object.values(savepoint.operators['numbers'].parts)
      .flatMap(
        (p) => (p as Record<string, { items: { next: number; last: number }[] }>)[SOURCE_SPLITS_STATE].items,
      )
      .sort((a, b) => a.next - b.next);
    const left = ranges.flatMap((r) => Array.from({ length: r.last - r.next + 1 }, (_, k) => r.next + k));
    expect(left.filter((i) => i >= 60_000)).toHaveLength(40_000);
    for (const parallelism of [2, 4]) {
      const rows = await runJob(job, onWorkers(parallelism, { restoreFrom: savepoint }));
      expect(canonical(rows), `restored at parallelism ${parallelism}`).toEqual(expected);
    }
  });

  it("a job started again with its jobId and restoreFrom 'latest' resumes from its last checkpoint", async () => {
    const storage = new MemoryCheckpointStorage();
    process.env.RIVULET_CKPT_PAUSE = '50000';
    const first = await checkpointed((onCheckpoint) =>
      submitJob(job, onWorkers(2, { jobId: 'resume-me', checkpointStorage: storage, onCheckpoint })),
    );
    await cancelled(first);
    const latest = await storage.latest('resume-me');
    expect(latest?.checkpointId).toBeGreaterThan(0);
    delete process.env.RIVULET_CKPT_PAUSE;
    const second = await submitJob(
      job,
      onWorkers(2, { jobId: 'resume-me', restoreFrom: 'latest', checkpointStorage: storage }),
    );
    expect(canonical(await second.result)).toEqual(expected);
    expect(second.status().restoredCheckpointId).toBe(latest!.checkpointId);
    // Checkpoint ids go on after the restored one.
    expect(second.checkpoints()[0].checkpointId).toBeGreaterThan(latest!.checkpointId);
  });

  it('restoring state of an operator uid the job does not have fails unless allowNonRestoredState', async () => {
    const savepoint = await savepointWhilePaused(1000, 2, 'with-extra-uid');
    // The same savepoint with the state of an operator this job no longer has.
    const foreign = {
      ...savepoint,
      operators: { ...savepoint.operators, 'removed-operator': savepoint.operators['total-count'] },
    };
    await expect(runJob(job, onWorkers(2, { restoreFrom: foreign }))).rejects.toThrow(
      /operator uid "removed-operator", which this job does not have/,
    );
    const rows = await runJob(job, onWorkers(2, { restoreFrom: foreign, allowNonRestoredState: true }));
    expect(canonical(rows)).toEqual(expected);
  });
});
