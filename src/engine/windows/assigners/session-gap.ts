import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import { TimeWindow } from '../time-window.ts';
import { requirePositive } from '../window-assigner.ts';

/**
 * Computes the session gap of an element (Flink's SessionWindowTimeGapExtractor): a function or an
 * object with `extract(element)`, returning milliseconds > 0.
 *
 * @example
 * const gap: SessionWindowTimeGapExtractor<Click> = (click) => (click.premium ? 60_000 : 10_000);
 */
export type SessionWindowTimeGapExtractor<T> = ((element: T) => number) | { extract(element: T): number };

/** Validates a static session gap. @example const gapMs = checkGap('EventTimeSessionWindows.withGap', 5000); */
export function checkGap(where: string, gap: TimeLike): number {
  const ms = toMilliseconds(gap, where);
  requirePositive(where, 'gap', ms);
  return ms;
}

/** Turns a gap extractor into a function that validates each gap. @example gapFunction('X', e => 10)(e) */
export function gapFunction<T>(
  where: string,
  extractor: SessionWindowTimeGapExtractor<T>,
): (element: T) => number {
  const extract =
    typeof extractor === 'function'
      ? extractor
      : extractor && typeof extractor.extract === 'function'
        ? (e: T) => extractor.extract(e)
        : null;
  if (extract === null) {
    throw new TypeError(
      `${where}: expected a function (element) => gapMs or an object with extract(element)`,
    );
  }
  return (element) => {
    const gap = extract(element);
    if (!(gap > 0) || !Number.isFinite(gap)) {
      throw new RangeError(`${where}: dynamic session time gap must satisfy 0 < gap, got ${gap}`);
    }
    return gap;
  };
}

/** Flink's session merging: overlapping or touching sessions merge into their cover. */
export function mergeSessions(
  windows: readonly TimeWindow[],
  callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void,
): void {
  TimeWindow.mergeWindows(windows, callback);
}
