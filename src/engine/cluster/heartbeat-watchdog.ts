import { OUT_OF_MEMORY_ADVICE, type HeapUsage } from './protocol.ts';

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

/** Heap use at or above this share of the limit makes a silent worker's report name memory. */
const NEAR_HEAP_LIMIT = 0.8;

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * Why a worker was given up on after `silentMs` without a heartbeat. A worker near its heap limit
 * goes silent long before V8 stops it (each full GC frees too little to run on), so its last
 * reported heap, when known, tells the user which of the two it was and what to do.
 *
 * @example silentWorkerReason(2_100, 2_000, { usedBytes: 3.9e9, limitBytes: 4.1e9 })
 * // 'missed heartbeats for 2100 ms (timeout 2000 ms) with its heap at 3719 MB of 3910 MB (95%): …'
 */
export function silentWorkerReason(silentMs: number, timeoutMs: number, heap?: HeapUsage): string {
  const missed = `missed heartbeats for ${Math.round(silentMs)} ms (timeout ${timeoutMs} ms)`;
  if (!heap || !(heap.limitBytes > 0)) return `${missed}: the worker died or is stuck`;
  const share = heap.usedBytes / heap.limitBytes;
  const at = `with its heap at ${mb(heap.usedBytes)} of ${mb(heap.limitBytes)} (${Math.round(share * 100)}%)`;
  if (share < NEAR_HEAP_LIMIT) return `${missed} ${at}: the worker died or is stuck`;
  return `${missed} ${at}: it is most likely out of memory: ${OUT_OF_MEMORY_ADVICE}`;
}
