import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';

/**
 * The per-record fast path of tumbling assigners: consecutive records mostly fall into the same
 * window, so the last window and a one-element array holding it are reused (no allocation).
 * It is only a cache (the result depends on the timestamp alone), so sharing one assigner between
 * keys and subtasks on a thread is safe.
 */
export class TumblingWindowCache {
  private start = Number.NaN;
  private end = Number.NaN;
  // Replaced, never mutated, once returned: a caller may still be iterating an older array.
  private windows: readonly TimeWindow[] = [new TimeWindow(Number.NaN, Number.NaN)];

  constructor(
    private readonly size: number,
    private readonly offset: number,
  ) {}

  windowsFor(timestamp: number): readonly TimeWindow[] {
    // NaN bounds make the first comparison false, so the first record computes its window.
    if (!(timestamp >= this.start && timestamp < this.end)) {
      const start = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.size);
      this.start = start;
      this.end = start + this.size;
      this.windows = [new TimeWindow(start, start + this.size)];
    }
    return this.windows;
  }

  /** Reuses the cached window when the namespace matches (timers of the current window). */
  fromNamespace(namespace: Namespace): TimeWindow {
    const cached = this.windows[0];
    return cached.namespace === namespace ? cached : TimeWindow.fromNamespace(namespace);
  }
}
