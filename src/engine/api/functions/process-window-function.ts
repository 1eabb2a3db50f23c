import type { KeyedStateStore } from '../../state/state.ts';
import type { OutputTag } from '../output-tag.ts';
import type { Collector } from './functions.ts';
import { AbstractRichFunction } from './rich-function.ts';

/**
 * What a window function knows about the window being evaluated (Flink's
 * ProcessWindowFunction.Context). Valid only during the call it is passed to.
 */
export interface ProcessWindowContext<W> {
  /** The window being evaluated, e.g. a TimeWindow with `start`, `end` and `maxTimestamp()`. */
  readonly window: W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** Keyed state scoped to this key and this window (not available with merging windows). */
  windowState(): KeyedStateStore;
  /** Keyed state scoped to this key, shared by all its windows. */
  globalState(): KeyedStateStore;
  /** Emits to a side output, with the window's max timestamp as timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/**
 * Evaluates a window with all its elements (or the pre-aggregated value when combined with
 * `reduce`/`aggregate`) and context about the window (Flink's ProcessWindowFunction). Results carry
 * the window's max timestamp.
 *
 * @example
 * class CountPerWindow extends ProcessWindowFunction<Click, string, string, TimeWindow> {
 *   process(user: string, ctx: ProcessWindowContext<TimeWindow>, clicks: Iterable<Click>, out: Collector<string>) {
 *     let n = 0;
 *     for (const _ of clicks) n++;
 *     out.collect(`${user}: ${n} clicks in [${ctx.window.start}, ${ctx.window.end})`);
 *   }
 * }
 * clicks.keyBy((c) => c.user).window(TumblingEventTimeWindows.of(Time.minutes(1))).process(new CountPerWindow());
 */
export abstract class ProcessWindowFunction<IN, OUT, KEY, W> extends AbstractRichFunction {
  abstract process(
    key: KEY,
    context: ProcessWindowContext<W>,
    elements: Iterable<IN>,
    out: Collector<OUT>,
  ): void;
  /** Called when the window is purged at cleanup time: drop per-window state kept in windowState(). */
  clear(_context: ProcessWindowContext<W>): void {}
}

/**
 * ProcessWindowFunction for `windowAll` (Flink's ProcessAllWindowFunction): no key.
 *
 * @example
 * class Total extends ProcessAllWindowFunction<number, number, TimeWindow> {
 *   process(ctx, values, out) { let s = 0; for (const v of values) s += v; out.collect(s); }
 * }
 * numbers.windowAll(TumblingEventTimeWindows.of(Time.seconds(5))).process(new Total());
 */
export abstract class ProcessAllWindowFunction<IN, OUT, W> extends AbstractRichFunction {
  abstract process(context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
  clear(_context: ProcessWindowContext<W>): void {}
}

/** A ProcessWindowFunction given as an object with `process` (and optionally `clear`). */
export type ProcessWindowFunctionLike<IN, OUT, KEY, W> =
  | ProcessWindowFunction<IN, OUT, KEY, W>
  | {
      process(key: KEY, context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
      clear?(context: ProcessWindowContext<W>): void;
    };

/** What `process(...)` accepts: a ProcessWindowFunction, an object with `process`, or a plain function. */
export type ProcessWindowFunctionArg<IN, OUT, KEY, W> =
  | ProcessWindowFunctionLike<IN, OUT, KEY, W>
  | ((key: KEY, context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>) => void);

/** A ProcessAllWindowFunction given as an object with `process` (and optionally `clear`). */
export type ProcessAllWindowFunctionLike<IN, OUT, W> =
  | ProcessAllWindowFunction<IN, OUT, W>
  | {
      process(context: ProcessWindowContext<W>, elements: Iterable<IN>, out: Collector<OUT>): void;
      clear?(context: ProcessWindowContext<W>): void;
    };
