import type { Collector } from './functions.ts';

/**
 * Evaluates a window with its key, the window and all its elements (Flink's WindowFunction, used by
 * `apply`): a function or an object with `apply`. Prefer ProcessWindowFunction for state and side outputs.
 *
 * @example
 * keyed.window(TumblingEventTimeWindows.of(1000)).apply((key, window, values, out) => {
 *   out.collect(`${key}@${window.start}: ${[...values].length}`);
 * });
 */
export type WindowFunction<IN, OUT, KEY, W> =
  | ((key: KEY, window: W, input: Iterable<IN>, out: Collector<OUT>) => void)
  | { apply(key: KEY, window: W, input: Iterable<IN>, out: Collector<OUT>): void };

/**
 * WindowFunction for `windowAll` (Flink's AllWindowFunction): no key.
 *
 * @example
 * stream.windowAll(TumblingEventTimeWindows.of(1000)).apply((window, values, out) => out.collect([...values].length));
 */
export type AllWindowFunction<IN, OUT, W> =
  | ((window: W, input: Iterable<IN>, out: Collector<OUT>) => void)
  | { apply(window: W, input: Iterable<IN>, out: Collector<OUT>): void };
