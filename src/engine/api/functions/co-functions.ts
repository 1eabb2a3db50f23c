import { AbstractRichFunction } from './rich-function.ts';
import type { Collector } from './functions.ts';
import type {
  KeyedOnTimerContext,
  KeyedProcessContext,
  OnTimerContext,
  ProcessContext,
} from './process-function.ts';

/** Maps the two inputs of connected streams (Flink's CoMapFunction). @example streams.map({ map1: (a: number) => `${a}`, map2: (b: string) => b }) */
export interface CoMapFunction<I1, I2, O> {
  map1(value: I1): O;
  map2(value: I2): O;
}
/** FlatMaps the two inputs of connected streams. @example streams.flatMap({ flatMap1: (a, out) => out.collect(a), flatMap2: () => {} }) */
export interface CoFlatMapFunction<I1, I2, O> {
  flatMap1(value: I1, out: Collector<O>): void;
  flatMap2(value: I2, out: Collector<O>): void;
}
/** A CoMapFunction with lifecycle and state. @example class M extends RichCoMapFunction<number, string, string> { map1(a: number) { return `${a}`; } map2(b: string) { return b; } } */
export abstract class RichCoMapFunction<I1, I2, O>
  extends AbstractRichFunction
  implements CoMapFunction<I1, I2, O>
{
  abstract map1(value: I1): O;
  abstract map2(value: I2): O;
}
/** A CoFlatMapFunction with lifecycle and state (e.g. a keyed join buffering one side). @example class J extends RichCoFlatMapFunction<A, B, C> { ... } */
export abstract class RichCoFlatMapFunction<I1, I2, O>
  extends AbstractRichFunction
  implements CoFlatMapFunction<I1, I2, O>
{
  abstract flatMap1(value: I1, out: Collector<O>): void;
  abstract flatMap2(value: I2, out: Collector<O>): void;
}

/**
 * Processes the two inputs of connected streams (Flink's CoProcessFunction).
 *
 * @example
 * class Merge extends CoProcessFunction<number, string, string> {
 *   processElement1(n: number, _ctx: ProcessContext, out: Collector<string>) { out.collect(`n=${n}`); }
 *   processElement2(s: string, _ctx: ProcessContext, out: Collector<string>) { out.collect(s); }
 * }
 */
export abstract class CoProcessFunction<I1, I2, O> extends AbstractRichFunction {
  abstract processElement1(value: I1, ctx: ProcessContext, out: Collector<O>): void;
  abstract processElement2(value: I2, ctx: ProcessContext, out: Collector<O>): void;
  onTimer(_timestamp: number, _ctx: OnTimerContext, _out: Collector<O>): void {}
}

/**
 * Processes two keyed inputs with shared keyed state and timers (Flink's KeyedCoProcessFunction).
 *
 * @example
 * class Join extends KeyedCoProcessFunction<string, Order, Payment, string> {
 *   processElement1(o: Order, ctx: KeyedProcessContext<string>, out: Collector<string>) { ... }
 *   processElement2(p: Payment, ctx: KeyedProcessContext<string>, out: Collector<string>) { ... }
 * }
 */
export abstract class KeyedCoProcessFunction<K, I1, I2, O> extends AbstractRichFunction {
  abstract processElement1(value: I1, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  abstract processElement2(value: I2, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer(_timestamp: number, _ctx: KeyedOnTimerContext<K>, _out: Collector<O>): void {}
}
