import type { RestartStrategyConfiguration } from '../../api/restart-strategies.ts';

/**
 * A job's final error when its restart strategy refused a restart: `message` is the failure's own,
 * and `recoverySuppressedBy` names the strategy that gave up (Flink's "Recovery is suppressed by
 * <strategy>"), e.g. `fixedDelayRestart(3, 100): all 3 restarts used`.
 *
 * @example
 * catch (e) { console.log((e as RecoverySuppressedError).recoverySuppressedBy); }
 */
export interface RecoverySuppressedError extends Error {
  recoverySuppressedBy?: string;
}

/**
 * The state of a restart strategy over a job's life (Flink's RestartBackoffTimeStrategy): after
 * each failure, whether to restart and after how long.
 *
 * @example
 * const backoff = new RestartBackoff(RestartStrategies.fixedDelayRestart(2, 0));
 * backoff.onFailure(Date.now()); // { restart: true, delayMs: 0 }
 */
export class RestartBackoff {
  private failures = 0;
  private delay = 0;
  private lastFailure = Number.NEGATIVE_INFINITY;
  /** failureRateRestart: times of the latest failures, at most maxFailuresPerInterval, oldest first. */
  private readonly failureTimes: number[] = [];

  constructor(
    readonly config: RestartStrategyConfiguration,
    private readonly random: () => number = Math.random,
  ) {}

  /** Number of restarts granted so far. */
  get restarts(): number {
    return this.failures;
  }

  /** Records a failure at `now` (ms) and says whether and when to restart. */
  onFailure(now: number): { restart: boolean; delayMs: number } {
    const c = this.config;
    if (c.kind === 'no-restart') return { restart: false, delayMs: 0 };
    if (c.kind === 'fixed-delay') {
      if (this.failures >= c.restartAttempts) return { restart: false, delayMs: 0 };
      this.failures++;
      return { restart: true, delayMs: c.delayMs };
    }
    if (c.kind === 'failure-rate') {
      // Flink's FailureRateRestartBackoffTimeStrategy: notifyFailure, then canRestart.
      const times = this.failureTimes;
      if (times.length >= c.maxFailuresPerInterval) times.shift();
      times.push(now);
      if (times.length >= c.maxFailuresPerInterval && now - times[0] <= c.failureRateIntervalMs)
        return { restart: false, delayMs: 0 };
      this.failures++;
      return { restart: true, delayMs: c.delayMs };
    }
    if (now - this.lastFailure >= c.resetBackoffThresholdMs) this.delay = 0;
    this.lastFailure = now;
    if (this.failures >= c.attempts) return { restart: false, delayMs: 0 };
    this.failures++;
    this.delay =
      this.delay === 0 ? c.initialBackoffMs : Math.min(c.maxBackoffMs, this.delay * c.backoffMultiplier);
    const jitter = this.delay * c.jitterFactor * (2 * this.random() - 1);
    return { restart: true, delayMs: Math.max(0, Math.round(this.delay + jitter)) };
  }

  /** The strategy, and why it gives up (after a refused restart): the job's `recoverySuppressedBy`. */
  describe(): string {
    const c = this.config;
    switch (c.kind) {
      case 'no-restart':
        return 'noRestart()';
      case 'fixed-delay':
        return `fixedDelayRestart(${c.restartAttempts}, ${c.delayMs}): all ${c.restartAttempts} restarts used`;
      case 'exponential-delay':
        return (
          `exponentialDelayRestart(${c.initialBackoffMs}, ${c.maxBackoffMs}, ${c.backoffMultiplier}, ` +
          `${c.resetBackoffThresholdMs}, ${c.jitterFactor}, ${c.attempts}): all ${c.attempts} restarts used`
        );
      case 'failure-rate':
        return (
          `failureRateRestart(${c.maxFailuresPerInterval}, ${c.failureRateIntervalMs}, ${c.delayMs}): ` +
          `${c.maxFailuresPerInterval} failures within ${c.failureRateIntervalMs} ms`
        );
    }
  }

  /**
   * Marks the job's final error, after onFailure refused a restart, with `recoverySuppressedBy`
   * (describe()); its message stays the failure's own. Returns it.
   */
  suppressed<E>(error: E): E {
    if (error instanceof Error && Object.isExtensible(error))
      (error as RecoverySuppressedError).recoverySuppressedBy = this.describe();
    return error;
  }
}
