/** What the watchdog watches: anything with a last sign of life (performance.now()). */
export interface Watched {
  lastSeen: number;
}

/**
 * Checks every `intervalMs` that each watched worker was heard from within `timeoutMs` (browsers
 * fire no event when a worker dies or closes, so silence is the only sign) and reports the silent
 * ones. A check that itself comes late means this thread was stalled, not the workers: their
 * heartbeats wait unread in the port queue (timers run before pending messages), so the clocks are
 * restarted instead of blaming a worker.
 *
 * @example
 * const dog = new HeartbeatWatchdog(() => pool.workers, 250, 2_000, (w, silentMs) => fail(w, silentMs));
 * dog.start(); // … dog.stop();
 */
export class HeartbeatWatchdog {
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastCheck = 0;

  constructor(
    private readonly watched: () => readonly Watched[],
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly onSilent: (index: number, silentMs: number) => void,
  ) {}

  start(): void {
    this.lastCheck = performance.now();
    this.timer = setInterval(() => this.check(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    const now = performance.now();
    const late = now - this.lastCheck;
    this.lastCheck = now;
    const watched = this.watched();
    if (late > this.timeoutMs / 2) {
      for (const w of watched) w.lastSeen = Math.max(w.lastSeen, now);
      return;
    }
    watched.forEach((w, i) => {
      const silent = now - w.lastSeen;
      if (silent > this.timeoutMs) this.onSilent(i, silent);
    });
  }
}
