/**
 * Flink's failure-rate restart strategy (RestartStrategies.failureRateRestart,
 * FailureRateRestartBackoffTimeStrategy): a failure is recorded first, then the job restarts unless
 * maxFailuresPerInterval failures (this one included) fell within the sliding interval. Jobs run
 * inline on a manual clock, which the restart strategy measures time on.
 */
import { describe, expect, it } from 'vitest';
import {
  MemoryCheckpointStorage,
  RestartBackoff,
  RestartStrategies,
  type RecoverySuppressedError,
} from '../../../../src/engine/index.ts';
import { referenceCounts, startWindowedCount } from './windowed-count-job.ts';

describe('RestartStrategies.failureRateRestart', () => {
  it('restarts while fewer than maxFailuresPerInterval failures fell within the sliding interval', () => {
    const b = new RestartBackoff(RestartStrategies.failureRateRestart(3, 1_000, 250));
    expect(b.onFailure(0)).toEqual({ restart: true, delayMs: 250 });
    expect(b.onFailure(10)).toEqual({ restart: true, delayMs: 250 });
    // The interval slid past 0: the failures within it are 10 and 1011.
    expect(b.onFailure(1_011)).toEqual({ restart: true, delayMs: 250 });
    expect(b.onFailure(1_011 + 1_000 - 1).restart).toBe(true); // 10 is out: 1011, 2010 in
    // A third failure within 1000 ms of 1011 (the boundary counts as within): the job fails.
    expect(b.onFailure(2_011)).toEqual({ restart: false, delayMs: 0 });
    expect(b.restarts).toBe(4);
    expect(b.describe()).toBe('failureRateRestart(3, 1000, 250): 3 failures within 1000 ms');
  });

  it('with maxFailuresPerInterval 1 every failure fails the job (as Flink: notifyFailure, then canRestart)', () => {
    expect(new RestartBackoff(RestartStrategies.failureRateRestart(1, 1, 0)).onFailure(0).restart).toBe(
      false,
    );
  });

  it('rejects bad arguments naming the fix', () => {
    expect(() => RestartStrategies.failureRateRestart(0, 1_000, 0)).toThrow(
      /^failureRateRestart\(0, \.\.\.\): maxFailuresPerInterval must be an integer >= 1/,
    );
    expect(() => RestartStrategies.failureRateRestart(2.5, 1_000, 0)).toThrow(/must be an integer >= 1/);
    expect(() => RestartStrategies.failureRateRestart(3, 0, 0)).toThrow(
      /^failureRateRestart\(3, 0, \.\.\.\): the failure rate interval must be a number of ms > 0/,
    );
    expect(() => RestartStrategies.failureRateRestart(3, NaN, 0)).toThrow(
      /interval must be a number of ms > 0/,
    );
    expect(() => RestartStrategies.failureRateRestart(3, 1_000, -1)).toThrow(
      /^failureRateRestart delay must be a number of ms >= 0, got -1/,
    );
  });
});

describe('failureRateRestart in a job (inline, manual clock)', () => {
  const N = 20_000;
  /** Fails the job's hook at record `at[attempt]` after moving the job's clock by `gapMs`. */
  function failingRun(at: number[], gapMs: number) {
    const attempts = new Set<number>();
    return {
      attempts,
      ...startWindowedCount({
        n: N,
        parallelism: 2,
        storage: new MemoryCheckpointStorage(),
        restartStrategy: RestartStrategies.failureRateRestart(2, 1_000, 0),
        hook: (i, attempt, _job, clock) => {
          attempts.add(attempt);
          if (i === at[attempt]) {
            clock.advanceTo(clock.getCurrentProcessingTime() + gapMs);
            throw new Error(`planned failure at record ${i} on attempt ${attempt}`);
          }
        },
      }),
    };
  }

  it('failures more than the interval apart restart every time; the results are exact', async () => {
    const { job, rows, attempts } = failingRun([5_000, 9_000, 15_000], 1_500);
    await job.result;
    expect([...attempts]).toEqual([0, 1, 2, 3]);
    expect(rows.sort()).toEqual(referenceCounts(N));
  }, 60_000);

  it('a second failure within the interval fails the job with the last error', async () => {
    // The restart replays fewer than 2000 records (100 ms of the job's clock) before failing again.
    const { job, attempts } = failingRun([5_000, 6_000], 0);
    const error = (await job.result.catch((e: unknown) => e)) as RecoverySuppressedError;
    expect(error.message).toMatch(/planned failure at record 6000 on attempt 1$/);
    expect(error.recoverySuppressedBy).toBe('failureRateRestart(2, 1000, 0): 2 failures within 1000 ms');
    expect([...attempts]).toEqual([0, 1]);
  }, 60_000);
});

describe('recoverySuppressedBy (Flink: "Recovery is suppressed by <strategy>")', () => {
  it("names the strategy that gave up; the error's message stays the failure's own", async () => {
    const { job } = startWindowedCount({
      n: 5_000,
      parallelism: 1,
      storage: new MemoryCheckpointStorage(),
      restarts: 1,
      hook: (i, attempt) => {
        if (i === 3_000) throw new Error(`planned failure on attempt ${attempt}`);
      },
    });
    const error = (await job.result.catch((e: unknown) => e)) as RecoverySuppressedError;
    expect(error.message).toMatch(/planned failure on attempt 1$/);
    expect(error.recoverySuppressedBy).toBe('fixedDelayRestart(1, 0): all 1 restarts used');
    expect(new RestartBackoff(RestartStrategies.noRestart()).describe()).toBe('noRestart()');
  }, 60_000);
});
