/**
 * Flink's tolerable checkpoint failures (CheckpointConfig.setTolerableCheckpointFailureNumber,
 * CheckpointFailureManager): consecutive checkpoint failures that a failover might help (declines,
 * expiry, storage errors) beyond the tolerated number fail the job over; aborts caused by the job
 * itself and savepoints never count, and a completed checkpoint resets the count. The default is
 * Flink's 0. Job-level tests run the keyed windowed count inline on a manual clock, with a storage
 * that refuses chosen checkpoints (QuotaExceededError).
 */
import { describe, expect, it } from 'vitest';
import {
  CheckpointConfig,
  CheckpointCoordinator,
  CheckpointFailureManager,
  failingStorage,
  MemoryCheckpointStorage,
  RestartStrategies,
  type CheckpointStorage,
  type RecoverySuppressedError,
} from '../../../../src/engine/index.ts';
import { manualCoordinatorConfig } from './failover-fixtures.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

const N = 30_000;
const THRESHOLD = /^Exceeded checkpoint tolerable failure threshold\. The latest checkpoint failed due to: /;

describe('CheckpointConfig.setTolerableCheckpointFailureNumber', () => {
  it("defaults to Flink's 0, takes integers >= 0 and Infinity, rejects the rest naming the fix", () => {
    const config = new CheckpointConfig();
    expect(config.getTolerableCheckpointFailureNumber()).toBe(0);
    expect(config.setTolerableCheckpointFailureNumber(3).getTolerableCheckpointFailureNumber()).toBe(3);
    expect(config.toCoordinatorConfig().tolerableFailures).toBe(3);
    expect(config.setTolerableCheckpointFailureNumber(Infinity).getTolerableCheckpointFailureNumber()).toBe(
      Infinity,
    );
    for (const bad of [-1, 1.5, NaN]) {
      expect(() => config.setTolerableCheckpointFailureNumber(bad)).toThrow(
        /^setTolerableCheckpointFailureNumber\(.*\): must be an integer >= 0 .*Infinity = unlimited/,
      );
    }
    expect(config.getTolerableCheckpointFailureNumber()).toBe(Infinity);
  });
});

describe('CheckpointFailureManager (Flink semantics)', () => {
  const quota = (id: number) => new Error(`Checkpoint ${id} could not be stored: quota`);
  function manager(tolerable: number) {
    const failed: Error[] = [];
    return { m: new CheckpointFailureManager(tolerable, (e) => failed.push(e)), failed };
  }

  it('tolerance 2: the third consecutive failure fails the job, with the last reason as its cause', () => {
    const { m, failed } = manager(2);
    m.handleCheckpointFailure(1, 'storage', false, quota(1));
    m.handleCheckpointFailure(2, 'declined', false, new Error('declined 2'));
    expect(failed).toEqual([]);
    const last = new Error('Checkpoint 3 expired before completing (timeout 500 ms)');
    m.handleCheckpointFailure(3, 'expired', false, last);
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toMatch(THRESHOLD);
    expect(failed[0].message).toContain('Checkpoint 3 expired before completing (timeout 500 ms)');
    expect(failed[0].message).toContain('3 consecutive checkpoint failures, 2 tolerated');
    expect(failed[0].cause).toBe(last);
    // Failing the job starts the count again.
    expect(m.consecutiveFailures).toBe(0);
  });

  it('tolerance 2: failure, failure, success, failure, failure does not fail the job', () => {
    const { m, failed } = manager(2);
    m.handleCheckpointFailure(1, 'storage', false, quota(1));
    m.handleCheckpointFailure(2, 'storage', false, quota(2));
    m.handleCheckpointSuccess(3);
    m.handleCheckpointFailure(4, 'storage', false, quota(4));
    m.handleCheckpointFailure(5, 'declined', false, quota(5));
    expect(failed).toEqual([]);
    expect(m.consecutiveFailures).toBe(2);
  });

  it('aborts (failover, cancel, end, superseded) and savepoints do not count; neither do ids before a success', () => {
    const { m, failed } = manager(0);
    m.handleCheckpointFailure(1, 'aborted', false, new Error('Checkpoint 1 was aborted: the job ended'));
    m.handleCheckpointFailure(2, 'storage', true, quota(2)); // a savepoint
    m.handleCheckpointFailure(3, 'declined', true, new Error('savepoint declined'));
    m.handleCheckpointSuccess(5);
    m.handleCheckpointFailure(4, 'storage', false, quota(4)); // older than the completed 5
    expect(failed).toEqual([]);
    m.handleCheckpointFailure(6, 'storage', false, quota(6));
    expect(failed.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Exceeded checkpoint tolerable failure threshold\. .*Checkpoint 6 could not/),
    ]);
  });

  it('Infinity tolerates every failure', () => {
    const { m, failed } = manager(Infinity);
    for (let id = 1; id <= 100; id++) m.handleCheckpointFailure(id, 'storage', false, quota(id));
    expect(failed).toEqual([]);
  });
});

describe('CheckpointCoordinator with a failJob hook', () => {
  /** One task 't' that acknowledges every trigger unless told to decline; timers fire on demand. */
  function coordinator(storage: CheckpointStorage, tolerableFailures?: number) {
    const failJob: Error[] = [];
    const timers: (() => void)[] = [];
    let decline = false;
    const c = new CheckpointCoordinator({
      jobId: 'j',
      jobName: 'j',
      storage,
      config: manualCoordinatorConfig({ tolerableFailures }),
      taskKeys: ['t'],
      clock: { now: () => 0, schedule: (_ms, fn) => (timers.push(fn), () => {}) },
      hooks: {
        triggerTasks: ({ checkpointId }) =>
          queueMicrotask(() => {
            if (decline) c.decline('t', checkpointId, new Error('snapshot failed'));
            else c.acknowledge('t', { checkpointId, alignmentMs: 0, operators: {} });
          }),
        notifyComplete: () => {},
        notifyAborted: () => {},
        failJob: (e) => failJob.push(e),
      },
    });
    return { c, failJob, setDecline: (d: boolean) => (decline = d), timers };
  }

  it("defaults to Flink's 0: the first storage failure fails the job, naming the quota error", async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), { failOnCommit: 1 });
    const { c, failJob } = coordinator(storage);
    await expect(c.triggerCheckpoint()).rejects.toThrow(/could not be stored/);
    expect(failJob).toHaveLength(1);
    expect(failJob[0].message).toMatch(THRESHOLD);
    expect(failJob[0].message).toMatch(/Checkpoint 1 could not be stored: .*QuotaExceededError/);
  });

  it('declines count; aborts by stop() and savepoint failures do not', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), { failOnCommit: 2 });
    const { c, failJob, setDecline, timers } = coordinator(storage, 1);
    c.start();
    timers.shift()!(); // the periodic trigger: checkpoint 1, aborted before anyone acknowledged
    c.stop('the job failed over');
    c.start();
    // Savepoint 2 cannot be stored, savepoint 3 is declined: neither counts.
    await expect(c.triggerSavepoint('sp')).rejects.toThrow(
      /^Savepoint "sp" \(checkpoint 2\) could not be stored/,
    );
    setDecline(true);
    await expect(c.triggerSavepoint('sp')).rejects.toThrow(/declined by t: snapshot failed/);
    expect(failJob).toEqual([]);
    expect(c.failureManager.consecutiveFailures).toBe(0);
    // Two declined checkpoints in a row with 1 tolerated: the second fails the job.
    await expect(c.triggerCheckpoint()).rejects.toThrow(/Checkpoint 4 was declined/);
    expect(failJob).toEqual([]);
    await expect(c.triggerCheckpoint()).rejects.toThrow(/Checkpoint 5 was declined/);
    expect(failJob.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^Exceeded checkpoint tolerable failure threshold\. .*Checkpoint 5 was declined by t/,
      ),
    ]);
    c.stop();
  });

  it('an expired checkpoint counts', async () => {
    const { c, failJob, timers } = coordinator(new MemoryCheckpointStorage(), 0);
    c.start();
    timers.shift()!(); // trigger 1 (no ack: the task is slow)
    // The trigger is acknowledged in a microtask; expire it first.
    const pending = c.pendingCheckpointId;
    timers.shift()!(); // its timeout
    expect(pending).toBe(1);
    expect(failJob.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Exceeded checkpoint tolerable failure threshold\. .*Checkpoint 1 expired/),
    ]);
    c.stop();
  });
});

describe('tolerable checkpoint failures in a job (inline)', () => {
  it('tolerance 0 (the default), no restart: the first checkpoint the storage refuses fails the job', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => w.checkpointId === 3,
    });
    const { job } = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      restartStrategy: RestartStrategies.noRestart(),
    });
    const error = (await job.result.catch((e: unknown) => e)) as RecoverySuppressedError;
    expect(error.message).toMatch(THRESHOLD);
    expect(error.message).toMatch(/Checkpoint 3 could not be stored: .*QuotaExceededError/);
    expect((error.cause as Error).message).toMatch(/^Checkpoint 3 could not be stored/);
    expect(error.recoverySuppressedBy).toBe('noRestart()');
    const history = job.getCheckpointHistory!();
    expect(history.filter((h) => h.status === 'FAILED').map((h) => h.checkpointId)).toEqual([3]);
  }, 60_000);

  it('tolerance 0 with a restart: the failover restores the latest checkpoint and the job finishes exactly', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => w.checkpointId === 3,
    });
    const attempts = new Set<number>();
    const { job, rows } = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      restarts: 1,
      hook: (_i, attempt) => attempts.add(attempt),
    });
    await job.result;
    expect([...attempts]).toEqual([0, 1]);
    expect(rows.sort()).toEqual(referenceCounts(N));
  }, 60_000);

  it('tolerance 2: the third consecutive failure fails the job', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => [2, 3, 4].includes(w.checkpointId),
    });
    const { job } = startWindowedCount({ n: N, parallelism: 2, storage, tolerableFailures: 2 });
    await expect(job.result).rejects.toThrow(THRESHOLD);
    await expect(job.result).rejects.toThrow(/Checkpoint 4 could not be stored: .*quota/i);
    const history = job.getCheckpointHistory!();
    expect(history.filter((h) => h.status === 'FAILED').map((h) => h.checkpointId)).toEqual([2, 3, 4]);
  }, 60_000);

  it('tolerance 2: failure, failure, success, failure, failure: the job finishes without a restart', async () => {
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnChunk: (w) => [2, 3, 5, 6].includes(w.checkpointId),
    });
    const attempts = new Set<number>();
    const { job, rows } = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      tolerableFailures: 2,
      hook: (_i, attempt) => attempts.add(attempt),
    });
    await job.result;
    expect([...attempts]).toEqual([0]);
    expect(rows.sort()).toEqual(referenceCounts(N));
    const history = job.getCheckpointHistory!();
    expect(history.filter((h) => h.status === 'FAILED').map((h) => h.checkpointId)).toEqual([2, 3, 5, 6]);
    expect(history.find((h) => h.checkpointId === 4)?.status).toBe('COMPLETED');
  }, 60_000);

  it('a savepoint the storage refuses does not count: the job finishes without a restart', async () => {
    let savepointError: unknown = null;
    const attempts = new Set<number>();
    // Refuses exactly the savepoint's commit (the history says which checkpoint is the savepoint).
    const storage = failingStorage(new MemoryCheckpointStorage(), {
      failOnCommit: (cp) =>
        started.job.getCheckpointHistory!().find((h) => h.checkpointId === cp.checkpointId)?.savepoint ===
        true,
    });
    const started = startWindowedCount({
      n: N,
      parallelism: 2,
      storage,
      restartStrategy: RestartStrategies.noRestart(),
      hook: (i, attempt, job) => {
        attempts.add(attempt);
        if (i === 12_345) job.triggerSavepoint!('refused').catch((e: unknown) => (savepointError = e));
      },
    });
    await started.job.result;
    expect([...attempts]).toEqual([0]);
    expect(started.rows.sort()).toEqual(referenceCounts(N));
    expect((savepointError as Error).message).toMatch(
      /^Savepoint "refused" \(checkpoint \d+\) could not be stored/,
    );
    const failed = started.job.getCheckpointHistory!().filter((h) => h.status === 'FAILED');
    expect(failed.map((h) => h.savepoint)).toEqual([true]);
  }, 60_000);
});
