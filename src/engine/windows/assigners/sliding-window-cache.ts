import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';

/**
 * Windows of a sliding assigner, cached over the run of timestamps that share them, so consecutive
 * records reuse one array. The run is the pane `[lastStart, lastStart + slide)` narrowed, when size
 * is not a multiple of slide, to where the oldest window still holds the timestamp and the next older
 * one does not yet. Arrays are replaced, never mutated, once returned.
 */
export class SlidingWindowCache {
  /** The cached windows hold exactly for timestamps in [validFrom, validTo). */
  private validFrom = Number.NaN;
  private validTo = Number.NaN;
  private windows: readonly TimeWindow[] = [];
  private readonly byNamespace = new Map<Namespace, TimeWindow>();

  constructor(
    private readonly size: number,
    private readonly slide: number,
    private readonly offset: number,
  ) {}

  windowsFor(timestamp: number): readonly TimeWindow[] {
    if (!(timestamp >= this.validFrom && timestamp < this.validTo)) {
      const { size, slide } = this;
      const lastStart = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, slide);
      const windows: TimeWindow[] = [];
      // Flink's order: the latest window first, then back by one slide while the window still holds `timestamp`.
      let start = lastStart;
      for (; start > timestamp - size; start -= slide) windows.push(new TimeWindow(start, start + size));
      // `start` is now the first window too old for `timestamp`: it holds timestamps < start + size.
      // The oldest window kept (start + slide, if any) holds timestamps < start + slide + size.
      this.validFrom = Math.max(lastStart, start + size);
      this.validTo = Math.min(lastStart + slide, start + slide + size);
      this.windows = windows;
      this.byNamespace.clear();
      for (const w of windows) this.byNamespace.set(w.namespace, w);
    }
    return this.windows;
  }

  fromNamespace(namespace: Namespace): TimeWindow {
    return this.byNamespace.get(namespace) ?? TimeWindow.fromNamespace(namespace);
  }
}
