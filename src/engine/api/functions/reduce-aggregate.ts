/** Combines two values into one; a plain function or an object with Flink's `reduce` method. */
export type ReduceFunction<T> = ((a: T, b: T) => T) | { reduce(a: T, b: T): T };

/**
 * Incremental aggregation, as Flink's AggregateFunction. `add` may mutate and return the accumulator.
 *
 * @example
 * const avg: AggregateFunction<number, [number, number], number> = {
 *   createAccumulator: () => [0, 0],
 *   add: (v, acc) => [acc[0] + v, acc[1] + 1],
 *   getResult: (acc) => acc[0] / acc[1],
 *   merge: (a, b) => [a[0] + b[0], a[1] + b[1]],
 * };
 */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}

/** Turns either form of ReduceFunction into a plain two-argument function. */
export function toReduce<T>(fn: ReduceFunction<T>, where: string): (a: T, b: T) => T {
  if (typeof fn === 'function') return fn;
  if (fn && typeof fn.reduce === 'function') return (a, b) => fn.reduce(a, b);
  throw new TypeError(`${where}: expected a function (a, b) => value or an object with reduce(a, b)`);
}

/** Checks that an object has all four AggregateFunction methods, naming the missing one. */
export function checkAggregate<IN, ACC, OUT>(fn: AggregateFunction<IN, ACC, OUT>, where: string): void {
  for (const m of ['createAccumulator', 'add', 'getResult', 'merge'] as const) {
    if (!fn || typeof fn[m] !== 'function') {
      throw new TypeError(
        `${where}: the AggregateFunction lacks ${m}(); it needs createAccumulator, add, getResult and merge`,
      );
    }
  }
}
