import { Window } from './window.ts';

/**
 * A window of time, `[start, end)`: `start` inclusive, `end` exclusive (Flink's TimeWindow).
 * Its namespace is the string `"start|end"`, built once per window.
 *
 * @example
 * const w = new TimeWindow(10_000, 20_000);
 * [w.start, w.end, w.maxTimestamp()]; // [10000, 20000, 19999]
 */
export class TimeWindow extends Window {
  readonly namespace: string;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super();
    this.namespace = `${start}|${end}`;
  }

  /** Flink-style accessor. @example new TimeWindow(0, 5).getStart() === 0 */
  getStart(): number {
    return this.start;
  }
  /** Flink-style accessor. @example new TimeWindow(0, 5).getEnd() === 5 */
  getEnd(): number {
    return this.end;
  }
  maxTimestamp(): number {
    return this.end - 1;
  }

  /** True when the windows overlap or touch (Flink: `start <= other.end && end >= other.start`). */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window containing both. @example new TimeWindow(0, 5).cover(new TimeWindow(3, 9)) // [0, 9) */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  override toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /** Rebuilds a window from its namespace (used when a timer fires). @example TimeWindow.fromNamespace('0|10') */
  static fromNamespace(namespace: string | number): TimeWindow {
    const s = String(namespace);
    const bar = s.indexOf('|');
    if (bar < 0) throw new Error(`"${s}" is not a TimeWindow namespace (expected "start|end")`);
    return new TimeWindow(Number(s.slice(0, bar)), Number(s.slice(bar + 1)));
  }

  /**
   * Start of the window of size `windowSize` shifted by `offset` that contains `timestamp`
   * (Flink's TimeWindow.getWindowStartWithOffset; correct for negative timestamps).
   *
   * @example
   * TimeWindow.getWindowStartWithOffset(-1, 0, 10); // -10
   * TimeWindow.getWindowStartWithOffset(17, 5, 10); // 15
   */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const remainder = (timestamp - offset) % windowSize;
    // JS %, like Java's, keeps the dividend's sign: shift negative remainders into [0, size).
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /**
   * Merges overlapping (or touching) windows, as Flink's TimeWindow.mergeWindows: sorts by start,
   * sweeps, and calls `callback(toBeMerged, mergeResult)` for every group of two or more windows.
   *
   * @example
   * TimeWindow.mergeWindows([new TimeWindow(0, 5), new TimeWindow(4, 9)], (ws, into) => console.log(ws.length, into));
   */
  static mergeWindows(
    windows: readonly TimeWindow[],
    callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void,
  ): void {
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    let cover: TimeWindow | null = null;
    let group: TimeWindow[] = [];
    for (const candidate of sorted) {
      if (cover === null) {
        cover = candidate;
        group = [candidate];
      } else if (cover.intersects(candidate)) {
        cover = cover.cover(candidate);
        // Flink collects a group in a Set: an equal window counts once.
        if (!group.some((w) => w.namespace === candidate.namespace)) group.push(candidate);
      } else {
        if (group.length > 1) callback(group, cover);
        cover = candidate;
        group = [candidate];
      }
    }
    if (cover !== null && group.length > 1) callback(group, cover);
  }
}
