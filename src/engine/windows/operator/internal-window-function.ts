import type { AggregateFunction } from '../../api/functions/reduce-aggregate.ts';
import type { Collector } from '../../api/functions/functions.ts';
import type {
  ProcessAllWindowFunctionLike,
  ProcessWindowContext,
  ProcessWindowFunctionLike,
} from '../../api/functions/process-window-function.ts';
import { AbstractRichFunction } from '../../api/functions/rich-function.ts';
import type { AllWindowFunction, WindowFunction } from '../../api/functions/window-function.ts';

/**
 * How the window operator hands a window's contents to the user (Flink's InternalWindowFunction):
 * `input` is what the window state returns — a reduced value, an aggregate result, or the elements.
 * `rich` lists the user's rich functions so the operator can run their open/close lifecycle.
 */
export interface InternalWindowFunction<IN, OUT, K, W> {
  readonly rich: readonly AbstractRichFunction[];
  process(key: K, window: W, context: ProcessWindowContext<W>, input: IN, out: Collector<OUT>): void;
  clear(window: W, context: ProcessWindowContext<W>): void;
}

/** Marks adapters (windowAll) with the user's rich functions they wrap. */
const RICH = Symbol('rich functions');

const richOf = (...fns: unknown[]): AbstractRichFunction[] =>
  fns.flatMap((f) =>
    f instanceof AbstractRichFunction
      ? [f]
      : f !== null && typeof f === 'object' && Array.isArray((f as { [RICH]?: unknown })[RICH])
        ? (f as { [RICH]: AbstractRichFunction[] })[RICH]
        : [],
  );

/** Emits the window's single value as is (reduce or aggregate without a window function). */
export function emitValue<T>(): InternalWindowFunction<T, T, unknown, unknown> {
  return { rich: [], process: (_k, _w, _c, value, out) => out.collect(value), clear: () => {} };
}

/** Calls a ProcessWindowFunction with the window's single pre-aggregated value. */
export function processSingle<V, OUT, K, W>(
  fn: ProcessWindowFunctionLike<V, OUT, K, W>,
): InternalWindowFunction<V, OUT, K, W> {
  return {
    rich: richOf(fn),
    // A fresh array per firing: user code may keep or emit `elements`.
    process: (key, _w, ctx, value, out) => fn.process(key, ctx, [value], out),
    clear: (_w, ctx) => fn.clear?.(ctx),
  };
}

/** Calls a ProcessWindowFunction with all the window's elements. */
export function processIterable<V, OUT, K, W>(
  fn: ProcessWindowFunctionLike<V, OUT, K, W>,
): InternalWindowFunction<Iterable<V>, OUT, K, W> {
  return {
    rich: richOf(fn),
    process: (key, _w, ctx, values, out) => fn.process(key, ctx, values, out),
    clear: (_w, ctx) => fn.clear?.(ctx),
  };
}

/** Calls a WindowFunction (`apply`) with all the window's elements. */
export function applyIterable<V, OUT, K, W>(
  fn: WindowFunction<V, OUT, K, W>,
  where: string,
): InternalWindowFunction<Iterable<V>, OUT, K, W> {
  const apply =
    typeof fn === 'function'
      ? fn
      : fn && typeof fn.apply === 'function'
        ? (k: K, w: W, v: Iterable<V>, o: Collector<OUT>) => fn.apply(k, w, v, o)
        : null;
  if (apply === null) {
    throw new TypeError(
      `${where}: expected a function (key, window, input, out) => void or an object with apply(...)`,
    );
  }
  return {
    rich: richOf(fn),
    process: (key, w, _c, values, out) => apply(key, w, values, out),
    clear: () => {},
  };
}

/** Adapts a ProcessAllWindowFunction to the keyed shape (the constant key is dropped). */
export function fromProcessAll<V, OUT, W>(
  fn: ProcessAllWindowFunctionLike<V, OUT, W>,
): ProcessWindowFunctionLike<V, OUT, unknown, W> {
  const adapter: ProcessWindowFunctionLike<V, OUT, unknown, W> & { [RICH]: AbstractRichFunction[] } = {
    [RICH]: richOf(fn),
    process: (_key, ctx, values, out) => fn.process(ctx, values, out),
    clear: (ctx) => fn.clear?.(ctx),
  };
  return adapter;
}

/** Adapts an AllWindowFunction to the keyed shape. */
export function fromAllApply<V, OUT, W>(
  fn: AllWindowFunction<V, OUT, W>,
  where: string,
): WindowFunction<V, OUT, unknown, W> {
  if (typeof fn === 'function') return (_k, w, v, o) => fn(w, v, o);
  if (fn && typeof fn.apply === 'function') return (_k, w, v, o) => fn.apply(w, v, o);
  throw new TypeError(
    `${where}: expected a function (window, input, out) => void or an object with apply(...)`,
  );
}

/** Folds the (evicted) elements with a reduce function, then hands the result on (evicting windows). */
export function foldReduce<V, OUT, K, W>(
  reduce: (a: V, b: V) => V,
  inner: InternalWindowFunction<V, OUT, K, W>,
): InternalWindowFunction<Iterable<V>, OUT, K, W> {
  return {
    rich: inner.rich,
    process(key, w, ctx, values, out) {
      let acc: V | undefined;
      let first = true;
      for (const v of values) {
        acc = first ? v : reduce(acc as V, v);
        first = false;
      }
      if (!first) inner.process(key, w, ctx, acc as V, out);
    },
    clear: (w, ctx) => inner.clear(w, ctx),
  };
}

/** Aggregates the (evicted) elements, then hands the result on (evicting windows). */
export function foldAggregate<V, ACC, R, OUT, K, W>(
  agg: AggregateFunction<V, ACC, R>,
  inner: InternalWindowFunction<R, OUT, K, W>,
): InternalWindowFunction<Iterable<V>, OUT, K, W> {
  return {
    rich: [...richOf(agg), ...inner.rich],
    process(key, w, ctx, values, out) {
      let acc = agg.createAccumulator();
      for (const v of values) acc = agg.add(v, acc);
      inner.process(key, w, ctx, agg.getResult(acc), out);
    },
    clear: (w, ctx) => inner.clear(w, ctx),
  };
}
