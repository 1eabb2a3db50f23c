import type { Namespace } from '../../state/keyed-state-backend.ts';
import { TimeWindow } from '../time-window.ts';

/**
 * Windows of a sliding assigner, cached per pane: every timestamp in `[paneStart, paneStart + slide)`
 * belongs to the same `ceil(size / slide)`-or-so windows, so consecutive records reuse one array.
 * Arrays are replaced, never mutated, once returned.
 */
export class SlidingWindowCache {
  private paneStart = Number.NaN;
  private paneEnd = Number.NaN;
  private windows: readonly TimeWindow[] = [];
  private readonly byNamespace = new Map<Namespace, TimeWindow>();

  constructor(
    private readonly size: number,
    private readonly slide: number,
    private readonly offset: number,
  ) {}

  windowsFor(timestamp: number): readonly TimeWindow[] {
    if (!(timestamp >= this.paneStart && timestamp < this.paneEnd)) {
      const lastStart = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.slide);
      const windows: TimeWindow[] = [];
      // Flink's order: the latest window first, then back by one slide while the window still holds `timestamp`.
      for (let start = lastStart; start > timestamp - this.size; start -= this.slide) {
        windows.push(new TimeWindow(start, start + this.size));
      }
      this.paneStart = lastStart;
      this.paneEnd = lastStart + this.slide;
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
