import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import { requirePositive } from '../window-assigner.ts';

/** Flink's rule for aligned windows: the offset must be smaller than the period it shifts. */
function requireOffsetBelow(where: string, period: string, periodMs: number, offsetMs: number): void {
  if (!(Math.abs(offsetMs) < periodMs)) {
    throw new RangeError(
      `${where}: parameters must satisfy abs(offset) < ${period}, got ${period} ${periodMs} and offset ${offsetMs}`,
    );
  }
}

/**
 * Validates tumbling-window parameters as Flink does (size > 0, abs(offset) < size) and returns
 * them in milliseconds.
 *
 * @example
 * const [size, offset] = checkTumbling('TumblingEventTimeWindows.of(size, offset)', Time.hours(1), Time.minutes(15));
 */
export function checkTumbling(where: string, size: TimeLike, offset: TimeLike): [number, number] {
  const sizeMs = toMilliseconds(size, where);
  const offsetMs = toMilliseconds(offset, where);
  requirePositive(where, 'size', sizeMs);
  requireOffsetBelow(where, 'size', sizeMs, offsetMs);
  return [sizeMs, offsetMs];
}

/**
 * Validates sliding-window parameters as Flink does (abs(offset) < slide, size > 0, slide > 0)
 * and returns them in milliseconds.
 *
 * @example
 * const [size, slide, offset] = checkSliding('SlidingEventTimeWindows.of', 10_000, 5_000, 0);
 */
export function checkSliding(
  where: string,
  size: TimeLike,
  slide: TimeLike,
  offset: TimeLike,
): [number, number, number] {
  const sizeMs = toMilliseconds(size, where);
  const slideMs = toMilliseconds(slide, where);
  const offsetMs = toMilliseconds(offset, where);
  requirePositive(where, 'size', sizeMs);
  requirePositive(where, 'slide', slideMs);
  requireOffsetBelow(where, 'slide', slideMs, offsetMs);
  return [sizeMs, slideMs, offsetMs];
}
