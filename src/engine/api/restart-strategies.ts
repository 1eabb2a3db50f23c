/**
 * Restart strategies with Flink's names (RestartStrategies): what the runtime does when a task
 * fails — give up, restart a fixed number of times after a delay, restart with a growing delay, or
 * restart while failures stay under a rate. All tasks restart from the latest completed checkpoint
 * (from scratch without checkpointing).
 */
export type RestartStrategyConfiguration =
  | { readonly kind: 'no-restart' }
  | { readonly kind: 'fixed-delay'; readonly restartAttempts: number; readonly delayMs: number }
  | {
      readonly kind: 'exponential-delay';
      readonly initialBackoffMs: number;
      readonly maxBackoffMs: number;
      readonly backoffMultiplier: number;
      /** After running this long without failure the delay starts again from the initial one. */
      readonly resetBackoffThresholdMs: number;
      /** Random share (0..1) added to or taken from each delay, so restarts spread out. */
      readonly jitterFactor: number;
      /** Attempts before giving up (Infinity in Flink 1.x). */
      readonly attempts: number;
    }
  | {
      readonly kind: 'failure-rate';
      /** The job fails at this many failures within `failureRateIntervalMs` (sliding). */
      readonly maxFailuresPerInterval: number;
      readonly failureRateIntervalMs: number;
      readonly delayMs: number;
    };

const checkMs = (what: string, ms: number): void => {
  if (!(Number.isFinite(ms) && ms >= 0))
    throw new RangeError(`${what} must be a number of ms >= 0, got ${ms}`);
};

/**
 * Factories as in Flink's RestartStrategies.
 *
 * @example env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1_000));
 */
export const RestartStrategies = {
  /** Fail the job at the first task failure. @example RestartStrategies.noRestart() */
  noRestart(): RestartStrategyConfiguration {
    return { kind: 'no-restart' };
  },
  /** Restart up to `restartAttempts` times, `delayMs` after each failure. @example RestartStrategies.fixedDelayRestart(3, 10_000) */
  fixedDelayRestart(restartAttempts: number, delayMs: number): RestartStrategyConfiguration {
    if (!(Number.isInteger(restartAttempts) && restartAttempts >= 0) && restartAttempts !== Infinity) {
      throw new RangeError(`fixedDelayRestart(${restartAttempts}, ...): attempts must be an integer >= 0`);
    }
    checkMs('fixedDelayRestart delay', delayMs);
    return { kind: 'fixed-delay', restartAttempts, delayMs };
  },
  /**
   * Restart with a delay that starts at `initialBackoffMs` and grows by `backoffMultiplier` up to
   * `maxBackoffMs`; it resets after `resetBackoffThresholdMs` without failure (Flink's defaults:
   * 1 s, 1 min... here given explicitly), with ±`jitterFactor` random spread.
   *
   * @example RestartStrategies.exponentialDelayRestart(100, 10_000, 2, 60_000, 0.1)
   */
  exponentialDelayRestart(
    initialBackoffMs: number,
    maxBackoffMs: number,
    backoffMultiplier: number,
    resetBackoffThresholdMs = 3_600_000,
    jitterFactor = 0.1,
    attempts = Infinity,
  ): RestartStrategyConfiguration {
    checkMs('exponentialDelayRestart initial backoff', initialBackoffMs);
    checkMs('exponentialDelayRestart max backoff', maxBackoffMs);
    checkMs('exponentialDelayRestart reset threshold', resetBackoffThresholdMs);
    if (maxBackoffMs < initialBackoffMs)
      throw new RangeError('exponentialDelayRestart: the max backoff must be >= the initial backoff');
    if (!(backoffMultiplier >= 1))
      throw new RangeError('exponentialDelayRestart: the multiplier must be >= 1');
    if (!(jitterFactor >= 0 && jitterFactor <= 1))
      throw new RangeError('exponentialDelayRestart: the jitter factor must be within 0..1');
    return {
      kind: 'exponential-delay',
      initialBackoffMs,
      maxBackoffMs,
      backoffMultiplier,
      resetBackoffThresholdMs,
      jitterFactor,
      attempts,
    };
  },
  /**
   * Restart `delayMs` after each failure while the failures stay under a rate (Flink's
   * failureRateRestart): the job fails at the `maxFailuresPerInterval`-th failure within a sliding
   * `failureRateIntervalMs` (counting that one, so up to maxFailuresPerInterval - 1 restarts per
   * interval), with the last error.
   *
   * @example RestartStrategies.failureRateRestart(3, 5 * 60_000, 10_000) // fail at 3 failures within 5 min
   */
  failureRateRestart(
    maxFailuresPerInterval: number,
    failureRateIntervalMs: number,
    delayMs: number,
  ): RestartStrategyConfiguration {
    if (!(Number.isInteger(maxFailuresPerInterval) && maxFailuresPerInterval >= 1))
      throw new RangeError(
        `failureRateRestart(${maxFailuresPerInterval}, ...): maxFailuresPerInterval must be an integer >= 1 (the failures within the interval that fail the job)`,
      );
    if (!(failureRateIntervalMs > 0))
      throw new RangeError(
        `failureRateRestart(${maxFailuresPerInterval}, ${failureRateIntervalMs}, ...): the failure rate interval must be a number of ms > 0`,
      );
    checkMs('failureRateRestart delay', delayMs);
    return { kind: 'failure-rate', maxFailuresPerInterval, failureRateIntervalMs, delayMs };
  },
};
