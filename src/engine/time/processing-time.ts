import type { ProcessingTimeService } from './timer-service.ts';

interface Scheduled {
  time: number;
  seq: number;
  callback: (time: number) => void;
}

/**
 * A processing-time clock that moves only when told to, so tests with processing-time timers, windows
 * and TTL are deterministic (Flink's TestProcessingTimeService).
 *
 * @example
 * const clock = new ManualProcessingTimeService(0);
 * clock.registerTimer(1000, (t) => console.log('fired at', t));
 * clock.advanceTo(1500); // logs "fired at 1000"
 */
export class ManualProcessingTimeService implements ProcessingTimeService {
  /** Pending timers sorted by (time, registration order). */
  private readonly pending: Scheduled[] = [];
  private seq = 0;

  constructor(private time = 0) {}

  getCurrentProcessingTime(): number {
    return this.time;
  }

  registerTimer(time: number, callback: (time: number) => void): () => void {
    const entry: Scheduled = { time, seq: this.seq++, callback };
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pending[mid].time <= time) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, entry);
    return () => {
      const i = this.pending.indexOf(entry);
      if (i >= 0) this.pending.splice(i, 1);
    };
  }

  /**
   * Sets the clock to `time`, then fires every timer due by then in time order, including timers
   * that the callbacks register for times <= `time`. A callback's error propagates to the caller.
   */
  advanceTo(time: number): void {
    if (!(time >= this.time)) {
      throw new RangeError(`Processing time cannot go back: the clock is at ${this.time}, asked for ${time}`);
    }
    this.time = time;
    while (this.pending.length > 0 && this.pending[0].time <= time) {
      const next = this.pending.shift()!;
      next.callback(next.time);
    }
  }

  /** Moves the clock forward by `ms` (see advanceTo). */
  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Number of registered timers that have not fired (for tests). */
  numPendingTimers(): number {
    return this.pending.length;
  }
}

/** setTimeout's largest delay; longer waits are split so they do not fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Processing time from the wall clock (Date.now), with timers on setTimeout. Callbacks run on the
 * task's own thread between batches. A callback error goes to `onError` (the runtime fails the job
 * there); without one it is rethrown, never swallowed.
 *
 * @example
 * const clock = new WallClockProcessingTimeService({ onError: (e) => task.fail(e) });
 * clock.registerTimer(Date.now() + 1000, (t) => flush(t));
 */
export class WallClockProcessingTimeService implements ProcessingTimeService {
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>();
  private readonly onError: ((error: unknown) => void) | null;

  constructor(options: { onError?: (error: unknown) => void } = {}) {
    this.onError = options.onError ?? null;
  }

  getCurrentProcessingTime(): number {
    return Date.now();
  }

  registerTimer(time: number, callback: (time: number) => void): () => void {
    let handle: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const schedule = (): void => {
      const now = Date.now();
      // As Flink's ProcessingTimeServiceUtil: +1 ms so the timer fires strictly after `time`.
      const delay = time >= now ? time - now + 1 : 0;
      handle = setTimeout(
        () => {
          this.timeouts.delete(handle!);
          if (cancelled) return;
          if (delay > MAX_DELAY) return schedule();
          this.fire(callback, time);
        },
        Math.min(delay, MAX_DELAY),
      );
      this.timeouts.add(handle);
    };
    schedule();
    return () => {
      cancelled = true;
      if (handle !== undefined) {
        clearTimeout(handle);
        this.timeouts.delete(handle);
      }
    };
  }

  private fire(callback: (time: number) => void, time: number): void {
    if (this.onError === null) return callback(time);
    try {
      callback(time);
    } catch (e) {
      this.onError(e);
    }
  }

  /** Cancels every pending timer (when the task ends). */
  shutdown(): void {
    for (const h of this.timeouts) clearTimeout(h);
    this.timeouts.clear();
  }
}
