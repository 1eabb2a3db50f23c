import { toMilliseconds, type TimeLike } from '../../api/time.ts';
import { requirePositive } from '../window-assigner.ts';

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
  if (!(Math.abs(offsetMs) < slideMs)) {
    throw new RangeError(
      `${where}: parameters must satisfy abs(offset) < slide, got slide ${slideMs} and offset ${offsetMs}`,
    );
  }
  return [sizeMs, slideMs, offsetMs];
}
