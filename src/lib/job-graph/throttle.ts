/** Latest-value throttle: see {@link throttleLatest}. */
export interface Throttle<T> {
  /** Offers a value; only the latest one offered is delivered at the next slot. */
  push(value: T): void;
  /** Delivers a pending value now (e.g. the final metrics of a job). */
  flush(): void;
  /** Drops a pending value and stops: later pushes are ignored. */
  cancel(): void;
}

/**
 * Delivers at most one value per `intervalMs`, always the latest: live metrics redraw at a bounded
 * rate however often they arrive, and nothing stale is shown after the last push.
 *
 * @example const t = throttleLatest((m) => (shown = m), 250); onMetrics = (m) => t.push(m);
 */
export function throttleLatest<T>(deliver: (value: T) => void, intervalMs: number): Throttle<T> {
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  let stopped = false;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = performance.now();
    deliver(value);
  };
  return {
    push(value) {
      if (stopped) return;
      pending = { value };
      if (timer) return;
      const wait = Math.max(0, last + intervalMs - performance.now());
      timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
    cancel() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
