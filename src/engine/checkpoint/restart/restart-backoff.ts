import type { RestartStrategyConfiguration } from '../../api/restart-strategies.ts';

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
    if (now - this.lastFailure >= c.resetBackoffThresholdMs) this.delay = 0;
    this.lastFailure = now;
    if (this.failures >= c.attempts) return { restart: false, delayMs: 0 };
    this.failures++;
    this.delay =
      this.delay === 0 ? c.initialBackoffMs : Math.min(c.maxBackoffMs, this.delay * c.backoffMultiplier);
    const jitter = this.delay * c.jitterFactor * (2 * this.random() - 1);
    return { restart: true, delayMs: Math.max(0, Math.round(this.delay + jitter)) };
  }

  /** Why the job is not restarted (for the final error). */
  describe(): string {
    const c = this.config;
    if (c.kind === 'no-restart') return 'the restart strategy is noRestart()';
    if (c.kind === 'fixed-delay') return `fixedDelayRestart allowed ${c.restartAttempts} restarts, all used`;
    return `exponentialDelayRestart allowed ${c.attempts} restarts, all used`;
  }
}
